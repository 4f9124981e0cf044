import { type Browser, expect, type Page, test } from '@playwright/test'
import { expectAccessible, signIn } from './helpers'

async function asCoach(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(page, 'coach@mialma.test')
  return page
}

async function openClientAsCoach(coach: Page, name: string) {
  await coach.goto('/coach/clients')
  await coach.getByRole('link', { name }).click()
  await expect(coach.getByRole('heading', { level: 1, name })).toBeVisible()
}

test('R2 R13.2 a client writes, edits, shares and revokes an entry; the coach sees it only while shared', async ({
  page,
  browser,
}) => {
  const title = `Ein Abend am Fluss ${Date.now()}`
  await signIn(page, 'klientin@mialma.test')
  await expectAccessible(page)

  // Bad input: nothing lost, nothing written.
  await page.getByRole('link', { name: 'Neuer Eintrag' }).click()
  await page.getByLabel('Titel (optional)').fill(title)
  await page.getByRole('button', { name: 'Speichern' }).click()
  await expect(page.getByText('Bitte schreib etwas in den Eintrag.')).toBeVisible()
  await expect(page.getByLabel('Titel (optional)')).toHaveValue(title)
  await expectAccessible(page)

  await page.getByLabel('Text').fill('Ich habe dem Wasser zugehört und gemerkt, wie müde ich bin.')
  await page.getByText('2 – schwer').click()
  await page.getByLabel('Schlagworte (optional)').fill('Müdigkeit, Natur')
  await page.getByRole('button', { name: 'Speichern' }).click()
  await expect(page.getByText('Der Eintrag wurde gespeichert.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByText('Privat: nur du siehst diesen Eintrag.')).toBeVisible()
  await expectAccessible(page)
  const entryUrl = page.url().split('?')[0]!

  // Edit.
  await page.getByRole('link', { name: 'Bearbeiten' }).click()
  await page.getByLabel('Text').fill('Ich habe dem Wasser zugehört. Morgen gehe ich früher schlafen.')
  await page.getByRole('button', { name: 'Speichern' }).click()
  await expect(page.getByText('Morgen gehe ich früher schlafen.')).toBeVisible()

  // The coach does not see the private entry.
  const coach = await asCoach(browser)
  await openClientAsCoach(coach, 'Lea Meier')
  await expect(coach.getByRole('link', { name: title })).toHaveCount(0)

  // Share → the coach sees it and can open it.
  await page.getByRole('button', { name: 'Mit meinem Coach teilen' }).click()
  await expect(page.getByText('Dein Coach kann diesen Eintrag jetzt lesen.')).toBeVisible()
  await coach.reload()
  await coach.getByRole('link', { name: title }).click()
  await expect(coach.getByText('Morgen gehe ich früher schlafen.')).toBeVisible()
  await expect(coach.getByText('Diese Ansicht wird im Protokoll der Person vermerkt.')).toBeVisible()
  await expectAccessible(coach)
  const coachEntryUrl = coach.url()

  // Revoke → gone for the coach at once, also by direct link.
  await page.getByRole('button', { name: 'Teilen beenden' }).click()
  await expect(page.getByText('Der Eintrag ist wieder privat.')).toBeVisible()
  const response = await coach.goto(coachEntryUrl)
  expect(response?.status()).toBe(404)
  await openClientAsCoach(coach, 'Lea Meier')
  await expect(coach.getByRole('link', { name: title })).toHaveCount(0)

  // Filters find it by kind and (encrypted) tag.
  await page.goto('/journal?schlagwort=müdigkeit')
  await expect(page.getByRole('link', { name: title })).toBeVisible()
  await page.goto('/journal?art=note')
  await expect(page.getByRole('link', { name: title })).toHaveCount(0)

  // Delete asks once more.
  await page.goto(entryUrl)
  await page.getByRole('button', { name: 'Löschen' }).click()
  await page.getByRole('button', { name: 'Ja, endgültig löschen' }).click()
  await expect(page.getByText('Der Eintrag wurde gelöscht.')).toBeVisible()
  expect((await page.goto(entryUrl))?.status()).toBe(404)
  await coach.context().close()
})

test('R14.1 another client cannot open an entry by its URL', async ({ page, browser }) => {
  await signIn(page, 'klientin@mialma.test')
  await page.getByRole('link', { name: 'Ein ruhiger Sonntag' }).click()
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Ein ruhiger Sonntag' })).toBeVisible()
  const url = page.url()
  const other = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(other, 'klient@mialma.test')
  expect((await other.goto(url))?.status()).toBe(404)
  expect((await other.goto(`${url}/edit`))?.status()).toBe(404)
  await other.context().close()
})

test('R2 the coach sends a prompt; the client answers it from the journal', async ({ page, browser }) => {
  const prompt = `Wofür bist du heute dankbar? ${Date.now()}`
  const coach = await asCoach(browser)
  await openClientAsCoach(coach, 'Marco Keller')
  await coach.getByLabel('Neuer Impuls').fill(prompt)
  await coach.getByRole('button', { name: 'Impuls senden' }).click()
  await expect(coach.getByText('Der Impuls wurde gesendet.')).toBeVisible()
  await expect(coach.getByText(prompt)).toBeVisible()
  await expectAccessible(coach)

  await signIn(page, 'klient@mialma.test')
  const item = page.getByRole('listitem').filter({ hasText: prompt })
  await item.getByRole('link', { name: 'Beantworten' }).click()
  await expect(page.getByText(prompt)).toBeVisible()
  await page.getByLabel('Text').fill('Für das Gespräch mit meinem Bruder.')
  await page.getByRole('button', { name: 'Speichern' }).click()
  await expect(page.getByText('Der Eintrag wurde gespeichert.')).toBeVisible()
  await page.goto('/journal')
  await expect(page.getByText(prompt)).toHaveCount(0)
  await coach.context().close()
})
