import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = join(process.cwd(), 'lib/i18n/messages')
const load = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.values(value).flatMap(strings)
}

const germanFiles = readdirSync(dir).filter((f) => /^de(\..+)?\.json$/.test(f))

describe('UI messages (de-CH default, English second)', () => {
  it.each(germanFiles)('%s has the same keys as its English twin', (file) => {
    expect(keys(load(file.replace(/^de/, 'en'))).sort()).toEqual(keys(load(file)).sort())
  })

  it.each(germanFiles)('%s uses Swiss spelling (no ß)', (file) => {
    expect(strings(load(file)).filter((s) => s.includes('ß'))).toEqual([])
  })

  it('areas do not overwrite each other (distinct top-level keys)', () => {
    const all = germanFiles.flatMap((f) => Object.keys(load(f)))
    expect(new Set(all).size).toBe(all.length)
  })
})
