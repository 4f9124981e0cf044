import { expect, test } from '@playwright/test'
import { SESSION_COOKIE } from '../../lib/auth/session-cookies'
import { expectAccessible, signIn, signInThroughForm, signOut } from './helpers'

const accounts = [
  {
    email: 'coach@mialma.test',
    home: /\/coach$/,
    nav: ['Übersicht', 'Klientinnen', 'Termine', 'Fragebögen'],
    pages: ['/coach', '/coach/clients', '/coach/bookings', '/coach/questionnaires', '/settings/profile'],
    denied: ['/journal', '/settings/privacy'],
  },
  {
    email: 'klientin@mialma.test',
    home: /\/journal$/,
    nav: ['Tagebuch', 'Termine', 'Fragebögen', 'Einstellungen'],
    pages: [
      '/journal',
      '/bookings',
      '/questionnaires',
      '/settings/profile',
      '/settings/privacy',
      '/settings/data',
    ],
    denied: ['/coach', '/coach/clients'],
  },
  {
    email: 'klient@mialma.test',
    home: /\/journal$/,
    nav: ['Tagebuch', 'Termine', 'Fragebögen', 'Einstellungen'],
    pages: ['/journal'],
    denied: ['/coach/bookings'],
  },
]

test('R1.2 the sign-in page lists the demo accounts and marks the local mode', async ({ page }) => {
  await page.goto('/sign-in')
  await expect(page.getByTestId('local-auth-marker')).toHaveText('Lokale Anmeldung')
  for (const a of accounts) await expect(page.getByText(a.email)).toBeVisible()
  await expectAccessible(page)
})

for (const account of accounts) {
  test(`R1.2 R14.1 ${account.email}: signs in, sees own navigation, is denied the other role, signs out`, async ({
    page,
  }) => {
    await signInThroughForm(page, account.email)
    await expect(page).toHaveURL(account.home)
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
    for (const item of account.nav)
      await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible()
    await expect(page.getByTestId('local-auth-marker')).toBeVisible()

    for (const path of account.pages) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expectAccessible(page)
    }
    for (const path of account.denied) {
      const response = await page.goto(path)
      expect(response?.status()).toBe(403)
      await expect(page.getByRole('heading', { name: 'Kein Zugriff' })).toBeVisible()
    }
    await expectAccessible(page)

    await page.goto(account.pages[0]!)
    await signOut(page)
    await expect(page.getByText('Du wurdest abgemeldet.')).toBeVisible()
    await page.goto(account.pages[0]!)
    await expect(page).toHaveURL(/\/sign-in\?next=/)
  })
}

test('R1.2 wrong password and unknown e-mail get one clear message and no session', async ({ page }) => {
  await signIn(page, 'coach@mialma.test', 'falsch', true)
  await expect(page.getByText('E-Mail-Adresse oder Passwort ist falsch')).toBeVisible()
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('coach@mialma.test')
  await signIn(page, 'niemand@mialma.test', 'demo-passwort', true)
  await expect(page.getByText('E-Mail-Adresse oder Passwort ist falsch')).toBeVisible()
  await page.goto('/coach')
  await expect(page).toHaveURL(/\/sign-in/)
})

test('R1.2 malformed e-mail is explained next to the field', async ({ page }) => {
  await signIn(page, 'kein-at-zeichen', 'x', true)
  await expect(page.getByText('Bitte eine gültige E-Mail-Adresse eingeben.')).toBeVisible()
})

test('R14.1 a tampered session cookie signs nobody in and is explained', async ({ page, context }) => {
  await signIn(page, 'klientin@mialma.test')
  await expect(page).toHaveURL(/\/journal$/)
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!
  const [id, sig] = cookie.value.split('.')
  await context.addCookies([{ ...cookie, value: `${id}x.${sig}` }])
  await page.goto('/journal')
  await expect(page).toHaveURL(/\/sign-in/)
  await expect(page.getByText('Deine Sitzung ist abgelaufen oder ungültig.')).toBeVisible()
})

test('after signing in, the visitor returns to the page they asked for', async ({ page }) => {
  await page.goto('/bookings')
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fbookings/)
  await page.getByLabel('E-Mail-Adresse').fill('klient@mialma.test')
  await page.getByLabel('Passwort', { exact: true }).fill('demo-passwort')
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click()
  await expect(page).toHaveURL(/\/bookings$/)
})

test('R1.3 R12 profile: bad input keeps what was typed; a valid change is saved and notified via the outbox', async ({
  page,
}) => {
  await signIn(page, 'klient@mialma.test')
  await page.goto('/settings/profile')
  await page.getByLabel('Telefon (optional)').fill('abc')
  await page.getByRole('button', { name: 'Speichern' }).click()
  await expect(page.getByText('Bitte eine gültige Telefonnummer angeben')).toBeVisible()
  await expect(page.getByLabel('Telefon (optional)')).toHaveValue('abc')
  await expectAccessible(page)

  await page.getByLabel('Telefon (optional)').fill('+41 79 123 45 67')
  await page.getByLabel('Name').fill('Marco Keller-Test')
  await page.getByRole('button', { name: 'Speichern' }).click()
  await expect(page.getByText('Dein Profil wurde gespeichert.')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Telefon (optional)')).toHaveValue('+41 79 123 45 67')
  await expect(page.getByTestId('actor-name')).toHaveText('Marco Keller-Test')

  await page.goto('/dev/outbox')
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Dein Profil wurde geändert' }).first().click()
  await expect(page.getByTestId('outbox-text')).toContainText('Hallo Marco Keller-Test')
  await expectAccessible(page, { exclude: 'iframe' })
})

test('R1.3 switching the profile language to English switches the interface', async ({ page }) => {
  await signIn(page, 'klientin@mialma.test')
  await page.goto('/settings/profile')
  // (The footer's language switch is labelled too: the profile's field is the one in the page.)
  await page.getByRole('main').getByLabel('Sprache').selectOption('en')
  await page.getByRole('button', { name: 'Speichern' }).click()
  await expect(page.getByText('Your profile has been saved.')).toBeVisible()
  await page.goto('/journal')
  await expect(
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Journal' }),
  ).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB')
  await page.goto('/settings/profile')
  await page.getByRole('main').getByLabel('Language').selectOption('de')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Dein Profil wurde gespeichert.')).toBeVisible()
})
