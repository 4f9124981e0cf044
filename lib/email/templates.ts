/**
 * Transactional e-mails, German (de-CH, Swiss spelling) and English. The words live in
 * lib/i18n/messages/<locale>.emails.json and come through next-intl like every other text (one i18n path);
 * this module only decides which sentences an e-mail has. R12.2: they carry no health or coaching content —
 * only facts about the account or an appointment and a link into the app.
 */
import { createTranslator } from 'next-intl'
import deMessages from '@/lib/i18n/messages/de.emails.json'
import enMessages from '@/lib/i18n/messages/en.emails.json'
import { formatAmount, formatBookingTime } from './format'

export type Locale = 'de' | 'en'

/** The facts of one appointment, enough for every booking e-mail — nothing from the coaching itself (R12.2). */
export type BookingEmailData = {
  name: string
  sessionName: string
  /** ISO instant. */
  startsAt: string
  durationMinutes: number
  mode: 'video' | 'in_person'
  /** The recipient's zone: times are shown there. */
  timeZone: string
  appUrl: string
  bookingId: string
}

export type PaymentReceiptData = BookingEmailData & { amountRappen: number; currency: string }
export type BookingConfirmedData = BookingEmailData & { rescheduled?: boolean }
/** Who cancelled and what happens with the money: refunded to the card, or the plan credit given back. */
export type BookingCancelledData = BookingEmailData & {
  cancelledBy?: 'client' | 'coach'
  settlement?: 'refund' | 'credit' | 'none'
}
type AccountData = { name: string; appUrl: string }

/** A consent that expires within 30 days (R9.2: asked to confirm again). */
export type ConsentRenewalData = {
  name: string
  appUrl: string
  purpose: 'ai_transcripts' | 'ai_questionnaires' | 'ai_external_provider'
  /** ISO instant. */
  expiresAt: string
}

/** The deletion receipt (R10.2): each place and the time it was done there — no content. */
export type AccountDeletedData = {
  appUrl: string
  places: { place: DeletionPlaceName; at: string | null; nothing: boolean }[]
}
export type DeletionPlaceName = 'database' | 'storage' | 'clerk' | 'stripe' | 'acuity' | 'daily'

export const PRACTICE_ADDRESS = 'Mi Alma, Gertwies 27, 8500 Frauenfeld'

// Built once per language at module load (the catalogue is small and fixed).
const translators = {
  de: createTranslator({ locale: 'de-CH', messages: deMessages, namespace: 'emails' }),
  en: createTranslator({ locale: 'en-GB', messages: enMessages, namespace: 'emails' }),
}
/** The e-mail words of one language (`emails.*`). */
export function emailWords(locale: Locale) {
  return translators[locale]
}
type T = ReturnType<typeof emailWords>

const zurich = (locale: Locale, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-CH' : 'en-GB', { ...options, timeZone: 'Europe/Zurich' })

/** One line per place of the deletion receipt: deleted when, or nothing there (checked when), or still pending. */
function deletionPlaceLines(t: T, d: AccountDeletedData, locale: Locale): string[] {
  const time = zurich(locale, { dateStyle: 'medium', timeStyle: 'short' })
  return d.places.map(({ place, at, nothing }) => {
    const values = {
      place: t(`deletionPlaces.${place}`),
      when: at ? time.format(new Date(at)) : t('accountDeleted.pending'),
    }
    return t(nothing ? 'accountDeleted.placeNothing' : 'accountDeleted.placeDeleted', values)
  })
}

/** Session, time, duration and video/in person, in that order. `withHint`: how to join. */
function bookingFacts(t: T, d: BookingEmailData, locale: Locale, withHint: boolean): string[] {
  return [
    t('common.session', { name: d.sessionName }),
    t('common.when', { when: formatBookingTime(d.startsAt, d.timeZone, locale) }),
    t('common.duration', { minutes: d.durationMinutes }),
    d.mode === 'video'
      ? withHint
        ? t('common.typeVideoWithHint', { hint: t('common.videoHint') })
        : t('common.typeVideo')
      : t('common.location', { address: PRACTICE_ADDRESS }),
  ]
}

type Rendered = {
  subject: string
  heading: string
  paragraphs: string[]
  action?: { label: string; url: string }
}
type Template<D> = (t: T, d: D, locale: Locale) => Rendered

const when = (d: BookingEmailData, locale: Locale) => formatBookingTime(d.startsAt, d.timeZone, locale)
const appointments = (t: T, d: BookingEmailData) => ({
  label: t('common.viewAppointments'),
  url: `${d.appUrl}/bookings`,
})

const templates = {
  welcome: ((t, d) => ({
    subject: t('welcome.subject'),
    heading: t('common.hello', { name: d.name }),
    paragraphs: [t('welcome.p1'), t('welcome.p2')],
    action: { label: t('welcome.action'), url: d.appUrl },
  })) as Template<AccountData>,
  'profile-updated': ((t, d) => ({
    subject: t('profileUpdated.subject'),
    heading: t('profileUpdated.heading'),
    paragraphs: [t('profileUpdated.p1', { name: d.name, changedAt: d.changedAt }), t('profileUpdated.p2')],
    action: { label: t('profileUpdated.action'), url: `${d.appUrl}/settings/profile` },
  })) as Template<AccountData & { changedAt: string }>,
  'booking-confirmed': ((t, d, locale) => ({
    subject: t(d.rescheduled ? 'bookingConfirmed.subjectMoved' : 'bookingConfirmed.subject', {
      when: when(d, locale),
    }),
    heading: t('common.hello', { name: d.name }),
    paragraphs: [
      t(d.rescheduled ? 'bookingConfirmed.leadMoved' : 'bookingConfirmed.lead'),
      ...bookingFacts(t, d, locale, true),
    ],
    action: appointments(t, d),
  })) as Template<BookingConfirmedData>,
  'booking-reminder': ((t, d, locale) => ({
    subject: t('bookingReminder.subject', { when: when(d, locale) }),
    heading: t('common.hello', { name: d.name }),
    paragraphs: [t('bookingReminder.lead'), ...bookingFacts(t, d, locale, true)],
    action: appointments(t, d),
  })) as Template<BookingEmailData>,
  'booking-cancelled': ((t, d, locale) => ({
    subject: t('bookingCancelled.subject', { when: when(d, locale) }),
    heading: t('common.hello', { name: d.name }),
    paragraphs: [
      t(d.cancelledBy === 'coach' ? 'bookingCancelled.leadByCoach' : 'bookingCancelled.lead'),
      ...bookingFacts(t, d, locale, false),
      ...(d.settlement && d.settlement !== 'none' ? [t(`bookingCancelled.${d.settlement}`)] : []),
    ],
    action: { label: t('bookingCancelled.action'), url: `${d.appUrl}/bookings` },
  })) as Template<BookingCancelledData>,
  'payment-receipt': ((t, d, locale) => ({
    subject: t('paymentReceipt.subject'),
    heading: t('common.hello', { name: d.name }),
    paragraphs: [
      t('paymentReceipt.lead'),
      t('common.amount', { amount: formatAmount(d.amountRappen, d.currency) }),
      ...bookingFacts(t, d, locale, false),
    ],
    action: appointments(t, d),
  })) as Template<PaymentReceiptData>,
  'questionnaire-assigned': ((t, d) => ({
    subject: t('questionnaireAssigned.subject'),
    heading: t('common.hello', { name: d.name }),
    paragraphs: [t('questionnaireAssigned.p1'), t('questionnaireAssigned.p2')],
    action: { label: t('questionnaireAssigned.action'), url: `${d.appUrl}/questionnaires` },
  })) as Template<AccountData>,
  'data-export-ready': ((t, d) => ({
    subject: t('dataExportReady.subject'),
    heading: t('common.hello', { name: d.name }),
    paragraphs: [t('dataExportReady.p1'), t('dataExportReady.p2')],
    action: { label: t('dataExportReady.action'), url: `${d.appUrl}/settings/data` },
  })) as Template<AccountData>,
  'consent-renewal': ((t, d, locale) => ({
    subject: t('consentRenewal.subject'),
    heading: t('common.hello', { name: d.name }),
    paragraphs: [
      t('consentRenewal.p1', {
        purpose: t(`consentPurposes.${d.purpose}`),
        date: zurich(locale, { dateStyle: 'long' }).format(new Date(d.expiresAt)),
      }),
      t('consentRenewal.p2'),
    ],
    action: { label: t('consentRenewal.action'), url: `${d.appUrl}/settings/privacy` },
  })) as Template<ConsentRenewalData>,
  'account-deleted': ((t, d, locale) => ({
    subject: t('accountDeleted.subject'),
    heading: t('accountDeleted.heading'),
    paragraphs: [
      t('accountDeleted.p1'),
      ...deletionPlaceLines(t, d, locale),
      t('accountDeleted.p2'),
      t('accountDeleted.p3'),
    ],
    action: { label: t('accountDeleted.action'), url: d.appUrl },
  })) as Template<AccountDeletedData>,
}

export type TemplateName = keyof typeof templates
export type TemplateData<N extends TemplateName> = Parameters<(typeof templates)[N]>[1]

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export function renderEmail<N extends TemplateName>(
  template: N,
  locale: Locale,
  data: TemplateData<N>,
): { subject: string; html: string; text: string } {
  const t = emailWords(locale)
  const r = (templates[template] as Template<TemplateData<N>>)(t, data, locale)
  const footer = t('common.footer')
  const text = [
    r.heading,
    '',
    ...r.paragraphs.flatMap((p) => [p, '']),
    ...(r.action ? [`${r.action.label}: ${r.action.url}`, ''] : []),
    '—',
    footer,
  ].join('\n')
  const html = `<!doctype html><html lang="${locale === 'de' ? 'de-CH' : 'en'}"><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(r.heading)}</h1>
${r.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${r.action ? `<p><a href="${escapeHtml(r.action.url)}" style="background:#4f5d3a;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(r.action.label)}</a></p>` : ''}
<hr><p style="font-size:12px;color:#52606d">${escapeHtml(footer)}</p>
</body></html>`
  return { subject: r.subject, html, text }
}
