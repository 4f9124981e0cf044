import { type Browser, expect, type Page, test } from '@playwright/test'
import { expectAccessible, signIn } from './helpers'

async function signedIn(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'de-CH', javaScriptEnabled })).newPage()
  await signIn(page, email)
  return page
}

const KIND_PARAM = { Freitext: 'text', Skala: 'scale', Einfachauswahl: 'single', Mehrfachauswahl: 'multiple' }

/** Adds one question of `kind` through the builder's add form. */
async function addQuestion(
  coach: Page,
  kind: keyof typeof KIND_PARAM,
  prompt: string,
  fill: (form: ReturnType<Page['getByRole']>) => Promise<void> = async () => {},
) {
  await coach.getByRole('navigation', { name: 'Fragenart wählen' }).getByRole('link', { name: kind }).click()
  // The kind's own address first: "Art: Freitext" is on the page before the link's navigation to ?art=text has
  // finished (Freitext is the default), and that navigation renders the form anew, undoing what was typed.
  await expect(coach).toHaveURL(new RegExp(`[?&]art=${KIND_PARAM[kind]}(#|$)`))
  await expect(coach.getByText(`Art: ${kind}`)).toBeVisible()
  const form = coach.getByRole('form', { name: 'Frage hinzufügen' })
  await form.getByLabel('Frage', { exact: true }).fill(prompt)
  await fill(form)
  await form.getByRole('button', { name: 'Frage hinzufügen' }).click()
  await expect(coach.getByText('Die Frage wurde hinzugefügt.')).toBeVisible()
  await expect(coach.getByRole('heading', { level: 3, name: prompt })).toBeVisible()
}

test('R8.1 R12.2 R13.2 R15.2 coach builds and assigns a questionnaire; client drafts and submits; coach reads the answers', async ({
  browser,
}) => {
  // The longest journey (two people, four question kinds, three accessibility scans): on a loaded two-core
  // machine it ran past 60 s (two CI runs on 2026-12-07 evening), each step well inside its own timeout.
  test.slow()
  const title = `Wochenrückblick ${Date.now()}`
  const coach = await signedIn(browser, 'coach@mialma.test')

  // Build: title, then one question of each kind; bad input keeps what was typed.
  await coach.goto('/coach/questionnaires')
  await expectAccessible(coach)
  await coach.getByLabel('Titel', { exact: true }).fill(title)
  await coach.getByRole('button', { name: 'Fragebogen erstellen' }).click()
  await expect(coach.getByText('Der Fragebogen ist erstellt.')).toBeVisible()
  await expect(coach.getByRole('heading', { level: 1, name: title })).toBeVisible()

  await addQuestion(coach, 'Freitext', 'Was war diese Woche schwierig?', async (form) => {
    await form.getByLabel('Pflichtfrage').check()
  })
  await addQuestion(coach, 'Skala', 'Wie viel Energie hattest du?', async (form) => {
    await form.getByLabel('Kleinster Wert').fill('0')
    await form.getByLabel('Grösster Wert').fill('10')
    await form.getByLabel('Beschriftung beim kleinsten Wert (optional)').fill('keine')
    await form.getByLabel('Beschriftung beim grössten Wert (optional)').fill('sehr viel')
  })

  // One option only: a clear message at the field, the prompt is still there, nothing added.
  await coach
    .getByRole('navigation', { name: 'Fragenart wählen' })
    .getByRole('link', { name: 'Einfachauswahl' })
    .click()
  // The link re-renders the add form for the new kind: type only into that one.
  await expect(coach.getByText('Art: Einfachauswahl')).toBeVisible()
  const single = coach.getByRole('form', { name: 'Frage hinzufügen' })
  await single.getByLabel('Frage', { exact: true }).fill('Wie hast du geschlafen?')
  await single.getByLabel('Antwortmöglichkeiten').fill('Gut')
  await single.getByRole('button', { name: 'Frage hinzufügen' }).click()
  await expect(single.getByText('Bitte gib mindestens zwei Antwortmöglichkeiten an')).toBeVisible()
  await expect(single.getByLabel('Frage', { exact: true })).toHaveValue('Wie hast du geschlafen?')
  await expectAccessible(coach)
  await single.getByLabel('Antwortmöglichkeiten').fill('Gut\nMittel\nSchlecht')
  await single.getByRole('button', { name: 'Frage hinzufügen' }).click()
  await expect(coach.getByText('Die Frage wurde hinzugefügt.')).toBeVisible()

  await addQuestion(coach, 'Mehrfachauswahl', 'Was hat dir geholfen?', async (form) => {
    await form.getByLabel('Antwortmöglichkeiten').fill('Sport\nFreunde\nMusik')
  })

  // Order: the scale moves to the top.
  const questions = coach.locator('section[aria-labelledby="fragen"] ol > li h3')
  await coach.getByRole('button', { name: 'Nach oben: Frage 2' }).click()
  await expect(questions.first()).toContainText('Wie viel Energie hattest du?')
  await expect(questions.nth(1)).toContainText('Was war diese Woche schwierig?')
  await expectAccessible(coach)

  // Assign to Lea with a due date.
  await coach.getByLabel('Klientin / Klient').selectOption({ label: 'Lea Meier' })
  await coach.getByLabel('Fällig bis (optional)').fill('2099-12-31')
  await coach.getByRole('button', { name: 'Zuweisen', exact: true }).click()
  await expect(coach.getByText('Zugewiesen. Die E-Mail ist unterwegs.')).toBeVisible()
  await coach.reload()
  await expect(coach.getByRole('link', { name: 'Lea Meier' })).toBeVisible()

  // The client: open it, save a draft with the required text missing.
  const client = await signedIn(browser, 'klientin@mialma.test')
  await client.goto('/questionnaires')
  await expect(client.getByText('Fällig bis 31. Dezember 2099')).toBeVisible()
  await expectAccessible(client)
  await client.getByRole('link', { name: `Beantworten: ${title}` }).click()
  await expect(client.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const energy = client.getByRole('group', { name: /Wie viel Energie hattest du/ })
  await energy.getByLabel('7', { exact: true }).check()
  await client
    .getByRole('group', { name: /Wie hast du geschlafen/ })
    .getByLabel('Mittel')
    .check()
  await client.getByRole('button', { name: 'Entwurf speichern' }).click()
  await expect(client.getByText('Dein Entwurf ist gespeichert.')).toBeVisible()
  await client.reload()
  await expect(energy.getByLabel('7', { exact: true })).toBeChecked()

  // Submitting without the required answer: summary + message at the question; nothing lost.
  await client.getByRole('button', { name: 'Absenden' }).click()
  await expect(client.getByRole('heading', { name: 'Bitte prüfe eine Antwort:' })).toBeVisible()
  await expect(client.getByRole('link', { name: 'Frage 2: Bitte beantworte diese Frage.' })).toBeVisible()
  const text = client.getByLabel(/Was war diese Woche schwierig/)
  await expect(text).toHaveAttribute('aria-invalid', 'true')
  await expect(energy.getByLabel('7', { exact: true })).toBeChecked()
  await expectAccessible(client)

  await text.fill('Der Streit im Team hat mich viel Kraft gekostet.')
  const helped = client.getByRole('group', { name: /Was hat dir geholfen/ })
  await helped.getByLabel('Sport').check()
  await helped.getByLabel('Musik').check()
  await client.getByRole('button', { name: 'Absenden' }).click()
  await expect(client.getByText('Danke! Deine Antworten sind abgeschickt.')).toBeVisible()
  await expect(client.getByText('Die Antworten können nicht mehr geändert werden.')).toBeVisible()
  await expect(client.getByRole('button', { name: 'Absenden' })).toHaveCount(0)
  await expect(client.getByText('Der Streit im Team hat mich viel Kraft gekostet.')).toBeVisible()
  await expectAccessible(client)

  // The e-mail says only that there is a new questionnaire (R12.2).
  await client.goto('/dev/outbox')
  const row = client
    .getByRole('row')
    .filter({ hasText: 'klientin@mialma.test' })
    .filter({ hasText: 'Neuer Fragebogen' })
    .first()
  await row.getByRole('link').click()
  await expect(client.getByTestId('outbox-text')).toContainText('Dein Coach hat dir einen neuen Fragebogen')
  await expect(client.getByTestId('outbox-text')).not.toContainText('Wochenrückblick')
  await expect(client.getByTestId('outbox-text')).not.toContainText('Energie')

  // The coach: new answers on /coach, the answers page (audited), then no longer new.
  await coach.goto('/coach')
  await coach.getByRole('link', { name: `Lea Meier: ${title}` }).click()
  await expect(coach.getByText('Diese Ansicht wird im Protokoll vermerkt.')).toBeVisible()
  await expect(coach.getByText('Der Streit im Team hat mich viel Kraft gekostet.')).toBeVisible()
  await expect(coach.getByText('Sport')).toBeVisible()
  await expect(coach.getByText('Musik')).toBeVisible()
  await expectAccessible(coach)
  const answersUrl = coach.url()
  await coach.goto('/coach')
  await expect(coach.getByRole('link', { name: `Lea Meier: ${title}` })).toHaveCount(0)

  // From the client page too.
  await coach.goto('/coach/clients')
  await coach.getByRole('link', { name: 'Lea Meier' }).click()
  await expect(coach.getByRole('link', { name: `Antworten ansehen: ${title}` })).toBeVisible()
  await expectAccessible(coach)

  // Nobody else: another client gets 404, a signed-out visitor the sign-in page.
  const other = await signedIn(browser, 'klient@mialma.test')
  expect((await other.goto(answersUrl))?.status()).toBe(403)
  const assignmentPath = new URL(answersUrl).pathname.split('/').pop()!
  expect((await other.goto(`/questionnaires/${assignmentPath}`))?.status()).toBe(404)
  const anonymous = await (await browser.newContext({ locale: 'de-CH' })).newPage()
  await anonymous.goto('/questionnaires')
  await expect(anonymous).toHaveURL(/\/sign-in/)
})

test('R15.2 the answer form works on a phone-sized screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'de-CH' })
  const page = await context.newPage()
  await signIn(page, 'klientin@mialma.test')
  await page.goto('/questionnaires')
  await page.getByRole('link', { name: 'Beantworten: Standortbestimmung' }).click()
  const submit = page.getByRole('button', { name: 'Absenden' })
  await submit.scrollIntoViewIfNeeded()
  await expect(submit).toBeInViewport({ ratio: 1 })
  await expectAccessible(page)
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(scrollWidth).toBeLessThanOrEqual(375)
})

test('R8.1 R15.2 without JavaScript a client saves a draft and submits; a missing required answer is named', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'klientin@mialma.test', false)
  await page.goto('/questionnaires')
  await page.getByRole('link', { name: 'Beantworten: Standortbestimmung' }).click()
  await page
    .getByRole('group', { name: /Wie zufrieden bist du/ })
    .getByLabel('4', { exact: true })
    .check()
  await page.getByRole('button', { name: 'Entwurf speichern' }).click()
  await expect(page.getByText('Dein Entwurf ist gespeichert.')).toBeVisible()
  await page.getByRole('button', { name: 'Absenden' }).click()
  await expect(page.getByText('Bitte beantworte diese Frage.').first()).toBeVisible()
  await expect(
    page.getByRole('group', { name: /Wie zufrieden bist du/ }).getByLabel('4', { exact: true }),
  ).toBeChecked()
  await page.getByLabel(/Was möchtest du im Coaching erreichen/).fill('Mehr Ruhe im Alltag.')
  await page.getByRole('button', { name: 'Absenden' }).click()
  await expect(page.getByText('Danke! Deine Antworten sind abgeschickt.')).toBeVisible()
})
