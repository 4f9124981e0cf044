import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NextRequest } from 'next/server'
import { afterAll, describe, expect, it } from 'vitest'
import { PUBLIC_CONFIG_META, publicConfigFingerprint } from '@/lib/config/public-config'
import {
  builtConfig,
  inlineScriptHashes,
  keptPublicAddress,
  type Prerendered,
  prerenderedTarget,
  readPrerendered,
} from '@/lib/http/prerendered'
import {
  type PrerenderedDeps,
  prerenderedPostRoute,
  prerenderedResponse,
} from '@/lib/http/prerendered-response'
import { contentSecurityPolicy } from '@/lib/http/security-headers'

// R14, issue 18: the prerendered public pages get a CSP without a nonce that allows exactly their inline scripts.
const directive = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1)
    .split(' ') ?? []

const ALERT = 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='
const A_NEWLINE_B = 'sha256-fhj3NzEbLcOy8mndeDlrA1HxT7Zu+oefdoyyMYGIPHg='
const EMPTY = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='

const practice = {
  PRACTICE_NAME: 'Praxis Muster',
  PRACTICE_ADDRESS: 'Weg 1, 8000 Zürich',
  PRACTICE_EMAIL: 'info@example.ch',
}

describe('R14 the CSP of a prerendered page', () => {
  const base = { pathname: '/datenschutz', dev: false, clerk: false, stripe: false, daily: false }

  it('allows its inline scripts by hash and same-origin chunks; no nonce, no unsafe-inline, no strict-dynamic', () => {
    const csp = contentSecurityPolicy({ ...base, scriptHashes: [ALERT, EMPTY] })
    expect(directive(csp, 'script-src')).toEqual(["'self'", `'${ALERT}'`, `'${EMPTY}'`])
    expect(csp).not.toMatch(/nonce|strict-dynamic|unsafe-eval/)
    expect(directive(csp, 'script-src')).not.toContain("'unsafe-inline'")
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"])
    expect(directive(csp, 'object-src')).toEqual(["'none'"])
  })

  it('without hashes only same-origin script files run', () => {
    expect(directive(contentSecurityPolicy(base), 'script-src')).toEqual(["'self'"])
  })

  it('a nonce wins over hashes (pages rendered per request keep the nonce policy)', () => {
    const csp = contentSecurityPolicy({ ...base, nonce: 'n1', scriptHashes: [ALERT] })
    expect(directive(csp, 'script-src')).toEqual(["'self'", "'nonce-n1'", "'strict-dynamic'"])
  })
})

describe('issue 18 inline script hashes of a built page', () => {
  it('hashes each inline script as the browser parses it, skips script files, once per distinct text', () => {
    const html =
      '<html><head><script src="/_next/static/chunks/a.js" async=""></script><script>alert(1)</script>' +
      '</head><body><script >alert(1)</script><script id="x">a\r\nb</script><script></script>' +
      '<script type="text/javascript" src="/b.js"></script></body></html>'
    expect(inlineScriptHashes(html)).toEqual([ALERT, A_NEWLINE_B, EMPTY])
  })

  it('reads the configuration digest from the page', () => {
    expect(builtConfig(`<meta name="${PUBLIC_CONFIG_META}" content="abc_-1"/>`)).toBe('abc_-1')
    expect(builtConfig('<meta name="description" content="x"/>')).toBeUndefined()
  })
})

describe('issue 18 which requests the proxy serves from the build', () => {
  it('the public addresses, and the internal ones with their language', () => {
    expect(prerenderedTarget('/datenschutz')).toEqual({ page: 'datenschutz' })
    expect(prerenderedTarget('/account-deleted/')).toEqual({ page: 'account-deleted' })
    expect(prerenderedTarget('/prerendered/en/impressum')).toEqual({ page: 'impressum', locale: 'en' })
    for (const other of [
      '/signed-out',
      '/sign-in/factor-one',
      '/journal',
      '/datenschutz/x',
      '/prerendered/fr/impressum',
      '/',
      '/prerendered',
    ])
      expect(prerenderedTarget(other)).toBeNull()
  })

  it('the sign-in page: ?abgemeldet picks the copy with the notice; ?next= does not change the document', () => {
    const q = (search: string) => new URLSearchParams(search)
    expect(prerenderedTarget('/sign-in')).toEqual({ page: 'sign-in' })
    expect(prerenderedTarget('/sign-in', q('next=%2Fjournal'))).toEqual({ page: 'sign-in' })
    expect(prerenderedTarget('/sign-in', q('abgemeldet=1'))).toEqual({ page: 'signed-out' })
    expect(prerenderedTarget('/sign-in', q('abgemeldet'))).toEqual({ page: 'signed-out' })
    expect(prerenderedTarget('/prerendered/de/signed-out')).toEqual({ page: 'signed-out', locale: 'de' })
  })

  it("the proxy's second run for a rewritten form post keeps the visitor's address of the same page only", () => {
    expect(keptPublicAddress('/prerendered/de/sign-in', '/sign-in?next=%2Fbookings')).toBe(
      '/sign-in?next=%2Fbookings',
    )
    expect(keptPublicAddress('/prerendered/en/signed-out', '/sign-in?abgemeldet=1')).toBe(
      '/sign-in?abgemeldet=1',
    )
    expect(keptPublicAddress('/prerendered/de/datenschutz', '/datenschutz')).toBe('/datenschutz')
    for (const [internal, seen] of [
      ['/prerendered/de/sign-in', '/datenschutz'], // another page
      ['/prerendered/de/sign-in', '/sign-in?abgemeldet=1'], // the other copy
      ['/prerendered/de/sign-in', '//evil.example/sign-in'],
      ['/prerendered/de/sign-in', 'https://evil.example/sign-in'],
      ['/prerendered/de/sign-in', '/prerendered/de/sign-in'],
      ['/prerendered/de/sign-in', null],
      ['/sign-in', '/sign-in?next=%2Fx'], // not a rewrite
      ['/journal', '/sign-in'],
    ] as const)
      expect(keptPublicAddress(internal, seen), `${internal} ← ${seen}`).toBeNull()
  })

  it('reads a built page once: its hashes, digest and ETag; a missing build → null', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prerendered-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    mkdirSync(join(dir, 'prerendered', 'en'), { recursive: true })
    writeFileSync(
      join(dir, 'prerendered', 'en', 'impressum.html'),
      `<meta name="${PUBLIC_CONFIG_META}" content="d1"/><script>alert(1)</script>`,
    )
    expect(readPrerendered('en', 'impressum', dir)).toMatchObject({ scriptHashes: [ALERT], config: 'd1' })
    expect(readPrerendered('en', 'impressum', dir)?.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/)
    expect(readPrerendered('de', 'impressum', dir)).toBeNull()
  })
})

describe('issue 18 the configuration digest of the public pages', () => {
  it('changes with what the pages show, not with the value of a key', () => {
    const plain = publicConfigFingerprint(practice)
    expect(plain).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(publicConfigFingerprint({ ...practice })).toBe(plain)
    expect(publicConfigFingerprint({ ...practice, PRACTICE_ADDRESS: 'Weg 2, 8000 Zürich' })).not.toBe(plain)
    const mistral = publicConfigFingerprint({ ...practice, MISTRAL_API_KEY: 'k1' })
    expect(mistral).not.toBe(plain)
    expect(publicConfigFingerprint({ ...practice, MISTRAL_API_KEY: 'k2' })).toBe(mistral)
    expect(publicConfigFingerprint({ ...practice, AI_RECIPIENT_COUNTRY: 'CH' })).not.toBe(plain)
    expect(
      publicConfigFingerprint({
        ...practice,
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk',
        CLERK_SECRET_KEY: 'sk',
      }),
    ).not.toBe(plain)
  })
})

describe('issue 18 the proxy: the built document, or rendering per request', () => {
  const built: Prerendered = {
    html: '<html lang="en-GB">built</html>',
    etag: '"e1"',
    scriptHashes: [ALERT],
    config: 'c1',
  }
  const asked: string[] = []
  const deps: PrerenderedDeps = {
    production: true,
    localSignIn: true,
    configNow: 'c1',
    read: (locale, page) => {
      asked.push(`${locale}/${page}`)
      return built
    },
    headers: (_pathname, hashes) => ({
      'Content-Security-Policy': `script-src 'self' '${hashes.join("' '")}'`,
    }),
  }
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new NextRequest(`http://localhost${path}`, { method, headers })

  it('answers the document itself: hash CSP, Vary, no shared caching, ETag → 304', async () => {
    asked.length = 0
    const response = prerenderedResponse(get('/datenschutz', { 'accept-language': 'en-US,en;q=0.9' }), deps)!
    expect(asked).toEqual(['en/datenschutz'])
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(built.html)
    expect(response.headers.get('content-security-policy')).toBe(`script-src 'self' '${ALERT}'`)
    expect(response.headers.get('vary')).toBe('Cookie, Accept-Language')
    expect(response.headers.get('cache-control')).toBe('private, no-cache')
    expect(prerenderedResponse(get('/datenschutz', { 'if-none-match': '"e1"' }), deps)!.status).toBe(304)
    expect(await prerenderedResponse(get('/datenschutz', {}, 'HEAD'), deps)!.text()).toBe('')
  })

  it('the language: the cookie over the browser, the browser over the default (de)', () => {
    asked.length = 0
    prerenderedResponse(get('/impressum', { cookie: 'NEXT_LOCALE=en', 'accept-language': 'de-CH' }), deps)
    prerenderedResponse(get('/impressum', { cookie: 'NEXT_LOCALE=de', 'accept-language': 'en' }), deps)
    prerenderedResponse(get('/impressum'), deps)
    expect(asked).toEqual(['en/impressum', 'de/impressum', 'de/impressum'])
  })

  it("Next's payload requests are rewritten to the built route, with the same policy", () => {
    const response = prerenderedResponse(
      // (the RSC header itself never reaches the proxy: Next strips it; the browser marks a fetch)
      get('/account-deleted', { 'sec-fetch-dest': 'empty', cookie: 'NEXT_LOCALE=en' }),
      deps,
    )!
    expect(response.headers.get('x-middleware-rewrite')).toBe(
      'http://localhost/prerendered/en/account-deleted',
    )
    expect(response.headers.get('content-security-policy')).toContain(ALERT)
  })

  it('renders per request (null): next dev, a form post, another configuration, no build, a session without a language', () => {
    expect(prerenderedResponse(get('/datenschutz'), { ...deps, production: false })).toBeNull()
    expect(prerenderedResponse(get('/datenschutz', {}, 'POST'), deps)).toBeNull()
    expect(prerenderedResponse(get('/datenschutz'), { ...deps, configNow: 'c2' })).toBeNull()
    expect(prerenderedResponse(get('/datenschutz'), { ...deps, read: () => null })).toBeNull()
    expect(prerenderedResponse(get('/datenschutz', { cookie: 'mialma_session=x' }), deps)).toBeNull()
    expect(prerenderedResponse(get('/datenschutz', { cookie: '__session=x' }), deps)).toBeNull()
    // With a language chosen, the session does not matter: the page shows nothing personal.
    expect(
      prerenderedResponse(get('/datenschutz', { cookie: 'mialma_session=x; NEXT_LOCALE=de' }), deps),
    ).not.toBeNull()
    expect(prerenderedResponse(get('/gibt-es-nicht'), deps)).toBeNull()
  })

  it('a form posted from a page served from the build is answered by the route it was built from', () => {
    const post = (path: string, headers: Record<string, string> = {}) =>
      prerenderedPostRoute(get(path, headers, 'POST'), deps)?.toString() ?? null
    expect(post('/sign-in?next=%2Fjournal', { 'accept-language': 'en' })).toBe(
      'http://localhost/prerendered/en/sign-in?next=%2Fjournal',
    )
    expect(post('/sign-in?abgemeldet=1')).toBe('http://localhost/prerendered/de/signed-out?abgemeldet=1')
    expect(post('/datenschutz', { cookie: 'NEXT_LOCALE=en' })).toBe(
      'http://localhost/prerendered/en/datenschutz',
    )
    // Where a GET renders per request, so does the post: the same page answers.
    expect(post('/sign-in', { cookie: 'mialma_session=x' })).toBeNull()
    expect(prerenderedPostRoute(get('/sign-in', {}, 'POST'), { ...deps, production: false })).toBeNull()
    expect(prerenderedPostRoute(get('/sign-in', {}, 'POST'), { ...deps, localSignIn: false })).toBeNull()
    expect(post('/journal')).toBeNull()
    // With JavaScript the router posts the action itself: the page rendered per request answers, as before.
    expect(post('/sign-in', { 'next-action': 'abc' })).toBeNull()
    expect(post('/prerendered/de/sign-in')).toBeNull()
    expect(prerenderedPostRoute(get('/sign-in'), deps)).toBeNull()
  })

  it('the sign-in page from the build only in local mode and only without any session cookie', () => {
    asked.length = 0
    expect(prerenderedResponse(get('/sign-in?next=%2Fjournal'), deps)?.status).toBe(200)
    expect(
      prerenderedResponse(get('/sign-in?abgemeldet=1', { cookie: 'NEXT_LOCALE=en' }), deps)?.status,
    ).toBe(200)
    expect(asked).toEqual(['de/sign-in', 'en/signed-out'])
    // Signed in (→ home) or a session no longer valid (→ a notice): only the page rendered per request knows.
    for (const cookie of ['mialma_session=x', 'mialma_session=x; NEXT_LOCALE=de', '__session=x'])
      expect(prerenderedResponse(get('/sign-in', { cookie }), deps), cookie).toBeNull()
    // Clerk's sign-in is rendered per request, also at the internal address.
    expect(prerenderedResponse(get('/sign-in'), { ...deps, localSignIn: false })).toBeNull()
    expect(prerenderedResponse(get('/prerendered/de/sign-in'), { ...deps, localSignIn: false })).toBeNull()
  })
})
