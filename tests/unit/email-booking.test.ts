import { describe, expect, it } from 'vitest'
import { bookingEmailIcs } from '@/lib/email/booking'
import { formatAmount, formatBookingTime } from '@/lib/email/format'
import { bookingIcs, escapeIcsText } from '@/lib/integrations/email/ics'
import { type BookingEmailData, type Locale, renderEmail } from '@/lib/email/templates'

const APP = 'https://app.mialma.ch'
const base: BookingEmailData = {
  name: 'Lea Meier',
  sessionName: 'Einzelcoaching',
  startsAt: '2026-12-10T13:00:00.000Z', // Thursday, 14:00 in Zurich (CET)
  durationMinutes: 60,
  mode: 'video',
  timeZone: 'Europe/Zurich',
  appUrl: APP,
  bookingId: '7b0c6f4e-1d2a-4c1b-9a51-2f4a8c0d3e11',
}
const NOW = new Date('2026-11-01T09:30:00.000Z')

describe('R3.4 R12.1 formatBookingTime: the client’s zone and language', () => {
  it.each([
    ['2026-12-10T13:00:00.000Z', 'Europe/Zurich', 'de', 'Do, 10. Dezember 2026, 14:00'],
    ['2026-12-10T13:00:00.000Z', 'Europe/Zurich', 'en', 'Thu, 10 December 2026, 14:00'],
    // The weekday is computed, not assumed: 8 December 2026 is a Tuesday.
    ['2026-12-08T13:00:00.000Z', 'Europe/Zurich', 'de', 'Di, 8. Dezember 2026, 14:00'],
    // Summer time (CEST, UTC+2).
    ['2026-07-09T12:00:00.000Z', 'Europe/Zurich', 'de', 'Do, 9. Juli 2026, 14:00'],
    ['2026-07-09T12:00:00.000Z', 'Europe/Zurich', 'en', 'Thu, 9 July 2026, 14:00'],
    // A client abroad sees their own time, with the zone named.
    ['2026-07-09T12:00:00.000Z', 'America/New_York', 'de', 'Do, 9. Juli 2026, 08:00 (America/New_York)'],
    ['2026-12-10T13:00:00.000Z', 'America/New_York', 'en', 'Thu, 10 December 2026, 08:00 (America/New_York)'],
    ['2026-03-01T08:05:00.000Z', 'Europe/Zurich', 'de', 'So, 1. März 2026, 09:05'],
  ] as const)('%s in %s (%s) → %s', (iso, zone, locale, expected) => {
    expect(formatBookingTime(iso, zone, locale)).toBe(expected)
  })

  it('rejects an invalid zone instead of printing a wrong time', () => {
    expect(() => formatBookingTime(base.startsAt, 'Mars/Olympus', 'de')).toThrow(RangeError)
  })

  it('R12.1 amounts are shown as "CHF 150.00"', () => {
    expect(formatAmount(15000, 'chf')).toBe('CHF 150.00')
    expect(formatAmount(12005, 'CHF')).toBe('CHF 120.05')
  })
})

type BookingTemplate = 'booking-confirmed' | 'booking-reminder' | 'booking-cancelled' | 'payment-receipt'
const bookingTemplates: BookingTemplate[] = [
  'booking-confirmed',
  'booking-reminder',
  'booking-cancelled',
  'payment-receipt',
]
const cases = bookingTemplates.flatMap((t) =>
  (['de', 'en'] as const).flatMap((l) => (['video', 'in_person'] as const).map((m) => [t, l, m] as const)),
)

function render(template: BookingTemplate, locale: Locale, data: Partial<BookingEmailData> = {}) {
  const d = { ...base, ...data }
  return template === 'payment-receipt'
    ? renderEmail(template, locale, { ...d, amountRappen: 15000, currency: 'CHF' })
    : renderEmail(template, locale, d)
}

const VIDEO_DE = 'Den Link findest du kurz vor Beginn unter Termine in Mi Alma'
const PRACTICE = 'Mi Alma, Gertwies 27, 8500 Frauenfeld'
const footerLine = { de: /^Diese Nachricht wurde automatisch/, en: /^This message was sent automatically/ }

/** Every line a booking e-mail may contain: the facts, the action and the footer — nothing else (R12.2). */
function expectedLines(template: BookingTemplate, locale: Locale, mode: BookingEmailData['mode']): RegExp[] {
  const de = locale === 'de'
  const withHint = template === 'booking-confirmed' || template === 'booking-reminder'
  const modeLine =
    mode === 'in_person'
      ? new RegExp(`^${de ? 'Ort' : 'Location'}: ${PRACTICE}$`)
      : de
        ? new RegExp(`^Art: Videositzung${withHint ? `\\. ${VIDEO_DE}\\.` : ''}$`)
        : new RegExp(`^Type: video session${withHint ? '\\. You will find the link .+ in Mi Alma\\.' : ''}$`)
  return [
    de ? /^Hallo Lea Meier$/ : /^Hello Lea Meier$/,
    /^(Dein Termin ist bestätigt|Wir erinnern dich an deinen Termin|Dein Termin wurde abgesagt|Vielen Dank, wir haben deine Zahlung erhalten)\.$/,
    /^(Your appointment is confirmed|This is a reminder of your appointment|Your appointment has been cancelled|Thank you, we have received your payment)\.$/,
    de ? /^Betrag: CHF 150\.00$/ : /^Amount: CHF 150\.00$/,
    de ? /^Sitzung: Einzelcoaching$/ : /^Session: Einzelcoaching$/,
    de ? /^Wann: Do, 10\. Dezember 2026, 14:00$/ : /^When: Thu, 10 December 2026, 14:00$/,
    de ? /^Dauer: 60 Minuten$/ : /^Duration: 60 minutes$/,
    modeLine,
    new RegExp(`^[A-Za-z ]+: ${APP}/bookings$`),
    /^—$/,
    footerLine[locale],
  ]
}

describe('R3.4 R12.1 R12.2 booking e-mail templates', () => {
  it.each(cases)('%s (%s, %s) renders subject, text and HTML with the facts', (template, locale, mode) => {
    const { subject, text, html } = render(template, locale, { mode })
    expect(subject.trim()).not.toBe('')
    const when = locale === 'de' ? 'Do, 10. Dezember 2026, 14:00' : 'Thu, 10 December 2026, 14:00'
    expect(text).toContain(when)
    expect(html).toContain(when)
    expect(text).toContain(locale === 'de' ? 'Dauer: 60 Minuten' : 'Duration: 60 minutes')
    expect(html).toContain(`href="${APP}/bookings"`)
    expect(html).toContain(`lang="${locale === 'de' ? 'de-CH' : 'en'}"`)
    if (mode === 'in_person') expect(text).toContain(PRACTICE)
    else expect(text).not.toContain('Gertwies')
    if (template === 'payment-receipt') expect(text).toContain('CHF 150.00')
  })

  it.each(cases)('R12.2 %s (%s, %s): the text holds only the expected lines', (template, locale, mode) => {
    const lines = render(template, locale, { mode })
      .text.split('\n')
      .filter((l) => l !== '')
    const allowed = expectedLines(template, locale, mode)
    const unexpected = lines.filter((line) => !allowed.some((re) => re.test(line)))
    expect(unexpected).toEqual([])
  })

  it.each(['booking-confirmed', 'booking-reminder'] as const)(
    'R3.4 %s (de, video) tells where the link is',
    (template) => {
      expect(render(template, 'de').text).toContain(VIDEO_DE)
      expect(render(template, 'de', { mode: 'in_person' }).text).not.toContain(VIDEO_DE)
    },
  )

  it.each(bookingTemplates)('R12.1 %s: German uses Swiss spelling, English differs', (template) => {
    const de = render(template, 'de', { mode: 'in_person' })
    expect(`${de.subject}${de.text}${de.html}`).not.toContain('ß')
    expect(render(template, 'en').subject).not.toBe(de.subject)
  })

  it.each(cases)('%s (%s, %s): HTML escapes the session name', (template, locale, mode) => {
    const evil = '<img src=x onerror=alert(1)> & "Co"'
    const { html, text } = render(template, locale, { mode, sessionName: evil })
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;')
    expect(text).toContain(evil)
  })

  it('a client in New York gets New York time with the zone named', () => {
    const { text } = render('booking-reminder', 'en', { timeZone: 'America/New_York' })
    expect(text).toContain('When: Thu, 10 December 2026, 08:00 (America/New_York)')
  })
})

const octets = (s: string) => Buffer.byteLength(s, 'utf8')
const unfold = (ics: string) => ics.replace(/\r\n /g, '')
const icsInput = {
  uid: base.bookingId,
  start: new Date(base.startsAt),
  durationMinutes: 60,
  summary: 'Einzelcoaching',
  method: 'REQUEST' as const,
  now: NOW,
}

describe('R3.4 bookingIcs (RFC 5545)', () => {
  it('uses CRLF only, and has the calendar envelope, PRODID, METHOD, UID, STATUS, SEQUENCE', () => {
    const ics = bookingIcs(icsInput)
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lines = ics.split('\r\n')
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(lines).toContain('PRODID:-//Mi Alma//Buchungen//DE')
    expect(lines).toContain('METHOD:REQUEST')
    expect(lines).toContain(`UID:${base.bookingId}@mialma.ch`)
    expect(lines).toContain('STATUS:CONFIRMED')
    expect(lines).toContain('SEQUENCE:0')
    expect(lines).toContain('SUMMARY:Einzelcoaching')
    expect(lines).toContain('DTSTAMP:20261101T093000Z')
    expect(lines.at(-2)).toBe('END:VCALENDAR')
  })

  it('writes times in UTC across DST: 14:00 Zurich in winter → 130000Z, in summer → 120000Z', () => {
    const winter = bookingIcs(icsInput).split('\r\n')
    expect(winter).toContain('DTSTART:20261210T130000Z')
    expect(winter).toContain('DTEND:20261210T140000Z')
    const summer = bookingIcs({
      ...icsInput,
      start: new Date('2026-07-09T12:00:00.000Z'),
      durationMinutes: 90,
    }).split('\r\n')
    expect(summer).toContain('DTSTART:20260709T120000Z')
    expect(summer).toContain('DTEND:20260709T133000Z')
  })

  it('escapes backslash, semicolon, comma and newlines in text values', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf')
    const ics = unfold(bookingIcs({ ...icsInput, summary: 'Coaching; Teil 1, Paar\\Duo', location: 'A\nB' }))
    expect(ics).toContain('SUMMARY:Coaching\\; Teil 1\\, Paar\\\\Duo\r\n')
    expect(ics).toContain('LOCATION:A\\nB\r\n')
  })

  it('folds long lines at 75 octets (continuation lines start with a space), multi-byte safe', () => {
    const summary = 'Längeres Erstgespräch über Ziele und Rahmen – Einzelcoaching mit Übungen '
      .repeat(3)
      .trim()
    const ics = bookingIcs({ ...icsInput, summary })
    const lines = ics.split('\r\n').filter((l) => l !== '')
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75)
    const start = lines.findIndex((l) => l.startsWith('SUMMARY:'))
    expect(lines[start + 1]).toMatch(/^ /)
    expect(lines[start + 2]).toMatch(/^ /)
    expect(unfold(ics)).toContain(`SUMMARY:${escapeIcsText(summary)}\r\n`)
    expect(ics).not.toContain('\uFFFD')
  })

  it('CANCEL: METHOD:CANCEL, STATUS:CANCELLED, the same UID and a higher SEQUENCE', () => {
    const lines = bookingIcs({ ...icsInput, method: 'CANCEL', sequence: 1 }).split('\r\n')
    expect(lines).toContain('METHOD:CANCEL')
    expect(lines).toContain('STATUS:CANCELLED')
    expect(lines).toContain('SEQUENCE:1')
    expect(lines).toContain(`UID:${base.bookingId}@mialma.ch`)
    expect(lines).not.toContain('STATUS:CONFIRMED')
  })
})

describe('R3.4 R12.2 bookingEmailIcs (the attachment of a booking e-mail)', () => {
  it('de REQUEST: termin.ics, text/calendar with method, the session name only', () => {
    const a = bookingEmailIcs({ ...base, mode: 'in_person' }, 'REQUEST', NOW)
    expect(a.filename).toBe('termin.ics')
    expect(a.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST')
    const ics = unfold(a.content)
    expect(ics).toContain('SUMMARY:Einzelcoaching\r\n')
    expect(ics).toContain('LOCATION:Mi Alma\\, Gertwies 27\\, 8500 Frauenfeld\r\n')
    expect(ics).toContain('STATUS:CONFIRMED')
    expect(ics).toContain('DTSTART:20261210T130000Z')
  })

  it('en CANCEL: appointment.ics, METHOD:CANCEL, sequence above the request', () => {
    const a = bookingEmailIcs(base, 'CANCEL', NOW, { locale: 'en' })
    expect(a.filename).toBe('appointment.ics')
    expect(a.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL')
    expect(a.content).toContain('METHOD:CANCEL\r\n')
    expect(a.content).toContain('STATUS:CANCELLED\r\n')
    expect(a.content).toContain('SEQUENCE:1\r\n')
    expect(unfold(a.content)).toContain('You will find the link shortly before the start')
  })
})

describe('R3.3 R3.4 rescheduled and cancelled: what changed and what happens with the money', () => {
  it('a moved booking says so in subject and text (de/en), a first confirmation does not', () => {
    const moved = renderEmail('booking-confirmed', 'de', { ...base, rescheduled: true })
    expect(moved.subject).toBe('Termin verschoben: Do, 10. Dezember 2026, 14:00')
    expect(moved.text).toContain('Dein Termin wurde verschoben.')
    expect(renderEmail('booking-confirmed', 'en', { ...base, rescheduled: true }).subject).toBe(
      'Appointment moved: Thu, 10 December 2026, 14:00',
    )
    expect(renderEmail('booking-confirmed', 'de', base).text).not.toContain('verschoben')
  })

  it.each([
    ['de', 'refund', 'erstatten wir dir vollständig'],
    ['de', 'credit', 'Guthaben aus deinem Abo haben wir dir zurückgegeben'],
    ['en', 'refund', 'We refund the full amount'],
    ['en', 'credit', 'credit from your plan has been returned'],
  ] as const)('%s cancellation with %s names it', (locale, settlement, expected) => {
    const mail = renderEmail('booking-cancelled', locale, { ...base, settlement })
    expect(mail.text).toContain(expected)
  })

  it('a cancellation without settlement mentions no money; the coach cancelling is said plainly', () => {
    const plain = renderEmail('booking-cancelled', 'de', { ...base, settlement: 'none' })
    expect(plain.text).not.toMatch(/erstatten|Guthaben/)
    const byCoach = renderEmail('booking-cancelled', 'de', { ...base, cancelledBy: 'coach' })
    expect(byCoach.text).toContain('Dein Coach musste deinen Termin leider absagen.')
    expect(renderEmail('booking-cancelled', 'en', { ...base, cancelledBy: 'coach' }).text).toContain(
      'Your coach unfortunately had to cancel',
    )
  })
})
