import { expect, type Page, test } from '@playwright/test'
import { signIn } from './helpers'

/**
 * Issue 17 "one i18n path": the English interface contains no German. Walks every page of both roles with the
 * language cookie set to English and reads what the interface itself says — headings of the page, buttons,
 * labels, navigation, table heads, hints, alerts and placeholders — leaving out what people
 * wrote (seeded journal titles, questionnaire texts, names), which is shown as it was written.
 */
const GERMAN =
  /\b(und|oder|nicht|noch|der|die|das|dein|deine|deinen|bitte|zurück|speichern|löschen|abbrechen|Termine?|Einträge?|Einstellungen|Anmelden|Abmelden|Sitzung|Fragebögen|Hinweis|Zeitzone|Sprache)\b|[äöüÄÖÜ]/

async function interfaceText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title]
    const selectors =
      'button, label, legend, nav, summary, th[scope="col"], caption, [role="alert"], [role="status"], .text-muted, footer'
    for (const el of document.querySelectorAll<HTMLElement>(selectors)) out.push(el.innerText)
    // Accessible names are left out: they often name what people wrote ("Erstgespräch: Pause").
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder], [title]')) {
      out.push(el.getAttribute('placeholder') ?? '', el.title)
    }
    return out.map((s) => s.trim()).filter(Boolean)
  })
}

/** What the coach wrote in the seeded offer (db/seed-offering.ts): shown as written, in German. */
const SEEDED_CONTENT = [
  'Coaching-Sitzung',
  'Erstgespräch',
  'Sitzung vor Ort in Frauenfeld',
  'Monatsbegleitung',
]

async function walk(page: Page, paths: string[]) {
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }])
  const found: string[] = []
  for (const path of paths) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBeLessThan(400)
    await expect(page.locator('html')).toHaveAttribute('lang', /^en/)
    for (const shown of await interfaceText(page)) {
      const text = SEEDED_CONTENT.reduce((t, content) => t.replaceAll(content, ''), shown)
      const hit = GERMAN.exec(text)
      if (hit) found.push(`${path}: «${hit[0]}» in «${text.slice(0, 120)}»`)
    }
  }
  expect(found).toEqual([])
}

test('issue 17: the client walks every page in English and meets no German', async ({ page }) => {
  await signIn(page, 'klientin@mialma.test')
  await walk(page, [
    '/journal',
    '/journal/new',
    '/bookings',
    '/questionnaires',
    '/settings',
    '/settings/profile',
    '/settings/privacy',
    '/settings/data',
    '/datenschutz',
  ])
})

test('issue 17: the coach walks every page in English and meets no German', async ({ page }) => {
  await signIn(page, 'coach@mialma.test')
  await walk(page, [
    '/coach',
    '/coach/clients',
    '/coach/bookings',
    '/coach/availability',
    '/coach/session-types',
    '/coach/plans',
    '/coach/questionnaires',
    '/settings/profile',
  ])
})
