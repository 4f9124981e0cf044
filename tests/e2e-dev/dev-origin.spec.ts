import { readFileSync } from 'node:fs'
import { expect, type Page, test } from '@playwright/test'
import { signIn } from '../e2e/helpers'

/**
 * Issue 19.1: `npm run dev` opened at http://127.0.0.1:PORT (or at the network address the launcher prints) must
 * hydrate. Next blocks its dev resources for origins missing from `allowedDevOrigins` (next.config.ts, from
 * lib/dev/local-addresses.ts): the HMR socket gets a 403, the server warns once, and buttons that need React do
 * nothing. Runs with playwright.dev.config.ts (`npm run test:e2e:dev`) against the real dev command.
 */

/** Next's warning when it blocks a dev resource (next/dist/server/lib/router-utils/block-cross-site-dev.js). */
const BLOCKED_WARNING = /Blocked cross-origin request|allowedDevOrigins|Cross-origin access to Next\.js dev/i
/**
 * How a blocked dev resource shows in the browser's console. Not any "cross-origin": at a network address over
 * http Chrome says it ignores the Cross-Origin-Opener-Policy header (an untrustworthy origin), which is expected.
 */
const BLOCKED_IN_BROWSER = /\/_next\/|__nextjs|webpack-hmr|allowedDevOrigins|\b403\b|Unauthorized|WebSocket/i

const serverOutput = () => readFileSync(process.env.E2E_DEV_SERVER_LOG ?? '.data/e2e-dev.log', 'utf8')
const isDevResource = (url: string) => /\/(_next|__nextjs)/.test(new URL(url).pathname)

/** Records what a blocked dev resource looks like from the page, and whether the dev (HMR) socket talks. */
function watch(page: Page) {
  const seen = { consoleErrors: [] as string[], blocked: [] as string[], devSocketFrames: 0 }
  page.on('console', (m) => {
    if (m.type() === 'error') seen.consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => seen.blocked.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => {
    // Navigating away aborts prefetches and streams; a blocked resource is answered (403), not aborted.
    const error = r.failure()?.errorText ?? ''
    if (error !== 'net::ERR_ABORTED') seen.blocked.push(`${error}: ${r.url()}`)
  })
  page.on('response', (r) => {
    if (r.status() >= 400 && isDevResource(r.url())) seen.blocked.push(`${r.status()}: ${r.url()}`)
  })
  page.on('websocket', (ws) => {
    if (!isDevResource(ws.url())) return
    ws.on('framereceived', () => seen.devSocketFrames++)
    ws.on('socketerror', (error) => seen.blocked.push(`dev socket ${ws.url()}: ${error}`))
  })
  return seen
}

async function expectNothingBlocked(seen: ReturnType<typeof watch>) {
  // The dev socket is the first thing Next blocks: it must be open and talking.
  await expect.poll(() => seen.devSocketFrames, { message: 'HMR socket received nothing' }).toBeGreaterThan(0)
  expect(seen.blocked).toEqual([])
  expect(seen.consoleErrors.filter((e) => BLOCKED_IN_BROWSER.test(e))).toEqual([])
  for (const error of seen.consoleErrors)
    test.info().annotations.push({ type: 'console error', description: error })
}

/**
 * "Löschen" only sets React state: the confirmation appears only on a hydrated page. Clicked again until it does,
 * since a click before hydration finished is lost (that is the whole point of the check).
 */
async function askToDelete(page: Page) {
  const confirmation = page.getByRole('group', { name: 'Diesen Eintrag endgültig löschen?' })
  await expect(async () => {
    await page.getByRole('button', { name: 'Löschen', exact: true }).click({ timeout: 2_000 })
    await expect(confirmation).toBeVisible({ timeout: 2_000 })
  }, 'the delete confirmation never appeared: the page did not hydrate').toPass({ timeout: 30_000 })
  return confirmation
}

/** The addresses the launcher printed ("Mi Alma läuft auf http://… und http://…"). */
function printedUrls(): URL[] {
  const line = serverOutput()
    .split('\n')
    .find((l) => l.includes('Mi Alma läuft auf'))
  expect(line, 'the launcher prints where it runs').toBeTruthy()
  return [...line!.matchAll(/http:\/\/(\[[^\]\s]+\]|[^\s:/]+):\d+/g)].map((m) => new URL(m[0]))
}

test('R1.2 R2.1 npm run dev hydrates at 127.0.0.1 and at the printed network address; nothing is blocked', async ({
  page,
  browser,
  baseURL,
}) => {
  const seen = watch(page)
  await signIn(page, 'klient@mialma.test')
  // Issue 19.2: the redirect after sign-in stays on the origin the browser used.
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin)
  await page.getByRole('link', { name: 'Neuer Anfang' }).click()
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/)
  const confirmation = await askToDelete(page)
  await confirmation.getByRole('button', { name: 'Ja, endgültig löschen' }).click()
  await expect(page.getByText('Der Eintrag wurde gelöscht.')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Neuer Anfang' })).toHaveCount(0)
  await expectNothingBlocked(seen)

  // The network address, if the server listens on one (HOST=0.0.0.0, the default of playwright.dev.config.ts)
  // and this machine has one; the launcher prints only addresses a browser can open. IPv4 first.
  const candidates = printedUrls().filter((u) => !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname))
  const network = candidates.find((u) => !u.hostname.startsWith('[')) ?? candidates[0]
  test.info().annotations.push({ type: 'network address', description: network?.origin ?? 'none printed' })
  if (network) {
    const context = await browser.newContext({ locale: 'de-CH', baseURL: network.origin })
    const remote = await context.newPage()
    const seenRemote = watch(remote)
    await signIn(remote, 'klientin@mialma.test')
    expect(new URL(remote.url()).origin).toBe(network.origin)
    await remote.getByRole('link', { name: 'Ein ruhiger Sonntag' }).click()
    await remote.waitForURL(/\/journal\/[0-9a-f-]{36}$/)
    const remoteConfirmation = await askToDelete(remote)
    await remoteConfirmation.getByRole('button', { name: 'Nicht löschen' }).click()
    await expect(remote.getByRole('button', { name: 'Löschen', exact: true })).toBeVisible()
    await expectNothingBlocked(seenRemote)
    await context.close()
  }

  // Next warns once per blocked resource in the server's output.
  expect(serverOutput()).not.toMatch(BLOCKED_WARNING)
})
