import { expect, test } from '@playwright/test'
import { DateTime } from 'luxon'
import { expectAccessible, signIn } from './helpers'

// Marco Keller (klient@): the other specs use klientin@, so this plan does not change what they see.
test('R4.1 a client takes out a plan, pays on the local Testzahlung, gets credits and cancels at period end', async ({
  page,
}) => {
  await signIn(page, 'klient@mialma.test')
  await page.goto('/bookings/plan')
  await expect(page.getByRole('heading', { level: 1, name: 'Abo und Guthaben' })).toBeVisible()
  const offer = page.getByRole('listitem').filter({ hasText: 'Monatsbegleitung' })
  await expect(offer).toContainText('2 × Coaching-Sitzung (60 Min.) pro Monat')
  await expect(offer).toContainText('CHF 280.00 pro Monat')
  await expect(page.getByText('Noch keine Zahlungen.')).toBeVisible()
  await expect(page.getByText(/Kartendaten gibst du nur bei Stripe ein/)).toBeVisible()
  await expectAccessible(page)

  // A cancelled checkout only says so; the URL changes nothing.
  await page.goto('/bookings/plan?checkout=cancelled')
  await expect(page.getByText(/Du hast die Zahlung abgebrochen/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Abo abschliessen' })).toBeVisible()
  // Nor does a forged success URL make a plan active.
  await page.goto('/bookings/plan?checkout=success')
  await expect(page.getByText(/wird aktiviert, sobald die Zahlung bestätigt ist/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Abo abschliessen' })).toBeVisible()

  await page.getByRole('button', { name: 'Abo abschliessen' }).click()
  await page.waitForURL(/\/dev\/checkout\/cs_local_/)
  await expect(page.getByText('Monatsbegleitung').first()).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Bezahlen' }).click()

  await page.waitForURL(/\/bookings\/plan\?checkout=success/)
  await expect(page.getByText('Danke! Dein Abo ist aktiv.')).toBeVisible()
  const current = page.getByRole('region', { name: /Dein Abo/ })
  await expect(current).toContainText('Monatsbegleitung')
  await expect(current).toContainText('Status: Aktiv')
  await expect(current).toContainText('2 × Coaching-Sitzung')
  await expect(current).toContainText('gültig bis')
  await expect(current.getByRole('link', { name: 'Termin mit Guthaben buchen' })).toHaveAttribute(
    'href',
    '/bookings/new',
  )
  const invoice = page.getByRole('row').filter({ hasText: 'Monatsbegleitung' })
  await expect(invoice).toContainText('CHF 280.00')
  await expect(invoice).toContainText('Bezahlt')
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Abo verwalten' }).click()
  await page.waitForURL(/\/dev\/billing-portal/)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Test-Kundenportal – lokal, ohne Stripe' }),
  ).toBeVisible()
  await expect(page.getByText('Aktiv', { exact: true })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Zum Periodenende kündigen' }).click()
  await expect(page.getByText('Gekündigt: Dein Abo endet zum Periodenende.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Kündigung zurücknehmen' })).toBeVisible()
  await expectAccessible(page)

  // The period runs one calendar month from the payment (Zurich time).
  const end = DateTime.now().setZone('Europe/Zurich').plus({ months: 1 }).setLocale('de-CH')
  await page.getByRole('link', { name: 'Zurück zu Abo und Guthaben' }).click()
  await page.waitForURL(/\/bookings\/plan$/)
  await expect(current).toContainText(`Status: Endet am ${end.toLocaleString(DateTime.DATE_FULL)}`)
  await expect(current).toContainText('2 × Coaching-Sitzung')
  await expectAccessible(page)
})
