import { expect, test } from '@playwright/test'
import { bookAndPayCoachingSession, moveSessionIntoPast } from './booking-helpers'
import { expectAccessible, signIn } from './helpers'

const VTT = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:04.000',
  '<v Andrea Brunner>Was beschäftigt dich diese Woche?</v>',
  '',
  '00:01:05.500 --> 00:01:09.000',
  '<v Marco Keller>Das Gespräch mit meiner Schwester.</v>',
  '',
  '00:01:10.000 --> 00:01:12.000',
  '<v Andrea Brunner>Erzähl mir mehr davon.</v>',
  '',
].join('\n')

test('R6.3 R13.2 the coach uploads a transcript for a session, reads, searches and shares it', async ({
  page,
  browser,
}) => {
  // (Moving the session into the past before the upload adds a round of page loads.)
  test.setTimeout(180_000)
  const client = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(client, 'klient@mialma.test')
  const bookingId = await bookAndPayCoachingSession(client)

  await signIn(page, 'coach@mialma.test')
  await page.getByRole('link', { name: 'Sitzungen' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()
  // The row of the session just booked (other specs leave past sessions of the same client in the list).
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="/coach/sessions/${bookingId}"]`) })
  await expect(row.first()).toContainText('Marco Keller')
  await expect(row.first()).toContainText('Kein Transkript')
  await expect(row.first()).toContainText('Keine Aufnahme')
  await expectAccessible(page)

  await page.goto(`/coach/sessions/${bookingId}`)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Coaching-Sitzung mit Marco Keller' }),
  ).toBeVisible()
  await expect(page.getByText('Noch kein Transkript.')).toBeVisible()
  await expect(page.getByText('Für diese Sitzung gibt es keine Aufnahme.')).toBeVisible()
  await expectAccessible(page)
  // Before the session has started nothing can be uploaded; locally the coach moves it into the past.
  await moveSessionIntoPast(page, bookingId)

  // A file that is neither text nor audio: a clear message, nothing stored.
  await page.getByLabel('Datei', { exact: true }).setInputFiles({
    name: 'foto.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  })
  await page.getByRole('button', { name: 'Hochladen' }).click()
  await expect(page.getByText('Diese Datei kann nicht verwendet werden.', { exact: false })).toBeVisible()
  await expect(page.getByText('Noch kein Transkript.')).toBeVisible()
  await expectAccessible(page)

  // A malformed WebVTT names the line.
  await page.getByLabel('Datei', { exact: true }).setInputFiles({
    name: 'kaputt.vtt',
    mimeType: 'text/vtt',
    buffer: Buffer.from('WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nx\n'),
  })
  await page.getByRole('button', { name: 'Hochladen' }).click()
  await expect(page.getByText('Zeile 3: Das Ende (00:00:01.000) liegt vor dem Anfang')).toBeVisible()

  await page.getByLabel('Datei', { exact: true }).setInputFiles({
    name: 'sitzung.vtt',
    mimeType: 'text/vtt',
    buffer: Buffer.from(VTT),
  })
  await page.getByRole('button', { name: 'Hochladen' }).click()
  await expect(page.getByText('Transkript gespeichert (3 Abschnitte).')).toBeVisible()
  const segments = page.getByTestId('transcript-segment')
  await expect(segments).toHaveCount(3)
  await expect(segments.nth(0)).toContainText('Andrea Brunner')
  await expect(segments.nth(0)).toContainText('00:01')
  await expect(segments.nth(1)).toContainText('Marco Keller')
  await expect(segments.nth(1)).toContainText('01:05')
  await expect(segments.nth(1)).toContainText('Das Gespräch mit meiner Schwester.')
  await expect(
    page.getByText('Jeder Aufruf dieses Transkripts wird im Audit-Protokoll vermerkt.'),
  ).toBeVisible()
  await expectAccessible(page)

  // Not shared yet: the client gets a 404.
  expect((await client.goto(`/sessions/${bookingId}/transcript`))?.status()).toBe(404)

  // Search on the server: only the matching segment, the hit marked.
  await page.getByLabel('Im Transkript suchen').fill('schwester')
  await page.getByRole('button', { name: 'Suchen' }).click()
  await page.waitForURL(/\?q=schwester$/)
  await expect(page.getByText('1 Abschnitt enthält «schwester».')).toBeVisible()
  await expect(segments).toHaveCount(1)
  await expect(segments.first().locator('mark')).toHaveText('Schwester')
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Suche zurücksetzen' }).click()
  await expect(segments).toHaveCount(3)

  // Share with the client.
  await expect(page.getByText('Zurzeit nicht geteilt: Nur du siehst das Transkript.')).toBeVisible()
  await page.getByRole('button', { name: 'Transkript teilen' }).click()
  await expect(page.getByText('Zurzeit geteilt: Deine Klientin oder dein Klient kann')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Teilen beenden' })).toBeVisible()
  await expectAccessible(page)

  await page.goto('/coach/sessions')
  await expect(row.first()).toContainText('3 Abschnitte · geteilt')

  await client.goto(`/sessions/${bookingId}/transcript`)
  await expect(client.getByRole('heading', { level: 1, name: 'Transkript deiner Sitzung' })).toBeVisible()
  await expect(client.getByText('Das Gespräch mit meiner Schwester.')).toBeVisible()
  await expect(client.getByTestId('transcript-segment')).toHaveCount(3)
  await expectAccessible(client)
  await client.context().close()
})
