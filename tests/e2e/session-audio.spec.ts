import { expect, test } from '@playwright/test'
import { bookAndPayCoachingSession, moveSessionIntoPast, uploadAudio } from './booking-helpers'
import { expectAccessible, gladiaLog, signIn } from './helpers'

test('R6 R5.3 the client allows recording but not transcription: nothing reaches Gladia; a later yes sends, a no deletes', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const before = await gladiaLog()
  await signIn(page, 'klient@mialma.test')
  const bookingId = await bookAndPayCoachingSession(page)
  await page.goto(`/sessions/${bookingId}`)

  // Recording: yes. Transcription (asked separately, with its own text): no.
  const recording = page.getByTestId('recording-consent')
  await recording.getByRole('button', { name: 'Ja, aufzeichnen erlauben' }).click()
  await expect(recording.getByText('Gespeichert: Diese Sitzung darf aufgezeichnet werden.')).toBeVisible()
  const transcription = page.getByTestId('transcription-consent')
  await expect(
    transcription.getByRole('heading', {
      name: 'Darf die Aufnahme dieser Sitzung von Gladia transkribiert werden?',
    }),
  ).toBeVisible()
  await expect(transcription.getByText(/an Gladia SAS \(Frankreich, EU\) gesendet/)).toBeVisible()
  await transcription.getByRole('button', { name: 'Nein, nicht transkribieren' }).click()
  await expect(
    transcription.getByText(/Gespeichert: Die Aufnahme dieser Sitzung wird nicht transkribiert/),
  ).toBeVisible()
  await expect(page.getByTestId('transcription-consent-state')).toHaveText('Nein, nicht transkribieren')
  await expectAccessible(page)

  // The coach's audio upload is refused before anything is sent; Gladia hears nothing.
  const coach = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(coach, 'coach@mialma.test')
  // Audio can be uploaded only once the session has started (issue 19.6): the local button moves it there.
  await moveSessionIntoPast(coach, bookingId)
  await uploadAudio(coach, bookingId, 'ohne')
  await expect(
    coach.getByText(/hat der Transkription dieser Sitzung durch Gladia nicht zugestimmt/),
  ).toBeVisible()
  await expect(coach.getByText('Für diese Sitzung gibt es keine Aufnahme.')).toBeVisible()
  const refused = await gladiaLog()
  expect(refused.uploads).toBe(before.uploads)
  expect(refused.requests.length).toBe(before.requests.length)

  // With a yes, the upload goes straight to storage (signed URL), is registered and sent to Gladia.
  await page.reload()
  await transcription.getByRole('button', { name: 'Ja, transkribieren erlauben' }).click()
  await expect(page.getByTestId('transcription-consent-state')).toHaveText('Ja, transkribieren erlaubt')
  await uploadAudio(coach, bookingId, 'mit')
  await expect(coach.getByText(/Audiodatei gespeichert/)).toBeVisible()
  await expect.poll(async () => (await gladiaLog()).uploads).toBe(before.uploads + 1)
  await expectAccessible(coach)

  // A no afterwards deletes the job at Gladia and the audio; the coach reads why.
  await page.reload()
  await transcription.getByRole('button', { name: 'Nein, nicht transkribieren' }).click()
  await expect(page.getByTestId('transcription-consent-state')).toHaveText('Nein, nicht transkribieren')
  await expect
    .poll(async () => (await gladiaLog()).requests.filter((r) => r.method === 'DELETE').length)
    .toBeGreaterThan(before.requests.filter((r) => r.method === 'DELETE').length)
  await coach.goto(`/coach/sessions/${bookingId}`)
  await expect(coach.getByTestId('recording-discarded')).toContainText(
    'hat die Einwilligung zur Transkription zurückgezogen',
  )
  await coach.context().close()
})
