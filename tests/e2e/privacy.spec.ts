import { expect, type Locator, type Page, test } from '@playwright/test'
import { expectAccessible, signIn } from './helpers'

const consents = [
  {
    id: 'ai_transcripts',
    title: 'KI-Auswertung deiner Sitzungstranskripte',
    grant: 'KI-Auswertung von Transkripten erlauben',
    withdraw: 'Einwilligung zur KI-Auswertung von Transkripten widerrufen',
    short: 'KI-Auswertung von Transkripten',
  },
  {
    id: 'ai_questionnaires',
    title: 'KI-Auswertung deiner Fragebogen-Antworten',
    grant: 'KI-Auswertung von Fragebogen-Antworten erlauben',
    withdraw: 'Einwilligung zur KI-Auswertung von Fragebogen-Antworten widerrufen',
    short: 'KI-Auswertung von Fragebogen-Antworten',
  },
  {
    id: 'ai_external_provider',
    title: 'Übermittlung pseudonymisierter Daten an Mistral AI',
    grant: 'Übermittlung pseudonymisierter Daten an den KI-Dienst erlauben',
    withdraw: 'Einwilligung zur Übermittlung an den KI-Dienst widerrufen',
    short: 'Übermittlung an den KI-Dienst',
  },
] as const

const historyRows = (page: Page): Locator => page.getByTestId('consent-history').locator('tbody tr')

async function historyCount(page: Page): Promise<number> {
  return (await page.getByTestId('consent-history').count()) === 0 ? 0 : historyRows(page).count()
}

test('R9.1 R9.2 R13.2 a client grants and withdraws each consent, sees state and history, and the Protokoll lists it', async ({
  page,
}) => {
  await signIn(page, 'klient@mialma.test')
  await page.goto('/settings/privacy')
  await expect(page.getByRole('heading', { level: 1, name: 'KI & Datenschutz' })).toBeVisible()
  await expectAccessible(page)

  // All off by default (R9.1); on a fresh e2e database also no history yet. (A retry may find a consent
  // left on by the failed attempt: switch it off first.)
  for (const c of consents) {
    const card = page.getByTestId(`consent-${c.id}`)
    await expect(card.getByRole('heading', { level: 2, name: c.title })).toBeVisible()
    if (test.info().retry > 0 && (await card.getByRole('button', { name: c.withdraw }).count()) > 0)
      await card.getByRole('button', { name: c.withdraw }).click()
    await expect(card.getByTestId('consent-state')).toHaveText('Nicht erlaubt')
    await expect(card.getByRole('button', { name: c.grant })).toBeVisible()
  }
  // Issue 20: the C3 card says plainly who receives the text in this installation.
  await expect(page.getByTestId('consent-ai_external_provider').getByTestId('consent-recipient')).toHaveText(
    'Empfänger: Mistral AI SAS (Frankreich, EU) — ein externer Anbieter.',
  )
  let rows = await historyCount(page)
  if (rows === 0) await expect(page.getByTestId('consent-history-empty')).toBeVisible()

  for (const c of consents) {
    const card = page.getByTestId(`consent-${c.id}`)
    await card.getByRole('button', { name: c.grant }).click()
    await expect(card.getByText('Deine Einwilligung ist gespeichert.')).toBeVisible()
    await expect(card.getByTestId('consent-state')).toHaveText(
      /^Erlaubt seit \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/,
    )
    rows += 1
    await expect(historyRows(page)).toHaveCount(rows)
    const newest = historyRows(page).first()
    await expect(newest).toContainText(c.short)
    await expect(newest).toContainText('Erteilt')
    await expect(newest).toContainText('2026-11-22')
    await expect(newest).toContainText('Deutsch')

    // Withdrawing is one click, like granting.
    await card.getByRole('button', { name: c.withdraw }).click()
    await expect(card.getByText('Deine Einwilligung ist widerrufen. Das gilt ab sofort.')).toBeVisible()
    await expect(card.getByTestId('consent-state')).toHaveText('Nicht erlaubt')
    rows += 1
    await expect(historyRows(page)).toHaveCount(rows)
    await expect(historyRows(page).first()).toContainText('Widerrufen')
  }
  // Independent switches: granting one leaves the others off.
  await page.getByRole('button', { name: consents[2].grant }).click()
  await expect(page.getByTestId('consent-ai_external_provider').getByTestId('consent-state')).toHaveText(
    /^Erlaubt seit/,
  )
  await page.reload()
  await expect(page.getByTestId('consent-ai_transcripts').getByTestId('consent-state')).toHaveText(
    'Nicht erlaubt',
  )
  await expect(page.getByTestId('consent-ai_external_provider').getByTestId('consent-state')).toHaveText(
    /^Erlaubt seit/,
  )
  await expect(historyRows(page)).toHaveCount(rows + 1)
  await expectAccessible(page)
  await page.getByRole('button', { name: consents[2].withdraw }).click()
  await expect(page.getByTestId('consent-ai_external_provider').getByTestId('consent-state')).toHaveText(
    'Nicht erlaubt',
  )

  await page.goto('/settings/data')
  await expect(page.getByRole('heading', { level: 2, name: 'Protokoll' })).toBeVisible()
  const log = page.getByTestId('activity-log')
  await expect(log.getByRole('row').filter({ hasText: 'Anmeldung' }).first()).toBeVisible()
  await expect(log.getByRole('row').filter({ hasText: 'Anmeldung' }).first()).toContainText(
    'Chrome auf Linux',
  )
  for (const c of consents) {
    await expect(
      log
        .getByRole('row')
        .filter({ hasText: `Einwilligung erteilt: ${c.short}` })
        .first(),
    ).toBeVisible()
    await expect(
      log
        .getByRole('row')
        .filter({ hasText: `Einwilligung widerrufen: ${c.short}` })
        .first(),
    ).toBeVisible()
  }
  // Newest first: the last change is on top. Truncated IPs only.
  await expect(log.locator('tbody tr').first()).toContainText(
    'Einwilligung widerrufen: Übermittlung an den KI-Dienst',
  )
  await expect(log.locator('tbody tr').first()).toContainText(/\.0\b|::/)
  await expectAccessible(page)
})

test('R9.2 the form works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-CH' })
  const page = await context.newPage()
  await signIn(page, 'klientin@mialma.test')
  await page.goto('/settings/privacy')
  const card = page.getByTestId('consent-ai_questionnaires')
  const before = await historyCount(page)
  await card.getByRole('button', { name: consents[1].grant }).click()
  await expect(card.getByTestId('consent-state')).toHaveText(/^Erlaubt seit/)
  await expect(historyRows(page)).toHaveCount(before + 1)
  await card.getByRole('button', { name: consents[1].withdraw }).click()
  await expect(card.getByTestId('consent-state')).toHaveText('Nicht erlaubt')
  await expect(historyRows(page)).toHaveCount(before + 2)
  await context.close()
})

test('R9.2 R14.1 a form that showed an outdated text is refused with a clear message; nothing changes', async ({
  page,
}) => {
  await signIn(page, 'klientin@mialma.test')
  await page.goto('/settings/privacy')
  const card = page.getByTestId('consent-ai_transcripts')
  await expect(card.getByTestId('consent-state')).toHaveText('Nicht erlaubt')
  const before = await historyCount(page)
  // As if the page had been open while the text changed to a new version.
  await card.locator('input[name="textVersion"]').evaluate((el) => {
    ;(el as HTMLInputElement).value = '2020-01-01'
  })
  await card.getByRole('button', { name: consents[0].grant }).click()
  await expect(card.getByRole('alert')).toHaveText(
    'Der Text hat sich geändert — bitte lade die Seite neu und prüfe ihn.',
  )
  await page.reload()
  await expect(card.getByTestId('consent-state')).toHaveText('Nicht erlaubt')
  expect(await historyCount(page)).toBe(before)
})

test('R15.2 /settings/privacy works on a phone-sized screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'de-CH' })
  const page = await context.newPage()
  await signIn(page, 'klientin@mialma.test')
  await page.goto('/settings/privacy')
  const button = page.getByRole('button', { name: consents[0].grant })
  await button.scrollIntoViewIfNeeded()
  await expect(button).toBeInViewport({ ratio: 1 })
  // Nothing wider than the screen except the scrollable history table.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await expectAccessible(page)
  await context.close()
})

test('R14.1 a coach is denied the consent page (403)', async ({ page }) => {
  await signIn(page, 'coach@mialma.test')
  const response = await page.goto('/settings/privacy')
  expect(response?.status()).toBe(403)
})
