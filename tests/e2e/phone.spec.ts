import { type Browser, expect, type Page, test } from '@playwright/test'
import { createThrowawayClient, expectAccessible, signIn } from './helpers'

/** A phone (iPhone 12–15 size): the compact header, its menu, the footer on every page (R15.2). */
const PHONE = { width: 390, height: 844 }

async function phonePage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'de-CH', viewport: PHONE, hasTouch: true, ...options })
  return context.newPage()
}

async function openMenu(page: Page) {
  await page.getByText('Menü', { exact: true }).click()
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
  await expect(nav).toBeVisible()
  return nav
}

async function expectNoHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
}

test('R15.2 phone: a one-line header with a menu that marks the current section, the footer on every page', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const page = await phonePage(browser)
  await page.goto('/sign-in')
  // The footer before sign-in: privacy with its anchors, Impressum, language.
  const footer = page.getByRole('contentinfo')
  for (const name of ['Datenschutz', 'Speicherdauer', 'Einwilligungen', 'Impressum'])
    await expect(footer.getByRole('link', { name, exact: true })).toBeVisible()
  await expect(footer.getByRole('button', { name: 'English' })).toBeVisible()
  await expect(page.getByTestId('local-auth-banner')).toBeVisible()
  expect((await page.getByTestId('local-auth-banner').boundingBox())!.height).toBeLessThan(36)
  await expectNoHorizontalScroll(page)
  await expectAccessible(page)

  await signIn(page, 'klient@mialma.test')
  await expect(page).toHaveURL(/\/journal$/)
  const header = page.getByRole('banner')
  expect((await header.boundingBox())!.height).toBeLessThan(64)
  // The navigation is in the menu on a phone: hidden until the button opens it.
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toHaveCount(0)
  const summary = page.locator('summary', { hasText: 'Menü' })
  const menuAt = (await summary.boundingBox())!
  let nav = await openMenu(page)
  await expect(nav.getByRole('link', { name: 'Tagebuch' })).toHaveAttribute('aria-current', 'page')
  await expectAccessible(page)
  await nav.getByRole('link', { name: 'Einstellungen' }).click()
  await expect(page).toHaveURL(/\/settings\/profile$/)
  // The menu closes after navigating.
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toHaveCount(0)
  for (const path of ['/settings/profile', '/settings/privacy', '/settings/data']) {
    await page.goto(path)
    nav = await openMenu(page)
    await expect(nav.getByRole('link', { name: 'Einstellungen' }), path).toHaveAttribute(
      'aria-current',
      'page',
    )
    await expect(nav.getByRole('link', { name: 'Tagebuch' })).not.toHaveAttribute('aria-current', 'page')
    await expectNoHorizontalScroll(page)
  }
  // Signing out is in the menu too.
  await expect(nav.locator('..').getByRole('button', { name: 'Abmelden' })).toBeVisible()

  // "Zurück zu …" keeps its distance to the box below (space-y-6: 24 px).
  await page.goto('/bookings/new')
  const gap = await page.getByTestId('back-link').evaluate((link) => {
    const next = link.nextElementSibling!
    return next.getBoundingClientRect().top - link.getBoundingClientRect().bottom
  })
  expect(gap).toBeGreaterThanOrEqual(16)

  // A 404 inside the app shell has one main landmark, not one in another.
  const response = await page.goto('/journal/00000000-0000-4000-8000-000000000000')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Seite nicht gefunden' })).toBeVisible()
  await expect(page.locator('main')).toHaveCount(1)
  await expect(page.getByRole('banner')).toBeVisible()
  await expectAccessible(page)

  // The footer on a signed-in page; the consent texts one click away.
  await page.goto('/journal')
  await page.getByRole('contentinfo').getByRole('link', { name: 'Einwilligungen' }).click()
  await expect(page).toHaveURL(/\/datenschutz#einwilligungen$/)
  await expect(page.getByRole('heading', { level: 2, name: 'Einwilligungen' })).toBeInViewport()
  await expect(
    page.getByRole('heading', { level: 3, name: 'Übermittlung pseudonymisierter Daten an Mistral AI' }),
  ).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' }).click()
  await expect(page.getByTestId('practice-address')).toContainText('8500 Frauenfeld')
  await expectAccessible(page)

  // A long name does not move the header: the menu button stays where it was.
  const longName = 'Maximiliane Alexandra von Hohenberg-Schwarzenbach'
  const other = await phonePage(browser)
  const email = await createThrowawayClient(other, longName)
  await signIn(other, email)
  await expect(other.getByTestId('actor-name')).toHaveText(longName)
  expect(await other.locator('summary', { hasText: 'Menü' }).boundingBox()).toEqual(menuAt)
  expect((await other.getByRole('banner').boundingBox())!.height).toBeLessThan(64)
  await expectNoHorizontalScroll(other)
  await other.context().close()
  await page.context().close()
})

test('R15.2 phone without JavaScript: the menu still opens (details/summary)', async ({ browser }) => {
  const page = await phonePage(browser, { javaScriptEnabled: false })
  await signIn(page, 'klientin@mialma.test')
  await expect(page).toHaveURL(/\/journal$/)
  const nav = await openMenu(page)
  await expect(nav.getByRole('link', { name: 'Termine' })).toBeVisible()
  await page.context().close()
})

test('R1.3 language before sign-in: from the browser, switchable on the sign-in page, kept after signing in', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'en-US' })
  const page = await context.newPage()
  await page.goto('/sign-in')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB')
  // Looking is no choice: no cookie yet (R15.1).
  expect(await context.cookies()).toEqual([])
  await page.getByRole('contentinfo').getByRole('button', { name: 'Deutsch' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible()
  await page.getByRole('contentinfo').getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('E-mail address').fill('klientin@mialma.test')
  await page.getByLabel('Password', { exact: true }).fill('demo-passwort')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL(/\/journal$/)
  await expect(
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Journal' }),
  ).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB')

  // Icons and manifest exist (no 404 in the console).
  expect((await page.request.get('/icon.svg')).status()).toBe(200)
  expect((await page.request.get('/apple-icon.png')).status()).toBe(200)
  const manifest = await page.request.get('/manifest.webmanifest')
  expect(manifest.status()).toBe(200)
  expect(await manifest.json()).toMatchObject({ name: 'Mi Alma', display: 'standalone' })
  await expect(page.locator('head link[rel="icon"]').first()).toHaveAttribute('href', /icon/)
  await context.close()
})
