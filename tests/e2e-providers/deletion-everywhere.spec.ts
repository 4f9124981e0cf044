import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { DateTime } from 'luxon'
import { chooseCoachingSlot, moveSessionIntoPast, uploadAudio } from '../e2e/booking-helpers'
import { createThrowawayClient, gladiaLog, runDailyCron, signIn } from '../e2e/helpers'

// Issue 15 end to end, with Stripe, Acuity and Daily switched on against their fakes
// (playwright.providers.config.ts): a throwaway client with a Stripe subscription and sessions that exist as Acuity
// appointments consents to recording but not to transcription (the recording reaches our storage, Gladia nothing),
// then deletes the account; the daily run finishes the deletion at every provider and the receipt lists each place
// with its time.

type StripeLog = {
  requests: { method: string; path: string; status: number }[]
  deliveries: {
    type: string
    status: number
    object: { id: string; mode?: string; customer?: string; subscription?: string }
  }[]
}
type AcuityAppointment = { id: number; firstName: string; email: string; datetime: string; canceled: boolean }
type AcuityLog = {
  requests: { method: string; path: string; status: number }[]
  appointments: AcuityAppointment[]
}

const stripeLog = async () =>
  (await (await fetch(`${process.env.E2E_FAKE_STRIPE_URL}/__fake/requests`)).json()) as StripeLog
/** The object's current state at the Stripe fake; null once it was deleted there. */
async function stripeObject(id: string): Promise<{ status?: string } | null> {
  const response = await fetch(`${process.env.E2E_FAKE_STRIPE_URL}/__fake/objects/${id}`)
  return response.ok ? ((await response.json()) as { status?: string }) : null
}
/** Acuity answers `2030-03-06T10:00:00+0100` (an offset without colon); as an ISO instant to compare. */
const instant = (value: string) => DateTime.fromISO(value).toUTC().toISO()
const acuityLog = async () =>
  (await (await fetch(`${process.env.E2E_FAKE_ACUITY_URL}/__fake/requests`)).json()) as AcuityLog

const dailyLog = async () =>
  (await (await fetch(`${process.env.E2E_FAKE_DAILY_URL}/__fake/requests`)).json()) as {
    recordings: { id: string }[]
  }

/** Every file below the app's storage folder (DATA_DIR/storage), as paths relative to it. */
function storedFiles(): string[] {
  const root = join(process.env.E2E_DATA_DIR!, 'storage')
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** Pays on the Stripe fake's hosted checkout page, which sends the signed events before it returns. */
async function payAtStripe(page: Page) {
  await page.waitForURL((url) => url.href.startsWith(`${process.env.E2E_FAKE_STRIPE_URL}/pay/cs_`))
  await page.getByRole('button', { name: 'Pay', exact: true }).click()
}

/** Books a "Coaching-Sitzung" (an Acuity appointment type here) by card through Stripe; returns id and start. */
async function bookCoachingSession(page: Page, skip: string[] = []) {
  const start = await chooseCoachingSlot(page, { skip })
  const card = page.getByRole('radio', { name: /Mit Karte bezahlen/ })
  if ((await card.count()) > 0) await card.check()
  await page.getByRole('button', { name: 'Verbindlich buchen' }).click()
  await payAtStripe(page)
  await page.waitForURL(/\/bookings\/[0-9a-f-]{36}\?checkout=success$/)
  return { id: new URL(page.url()).pathname.split('/').pop()!, start }
}

test('R10.2 R5.3 R14.3 with Stripe, Acuity and Daily on: recording yes, transcription no (Gladia hears nothing); the deletion removes the recording from storage, reaches Stripe and Acuity, and the receipt lists each place', async ({
  page,
  browser,
}) => {
  // Two checkouts, two bookings, the deletion and the cron in one journey: longer than the default minute.
  test.setTimeout(120_000)
  const gladiaBefore = await gladiaLog()
  const name = `Providers ${Date.now()}`
  const email = await createThrowawayClient(page, name)
  await signIn(page, email)

  // A plan through Stripe Checkout (the fake's hosted page); the signed webhook activates it.
  await page.goto('/bookings/plan')
  await page.getByRole('button', { name: 'Abo abschliessen' }).click()
  await payAtStripe(page)
  await page.waitForURL(/\/bookings\/plan\?checkout=success/)
  await expect(page.getByText('Danke! Dein Abo ist aktiv.')).toBeVisible()
  await expect(page.getByRole('region', { name: /Dein Abo/ })).toContainText('Status: Aktiv')
  const completed = (await stripeLog()).deliveries.find(
    (d) => d.type === 'checkout.session.completed' && d.object.mode === 'subscription',
  )
  const customerId = completed?.object.customer
  const subscriptionId = completed?.object.subscription
  expect(customerId).toMatch(/^cus_/)
  expect(subscriptionId).toMatch(/^sub_/)
  expect((await stripeObject(subscriptionId!))?.status).toBe('active')

  // Two sessions, each an Acuity appointment in the client's name: one to record, one that stays upcoming.
  const recorded = await bookCoachingSession(page)
  const upcoming = await bookCoachingSession(page, [recorded.start])
  const booked = (await acuityLog()).appointments.filter((a) => a.email === email)
  expect(booked).toHaveLength(2)
  expect(booked.map((a) => instant(a.datetime)).sort()).toEqual(
    [recorded.start, upcoming.start].map(instant).sort(),
  )
  expect(booked.every((a) => !a.canceled)).toBe(true)

  // Recording: yes. Transcription: no.
  await page.goto(`/sessions/${recorded.id}`)
  const recording = page.getByTestId('recording-consent')
  await recording.getByRole('button', { name: 'Ja, aufzeichnen erlauben' }).click()
  await expect(recording.getByText('Gespeichert: Diese Sitzung darf aufgezeichnet werden.')).toBeVisible()
  const transcription = page.getByTestId('transcription-consent')
  await transcription.getByRole('button', { name: 'Nein, nicht transkribieren' }).click()
  await expect(page.getByTestId('transcription-consent-state')).toHaveText('Nein, nicht transkribieren')

  // The coach's audio of that session is refused before anything is stored or sent: Gladia hears nothing.
  const coach = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(coach, 'coach@mialma.test')
  await moveSessionIntoPast(coach, recorded.id)
  await uploadAudio(coach, recorded.id, 'providers')
  await expect(
    coach.getByText(/hat der Transkription dieser Sitzung durch Gladia nicht zugestimmt/),
  ).toBeVisible()
  await expect(coach.getByText('Für diese Sitzung gibt es keine Aufnahme.')).toBeVisible()
  const ofClient = (files: string[]) =>
    files.filter((f) => f.includes(recorded.id) || f.includes(upcoming.id))
  expect(ofClient(storedFiles())).toEqual([])

  // A cloud recording of that session (recording consent: yes) reaches our storage through Daily's signed webhook
  // and the download from Daily — and goes no further: no transcription consent.
  await coach.goto(`/sessions/${recorded.id}`)
  const panel = coach.getByTestId('recording-panel')
  await panel.getByRole('button', { name: 'Aufnahme starten' }).click()
  await expect(panel.getByText('Die Aufnahme läuft.')).toBeVisible()
  await panel.getByRole('button', { name: 'Aufnahme beenden' }).click()
  await expect(panel.getByText('Die Aufnahme wurde beendet.')).toBeVisible()
  const ready = (await (
    await fetch(`${process.env.E2E_FAKE_DAILY_URL}/__fake/ready`, { method: 'POST' })
  ).json()) as {
    delivered: { id: string; status: number }[]
  }
  expect(ready.delivered).toEqual([expect.objectContaining({ status: 200 })])
  await expect
    .poll(() => ofClient(storedFiles()))
    .toEqual([expect.stringMatching(`^recordings/${recorded.id}/`)])
  // Downloaded, so deleted at Daily (R5.4); the stored file is encrypted (R14.3): not the bytes Daily served.
  await expect.poll(async () => (await dailyLog()).recordings).toEqual([])
  const [file] = ofClient(storedFiles())
  expect(readFileSync(join(process.env.E2E_DATA_DIR!, 'storage', file!)).toString('latin1')).not.toContain(
    'fake cloud-audio-only recording',
  )

  // The client deletes the account in the browser.
  await page.goto('/settings/data')
  const deletion = page.getByTestId('data-deletion')
  await deletion.getByLabel('Tippe zur Bestätigung LÖSCHEN ein').fill('LÖSCHEN')
  await deletion.getByRole('button', { name: 'Konto endgültig löschen' }).click()
  await expect(page).toHaveURL(/\/account-deleted$/)

  // The daily run finishes what was not done at once (the purge) and sends the receipt.
  await runDailyCron(page.request)

  // Stripe: the subscription cancelled, the customer deleted; every event the fake sent was accepted.
  const stripe = await stripeLog()
  const answered = (method: string, path: string) =>
    stripe.requests.some((r) => r.method === method && r.path === path && r.status === 200)
  expect(answered('DELETE', `/v1/subscriptions/${subscriptionId}`)).toBe(true)
  expect(answered('DELETE', `/v1/customers/${customerId}`)).toBe(true)
  // The upcoming session, cancelled in time, is refunded as a cancellation by the client would be.
  expect(answered('POST', '/v1/refunds')).toBe(true)
  expect((await stripeObject(subscriptionId!))?.status).toBe('canceled')
  expect(await stripeObject(customerId!)).toBeNull()
  expect(stripe.deliveries.filter((d) => d.status !== 200)).toEqual([])

  // Acuity: the upcoming appointment cancelled; neither keeps the client's name or e-mail.
  const acuity = await acuityLog()
  const after = acuity.appointments.filter((a) => booked.some((b) => b.id === a.id))
  expect(after).toHaveLength(2)
  expect(acuity.appointments.filter((a) => a.email === email || a.firstName.includes('Providers'))).toEqual(
    [],
  )
  const stillUpcoming = after.find((a) => instant(a.datetime) === instant(upcoming.start))
  expect(stillUpcoming?.canceled).toBe(true)
  expect(acuity.requests.some((r) => r.path === `/appointments/${stillUpcoming?.id}/cancel`)).toBe(true)

  // Storage: the recording's file is gone, nothing of the client left; Gladia: still nothing.
  expect(ofClient(storedFiles())).toEqual([])
  const gladiaAfter = await gladiaLog()
  expect(gladiaAfter.uploads).toBe(gladiaBefore.uploads)
  expect(gladiaAfter.requests.length).toBe(gladiaBefore.requests.length)

  // The coach's receipt: every place with its time; Stripe, Acuity and storage held data and are done.
  await coach.goto('/coach/deletions')
  const receipt = coach.getByTestId('deletion-receipt').first()
  await expect(receipt.getByTestId('deletion-state')).toContainText('Abgeschlossen am')
  for (const place of ['database', 'storage', 'clerk', 'stripe', 'acuity', 'daily'])
    await expect(receipt.getByTestId(`deletion-place-${place}`)).toContainText(/\d{4}/)
  for (const place of ['database', 'stripe', 'acuity'])
    await expect(receipt.getByTestId(`deletion-place-${place}`)).not.toContainText('keine Daten')
  await expect(coach.locator('main')).not.toContainText(name)

  // The confirmation e-mail to the former address: each place with its time, no content.
  await coach.goto('/dev/outbox')
  const row = coach
    .getByRole('row')
    .filter({ hasText: email })
    .filter({ hasText: 'Dein Konto wurde gelöscht' })
  await expect(row).toHaveCount(1)
  await row.getByRole('link').click()
  const mail = coach.locator('body')
  for (const place of [
    'Datenbank von Mi Alma (Konto, Journal, Termine, Transkripte, E-Mail-Protokoll): gelöscht am',
    'Dateispeicher (Aufnahmen): gelöscht am',
    'Stripe (Zahlungen, Abo): gelöscht am',
    'Acuity (Terminbuchung): gelöscht am',
    'Daily (Video-Aufzeichnungen): gelöscht am',
    'Clerk (Anmeldung): keine Daten von dir vorhanden (geprüft am',
  ])
    await expect(mail).toContainText(place)
  await expect(mail).not.toContainText(name)
  await coach.context().close()
})
