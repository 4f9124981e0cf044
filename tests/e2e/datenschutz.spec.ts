import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { retentionPolicy } from '../../cron/retention/policy'
import { expectAccessible } from './helpers'

type Words = { retention: { classes: Record<string, { label: string; note: string }> } }
const words = (locale: 'de' | 'en'): Words =>
  JSON.parse(
    readFileSync(new URL(`../../lib/i18n/messages/${locale}.retention.json`, import.meta.url), 'utf8'),
  )
const de = words('de')
const en = words('en')

test('R11.1 R15.2 /datenschutz renders the retention table from the policy, public and accessible', async ({
  page,
}) => {
  await page.goto('/datenschutz')
  await expect(page).toHaveURL(/\/datenschutz$/)
  const table = page.getByRole('table', { name: 'Speicherdauer je Datenart' })
  await expect(table).toBeVisible()
  await expect(table.getByRole('rowheader')).toHaveText(
    retentionPolicy.map((r) => de.retention.classes[r.id]!.label),
  )
  await expect(table.getByRole('row', { name: /Session-Metadaten/ })).toContainText('anonymisiert')
  // Issue 20: where texts for AI analyses go, from the configuration (the e2e app talks to a stand-in for
  // Mistral's API, so Mistral AI is the recipient named).
  const ai = page.getByTestId('ai-recipient')
  await expect(ai.getByRole('heading', { name: 'Wohin Texte für KI-Auswertungen gehen' })).toBeVisible()
  await expect(ai).toContainText('Mistral AI SAS (Frankreich, EU) als externer Anbieter')
  await expect(ai).toContainText('immer nur pseudonymisiert')
  await expectAccessible(page)

  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('table', { name: 'Retention period by kind of data' })).toBeVisible()
  await expect(page.getByRole('rowheader').first()).toHaveText(
    en.retention.classes[retentionPolicy[0]!.id]!.label,
  )
  await expectAccessible(page)
})
