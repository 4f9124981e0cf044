import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { extractText } from 'unpdf'
import { createThrowawayClient, expectAccessible, runDailyCron, signIn } from './helpers'

// R10.1–R10.3 in the browser, on a throwaway account (never a shared demo account): export JSON, restrict
// processing on and off, delete the account; afterwards sign-in fails and the coach sees "Konto gelöscht".

test('R10.1 R10.2 R10.3 a client exports, restricts processing, deletes the account; the coach sees it deleted', async ({
  page,
  browser,
}) => {
  // Export, restriction, deletion, the daily cron and the receipt in one flow: longer than the default minute.
  test.setTimeout(180_000)
  const stamp = Date.now()
  const name = `Testperson ${stamp}`
  const email = await createThrowawayClient(page, name)
  await signIn(page, email)

  // A journal entry to find in the export.
  // Letters outside Latin-1 too, for the PDF (issue 17).
  const title = `Export-Kanarie Şahin Todorović ${stamp}`
  await page.goto('/journal/new')
  await page.getByLabel('Titel (optional)').fill(title)
  await page.getByLabel('Text').fill('Grüezi aus dem Export: äöü.')
  await page.getByRole('button', { name: 'Speichern' }).click()
  await expect(page.getByText('Der Eintrag wurde gespeichert.')).toBeVisible()

  // R10.1: the JSON export downloads, parses, holds the entry and documents itself.
  await page.goto('/settings/data')
  await expect(page.getByRole('heading', { level: 1, name: 'Daten & Export' })).toBeVisible()
  await expectAccessible(page)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'JSON herunterladen' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^mialma-datenexport-\d{4}-\d{2}-\d{2}\.json$/)
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    README: { sections: Record<string, unknown> }
    account: { email: string; name: string }
    journal_entries: { title: string; body: string }[]
  }
  expect(exported.account).toMatchObject({ email, name })
  expect(exported.journal_entries).toEqual([
    expect.objectContaining({ title, body: 'Grüezi aus dem Export: äöü.' }),
  ])
  expect(Object.keys(exported.README.sections)).toContain('journal_entries')

  // R10.1: the PDF from the production build embeds its font: the title prints as written.
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'PDF herunterladen' }).click(),
  ])
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/)
  const { text } = await extractText(new Uint8Array(readFileSync((await pdf.path())!)), { mergePages: true })
  expect(text).toContain(title)
  await page.reload()
  await expect(page.getByTestId('activity-log')).toContainText('Daten exportiert')

  // R10.3: restriction on and off, each in the log.
  const restriction = page.getByTestId('data-restriction')
  await expect(page.getByTestId('restriction-state')).toHaveText('Nicht eingeschränkt')
  await restriction.getByRole('button', { name: 'Verarbeitung einschränken' }).click()
  await expect(
    restriction.getByText('Die Verarbeitung deiner Daten ist ab sofort eingeschränkt.'),
  ).toBeVisible()
  await expect(page.getByTestId('restriction-state')).toContainText('Eingeschränkt seit')
  await expectAccessible(page)
  await restriction.getByRole('button', { name: 'Einschränkung aufheben' }).click()
  await expect(restriction.getByText('Die Einschränkung ist aufgehoben.')).toBeVisible()
  await expect(page.getByTestId('restriction-state')).toHaveText('Nicht eingeschränkt')
  await page.reload()
  await expect(page.getByTestId('activity-log')).toContainText('Verarbeitung eingeschränkt')
  await expect(page.getByTestId('activity-log')).toContainText('Einschränkung der Verarbeitung aufgehoben')

  // R10.2: a wrong word changes nothing …
  const deletion = page.getByTestId('data-deletion')
  await deletion.getByLabel('Tippe zur Bestätigung LÖSCHEN ein').fill('ja bitte')
  await deletion.getByRole('button', { name: 'Konto endgültig löschen' }).click()
  await expect(deletion.getByRole('alert')).toContainText('Es wurde nichts gelöscht.')
  await expectAccessible(page)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Daten & Export' })).toBeVisible()

  // … the right one deletes at once and signs out.
  await deletion.getByLabel('Tippe zur Bestätigung LÖSCHEN ein').fill('LÖSCHEN')
  await deletion.getByRole('button', { name: 'Konto endgültig löschen' }).click()
  await expect(page).toHaveURL(/\/account-deleted$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Dein Konto wurde gelöscht' })).toBeVisible()
  await expectAccessible(page)
  await page.goto('/settings/data')
  await expect(page).toHaveURL(/\/sign-in/)

  // Signing in again fails with a clear message.
  await signIn(page, email, 'demo-passwort', true)
  await expect(page.getByText('E-Mail-Adresse oder Passwort ist falsch.')).toBeVisible()

  // The coach sees "Konto gelöscht" with the date, and nothing of the content.
  const coach = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await signIn(coach, 'coach@mialma.test')
  await coach.goto('/coach/clients')
  await expect(coach.getByRole('link', { name })).toHaveCount(0)
  const deletedCell = coach.getByTestId('client-deleted').last()
  await expect(deletedCell).toContainText('Konto gelöscht am')
  await expectAccessible(coach)
  await coach.getByRole('link', { name: 'Konto gelöscht' }).last().click()
  await expect(coach.getByTestId('client-deleted')).toContainText('Konto gelöscht am')
  await expect(coach.locator('main')).not.toContainText(title)
  await expectAccessible(coach)

  // The daily run (issue 15) purges the rest and, with every place done, sends the receipt once.
  await runDailyCron(page.request)

  // The confirmation went to the former address, without content: each place with its time (the outbox needs a
  // sign-in: the coach's).
  await signIn(page, 'coach@mialma.test')
  await page.goto('/dev/outbox')
  const row = page
    .getByRole('row')
    .filter({ hasText: email })
    .filter({ hasText: 'Dein Konto wurde gelöscht' })
  await expect(row).toHaveCount(1)
  await row.getByRole('link').click()
  await expect(page.locator('body')).not.toContainText(title)
  await expect(page.locator('body')).toContainText('Datenbank von Mi Alma')
  await expect(page.locator('body')).toContainText('gelöscht am')

  // The coach's receipt: every place with its time, no name.
  await coach.goto('/coach/deletions')
  const receipt = coach.getByTestId('deletion-receipt').first()
  await expect(receipt.getByTestId('deletion-state')).toContainText('Abgeschlossen am')
  await expect(receipt.getByTestId('deletion-place-database')).toContainText(/\d{4}/)
  await expect(coach.locator('main')).not.toContainText(name)
  await expectAccessible(coach)
})
