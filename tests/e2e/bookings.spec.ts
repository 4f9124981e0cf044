import { type Browser, expect, type Page, test } from '@playwright/test'
import { chooseCoachingSlot, pickSlot } from './booking-helpers'
import { expectAccessible, signIn } from './helpers'

/** The newest outbox mail to this address whose subject starts with `subject`; opens it. */
async function openMail(page: Page, to: string, subject: string) {
  await page.goto('/dev/outbox')
  const row = page.getByRole('row').filter({ hasText: to }).filter({ hasText: subject }).first()
  await expect(row).toBeVisible()
  await row.getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${subject}`) })).toBeVisible()
}

async function asCoach(browser: Browser) {
  const coach = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(coach, 'coach@mialma.test')
  return coach
}

test('R3 R4 a client books and pays a session, moves it, and cancels it in time with a refund', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000)
  await signIn(page, 'klientin@mialma.test')
  await page.goto('/bookings')
  await expect(page.getByRole('heading', { level: 1, name: 'Termine' })).toBeVisible()
  await expectAccessible(page)

  const start = await chooseCoachingSlot(page, { check: true })
  await expect(page.getByRole('heading', { level: 2, name: 'Prüfen und buchen' })).toBeVisible()
  await expect(page.getByText('Mit Karte bezahlen (CHF 150.00)')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Verbindlich buchen' }).click()

  // The local Testzahlung stands in for Stripe Checkout.
  await page.waitForURL(/\/dev\/checkout\/cs_local_/)
  await expect(page.getByText('Testzahlung – es wird kein Geld bewegt.')).toBeVisible()
  await expect(page.getByText('CHF 150.00')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Bezahlen' }).click()

  await page.waitForURL(/\/bookings\/[0-9a-f-]{36}\?checkout=success$/)
  const bookingUrl = page.url().replace(/\?.*$/, '')
  await expect(page.getByText('Zahlung erhalten – dein Termin ist bestätigt.')).toBeVisible()
  await expect(page.getByText('Bestätigt', { exact: true })).toBeVisible()
  await expect(page.getByText('CHF 150.00 · Bezahlt')).toBeVisible()
  await expectAccessible(page)

  // Confirmation with the calendar file, and the receipt.
  await openMail(page, 'klientin@mialma.test', 'Termin bestätigt')
  await expect(page.getByTestId('outbox-attachments')).toContainText('.ics')
  await expectAccessible(page, { exclude: 'iframe' })
  await openMail(page, 'klientin@mialma.test', 'Zahlungsbestätigung')

  // The coach sees it; another client does not.
  const coach = await asCoach(browser)
  await coach.goto('/coach/bookings')
  const row = coach.getByRole('row').filter({ hasText: 'Lea Meier' }).filter({ hasText: 'Coaching-Sitzung' })
  await expect(row.first()).toBeVisible()
  await expect(row.first()).toContainText('Bestätigt')
  await expectAccessible(coach)
  await coach.context().close()
  const other = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(other, 'klient@mialma.test')
  expect((await other.goto(bookingUrl))?.status()).toBe(404)
  expect((await other.goto(`${bookingUrl}/reschedule`))?.status()).toBe(404)
  await other.context().close()

  // Move it to another time.
  await page.goto(bookingUrl)
  await page.getByRole('link', { name: 'Verschieben' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Neue Zeit wählen' })).toBeVisible()
  await expectAccessible(page)
  await pickSlot(page, [start])
  await expect(page.getByRole('heading', { level: 2, name: 'Verschieben bestätigen' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Verschieben bestätigen' }).click()
  await page.waitForURL(/\?moved=1$/)
  await expect(page.getByText('Dein Termin wurde verschoben.')).toBeVisible()

  // Cancel before the cut-off: asked once more, then refunded and notified.
  await page.getByRole('button', { name: 'Absagen', exact: true }).click()
  await page.getByRole('button', { name: 'Ja, absagen' }).click()
  await expect(
    page.getByText('Der Termin ist abgesagt. Der bezahlte Betrag wird dir vollständig'),
  ).toBeVisible()
  await expect(page.getByText('CHF 150.00 · Rückerstattet')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Absagen', exact: true })).toHaveCount(0)
  await page.reload()
  await expect(page.getByText('Abgesagt', { exact: true })).toBeVisible()
  await expect(page.getByText('CHF 150.00 · Rückerstattet')).toBeVisible()
  await expectAccessible(page)
  await openMail(page, 'klientin@mialma.test', 'Termin abgesagt')

  await page.goto('/bookings')
  const past = page.getByRole('list', { name: 'Vergangene und abgesagte Termine' })
  await expect(past.getByText('Abgesagt', { exact: true }).first()).toBeVisible()
})

test('R4.1 an abandoned payment keeps the hold until released; the coach cancels a paid booking', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000)
  await signIn(page, 'klientin@mialma.test')
  await chooseCoachingSlot(page)
  await page.getByRole('button', { name: 'Verbindlich buchen' }).click()
  await page.waitForURL(/\/dev\/checkout\/cs_local_/)
  await page.getByRole('link', { name: 'Abbrechen' }).click()

  await page.waitForURL(/\?checkout=cancelled$/)
  await expect(page.getByRole('heading', { level: 2, name: 'Zahlung abgebrochen' })).toBeVisible()
  await expect(page.getByText(/Der Termin bleibt bis \d\d:\d\d für dich reserviert/)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Zahlung fortsetzen' })).toHaveAttribute(
    'href',
    /\/dev\/checkout\/cs_local_/,
  )
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Reservation freigeben' }).click()
  await page.getByRole('button', { name: 'Ja, freigeben' }).click()
  await expect(page.getByText('Die Reservation ist freigegeben. Es wurde nichts belastet.')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Zahlung fortsetzen' })).toHaveCount(0)

  // A paid booking the coach cancels: refunded, the client is told.
  await chooseCoachingSlot(page)
  await page.getByRole('button', { name: 'Verbindlich buchen' }).click()
  await page.waitForURL(/\/dev\/checkout\/cs_local_/)
  await page.getByRole('button', { name: 'Bezahlen' }).click()
  await page.waitForURL(/\?checkout=success$/)
  const bookingUrl = page.url().replace(/\?.*$/, '')

  const coach = await asCoach(browser)
  await coach.goto('/coach/bookings')
  const row = coach.getByRole('row').filter({ hasText: 'Lea Meier' }).first()
  await row.getByRole('button', { name: /^Absagen: / }).click()
  await expect(
    coach.getByText(/wird per E-Mail benachrichtigt; eine Kartenzahlung wird vollständig/),
  ).toBeVisible()
  await expectAccessible(coach)
  await coach.getByRole('button', { name: 'Ja, absagen' }).click()
  await expect(
    coach.getByText(/Der Termin ist abgesagt\. .*die Zahlung vollständig zurückerstattet/),
  ).toBeVisible()
  await coach.context().close()

  await page.goto(bookingUrl)
  await expect(page.getByText('Vom Coach abgesagt')).toBeVisible()
  await expect(page.getByText('CHF 150.00 · Rückerstattet')).toBeVisible()
})

test('R14.1 forged booking ids, offers, times and checkouts get a 404 or a clear message', async ({
  page,
}) => {
  await signIn(page, 'klientin@mialma.test')
  expect((await page.goto('/bookings/00000000-0000-4000-8000-000000000000'))?.status()).toBe(404)
  expect((await page.goto('/bookings/not-a-booking'))?.status()).toBe(404)
  expect((await page.goto('/dev/checkout/cs_local_forged'))?.status()).toBe(404)

  await page.goto('/bookings/new?type=00000000-0000-4000-8000-000000000000')
  await expect(page.getByText('Dieses Angebot gibt es nicht (mehr).')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Zu den Angeboten' })).toBeVisible()

  await page.goto('/bookings/new')
  await page.getByRole('link', { name: 'Coaching-Sitzung: Zeit wählen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Freie Zeit wählen' })).toBeVisible()
  const typeUrl = page.url()
  await page.goto(`${typeUrl}&start=2020-01-06T09:00:00.000Z`)
  await expect(page.getByText('Diese Zeit ist nicht (mehr) buchbar')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Verbindlich buchen' })).toHaveCount(0)
  await expectAccessible(page)
})
