import { describe, expect, it } from 'vitest'
import { type Locale, renderEmail, type TemplateData, type TemplateName } from '@/lib/email/templates'

const booking = {
  name: 'Lea Meier',
  sessionName: 'Einzelcoaching',
  startsAt: '2026-12-08T13:00:00.000Z',
  durationMinutes: 60,
  mode: 'video',
  timeZone: 'Europe/Zurich',
  appUrl: 'https://app.mialma.ch',
  bookingId: '7b0c6f4e-1d2a-4c1b-9a51-2f4a8c0d3e11',
} as const

// One fixture per template: adding a template without adding it here fails the type check.
const fixtures: { [T in TemplateName]: TemplateData<T> } = {
  welcome: { name: 'Lea Meier', appUrl: 'https://app.mialma.ch' },
  'profile-updated': { name: 'Lea Meier', appUrl: 'https://app.mialma.ch', changedAt: '3. März 2026, 14:05' },
  'booking-confirmed': booking,
  'booking-reminder': booking,
  'booking-cancelled': booking,
  'payment-receipt': { ...booking, amountRappen: 15000, currency: 'CHF' },
  'questionnaire-assigned': { name: 'Lea Meier', appUrl: 'https://app.mialma.ch' },
  'data-export-ready': { name: 'Lea Meier', appUrl: 'https://app.mialma.ch' },
  'consent-renewal': {
    name: 'Lea Meier',
    appUrl: 'https://app.mialma.ch',
    purpose: 'ai_transcripts',
    expiresAt: '2030-04-03T08:00:00.000Z',
  },
  'account-deleted': {
    appUrl: 'https://app.mialma.ch',
    places: [
      { place: 'database', at: '2030-03-05T02:00:00.000Z', nothing: false },
      { place: 'clerk', at: '2030-03-04T08:00:00.000Z', nothing: false },
      { place: 'acuity', at: '2030-03-04T08:00:00.000Z', nothing: true },
    ],
  },
}
const names = Object.keys(fixtures) as TemplateName[]
const cases = names.flatMap((name) => (['de', 'en'] as const).map((locale) => [name, locale] as const))

function render(name: TemplateName, locale: Locale, data?: Record<string, string>) {
  return renderEmail(name, locale, { ...fixtures[name], ...data } as never)
}

describe('R12.1 transactional e-mail templates', () => {
  it.each(cases)('R12.1 %s (%s) renders a subject, a text and an HTML body', (name, locale) => {
    const { subject, html, text } = render(name, locale)
    expect(subject.trim().length).toBeGreaterThan(0)
    // The deletion receipt has no name to greet: it is sent after the account row was wiped (R10.2).
    if (name !== 'account-deleted') expect(text).toContain('Lea Meier')
    expect(text).toContain('https://app.mialma.ch')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain(`lang="${locale === 'de' ? 'de-CH' : 'en'}"`)
    expect(html).toContain('href="https://app.mialma.ch')
  })

  it.each(names)('R12.1 %s: German and English differ (both languages exist)', (name) => {
    expect(render(name, 'de').subject).not.toBe(render(name, 'en').subject)
    expect(render(name, 'de').text).not.toBe(render(name, 'en').text)
  })

  it.each(names)('R12.1 %s: German text uses Swiss spelling (no "ß")', (name) => {
    const { subject, html, text } = render(name, 'de')
    expect(`${subject}${html}${text}`).not.toContain('ß')
  })

  it.each(cases.filter(([n]) => n !== 'account-deleted'))(
    'R12.1 %s (%s): HTML escapes a name containing <script>',
    (name, locale) => {
      const evil = '<script>alert("x")</script> & Co'
      const { html, text } = render(name, locale, { name: evil })
      expect(html).not.toContain('<script>')
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co')
      expect(text).toContain(evil)
    },
  )

  it.each(cases)('R12.2 %s (%s): the footer states that no coaching content is included', (name, locale) => {
    const { text } = render(name, locale)
    expect(text).toMatch(
      locale === 'de' ? /keine Inhalte aus deinem Coaching/ : /no content from your coaching/,
    )
  })

  it.each(['de', 'en'] as const)(
    'R10.2 account-deleted (%s): the receipt lists each place with its time (Zurich), no name or content',
    (locale) => {
      const { text } = render('account-deleted', locale)
      if (locale === 'de') {
        expect(text).toContain(
          'Datenbank von Mi Alma (Konto, Journal, Termine, Transkripte, E-Mail-Protokoll): gelöscht am 05.03.2030, 03:00',
        )
        expect(text).toContain('Clerk (Anmeldung): gelöscht am 04.03.2030, 09:00')
        expect(text).toContain('Acuity (Terminbuchung): keine Daten von dir vorhanden')
      } else {
        expect(text).toContain('Clerk (sign-in): deleted on 4 Mar 2030, 09:00')
        expect(text).toContain('Acuity (appointment booking): no data of yours there')
      }
      expect(text).not.toContain('Lea Meier')
    },
  )
})

describe('issue 17 one i18n path: the English e-mails contain no German', () => {
  const german =
    /\b(und|oder|nicht|der|die|das|dein|deine|bitte|Termin|Sitzung|Hallo|Zahlung|Konto|Einstellungen)\b|[äöüÄÖÜ]/
  it.each(names)('%s (en)', (name) => {
    // (The change time is formatted by the sender in the recipient's language, as lib/account/actions.ts does.)
    const { subject, text } = render(name, 'en', { changedAt: '3 March 2026 at 14:05' })
    expect(`${subject}\n${text}`).not.toMatch(german)
  })
})
