import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function tsxFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) tsxFiles(path, out)
    else if (path.endsWith('.tsx')) out.push(path)
  }
  return out
}

// A <Link …> whose text is a "Zurück zu …" message (keys named back, backTo…, …Back) or a backLabel prop.
const plainBackLink = /<Link\b[^>]*>\s*\{\s*(?:t\(\s*'[^']*\b(?:back|back[A-Z]\w*)'|backLabel\b)/g

describe('R15.2 "Zurück zu …" links keep their distance to the box below (BackLink)', () => {
  it('every back link in app/ and components/ is a BackLink, not an inline Link', () => {
    const offenders = [...tsxFiles('app'), ...tsxFiles('components')].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(plainBackLink)].map((m) => `${file}: ${m[0].slice(0, 80)}`),
    )
    expect(offenders).toEqual([])
  })

  it('BackLink is block-level (margins of space-y apply) and as tall as a touch target', () => {
    const source = readFileSync('components/ui/back-link.tsx', 'utf8')
    expect(source).toMatch(/'flex min-h-10 w-fit/)
  })
})
