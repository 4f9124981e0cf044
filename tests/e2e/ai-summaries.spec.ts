import { type Browser, expect, type Page, test } from '@playwright/test'
import { demoAccounts } from '../../db/demo-accounts'
import { bookAndPayCoachingSession, moveSessionIntoPast } from './booking-helpers'
import { expectAccessible, signIn } from './helpers'

/**
 * AI summaries end to end (R7): the app talks to the Mistral fake (tests/fakes/mistral-server.ts, started by
 * playwright.config.ts) through the real SDK; we assert on what the fake *received*.
 *
 * Other specs expect both demo clients' AI consents off, Marco Keller without payments, and look at the *first*
 * booking rows: this spec uses Lea Meier, books the latest free slots and withdraws what it granted.
 */

const FAKE = process.env.E2E_FAKE_AI_URL ?? 'http://127.0.0.1:3199'

const C1 = {
  grant: 'KI-Auswertung von Transkripten erlauben',
  withdraw: 'Einwilligung zur KI-Auswertung von Transkripten widerrufen',
}
const C3 = {
  grant: 'Übermittlung pseudonymisierter Daten an den KI-Dienst erlauben',
  withdraw: 'Einwilligung zur Übermittlung an den KI-Dienst widerrufen',
}

/** People, places and contacts only the transcript knows; none of them may reach the provider. */
const THIRD_PARTY = ['Sabine Hofstetter', 'Sabine', 'Hofstetter', 'Gerber', 'sabine.hofstetter@example.ch']
/** A made-up surname no rule can know: the review lists it, the coach masks it (R7.7). */
const LEFTOVER = 'Quarnström'
const PHONE = '079 123 45 67'

const vtt = (coach: string, client: string) =>
  [
    'WEBVTT',
    '',
    '00:00:01.000 --> 00:00:05.000',
    `<v ${coach}>Lea, was beschäftigt dich diese Woche?</v>`,
    '',
    '00:00:06.000 --> 00:00:15.000',
    `<v ${client}>Meine Schwester Sabine Hofstetter zieht nach Winterthur. Sie hat mir von sabine.hofstetter@example.ch geschrieben, und seither schlafe ich schlecht.</v>`,
    '',
    '00:00:16.000 --> 00:00:22.000',
    `<v ${coach}>Erzähl mir mehr davon. Wenn etwas ist, erreichst du mich unter ${PHONE}.</v>`,
    '',
    '00:00:23.000 --> 00:00:30.000',
    `<v ${client}>Seit Sabine weg ist, ist es still. Auch Herr Gerber im Büro hat gemerkt, dass ich müde bin. Ich habe mit ${LEFTOVER} darüber geredet. Ich möchte wieder besser schlafen.</v>`,
    '',
  ].join('\n')

type FakeRequest = { authorization?: string; body: { messages?: { role: string; content: string }[] } }

async function fakeRequests(): Promise<FakeRequest[]> {
  const response = await fetch(`${FAKE}/__fake/requests`)
  expect(response.ok).toBe(true)
  return (await response.json()) as FakeRequest[]
}

const receivedText = (requests: FakeRequest[]) =>
  requests
    .flatMap((r) => r.body.messages ?? [])
    .map((m) => m.content)
    .join('\n')

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function newPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'de-CH' })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

/** After a full load: wait until the page is idle (hydrated), so typed text is not reset by hydration. */
async function reloadSettled(page: Page) {
  await page.reload()
  await page.waitForLoadState('networkidle')
}

/** Grants (or withdraws) one consent on /settings/privacy unless it already is in that state. */
async function setConsent(page: Page, consent: { grant: string; withdraw: string }, granted: boolean) {
  await page.goto('/settings/privacy')
  const wanted = page.getByRole('button', { name: granted ? consent.grant : consent.withdraw })
  if ((await wanted.count()) === 0) return
  await wanted.click()
  await expect(page.getByRole('button', { name: granted ? consent.withdraw : consent.grant })).toBeVisible()
}

/** The coach uploads the transcript on the session page. */
async function uploadTranscript(coach: Page, bookingId: string, text: string) {
  await moveSessionIntoPast(coach, bookingId)
  await coach.getByLabel('Datei', { exact: true }).setInputFiles({
    name: 'sitzung.vtt',
    mimeType: 'text/vtt',
    buffer: Buffer.from(text),
  })
  await coach.getByRole('button', { name: 'Hochladen' }).click()
  await expect(coach.getByText('Transkript gespeichert (4 Abschnitte).')).toBeVisible()
}

// Other specs expect the demo clients' AI consents off: withdraw them even when a test failed half-way.
test.afterEach(async ({ browser }) => {
  const page = await newPage(browser, demoAccounts[1].email)
  await setConsent(page, C1, false)
  await setConsent(page, C3, false)
  await page.context().close()
})

test('R7.1 R7.2 R7.4 R7.5 R7.7 the coach requests a summary for a consenting client, reviews the outgoing text, masks a leftover name, sends, edits, approves and shares it; the client sees it and its transmission record with the review; no identifier reached the provider', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const [coachAccount, lea] = [demoAccounts[0], demoAccounts[1]]
  const client = await newPage(browser, lea.email)

  // Before anything was sent: the empty state of "KI-Übermittlungen".
  await client.goto('/settings/privacy')
  await expect(client.getByRole('heading', { level: 2, name: 'KI-Übermittlungen' })).toBeVisible()
  if (test.info().retry === 0)
    await expect(client.getByText('Bisher wurde nichts an eine KI übermittelt.')).toBeVisible()
  await expectAccessible(client)
  await setConsent(client, C1, true)
  await setConsent(client, C3, true)
  const bookingId = await bookAndPayCoachingSession(client, { latest: true })

  const coach = await newPage(browser, coachAccount.email)
  await coach.goto(`/coach/sessions/${bookingId}`)
  const panel = coach.getByTestId('ai-panel')
  await expect(panel.getByRole('heading', { level: 2, name: 'KI-Zusammenfassung' })).toBeVisible()
  await expect(panel.getByTestId('ai-blocked')).toContainText('Dafür braucht es ein Transkript')
  await expect(panel.getByRole('button', { name: 'Zusammenfassung erstellen' })).toBeDisabled()

  await uploadTranscript(coach, bookingId, vtt(coachAccount.name, lea.name))
  const before = (await fakeRequests()).length
  await expect(panel.getByTestId('ai-blocked')).toHaveCount(0)
  await expectAccessible(coach)
  await panel.getByRole('button', { name: 'Zusammenfassung erstellen' }).click()

  // R7.7: first the review — exactly the text that would leave, placeholders marked, the leftover name listed.
  await expect(panel.getByTestId('ai-status')).toHaveText(/^Wartet auf deine Prüfung/)
  const review = panel.getByTestId('ai-review')
  const outgoing = review.getByTestId('ai-review-text')
  await expect(outgoing.locator('mark').first()).toHaveText(/^\[PERSON_\d+\]$/)
  await expect(outgoing).not.toContainText('Hofstetter')
  await expect(review.getByTestId('ai-review-suspects')).toContainText(LEFTOVER)
  expect((await fakeRequests()).length).toBe(before)
  await expectAccessible(coach)
  await review.getByRole('button', { name: `«${LEFTOVER}» maskieren` }).click()
  await expect(review.getByTestId('ai-review-masked')).toHaveText('1 Wort maskiert.')
  await expect(outgoing).not.toContainText(LEFTOVER)
  expect((await fakeRequests()).length).toBe(before)
  await review.getByRole('button', { name: 'Senden' }).click()

  // The draft: each section editable on its own.
  await expect(panel.getByTestId('ai-status')).toHaveText(/^Entwurf – nur du siehst ihn/)
  const summary = panel.getByLabel('Zusammenfassung', { exact: true })
  await expect(summary).toHaveValue(/sprach über Schlaf und Belastung/)
  await expect(summary).not.toHaveValue(/\[[A-Z]+_\d+\]/)
  await expect(panel.getByLabel('Themen')).toHaveValue('Schlaf\nBelastung am Arbeitsplatz')
  await expectAccessible(coach)

  // Waiting on the coach home, linking back to the session.
  await coach.goto('/coach')
  const drafts = coach.getByTestId('ai-drafts')
  await expect(drafts.getByRole('heading', { name: 'Entwürfe zur Durchsicht' })).toBeVisible()
  await drafts.getByRole('link', { name: `Sitzungs-Zusammenfassung für ${lea.name}` }).click()
  await coach.waitForURL(new RegExp(`/coach/sessions/${bookingId}#ki$`))
  await coach.waitForLoadState('networkidle')

  // Edit one section: its own form, one item per line, bullets dropped.
  const themes = panel.getByTestId('ai-section-themes')
  await themes.getByLabel('Themen').fill('Schlaf\n- Belastung am Arbeitsplatz\nAbschied von der Schwester')
  await themes.getByRole('button', { name: 'Speichern – Themen' }).click()
  await expect(themes.getByText('Abschnitt gespeichert.')).toBeVisible()
  await reloadSettled(coach)
  await expect(themes.getByLabel('Themen')).toHaveValue(
    'Schlaf\nBelastung am Arbeitsplatz\nAbschied von der Schwester',
  )

  // An empty summary is refused with a message; nothing changes.
  await summary.fill('   ')
  await panel.getByRole('button', { name: 'Speichern – Zusammenfassung' }).click()
  await expect(panel.getByTestId('ai-section-summary')).toContainText(
    'Die Zusammenfassung darf nicht leer sein.',
  )
  await coach.reload()
  await expect(summary).toHaveValue(/sprach über Schlaf und Belastung/)
  await expect(panel.getByLabel('Themen')).toHaveValue(/Abschied von der Schwester/)

  // Approve, then share.
  await panel.getByRole('button', { name: 'Freigeben' }).click()
  await expect(panel.getByTestId('ai-status')).toHaveText(/^Freigegeben am /)
  const approved = panel.getByTestId('ai-approved')
  await expect(approved.getByRole('heading', { level: 3, name: 'Themen' })).toBeVisible()
  await expect(approved).toContainText('Abschied von der Schwester')
  await expect(panel.getByTestId('ai-share-state')).toHaveText(/^Zurzeit nicht geteilt/)
  await expectAccessible(coach)
  await panel.getByRole('button', { name: 'Mit Klient·in teilen' }).click()
  await expect(panel.getByTestId('ai-share-state')).toHaveText(/^Zurzeit geteilt/)
  await expect(panel.getByRole('button', { name: 'Teilen beenden' })).toBeVisible()
  await expect(panel.getByRole('link', { name: 'Bearbeiten' })).toBeVisible()
  await expectAccessible(coach)

  // The client sees the approved, shared version on the session page.
  await client.goto(`/sessions/${bookingId}`)
  const shared = client.getByTestId('shared-summary')
  await expect(
    shared.getByRole('heading', { level: 2, name: 'Zusammenfassung deiner Sitzung' }),
  ).toBeVisible()
  await expect(shared.getByRole('heading', { level: 3, name: 'Vereinbarte nächste Schritte' })).toBeVisible()
  await expect(shared).toContainText('Abschied von der Schwester')
  await expect(shared).toContainText('Wieder besser schlafen')
  await expectAccessible(client)

  // A change after approval is a new draft; the client keeps seeing the approved version, never the draft.
  await panel.getByRole('link', { name: 'Bearbeiten' }).click()
  await coach.waitForURL(/\?ki=bearbeiten#ki$/)
  await coach.waitForLoadState('networkidle')
  const focus = panel.getByTestId('ai-section-nextFocus')
  await focus.getByLabel('Fokus für die nächste Sitzung').fill('Nur für die Coachin: Grenzen ansprechen')
  await focus.getByRole('button', { name: 'Speichern – Fokus für die nächste Sitzung' }).click()
  await expect(panel.getByTestId('ai-status')).toHaveText(/^Neuer Entwurf/)
  await expect(panel.getByTestId('ai-share-state')).toHaveText(/^Zurzeit geteilt/)
  await client.reload()
  await expect(shared).toContainText('Erfahrungen mit der Abendroutine besprechen')
  await expect(shared).not.toContainText('Nur für die Coachin')

  // …and the transmission record, without any text.
  await client.goto('/settings/privacy')
  const row = client.getByTestId('ai-transmissions').locator('tbody tr').first()
  await expect(row).toContainText('Sitzungs-Zusammenfassung')
  await expect(row).toContainText('Mistral-kompatibler Server der Praxis')
  // Issue 20: the record names who runs the server and the host that received the text.
  await expect(row.getByTestId('ai-transmission-recipient')).toContainText('Mistral AI SAS (FR)')
  await expect(row.getByTestId('ai-transmission-recipient')).toContainText(new URL(FAKE).host)
  await expect(row).toContainText('mistral-small-latest')
  await expect(row).toContainText('Erfolgreich')
  await expect(row.getByTestId('ai-transmission-reviewed')).toHaveText('Ja, 1 Wort maskiert')
  await expect(row).toContainText(/Nr\. \d+: KI-Auswertung von Transkripten, erteilt am/)
  await expect(row).toContainText(/Nr\. \d+: Übermittlung an den KI-Dienst, erteilt am/)
  await expect(client.getByTestId('ai-transmissions')).not.toContainText('Schwester')
  await expectAccessible(client)

  // What the provider received: one call with our key, pseudonymised.
  const requests = (await fakeRequests()).slice(before)
  expect(requests).toHaveLength(1)
  expect(requests[0]!.authorization).toBe('Bearer test-key')
  const sent = receivedText(requests)
  expect(sent).toMatch(/\[PERSON_\d+\]/)
  expect(sent).toContain('Schwester')
  const seeded = demoAccounts.flatMap((a) => [a.name, ...a.name.split(' '), a.email])
  for (const identifier of [...seeded, ...THIRD_PARTY, LEFTOVER])
    expect(sent, `"${identifier}" reached the provider`).not.toMatch(
      new RegExp(`\\b${escape(identifier)}\\b`, 'i'),
    )
  expect(sent.replace(/\s/g, '')).not.toContain(PHONE.replace(/\s/g, ''))

  // Leave the consents as the other specs expect them (off); the shared summary stays.
  await setConsent(client, C1, false)
  await setConsent(client, C3, false)
  await client.goto(`/sessions/${bookingId}`)
  await expect(client.getByTestId('shared-summary')).toBeVisible()
  await client.context().close()
  await coach.context().close()
})

test('R7.1 R7.6 without the client’s consent the coach is told which consent is missing and nothing is sent', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  // Lea Meier again (another booking of Marco's would change what the plans spec expects), consents off.
  const [coachAccount, lea] = [demoAccounts[0], demoAccounts[1]]
  const client = await newPage(browser, lea.email)
  await setConsent(client, C1, false)
  await setConsent(client, C3, false)
  const transmissions = client.getByTestId('ai-transmissions').locator('tbody tr')
  const recorded = await transmissions.count()
  const bookingId = await bookAndPayCoachingSession(client, { latest: true })

  const coach = await newPage(browser, coachAccount.email)
  await uploadTranscript(coach, bookingId, vtt(coachAccount.name, lea.name))
  const before = (await fakeRequests()).length

  // The panel says why, names the missing consents and disables the button; the rest of the page works (R7.6).
  const panel = coach.getByTestId('ai-panel')
  const blocked = panel.getByTestId('ai-blocked')
  await expect(blocked).toContainText(
    'Es fehlt: KI-Auswertung von Transkripten, Übermittlung an den KI-Dienst.',
  )
  await expect(blocked).toContainText('unter Einstellungen → KI & Datenschutz')
  const button = panel.getByRole('button', { name: 'Zusammenfassung erstellen' })
  await expect(button).toBeDisabled()
  await expect(coach.getByTestId('transcript-segment')).toHaveCount(4)
  await expectAccessible(coach)

  // Even a forced request is refused on the server (R7.1): a clear message, nothing queued, nothing sent.
  await button.evaluate((el) => el.removeAttribute('disabled'))
  await button.click()
  await expect(panel.getByRole('status').filter({ hasText: 'Nicht gesendet' })).toHaveText(
    'Nicht gesendet: Es fehlt die Einwilligung: KI-Auswertung von Transkripten, Übermittlung an den KI-Dienst.',
  )
  await coach.reload()
  await expect(panel.getByTestId('ai-status')).toHaveText('Noch keine Zusammenfassung.')
  expect((await fakeRequests()).length).toBe(before)

  // No new transmission record for the client either.
  await client.goto('/settings/privacy')
  await expect(client.getByRole('heading', { level: 2, name: 'KI-Übermittlungen' })).toBeVisible()
  expect(await transmissions.count()).toBe(recorded)
  await client.context().close()
  await coach.context().close()
})
