import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { type Browser, expect, type Page, test } from '@playwright/test'

/**
 * Issue 18 / R14: the public pages that need no session are built ahead (app/prerendered), served at their usual
 * address in the visitor's language, under a CSP without a nonce that allows exactly their inline scripts.
 * Needs a build made with the e2e server's AI configuration (scripts/test.sh: MISTRAL_API_KEY at build);
 * otherwise the proxy renders these pages per request and the first test says so.
 */
const PAGES = [
  { path: '/datenschutz', de: 'Speicherdauer je Datenart', en: 'Retention period by kind of data' },
  { path: '/impressum', de: 'Impressum', en: 'Imprint' },
  { path: '/account-deleted', de: 'Dein Konto wurde gelöscht', en: 'Your account has been deleted' },
  { path: '/sign-in', de: 'Melde dich mit deiner E-Mail-Adresse', en: 'Sign in with your e-mail address' },
  {
    path: '/sign-in?next=%2Fbookings',
    de: 'Melde dich mit deiner E-Mail-Adresse',
    en: 'Sign in with your e-mail address',
  },
  { path: '/sign-in?abgemeldet=1', de: 'Du wurdest abgemeldet.', en: 'You have been signed out.' },
] as const
/** The documents the build holds: one per page and language ("signed-out" is /sign-in?abgemeldet=1). */
const BUILT = ['/datenschutz', '/impressum', '/account-deleted', '/sign-in', '/signed-out'] as const
const ENGLISH_BROWSER = 'en-US,en;q=0.9,de;q=0.5'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64')
const tokens = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([directive]) => directive === name)
    ?.slice(1) ?? []

/** (a) a strict policy: scripts from our origin and by hash only; the rest as on every page. */
function expectStrictStaticPolicy(csp: string, where: string) {
  const scripts = tokens(csp, 'script-src')
  expect(scripts[0], `${where}: script-src starts with 'self'`).toBe("'self'")
  const hashes = scripts.slice(1)
  expect(
    hashes.length,
    `${where}: served from the build (a policy with hashes, not the nonce one)`,
  ).toBeGreaterThan(0)
  for (const source of hashes) expect(source, where).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/)
  expect(csp, where).not.toMatch(/'unsafe-eval'|'nonce-|strict-dynamic/)
  expect(scripts, where).not.toContain("'unsafe-inline'")
  for (const wildcard of ['*', 'https:', 'http:', 'data:', 'blob:'])
    expect(scripts, `${where}: no wildcard source for scripts`).not.toContain(wildcard)
  expect(tokens(csp, 'default-src')).toEqual(["'self'"])
  expect(tokens(csp, 'object-src')).toEqual(["'none'"])
  expect(tokens(csp, 'base-uri')).toEqual(["'self'"])
  expect(tokens(csp, 'frame-ancestors')).toEqual(["'none'"])
  return hashes.map((h) => h.slice(1, -1))
}

test('issue 18 next build prerendered the public pages per language', () => {
  const manifest = JSON.parse(readFileSync('.next/prerender-manifest.json', 'utf8')) as {
    routes: Record<string, unknown>
  }
  for (const path of BUILT)
    for (const locale of ['de', 'en']) {
      expect(Object.keys(manifest.routes)).toContain(`/prerendered/${locale}${path}`)
      expect(existsSync(`.next/server/app/prerendered/${locale}${path}.html`)).toBe(true)
    }
})

test('R14 issue 18 public pages come from the build with a strict hash CSP, in the language asked for', async ({
  request,
}) => {
  for (const { path } of PAGES) {
    for (const [asked, headers, lang] of [
      ['no preference', {}, 'de-CH'],
      ['Swiss German browser', { 'accept-language': 'de-CH,de;q=0.9,en;q=0.8' }, 'de-CH'],
      ['English browser', { 'accept-language': ENGLISH_BROWSER }, 'en-GB'],
      ['language cookie en', { 'accept-language': 'de-CH', cookie: 'NEXT_LOCALE=en' }, 'en-GB'],
      ['language cookie de', { 'accept-language': ENGLISH_BROWSER, cookie: 'NEXT_LOCALE=de' }, 'de-CH'],
    ] as const) {
      const where = `${path}, ${asked}`
      const response = await request.get(path, { headers, maxRedirects: 0 })
      expect(response.status(), where).toBe(200)
      const html = await response.text()
      expect(html, where).toContain(`<html lang="${lang}"`)
      const hashes = expectStrictStaticPolicy(response.headers()['content-security-policy']!, where)
      // (b) on the server's side too: no script carries a nonce, every inline one is in the header (the browser
      // test below hashes them independently).
      expect(html, where).not.toMatch(/<script[^>]*\snonce=/)
      const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      expect(inline.length, where).toBeGreaterThan(0)
      for (const [, text] of inline) expect(hashes, where).toContain(`sha256-${sha256(text!)}`)
      // One address, two languages: caches keep them apart and ask again; the same build answers 304.
      const vary = (response.headers()['vary'] ?? '').toLowerCase()
      expect(vary, where).toContain('cookie')
      expect(vary, where).toContain('accept-language')
      expect(response.headers()['cache-control'], where).toBe('private, no-cache')
      const etag = response.headers()['etag']!
      const again = await request.get(path, { headers: { ...headers, 'if-none-match': etag } })
      expect(again.status(), where).toBe(304)
      expect(response.headers()['x-frame-options']).toBe('DENY')
      expect(response.headers()['set-cookie'], `${where}: visiting sets no cookie`).toBeUndefined()
    }
    // The two languages are two documents with their own scripts, so their own hashes.
    const de = await request.get(path, { headers: { cookie: 'NEXT_LOCALE=de' } })
    const en = await request.get(path, { headers: { cookie: 'NEXT_LOCALE=en' } })
    expect(de.headers()['etag']).not.toBe(en.headers()['etag'])
    expect(de.headers()['content-security-policy']).not.toBe(en.headers()['content-security-policy'])
  }
  // A possibly signed-in person without a language cookie reads in their profile language: rendered per request
  // under the nonce policy. So does a form post (server actions run on the page rendered per request).
  const session = await request.get('/datenschutz', { headers: { cookie: 'mialma_session=x' } })
  expect(tokens(session.headers()['content-security-policy']!, 'script-src').join(' ')).toMatch(/'nonce-/)
  // The sign-in page with any session cookie, even with a language chosen: rendered per request (signed in → home,
  // a session no longer valid → the notice).
  const stale = await request.get('/sign-in', { headers: { cookie: 'mialma_session=x.y; NEXT_LOCALE=de' } })
  expect(tokens(stale.headers()['content-security-policy']!, 'script-src').join(' ')).toMatch(/'nonce-/)
  expect(await stale.text()).toContain('Deine Sitzung ist abgelaufen oder ungültig.')
  // Two root layouts: an unknown address still gets the app's 404 page (app/global-not-found.tsx), per request.
  const unknown = await request.get('/gibt-es-nicht')
  expect(unknown.status()).toBe(404)
  expect(await unknown.text()).toContain('data-testid="site-footer"')
  expect(unknown.headers()['content-security-policy']).toMatch(/'nonce-/)
})

/** Chromium's SHA-256 of each inline script as parsed, and every CSP violation the page reports. */
async function inPage(page: Page) {
  return page.evaluate(async () => {
    const hashes: string[] = []
    for (const script of Array.from(document.querySelectorAll('script:not([src])'))) {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(script.textContent ?? ''))
      hashes.push(`sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`)
    }
    return { hashes, violations: (window as unknown as { __csp: string[] }).__csp }
  })
}

async function openWatched(browser: Browser, locale: string, cookie?: 'de' | 'en') {
  const context = await browser.newContext({ locale })
  const base = test.info().project.use.baseURL!
  if (cookie) await context.addCookies([{ name: 'NEXT_LOCALE', value: cookie, url: base }])
  // Registered through the DevTools protocol, so it runs under any CSP and sees every violation of the page.
  await context.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __csp: string[] }).__csp = seen
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    )
  })
  const page = await context.newPage()
  const logged: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) logged.push(m.text())
  })
  return { context, page, logged }
}

/** React has hydrated the page: its nodes carry React's fiber, and the footer's form is React's. */
async function expectHydrated(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() =>
        Object.keys(document.querySelector('main') ?? {}).some((k) => k.startsWith('__react')),
      ),
    )
    .toBe(true)
}

test('R14 issue 18 (c) the public pages hydrate in Chromium with no CSP violation; (d) English by browser and cookie', async ({
  browser,
}) => {
  for (const { path, de, en } of PAGES) {
    for (const [locale, cookie, words] of [
      ['en-US', undefined, en],
      ['de-CH', 'en', en],
      ['de-CH', undefined, de],
    ] as const) {
      const where = `${path} (${locale}${cookie ? `, cookie ${cookie}` : ''})`
      const { context, page, logged } = await openWatched(browser, locale, cookie)
      const response = await page.goto(path)
      const allowed = expectStrictStaticPolicy(response!.headers()['content-security-policy']!, where)
      await expect(page.getByText(words).first(), where).toBeVisible()
      await expectHydrated(page)
      const seen = await inPage(page)
      expect(seen.hashes.length, where).toBeGreaterThan(0)
      for (const hash of seen.hashes)
        expect(allowed, `${where}: inline script ${hash} allowed`).toContain(hash)
      expect(seen.violations, where).toEqual([])
      expect(logged, where).toEqual([])
      await context.close()
    }
  }
})

test('issue 18 the router moves between prerendered pages with their payload (not the HTML), in the chosen language', async ({
  browser,
}) => {
  for (const [cookie, heading] of [
    ['de', 'Impressum'],
    ['en', 'Imprint'],
  ] as const) {
    const { context, page, logged } = await openWatched(browser, 'de-CH', cookie)
    // Next strips its RSC header before the proxy sees it; the proxy tells the router's fetch by Sec-Fetch-Dest.
    const payloads: { url: string; type: string }[] = []
    page.on('response', (r) => {
      if (r.request().resourceType() === 'fetch')
        payloads.push({ url: r.url(), type: r.headers()['content-type'] ?? '' })
    })
    await page.goto('/datenschutz')
    await expectHydrated(page)
    const documents: string[] = []
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) documents.push(f.url())
    })
    await page.getByTestId('site-footer').getByRole('link', { name: heading }).click()
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await expect(page).toHaveURL(/\/impressum$/)
    const fetched = payloads.filter((p) => new URL(p.url).pathname.endsWith('/impressum'))
    expect(fetched.length, cookie).toBeGreaterThan(0)
    for (const p of fetched) expect(p.type, `${cookie}: ${p.url}`).toContain('text/x-component')
    expect(
      documents.every((u) => !u.includes('/prerendered/')),
      documents.join(' '),
    ).toBe(true)
    expect(logged).toEqual([])
    await context.close()
  }
})

test('issue 18 issue 19 the language switch on a prerendered page, with and without JavaScript; the choice is kept', async ({
  browser,
}) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ locale: 'en-US', javaScriptEnabled })
    const page = await context.newPage()
    await page.goto('/datenschutz')
    await expect(page.getByRole('table', { name: 'Retention period by kind of data' })).toBeVisible()
    await page.getByRole('button', { name: 'Deutsch' }).click()
    await expect(page.getByRole('table', { name: 'Speicherdauer je Datenart' })).toBeVisible()
    await expect(page).toHaveURL(/\/datenschutz$/)
    expect(await page.locator('html').getAttribute('lang')).toBe('de-CH')
    // Kept: the next public page and the sign-in page are German for this English browser.
    await page.goto('/impressum')
    await expect(page.getByRole('heading', { level: 1, name: 'Impressum' })).toBeVisible()
    await page.goto('/sign-in')
    await expect(page.getByRole('button', { name: 'Anmelden', exact: true })).toBeVisible()
    await context.close()
  }
})

test('issue 18 R1.2 the prerendered sign-in page: back to the page asked for, with and without JavaScript, and after switching language', async ({
  browser,
}) => {
  for (const javaScriptEnabled of [true, false]) {
    const where = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript'
    const context = await browser.newContext({ locale: 'de-CH', javaScriptEnabled })
    const page = await context.newPage()
    await page.goto('/bookings')
    await expect(page, where).toHaveURL(/\/sign-in\?next=%2Fbookings$/)
    // The language switch comes back to the sign-in page with its `next`.
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page, where).toHaveURL(/\/sign-in\?next=%2Fbookings$/)
    await expect(page.getByText('Sign in with your e-mail address'), where).toBeVisible()
    await page.getByLabel('E-mail address').fill('klient@mialma.test')
    await page.getByLabel('Password', { exact: true }).fill('wrong-password')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page.getByText(/e-mail address or password is wrong/i), where).toBeVisible()
    await page.getByLabel('E-mail address').fill('klient@mialma.test')
    await page.getByLabel('Password', { exact: true }).fill('demo-passwort')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page, where).toHaveURL(/\/bookings$/)
    // Signed in, the sign-in address leads home (rendered per request: the proxy saw the session cookie).
    await page.goto('/sign-in')
    await expect(page, where).toHaveURL(/\/journal$/)
    await context.close()
  }
})
