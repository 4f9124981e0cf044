import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { demoAccounts } from '../../db/demo-accounts'
import { truncateIp } from '../../lib/audit/ip'
import { bookAndPayCoachingSession, moveSessionIntoPast } from './booking-helpers'
import { createThrowawayClient, expectAccessible, signIn } from './helpers'

/**
 * Leak canaries (R12.2, R13.1): unique strings go into every kind of content through the UI — journal, transcript
 * (and a transcript search), AI summary, questionnaire title and answer, the client's name — then every log line
 * the app wrote (LOG_FILE, set in playwright.config.ts) and every e-mail in the local outbox is searched for them.
 *
 * A throwaway client (/dev/accounts) keeps the demo accounts as the other specs expect them.
 */

// The lane's data directory (playwright.config.ts gives each worker its own app and LOG_FILE).
const LOG_FILE = `${process.env.E2E_DATA_DIR ?? '.data/e2e'}/app.log`
const run = randomBytes(5).toString('hex').toUpperCase()
const canary = (what: string) => `KANARIE-${run}-${what}`

const C = {
  journalTitle: canary('JTITEL'),
  journalBody: canary('JTEXT'),
  journalTag: canary('JTAG').toLowerCase(),
  transcript: canary('TRANSKRIPT'),
  summary: canary('ZUSAMMENFASSUNG'),
  questionnaireTitle: canary('FBTITEL'),
  answer: canary('ANTWORT'),
}
const NAMES = { created: `Kim ${canary('NAMEA')}`, changed: `Kim ${canary('NAMEB')}` }

const CONSENTS = [
  'KI-Auswertung von Transkripten erlauben',
  'Übermittlung pseudonymisierter Daten an den KI-Dienst erlauben',
]

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(page, email)
  return page
}

type LogLine = Record<string, unknown>

function readLog(): { raw: string[]; parsed: LogLine[] } {
  expect(existsSync(LOG_FILE), `${LOG_FILE} (LOG_FILE sink of lib/log.ts)`).toBe(true)
  const raw = readFileSync(LOG_FILE, 'utf8').split('\n').filter(Boolean)
  return { raw, parsed: raw.map((l) => JSON.parse(l) as LogLine) }
}

/** Every IP address in a log line, IPv4 anywhere in the text, IPv6 as a whole token of a string value. */
function ipsIn(line: LogLine, raw: string): string[] {
  const found = [...raw.matchAll(/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/g)].map((m) => m[0])
  for (const value of Object.values(line)) {
    if (typeof value !== 'string') continue
    for (const token of value.split(/[\s,;|=()[\]<>"']+/)) if (isIP(token) === 6) found.push(token)
  }
  return found
}

test('R12.2 R13.1 no canary from journal, transcript, summary, questionnaire or name reaches a log line or an e-mail; logged IPs are truncated', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const coachAccount = demoAccounts[0]
  const setup = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  const email = await createThrowawayClient(setup, NAMES.created)
  await setup.context().close()

  // --- The client: name change, journal entry (shared with the coach, searched by tag), consents, booking.
  const client = await signedIn(browser, email)
  await client.goto('/settings/profile')
  await client.getByLabel('Name').fill(NAMES.changed)
  await client.getByRole('button', { name: 'Speichern' }).click()
  await expect(client.getByText('Dein Profil wurde gespeichert.')).toBeVisible()

  await client.goto('/journal/new')
  await client.getByLabel('Titel (optional)').fill(C.journalTitle)
  await client.getByLabel('Text').fill(`Heute: ${C.journalBody}. Ich bin müde.`)
  await client.getByLabel('Schlagworte (optional)').fill(C.journalTag)
  await client.getByRole('button', { name: 'Speichern' }).click()
  await expect(client.getByRole('heading', { level: 1, name: C.journalTitle })).toBeVisible()
  await client.getByRole('button', { name: 'Mit meinem Coach teilen' }).click()
  await expect(client.getByText('Dein Coach kann diesen Eintrag jetzt lesen.')).toBeVisible()
  await client.goto(`/journal?schlagwort=${encodeURIComponent(C.journalTag)}`)
  await expect(client.getByRole('link', { name: C.journalTitle })).toBeVisible()

  await client.goto('/settings/privacy')
  for (const grant of CONSENTS) {
    await client.getByRole('button', { name: grant }).click()
    await expect(client.getByRole('button', { name: grant })).toHaveCount(0)
  }
  const bookingId = await bookAndPayCoachingSession(client, { latest: true })

  // --- The coach: reads the shared entry, uploads and searches a transcript, edits the AI summary, shares it.
  const coach = await signedIn(browser, coachAccount.email)
  await coach.goto('/coach/clients')
  await coach.getByRole('link', { name: NAMES.changed }).click()
  await coach.getByRole('link', { name: C.journalTitle }).click()
  await expect(coach.getByText(C.journalBody)).toBeVisible()

  const vtt = [
    'WEBVTT',
    '',
    '00:00:01.000 --> 00:00:05.000',
    `<v ${coachAccount.name}>Was beschäftigt dich diese Woche?</v>`,
    '',
    '00:00:06.000 --> 00:00:15.000',
    `<v ${NAMES.changed}>Ich schlafe schlecht, seit ${C.transcript} passiert ist.</v>`,
    '',
  ].join('\n')
  await moveSessionIntoPast(coach, bookingId)
  await coach.getByLabel('Datei', { exact: true }).setInputFiles({
    name: 'sitzung.vtt',
    mimeType: 'text/vtt',
    buffer: Buffer.from(vtt),
  })
  await coach.getByRole('button', { name: 'Hochladen' }).click()
  await expect(coach.getByText('Transkript gespeichert (2 Abschnitte).')).toBeVisible()
  await coach.getByLabel('Im Transkript suchen').fill(C.transcript)
  await coach.getByRole('button', { name: 'Suchen' }).click()
  await expect(coach.getByTestId('transcript-segment')).toHaveCount(1)

  await coach.goto(`/coach/sessions/${bookingId}`)
  await coach.waitForLoadState('networkidle')
  const panel = coach.getByTestId('ai-panel')
  await panel.getByRole('button', { name: 'Zusammenfassung erstellen' }).click()
  // R7.7: the outgoing text waits for the coach's review; "Senden" sends it.
  await expect(panel.getByTestId('ai-status')).toHaveText(/^Wartet auf deine Prüfung/)
  await panel.getByTestId('ai-review').getByRole('button', { name: 'Senden' }).click()
  await expect(panel.getByTestId('ai-status')).toHaveText(/^Entwurf – nur du siehst ihn/)
  const summary = panel.getByTestId('ai-section-summary')
  await summary.getByLabel('Zusammenfassung', { exact: true }).fill(`Es ging um ${C.summary}.`)
  await summary.getByRole('button', { name: 'Speichern – Zusammenfassung' }).click()
  await expect(summary.getByText('Abschnitt gespeichert.')).toBeVisible()
  await panel.getByRole('button', { name: 'Freigeben' }).click()
  await expect(panel.getByTestId('ai-status')).toHaveText(/^Freigegeben am /)
  await panel.getByRole('button', { name: 'Mit Klient·in teilen' }).click()
  await expect(panel.getByTestId('ai-share-state')).toHaveText(/^Zurzeit geteilt/)
  await client.goto(`/sessions/${bookingId}`)
  await expect(client.getByTestId('shared-summary')).toContainText(C.summary)

  // --- A questionnaire: the coach builds and assigns it, the client answers, the coach reads the answer.
  await coach.goto('/coach/questionnaires')
  await coach.getByLabel('Titel', { exact: true }).fill(C.questionnaireTitle)
  await coach.getByRole('button', { name: 'Fragebogen erstellen' }).click()
  await expect(coach.getByRole('heading', { level: 1, name: C.questionnaireTitle })).toBeVisible()
  await coach
    .getByRole('navigation', { name: 'Fragenart wählen' })
    .getByRole('link', { name: 'Freitext' })
    .click()
  await expect(coach.getByText('Art: Freitext')).toBeVisible()
  const add = coach.getByRole('form', { name: 'Frage hinzufügen' })
  await add.getByLabel('Frage', { exact: true }).fill('Was hat dich beschäftigt?')
  await add.getByRole('button', { name: 'Frage hinzufügen' }).click()
  await expect(coach.getByText('Die Frage wurde hinzugefügt.')).toBeVisible()
  await coach.getByLabel('Klientin / Klient').selectOption({ label: NAMES.changed })
  await coach.getByRole('button', { name: 'Zuweisen', exact: true }).click()
  await expect(coach.getByText('Zugewiesen. Die E-Mail ist unterwegs.')).toBeVisible()

  await client.goto('/questionnaires')
  await client.getByRole('link', { name: `Beantworten: ${C.questionnaireTitle}` }).click()
  await client.getByLabel(/Was hat dich beschäftigt/).fill(`Vor allem ${C.answer}.`)
  await client.getByRole('button', { name: 'Absenden' }).click()
  await expect(client.getByText('Danke! Deine Antworten sind abgeschickt.')).toBeVisible()
  await coach.goto('/coach')
  await coach.getByRole('link', { name: `${NAMES.changed}: ${C.questionnaireTitle}` }).click()
  await expect(coach.getByText(C.answer)).toBeVisible()

  // --- E-mails: every message in the outbox (subject, text and HTML, as the outbox page shows them).
  await coach.goto('/dev/outbox')
  await expectAccessible(coach)
  const hrefs = await coach
    .locator('a[href^="/dev/outbox/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  expect(hrefs.length).toBeGreaterThan(0)
  const content = Object.values(C)
  let toClient = 0
  let greeted = 0
  for (const href of hrefs) {
    const response = await coach.request.get(href)
    expect(response.ok()).toBe(true)
    const page = await response.text()
    for (const value of content) expect(page, `${value} in the e-mail ${href}`).not.toContain(value)
    // A mail to the client may greet them by name ("Hallo …"); their name appears nowhere else, in no other mail.
    const own = page.includes(email)
    if (own) toClient++
    if (own && page.includes(`Hallo ${NAMES.changed}`)) greeted++
    for (const name of Object.values(NAMES)) {
      const rest = own ? page.replaceAll(`Hallo ${name}`, '').replaceAll(`Hello ${name}`, '') : page
      expect(rest, `${name} in the e-mail ${href}`).not.toContain(name.split(' ')[1]!)
    }
  }
  // Profile change, booking confirmation, payment, questionnaire: the client's mails were there to be searched.
  expect(toClient).toBeGreaterThanOrEqual(3)
  // Control: the search sees the rendered mails (the greeting carries the new name), so an absence means something.
  expect(greeted).toBeGreaterThan(0)

  // --- Logs: every line the app wrote during the whole run so far.
  const { raw, parsed } = readLog()
  expect(raw.length).toBeGreaterThan(0)
  const everything = [...content, ...Object.values(NAMES).map((n) => n.split(' ')[1]!)]
  for (const line of raw)
    for (const value of everything)
      expect(line.toUpperCase(), `canary in a log line`).not.toContain(value.toUpperCase())
  let ips = 0
  raw.forEach((line, i) => {
    for (const ip of ipsIn(parsed[i]!, line)) {
      ips++
      expect(truncateIp(ip), `untruncated IP in the log line ${line}`).toBe(ip)
    }
  })
  test.info().annotations.push({
    type: 'logs',
    description: `${raw.length} log lines, ${hrefs.length} e-mails searched; ${ips} IP addresses in the logs${ips === 0 ? ' (the technical logs carry none)' : ', all truncated'}`,
  })

  await client.context().close()
  await coach.context().close()
})
