import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { safeRedirectTarget } from '@/lib/http/redirect-target'

const base = 'http://localhost:3000'

describe('R14 redirect targets after sign-in stay on our origin (issue 16.1)', () => {
  it('R14 keeps same-origin paths with query and hash', () => {
    expect(safeRedirectTarget('/journal', base)).toBe('/journal')
    expect(safeRedirectTarget('/bookings/1?checkout=success#x', base)).toBe('/bookings/1?checkout=success#x')
    expect(safeRedirectTarget('http://localhost:3000/coach', base)).toBe('/coach')
  })

  it.each([
    ['a tab after the slash (browsers drop it)', '/\t/example.org'],
    ['a newline', '/journal\nSet-Cookie: x=1'],
    ['a carriage return', '/\r/example.org'],
    ['a NUL', '/\u0000/example.org'],
    ['a backslash', '/\\example.org'],
    ['two backslashes', '\\\\example.org'],
    ['protocol-relative', '//example.org'],
    ['another origin', 'https://example.org/journal'],
    ['another port', 'http://localhost:4000/journal'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['dot segments that collapse to //', '/.//example.org'],
    ['parent segments that collapse to //', '/..//example.org'],
    ['empty', ''],
    ['not a string', ['/a', '/b']],
    ['too long', '/' + 'a'.repeat(3000)],
  ])('R14 refuses %s', (_label, next) => {
    expect(safeRedirectTarget(next, base)).toBeNull()
  })

  it('R14 the decoded form of the reported attack (/sign-in?next=%2F%09%2Fexample.org) is refused', () => {
    const next = new URL('http://localhost:3000/sign-in?next=%2F%09%2Fexample.org').searchParams.get('next')
    expect(safeRedirectTarget(next, base)).toBeNull()
  })

  it('R14 whatever is posted, the answer is null or a path on our origin that a browser cannot read as another host', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string({ unit: 'binary' })), (next) => {
        const target = safeRedirectTarget(next, base)
        if (target === null) return
        expect(target.startsWith('/') && !target.startsWith('//')).toBe(true)
        expect(/[\u0000-\u001f\\]/.test(target)).toBe(false)
        // The browser resolves it against the page: it must stay on our origin.
        expect(new URL(target, 'http://localhost:3000/sign-in').origin).toBe(base)
      }),
      { numRuns: 2000 },
    )
  })
})
