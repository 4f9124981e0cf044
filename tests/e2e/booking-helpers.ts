import { expect, type Page } from '@playwright/test'
import { expectAccessible } from './helpers'

const DAY = 86_400_000

/**
 * A free slot at least three days ahead, not on a weekend (another spec may open Saturdays or raise the cut-off
 * to 48 hours): robust against the minimum notice and the cut-off. `skip` leaves out starts already used;
 * `latest` takes the last one offered instead of the first, so the booking sorts after other specs' bookings.
 */
export async function pickSlot(page: Page, skip: string[] = [], latest = false): Promise<string> {
  const hrefs = await page
    .locator('a[href*="start="]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  const href = (latest ? [...hrefs].reverse() : hrefs).find((h) => {
    const start = new URL(h, 'http://x').searchParams.get('start') ?? ''
    const at = new Date(start)
    const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'Europe/Zurich' }).format(
      at,
    )
    return (
      at.getTime() - Date.now() >= 3 * DAY && weekday !== 'Sat' && weekday !== 'Sun' && !skip.includes(start)
    )
  })
  expect(href, 'a free weekday slot at least three days ahead').toBeTruthy()
  await page.locator(`a[href="${href}"]`).first().click()
  await page.waitForURL(/start=/)
  return new URL(page.url()).searchParams.get('start')!
}

/** From /bookings to the summary of a "Coaching-Sitzung" slot. */
export async function chooseCoachingSlot(
  page: Page,
  options: { check?: boolean; skip?: string[]; latest?: boolean } = {},
) {
  await page.goto('/bookings')
  await page.getByRole('link', { name: 'Termin buchen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Angebot wählen' })).toBeVisible()
  if (options.check) await expectAccessible(page)
  await page.getByRole('link', { name: 'Coaching-Sitzung: Zeit wählen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Freie Zeit wählen' })).toBeVisible()
  await expect(page.getByText(/Zeiten in deiner Zeitzone: Europe\/Zurich/)).toBeVisible()
  if (options.check) await expectAccessible(page)
  return pickSlot(page, options.skip, options.latest)
}

/** The client books and pays a "Coaching-Sitzung" (video) on the local Testzahlung page; returns the booking id. */
export async function bookAndPayCoachingSession(
  page: Page,
  options: { latest?: boolean } = {},
): Promise<string> {
  await chooseCoachingSlot(page, { latest: options.latest })
  // Another spec may have given this client plan credits (then credit is preselected): pay by card here.
  const card = page.getByRole('radio', { name: /Mit Karte bezahlen/ })
  if ((await card.count()) > 0) await card.check()
  await page.getByRole('button', { name: 'Verbindlich buchen' }).click()
  await page.waitForURL(/\/dev\/checkout\/cs_local_/)
  await page.getByRole('button', { name: 'Bezahlen' }).click()
  await page.waitForURL(/\/bookings\/[0-9a-f-]{36}\?checkout=success$/)
  return new URL(page.url()).pathname.split('/').pop()!
}

/**
 * The coach moves an upcoming session into the past (the local-mode button on the session page): a transcript can
 * be uploaded only once a session has started (R6.3). Leaves the coach on the session page, upload form shown.
 */
export async function moveSessionIntoPast(coach: Page, bookingId: string) {
  await coach.goto(`/coach/sessions/${bookingId}`)
  await expect(coach.getByTestId('upload-not-started')).toBeVisible()
  await expect(coach.getByLabel('Datei', { exact: true })).toHaveCount(0)
  await coach.getByRole('button', { name: 'Lokal: Sitzung in die Vergangenheit verschieben' }).click()
  await expect(coach.getByLabel('Datei', { exact: true })).toBeVisible()
}

/** A small Ogg file with a canary the coach uploads. */
export const audioFile = (tag: string) => ({
  name: `sitzung-${tag}.ogg`,
  mimeType: 'audio/ogg',
  buffer: Buffer.concat([Buffer.from('OggS'), Buffer.alloc(60), Buffer.from(`CANARY-${tag}`)]),
})

/** The coach uploads `audioFile(tag)` on the session page (the session must have started). */
export async function uploadAudio(coach: Page, bookingId: string, tag: string) {
  await coach.goto(`/coach/sessions/${bookingId}`)
  await coach.getByLabel('Datei', { exact: true }).setInputFiles(audioFile(tag))
  await coach.getByRole('button', { name: 'Hochladen' }).click()
}
