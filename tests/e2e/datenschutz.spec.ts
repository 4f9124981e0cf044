import { expect, test } from '@playwright/test'
import { retentionPolicy } from '../../cron/retention/policy'
import { expectAccessible } from './helpers'

test('R11.1 R15.2 /datenschutz renders the retention table from the policy, public and accessible', async ({
  page,
}) => {
  await page.goto('/datenschutz')
  await expect(page).toHaveURL(/\/datenschutz$/)
  const table = page.getByRole('table', { name: 'Speicherdauer je Datenart' })
  await expect(table).toBeVisible()
  await expect(table.getByRole('rowheader')).toHaveText(retentionPolicy.map((r) => r.label.de))
  await expect(table.getByRole('row', { name: /Session-Metadaten/ })).toContainText('anonymisiert')
  await expectAccessible(page)

  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('table', { name: 'Retention period by kind of data' })).toBeVisible()
  await expect(page.getByRole('rowheader').first()).toHaveText(retentionPolicy[0]!.label.en)
  await expectAccessible(page)
})
