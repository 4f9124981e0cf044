import { createHash } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import axe, { type AxeResults } from 'axe-core'
import { type APIRequestContext, type Cookie, expect, type Page } from '@playwright/test'
import { SESSION_COOKIE } from '../../lib/auth/session-cookies'

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

/**
 * What a page looks like to axe: its DOM without scripts and CSP nonces (they change per request, the rendered page
 * does not), the viewport, the scroll position, the focused element (and whether it shows its keyboard ring) and
 * what the mouse is over. Two states with the same fingerprint give the same axe result, so the second is not
 * analysed again (per Playwright worker: the journeys revisit the same pages often, and axe was ~40 % of the
 * journeys' time; docs/benchmarks.md, "The journeys after axe and the sign-in").
 */
async function axeFingerprint(page: Page, exclude: string | undefined): Promise<string> {
  const state = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement
    for (const script of copy.querySelectorAll('script')) script.remove()
    for (const el of copy.querySelectorAll('[nonce]')) el.removeAttribute('nonce')
    // Form values typed into inputs are not attributes; axe can see them (e.g. empty-value buttons), so they count.
    const values = [...document.querySelectorAll('input, textarea, select')].map(
      (el) => (el as HTMLInputElement).value,
    )
    const all = [...document.querySelectorAll('*')]
    const active = document.activeElement
    // Focus rings (keyboard focus shows :focus-visible, a click does not) and hover styles change colours.
    const focused = active ? [all.indexOf(active), active.matches(':focus-visible')] : -1
    const hovered = [...document.querySelectorAll(':hover')].map((el) => all.indexOf(el))
    return JSON.stringify([
      copy.outerHTML,
      values,
      focused,
      hovered,
      window.scrollX,
      window.scrollY,
      innerWidth,
      innerHeight,
    ])
  })
  return createHash('sha256')
    .update(`${exclude ?? ''}\n${state}`)
    .digest('hex')
}
const analysedStates = new Set<string>()

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * axe in a page without frames, straight in the page: axe is injected once per document (it stays for the next
 * check of the same document) and runs there. AxeBuilder's run (below) opens a new blank page in the context for
 * every analysis (a renderer process and a second copy of axe each time) to merge the frames' partial results.
 */
async function axeInPage(page: Page, exclude: string | undefined): Promise<AxeResults> {
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(axe.source)
  return page.evaluate(
    ({ exclude, tags }) =>
      (window as unknown as { axe: typeof axe }).axe.run(exclude ? { exclude: [exclude] } : document, {
        runOnly: { type: 'tag', values: tags },
      }),
    { exclude, tags: WCAG_TAGS },
  )
}

/** axe across the page's frames (AxeBuilder: each frame separately, the results merged). */
function axeByFrames(page: Page, options: { exclude?: string }): Promise<AxeResults> {
  const builder = new AxeBuilder({ page })
  // A sandboxed iframe (the rendered e-mail in the outbox) can't be entered by axe; it is not our page.
  if (options.exclude) builder.exclude(options.exclude)
  return builder.withTags(WCAG_TAGS).analyze()
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
  const fingerprint = await axeFingerprint(page, options.exclude)
  if (analysedStates.has(fingerprint)) return
  const results =
    page.frames().length === 1 ? await axeInPage(page, options.exclude) : await axeByFrames(page, options)
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(serious, `axe on ${page.url()}`).toEqual([])
  analysedStates.add(fingerprint)
}

/**
 * Per Playwright worker: the session cookie each account got when it last signed in through the form, and where
 * the form took it. A journey that only needs to be signed in gets that session back instead of the form again
 * (the form took ~1.5 s a time, 74 times in the journeys); the journeys about signing in use the form
 * (`signInThroughForm`), as does every failing attempt.
 */
const sessions = new Map<string, { cookie: Cookie; home: string }>()

/** The saved session of `email` in this page's context, if the app still accepts it (not signed out since). */
async function resumeSession(page: Page, email: string): Promise<boolean> {
  const saved = sessions.get(email)
  const context = page.context()
  if (!saved || (await context.cookies()).some((c) => c.name === SESSION_COOKIE)) return false
  await context.addCookies([saved.cookie])
  await page.goto(saved.home)
  if (new URL(page.url()).pathname === saved.home) return true
  sessions.delete(email)
  await context.clearCookies({ name: SESSION_COOKIE })
  return false
}

/**
 * Signs in with this worker's earlier session of the same account (above), or through the form. Unless
 * `expectFailure`, it ends signed in on the account's home page.
 */
export async function signIn(page: Page, email: string, password = 'demo-passwort', expectFailure = false) {
  if (!expectFailure && password === 'demo-passwort' && (await resumeSession(page, email))) return
  await signInThroughForm(page, email, password, expectFailure)
}

/** Signs in through the form (for the journeys about signing in itself); the session is kept for `signIn`. */
export async function signInThroughForm(
  page: Page,
  email: string,
  password = 'demo-passwort',
  expectFailure = false,
) {
  await page.goto('/sign-in')
  await page.getByLabel('E-Mail-Adresse').fill(email)
  await page.getByLabel('Passwort', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click()
  if (expectFailure) return
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)
  if (cookie) sessions.set(email, { cookie, home: new URL(page.url()).pathname })
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
