import { expect, test } from '@playwright/test'
import { expectAccessible, signIn } from './helpers'

test('R3.1 the coach manages offers, weekly hours, exceptions and booking rules', async ({ page }) => {
  // A name of its own per run: a retry finds its own offer, not the one the failed attempt created.
  const offer = `Kurzsitzung ${Date.now().toString(36)}`
  await signIn(page, 'coach@mialma.test')
  await page.goto('/coach/session-types')
  await expect(page.getByRole('link', { name: 'Coaching-Sitzung' })).toBeVisible()
  await expectAccessible(page)

  // A price ≤ 0 is refused and what was typed stays.
  await page.getByLabel('Name').fill(offer)
  await page.getByLabel('Preis (CHF)').fill('0')
  await page.getByRole('button', { name: 'Angebot anlegen' }).click()
  await expect(page.getByText('Der Preis muss grösser als 0 sein.')).toBeVisible()
  await expect(page.getByLabel('Name')).toHaveValue(offer)
  await page.getByLabel('Dauer (Minuten)').fill('45')
  await page.getByLabel('Preis (CHF)').fill('95.50')
  await page.getByRole('button', { name: 'Angebot anlegen' }).click()
  await expect(page.getByText('Das Angebot wurde angelegt.')).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: offer })
  await expect(row).toContainText('CHF 95.50')
  await row.getByRole('button', { name: `${offer}: Pausieren` }).click()
  await expect(row).toContainText('Pausiert')

  // Overlapping ranges on one day: refused, nothing saved.
  await page.goto('/coach/availability')
  await expectAccessible(page)
  await page.getByLabel('Samstag').fill('09:00–12:00, 11:00–13:00')
  await page.getByRole('button', { name: 'Wochenzeiten speichern' }).click()
  await expect(page.getByText('Zwei Zeitspannen am selben Tag überschneiden sich.')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Samstag')).toHaveValue('')
  await page.getByLabel('Samstag').fill('09:00-12:00')
  await page.getByRole('button', { name: 'Wochenzeiten speichern' }).click()
  await expect(page.getByText('Gespeichert.').first()).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Samstag')).toHaveValue('09:00–12:00')

  // A day off.
  await page.getByLabel('Datum').fill('2027-01-04')
  await page.getByRole('button', { name: 'Ausnahme hinzufügen' }).click()
  await expect(page.getByText(/4\. Januar 2027: Frei, ganzer Tag/)).toBeVisible()

  // Booking rules.
  await page.getByLabel('Absagen und Verschieben bis (Stunden vor Beginn)').fill('48')
  await page.getByRole('button', { name: 'Regeln speichern' }).click()
  // Reload only once the save is confirmed (a reload during the request would read the old rules).
  const rulesForm = page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: 'Regeln speichern' }) })
  await expect(rulesForm.getByText('Gespeichert.')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Absagen und Verschieben bis (Stunden vor Beginn)')).toHaveValue('48')
  await expectAccessible(page)

  await page.goto('/coach/bookings')
  await expect(page.getByRole('heading', { level: 1, name: 'Gebuchte Termine' })).toBeVisible()
  await expectAccessible(page)
})
