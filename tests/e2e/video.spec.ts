import { expect, test } from '@playwright/test'
import { bookAndPayCoachingSession } from './booking-helpers'
import { expectAccessible, signIn } from './helpers'

test('R5.3 R9.3 the client declines recording; the coach is not offered the record button', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000)
  await signIn(page, 'klient@mialma.test')
  const bookingId = await bookAndPayCoachingSession(page)

  // From the booking to its session page. No DAILY_API_KEY in e2e: the page says so, the consent panel stays.
  await page.getByRole('link', { name: 'Zur Videositzung' }).click()
  await page.waitForURL(`**/sessions/${bookingId}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Videositzung: Coaching-Sitzung' })).toBeVisible()
  await expect(page.getByText('Video ist hier nicht eingerichtet')).toBeVisible()
  await expect(page.getByText(/Der Videoraum öffnet 15 Minuten vor Beginn/)).toBeVisible()
  const panel = page.getByTestId('recording-consent')
  await expect(panel.getByRole('heading', { name: 'Darf diese Sitzung aufgezeichnet werden?' })).toBeVisible()
  await expect(panel.getByText(/Diese Videositzung darf aufgezeichnet werden \(nur Ton\)\./)).toBeVisible()
  await expect(page.getByTestId('recording-consent-state')).toHaveText('Nein, nicht aufzeichnen')
  await expect(page.getByTestId('recording-indicator')).toHaveCount(0)
  await expectAccessible(page)

  // First a yes: the coach sees it.
  await panel.getByRole('button', { name: 'Ja, aufzeichnen erlauben' }).click()
  await expect(panel.getByText('Gespeichert: Diese Sitzung darf aufgezeichnet werden.')).toBeVisible()
  await expect(page.getByTestId('recording-consent-state')).toHaveText('Ja, aufzeichnen erlaubt')

  const coach = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(coach, 'coach@mialma.test')
  await coach.goto('/coach/bookings')
  await coach.locator(`a[href="/sessions/${bookingId}"]`).click()
  await coach.waitForURL(`**/sessions/${bookingId}`)
  const recording = coach.getByTestId('recording-panel')
  await expect(
    recording.getByText('Die Klientin / der Klient hat der Aufnahme dieser Sitzung zugestimmt.'),
  ).toBeVisible()
  await expect(coach.getByRole('heading', { name: 'Darf diese Sitzung aufgezeichnet werden?' })).toHaveCount(
    0,
  )

  // Then the client declines.
  await panel.getByRole('button', { name: 'Nein, nicht aufzeichnen' }).click()
  await expect(panel.getByText('Gespeichert: Diese Sitzung wird nicht aufgezeichnet.')).toBeVisible()
  await expect(page.getByTestId('recording-consent-state')).toHaveText('Nein, nicht aufzeichnen')
  await expectAccessible(page)

  await coach.reload()
  await expect(
    recording.getByText('Keine Zustimmung zur Aufnahme – es wird nicht aufgezeichnet.'),
  ).toBeVisible()
  await expect(coach.getByRole('button', { name: /Aufnahme starten/ })).toHaveCount(0)
  await expect(coach.getByRole('button', { name: /Aufnahme beenden/ })).toHaveCount(0)
  await expect(coach.getByText('Video ist hier nicht eingerichtet')).toBeVisible()
  await expectAccessible(coach)
  await coach.context().close()

  // Another client: the session does not exist for them.
  const other = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(other, 'klientin@mialma.test')
  expect((await other.goto(`/sessions/${bookingId}`))?.status()).toBe(404)
  await other.context().close()
})
