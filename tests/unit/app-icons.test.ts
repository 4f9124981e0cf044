import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import manifest from '@/app/manifest'

const PNG = [0x89, 0x50, 0x4e, 0x47]
function pngSize(path: string) {
  const bytes = readFileSync(path)
  expect([...bytes.subarray(0, 4)], path).toEqual(PNG)
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)]
}

describe('R15.2 icons and web manifest (no 404 for the favicon, installable on a phone)', () => {
  it('app/icon.svg and app/apple-icon.png exist (Next links them from every page)', () => {
    expect(readFileSync('app/icon.svg', 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 64 64"/)
    expect(pngSize('app/apple-icon.png')).toEqual([180, 180])
  })

  it('the manifest names the app and lists icons that exist in the sizes it says', () => {
    const m = manifest()
    expect(m).toMatchObject({ name: 'Mi Alma', short_name: 'Mi Alma', start_url: '/', display: 'standalone' })
    for (const icon of m.icons ?? []) {
      const path = `public${icon.src}`
      if (icon.type === 'image/png') {
        const [w, h] = pngSize(path)
        expect(`${w}x${h}`).toBe(icon.sizes)
      } else expect(readFileSync(icon.src === '/icon.svg' ? 'app/icon.svg' : path, 'utf8')).toContain('<svg')
    }
  })
})
