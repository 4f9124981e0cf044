import { expect, type Locator, type Page, test } from '@playwright/test'
import { createThrowawayClient, expectAccessible, signIn } from './helpers'

/**
 * R15.2 keyboard only: after signing in (setup), booking with the Testzahlung and writing a journal entry use
 * Tab, Enter, Space, arrow keys and typing — no clicks, no fill. At each step the expected control has the focus
 * and the focus is visible (:focus-visible with an outline or ring).
 *
 * A throwaway client (/dev/accounts): the demo clients' bookings stay as the other specs expect them.
 */

const DAY = 86_400_000

/** The focused element shows it: keyboard focus (:focus-visible) drawn as an outline or a ring. */
async function expectVisibleFocus(page: Page) {
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return { ok: false, what: 'nothing focused' }
    const style = getComputedStyle(el)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    const ring = style.boxShadow !== 'none'
    return { ok: el.matches(':focus-visible') && (outline || ring), what: el.outerHTML.slice(0, 120) }
  })
  expect(focus.ok, `visible focus on ${focus.what}`).toBe(true)
}

const isFocused = (target: Locator) =>
  target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2_000 }).catch(() => false)

/** Tab (forwards) until `target` has the focus; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, max = 60) {
  await expect(target).toBeVisible()
  for (let i = 0; i < max && !(await isFocused(target)); i++) await page.keyboard.press('Tab')
  await expect(target).toBeFocused()
  await expectVisibleFocus(page)
}

/** Tab until a slot link at least three days ahead on a weekday has the focus (as pickSlot does by mouse). */
async function tabToSlot(page: Page, max = 300): Promise<string> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '')
    if (!href.includes('start=')) continue
    const at = new Date(new URL(href, 'http://x').searchParams.get('start') ?? '')
    const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'Europe/Zurich' }).format(
      at,
    )
    if (at.getTime() - Date.now() >= 3 * DAY && weekday !== 'Sat' && weekday !== 'Sun') {
      await expectVisibleFocus(page)
      return href
    }
  }
  throw new Error('no free weekday slot three days ahead reached by Tab')
}

test('R15.2 a client books and pays a session with the keyboard only', async ({ page }) => {
  test.setTimeout(120_000)
  await signIn(page, await createThrowawayClient(page, `Tastatur ${Date.now()}`))
  await page.goto('/bookings')
  await expect(page.getByRole('heading', { level: 1, name: 'Termine' })).toBeVisible()

  await tabTo(page, page.getByRole('link', { name: 'Termin buchen' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Angebot wählen' })).toBeVisible()

  await tabTo(page, page.getByRole('link', { name: 'Coaching-Sitzung: Zeit wählen' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Freie Zeit wählen' })).toBeVisible()
  await expectAccessible(page)

  const href = await tabToSlot(page)
  await page.keyboard.press('Enter')
  await page.waitForURL((url) => url.href.endsWith(href))
  await expect(page.getByRole('heading', { level: 2, name: 'Prüfen und buchen' })).toBeVisible()

  await tabTo(page, page.getByRole('button', { name: 'Verbindlich buchen' }))
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/dev\/checkout\/cs_local_/)
  await expect(page.getByText('Testzahlung – es wird kein Geld bewegt.')).toBeVisible()

  // Space on a button works like Enter.
  await tabTo(page, page.getByRole('button', { name: 'Bezahlen' }))
  await page.keyboard.press('Space')
  await page.waitForURL(/\/bookings\/[0-9a-f-]{36}\?checkout=success$/)
  await expect(page.getByText('Zahlung erhalten – dein Termin ist bestätigt.')).toBeVisible()
  await expect(page.getByText('Bestätigt', { exact: true })).toBeVisible()
  await expectAccessible(page)
})

test('R15.2 a client writes a journal entry with the keyboard only', async ({ page }) => {
  await signIn(page, await createThrowawayClient(page, `Tastatur ${Date.now()}`))
  const title = `Tastatur-Eintrag ${Date.now()}`
  await page.goto('/journal')

  await tabTo(page, page.getByRole('link', { name: 'Neuer Eintrag' }))
  await page.keyboard.press('Enter')
  const titleBox = page.getByRole('textbox', { name: 'Titel (optional)' })
  await expect(titleBox).toBeVisible()
  await page.waitForLoadState('networkidle')
  await expectAccessible(page)

  await tabTo(page, titleBox)
  await page.keyboard.type(title)
  await page.keyboard.press('Tab')
  const body = page.getByRole('textbox', { name: /^Text/ })
  await expect(body).toBeFocused()
  await expectVisibleFocus(page)
  await page.keyboard.type('Heute nur mit der Tastatur geschrieben.')

  // Into the mood group: Tab lands on the checked radio, the arrow keys choose.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('radio', { name: 'Keine Angabe' })).toBeFocused()
  await expectVisibleFocus(page)
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  const mood = page.getByRole('radio', { name: '2 – schwer' })
  await expect(mood).toBeFocused()
  await expect(mood).toBeChecked()
  await expectVisibleFocus(page)

  await page.keyboard.press('Tab')
  await expect(page.getByRole('textbox', { name: /^Schlagworte/ })).toBeFocused()
  await page.keyboard.type('Tastatur, Zugang')

  await tabTo(page, page.getByRole('button', { name: 'Speichern' }))
  await page.keyboard.press('Enter')
  await expect(page.getByText('Der Eintrag wurde gespeichert.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByText('Heute nur mit der Tastatur geschrieben.')).toBeVisible()
  await expect(page.getByText('Stimmung: 2 von 5')).toBeVisible()
  await expectAccessible(page)
})
