import AxeBuilder from '@axe-core/playwright'
import { type APIRequestContext, expect, type Page } from '@playwright/test'

/** The cron secret both Playwright configs give the app. */
export const E2E_CRON_SECRET = 'e2e-cron-secret-0123456789abcdef'

/** The daily cron as Vercel calls it (GET with the bearer secret): the deletion flow's retries and the purge. */
export async function runDailyCron(request: APIRequestContext) {
  const run = await request.get('/api/cron/daily', {
    headers: { authorization: `Bearer ${E2E_CRON_SECRET}` },
  })
  expect(run.status()).toBe(200)
}

export type FakeGladiaLog = { requests: { method: string; path: string }[]; uploads: number }

/** What the Gladia fake (tests/fakes/gladia-server.ts) has received so far. */
export async function gladiaLog(): Promise<FakeGladiaLog> {
  const response = await fetch(`${process.env.E2E_FAKE_GLADIA_URL}/__fake/requests`)
  return (await response.json()) as FakeGladiaLog
}

/** WCAG 2.2 AA (R15.2): no serious or critical axe violations on the page as it is now. */
export async function expectAccessible(page: Page, options: { exclude?: string } = {}) {
  // Next streams metadata: right after a server action re-renders the page, <title> can briefly be missing.
  await expect(page).toHaveTitle(/\S/)
  // Colours mid-transition (a button that just changed state) are neither the old nor the new contrast.
  // Endless animations (spinners) are skipped, and two seconds is the most it waits.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  )
  const builder = new AxeBuilder({ page })
  // A sandboxed iframe (the rendered e-mail in the outbox) can't be entered by axe; it is not our page.
  if (options.exclude) builder.exclude(options.exclude)
  const results = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(serious, `axe on ${page.url()}`).toEqual([])
}

/** Signs in through the form; unless `expectFailure`, waits until the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password = 'demo-passwort', expectFailure = false) {
  await page.goto('/sign-in')
  await page.getByLabel('E-Mail-Adresse').fill(email)
  await page.getByLabel('Passwort', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click()
  if (!expectFailure) await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Abmelden' }).click()
  await expect(page).toHaveURL(/\/sign-in/)
}

/**
 * A throwaway client from the local /dev/accounts page, so a spec never changes the shared demo accounts other
 * specs rely on. Returns the new account's e-mail (password: the demo password).
 */
export async function createThrowawayClient(page: Page, name: string): Promise<string> {
  await page.goto('/dev/accounts')
  // The page needs a signed-in person (issue 16.5): as the demo coach, signed out again afterwards.
  const borrowed = new URL(page.url()).pathname.startsWith('/sign-in')
  if (borrowed) {
    await page.getByLabel('E-Mail-Adresse').fill('coach@mialma.test')
    await page.getByLabel('Passwort', { exact: true }).fill('demo-passwort')
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/dev/accounts')
  }
  await page.getByLabel('Name (optional)').fill(name)
  await page.getByRole('button', { name: 'Testkonto anlegen' }).click()
  const created = page.getByTestId('test-account')
  await expect(created).toBeVisible()
  const email = /(test-[a-f0-9]+@mialma\.test)/.exec((await created.textContent()) ?? '')?.[1]
  expect(email).toBeTruthy()
  if (borrowed) await page.context().clearCookies()
  return email!
}
