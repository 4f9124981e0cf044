/**
 * Transactional e-mail templates, German (de-CH, Swiss spelling) and English. R12.2: they carry no
 * health or coaching content — only facts about the account or an appointment and a link into the app.
 */
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

const settlementLine: Record<Locale, Record<'refund' | 'credit', string>> = {
  de: {
    refund:
      'Den bezahlten Betrag erstatten wir dir vollständig auf dein Zahlungsmittel (in der Regel innert 5–10 Tagen).',
    credit: 'Das Guthaben aus deinem Abo haben wir dir zurückgegeben.',
  },
  en: {
    refund: 'We refund the full amount to your payment method (usually within 5–10 days).',
    credit: 'The credit from your plan has been returned to you.',
  },
}

function cancelledParagraphs(d: BookingCancelledData, locale: Locale): string[] {
  const lead =
    d.cancelledBy === 'coach'
      ? locale === 'de'
        ? 'Dein Coach musste deinen Termin leider absagen.'
        : 'Your coach unfortunately had to cancel your appointment.'
      : locale === 'de'
        ? 'Dein Termin wurde abgesagt.'
        : 'Your appointment has been cancelled.'
  const settlement = d.settlement && d.settlement !== 'none' ? [settlementLine[locale][d.settlement]] : []
  return [lead, ...bookingFacts(d, locale, false), ...settlement]
}

/** A consent that expires within 30 days (R9.2: asked to confirm again). */
export type ConsentRenewalData = {
  name: string
  appUrl: string
  purpose: 'ai_transcripts' | 'ai_questionnaires' | 'ai_external_provider'
  /** ISO instant. */
  expiresAt: string
}

const CONSENT_PURPOSE_LABELS: Record<Locale, Record<ConsentRenewalData['purpose'], string>> = {
  de: {
    ai_transcripts: 'KI-Auswertung von Transkripten',
    ai_questionnaires: 'KI-Auswertung von Fragebogen-Antworten',
    ai_external_provider: 'Übermittlung an Mistral AI',
  },
  en: {
    ai_transcripts: 'AI analysis of transcripts',
    ai_questionnaires: 'AI analysis of questionnaire answers',
    ai_external_provider: 'Transfer to Mistral AI',
  },
}

const renewalDate = (d: ConsentRenewalData, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-CH' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Zurich',
  }).format(new Date(d.expiresAt))

/** The deletion receipt (R10.2): each place and the time it was done there — no content. */
export type AccountDeletedData = {
  appUrl: string
  places: { place: DeletionPlaceName; at: string | null; nothing: boolean }[]
}
export type DeletionPlaceName = 'database' | 'storage' | 'clerk' | 'stripe' | 'acuity' | 'daily'

export const DELETION_PLACE_LABELS: Record<Locale, Record<DeletionPlaceName, string>> = {
  de: {
    database: 'Datenbank von Mi Alma (Konto, Journal, Termine, Transkripte, E-Mail-Protokoll)',
    storage: 'Dateispeicher (Aufnahmen)',
    clerk: 'Clerk (Anmeldung)',
    stripe: 'Stripe (Zahlungen, Abo)',
    acuity: 'Acuity (Terminbuchung)',
    daily: 'Daily (Video-Aufzeichnungen)',
  },
  en: {
    database: 'Mi Alma database (account, journal, appointments, transcripts, e-mail log)',
    storage: 'File storage (recordings)',
    clerk: 'Clerk (sign-in)',
    stripe: 'Stripe (payments, plan)',
    acuity: 'Acuity (appointment booking)',
    daily: 'Daily (video recordings)',
  },
}

function deletionPlaceLines(d: AccountDeletedData, locale: Locale): string[] {
  const time = new Intl.DateTimeFormat(locale === 'de' ? 'de-CH' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Zurich',
  })
  return d.places.map(({ place, at, nothing }) => {
    const label = DELETION_PLACE_LABELS[locale][place]
    const when = at ? time.format(new Date(at)) : locale === 'de' ? 'ausstehend' : 'pending'
    if (nothing)
      return locale === 'de'
        ? `${label}: keine Daten von dir vorhanden (geprüft am ${when})`
        : `${label}: no data of yours there (checked on ${when})`
    return `${label}: ${locale === 'de' ? 'gelöscht am' : 'deleted on'} ${when}`
  })
}

export const PRACTICE_ADDRESS = 'Mi Alma, Gertwies 27, 8500 Frauenfeld'
export const VIDEO_LINK_HINT: Record<Locale, string> = {
  de: 'Den Link findest du kurz vor Beginn unter Termine in Mi Alma',
  en: 'You will find the link shortly before the start under Appointments in Mi Alma',
}

/** Session, time, duration and video/in person, in that order. `withHint`: how to join. */
function bookingFacts(d: BookingEmailData, locale: Locale, withHint: boolean): string[] {
  const when = formatBookingTime(d.startsAt, d.timeZone, locale)
  if (locale === 'de') {
    return [
      `Sitzung: ${d.sessionName}`,
      `Wann: ${when}`,
      `Dauer: ${d.durationMinutes} Minuten`,
      d.mode === 'video'
        ? `Art: Videositzung${withHint ? `. ${VIDEO_LINK_HINT.de}.` : ''}`
        : `Ort: ${PRACTICE_ADDRESS}`,
    ]
  }
  return [
    `Session: ${d.sessionName}`,
    `When: ${when}`,
    `Duration: ${d.durationMinutes} minutes`,
    d.mode === 'video'
      ? `Type: video session${withHint ? `. ${VIDEO_LINK_HINT.en}.` : ''}`
      : `Location: ${PRACTICE_ADDRESS}`,
  ]
}

const bookingsAction = (d: BookingEmailData, label: string) => ({ label, url: `${d.appUrl}/bookings` })

type Rendered = {
  subject: string
  heading: string
  paragraphs: string[]
  action?: { label: string; url: string }
}

type TemplateSpec<D> = Record<Locale, (data: D) => Rendered>

const templates = {
  welcome: {
    de: (d: { name: string; appUrl: string }) => ({
      subject: 'Willkommen bei Mi Alma',
      heading: `Hallo ${d.name}`,
      paragraphs: [
        'Dein Konto bei Mi Alma ist eingerichtet.',
        'Deine Einträge bleiben privat, bis du einzelne davon mit deinem Coach teilst. KI-Funktionen sind ausgeschaltet, bis du sie in den Einstellungen ausdrücklich erlaubst.',
      ],
      action: { label: 'Mi Alma öffnen', url: d.appUrl },
    }),
    en: (d: { name: string; appUrl: string }) => ({
      subject: 'Welcome to Mi Alma',
      heading: `Hello ${d.name}`,
      paragraphs: [
        'Your Mi Alma account is ready.',
        'Your entries stay private until you share individual ones with your coach. AI features stay off until you explicitly allow them in the settings.',
      ],
      action: { label: 'Open Mi Alma', url: d.appUrl },
    }),
  },
  'profile-updated': {
    de: (d: { name: string; appUrl: string; changedAt: string }) => ({
      subject: 'Dein Profil wurde geändert',
      heading: 'Sicherheitshinweis',
      paragraphs: [
        `Hallo ${d.name}, am ${d.changedAt} wurden die Profildaten deines Mi-Alma-Kontos geändert.`,
        'Warst du das nicht? Melde dich an, prüfe dein Profil und kontaktiere die Praxis.',
      ],
      action: { label: 'Profil prüfen', url: `${d.appUrl}/settings/profile` },
    }),
    en: (d: { name: string; appUrl: string; changedAt: string }) => ({
      subject: 'Your profile was changed',
      heading: 'Security notice',
      paragraphs: [
        `Hello ${d.name}, the profile of your Mi Alma account was changed on ${d.changedAt}.`,
        "Wasn't you? Sign in, check your profile and contact your practice.",
      ],
      action: { label: 'Check profile', url: `${d.appUrl}/settings/profile` },
    }),
  },
  'booking-confirmed': {
    de: (d: BookingConfirmedData) => ({
      subject: `${d.rescheduled ? 'Termin verschoben' : 'Termin bestätigt'}: ${formatBookingTime(d.startsAt, d.timeZone, 'de')}`,
      heading: `Hallo ${d.name}`,
      paragraphs: [
        d.rescheduled ? 'Dein Termin wurde verschoben. Das ist die neue Zeit:' : 'Dein Termin ist bestätigt.',
        ...bookingFacts(d, 'de', true),
      ],
      action: bookingsAction(d, 'Termine ansehen'),
    }),
    en: (d: BookingConfirmedData) => ({
      subject: `${d.rescheduled ? 'Appointment moved' : 'Appointment confirmed'}: ${formatBookingTime(d.startsAt, d.timeZone, 'en')}`,
      heading: `Hello ${d.name}`,
      paragraphs: [
        d.rescheduled
          ? 'Your appointment has been moved. This is the new time:'
          : 'Your appointment is confirmed.',
        ...bookingFacts(d, 'en', true),
      ],
      action: bookingsAction(d, 'View appointments'),
    }),
  },
  'booking-reminder': {
    de: (d: BookingEmailData) => ({
      subject: `Erinnerung: dein Termin am ${formatBookingTime(d.startsAt, d.timeZone, 'de')}`,
      heading: `Hallo ${d.name}`,
      paragraphs: ['Wir erinnern dich an deinen Termin.', ...bookingFacts(d, 'de', true)],
      action: bookingsAction(d, 'Termine ansehen'),
    }),
    en: (d: BookingEmailData) => ({
      subject: `Reminder: your appointment on ${formatBookingTime(d.startsAt, d.timeZone, 'en')}`,
      heading: `Hello ${d.name}`,
      paragraphs: ['This is a reminder of your appointment.', ...bookingFacts(d, 'en', true)],
      action: bookingsAction(d, 'View appointments'),
    }),
  },
  'booking-cancelled': {
    de: (d: BookingCancelledData) => ({
      subject: `Termin abgesagt: ${formatBookingTime(d.startsAt, d.timeZone, 'de')}`,
      heading: `Hallo ${d.name}`,
      paragraphs: cancelledParagraphs(d, 'de'),
      action: bookingsAction(d, 'Neuen Termin buchen'),
    }),
    en: (d: BookingCancelledData) => ({
      subject: `Appointment cancelled: ${formatBookingTime(d.startsAt, d.timeZone, 'en')}`,
      heading: `Hello ${d.name}`,
      paragraphs: cancelledParagraphs(d, 'en'),
      action: bookingsAction(d, 'Book a new appointment'),
    }),
  },
  'payment-receipt': {
    de: (d: PaymentReceiptData) => ({
      subject: 'Zahlungsbestätigung',
      heading: `Hallo ${d.name}`,
      paragraphs: [
        'Vielen Dank, wir haben deine Zahlung erhalten.',
        `Betrag: ${formatAmount(d.amountRappen, d.currency)}`,
        ...bookingFacts(d, 'de', false),
      ],
      action: bookingsAction(d, 'Termine ansehen'),
    }),
    en: (d: PaymentReceiptData) => ({
      subject: 'Payment receipt',
      heading: `Hello ${d.name}`,
      paragraphs: [
        'Thank you, we have received your payment.',
        `Amount: ${formatAmount(d.amountRappen, d.currency)}`,
        ...bookingFacts(d, 'en', false),
      ],
      action: bookingsAction(d, 'View appointments'),
    }),
  },
  'questionnaire-assigned': {
    de: (d: { name: string; appUrl: string }) => ({
      subject: 'Neuer Fragebogen',
      heading: `Hallo ${d.name}`,
      paragraphs: [
        'Dein Coach hat dir einen neuen Fragebogen geschickt.',
        'Du findest ihn in Mi Alma unter Fragebögen.',
      ],
      action: { label: 'Fragebögen öffnen', url: `${d.appUrl}/questionnaires` },
    }),
    en: (d: { name: string; appUrl: string }) => ({
      subject: 'New questionnaire',
      heading: `Hello ${d.name}`,
      paragraphs: [
        'Your coach has sent you a new questionnaire.',
        'You will find it in Mi Alma under Questionnaires.',
      ],
      action: { label: 'Open questionnaires', url: `${d.appUrl}/questionnaires` },
    }),
  },
  'data-export-ready': {
    de: (d: { name: string; appUrl: string }) => ({
      subject: 'Dein Datenexport ist bereit',
      heading: `Hallo ${d.name}`,
      paragraphs: [
        'Du hast in Mi Alma einen Export deiner Daten erstellt. Die Datei wurde direkt in deinem Browser heruntergeladen; in dieser E-Mail steht bewusst nichts daraus.',
        'Warst du das nicht? Melde dich an, prüfe unter Einstellungen → Daten & Export das Protokoll und kontaktiere die Praxis.',
      ],
      action: { label: 'Protokoll ansehen', url: `${d.appUrl}/settings/data` },
    }),
    en: (d: { name: string; appUrl: string }) => ({
      subject: 'Your data export is ready',
      heading: `Hello ${d.name}`,
      paragraphs: [
        'You created an export of your data in Mi Alma. The file was downloaded directly in your browser; this e-mail deliberately contains nothing from it.',
        "Wasn't you? Sign in, check the activity log under Settings → Data & export and contact your practice.",
      ],
      action: { label: 'View activity log', url: `${d.appUrl}/settings/data` },
    }),
  },
  'consent-renewal': {
    de: (d: ConsentRenewalData) => ({
      subject: 'Bitte bestätige deine Einwilligung',
      heading: `Hallo ${d.name}`,
      paragraphs: [
        `Deine Einwilligung «${CONSENT_PURPOSE_LABELS.de[d.purpose]}» läuft am ${renewalDate(d, 'de')} ab. Einwilligungen gelten bei Mi Alma 3 Jahre; danach gelten sie als widerrufen, und wir löschen den Nachweis.`,
        'Möchtest du, dass es so bleibt, bestätige sie bitte unter Einstellungen → KI & Datenschutz erneut. Tust du nichts, ist die Funktion ab diesem Tag ausgeschaltet — sonst ändert sich nichts.',
      ],
      action: { label: 'Einwilligung prüfen', url: `${d.appUrl}/settings/privacy` },
    }),
    en: (d: ConsentRenewalData) => ({
      subject: 'Please confirm your consent',
      heading: `Hello ${d.name}`,
      paragraphs: [
        `Your consent "${CONSENT_PURPOSE_LABELS.en[d.purpose]}" expires on ${renewalDate(d, 'en')}. Consents at Mi Alma are valid for 3 years; after that they count as withdrawn and we delete the proof.`,
        'If you want to keep it, please confirm it again under Settings → AI & privacy. If you do nothing, the feature is switched off from that day — nothing else changes.',
      ],
      action: { label: 'Review consent', url: `${d.appUrl}/settings/privacy` },
    }),
  },
  'account-deleted': {
    de: (d: AccountDeletedData) => ({
      subject: 'Dein Konto wurde gelöscht',
      heading: 'Deine Daten sind gelöscht',
      paragraphs: [
        'Wie gewünscht haben wir dein Mi-Alma-Konto gelöscht. Hier steht, wo wir deine Daten entfernt haben und wann:',
        ...deletionPlaceLines(d, 'de'),
        'Rechnungsdaten bewahren wir von Gesetzes wegen 10 Jahre auf (OR Art. 958f), ohne Bezug zu deinem Konto. Künftige Termine haben wir abgesagt. Sicherungskopien der Datenbank überschreiben sich nach höchstens 7 Tagen.',
        'Du kannst dich nicht mehr anmelden. Warst du das nicht? Kontaktiere bitte sofort die Praxis: info@mialma.ch.',
      ],
      action: { label: 'Mi Alma', url: d.appUrl },
    }),
    en: (d: AccountDeletedData) => ({
      subject: 'Your account has been deleted',
      heading: 'Your data has been deleted',
      paragraphs: [
        'As requested, we have deleted your Mi Alma account. This is where we removed your data, and when:',
        ...deletionPlaceLines(d, 'en'),
        'By law we keep invoice records for 10 years (Swiss CO Art. 958f), without a link to your account. Your upcoming appointments have been cancelled. Database backups are overwritten after at most 7 days.',
        "You can no longer sign in. Wasn't you? Please contact your practice right away: info@mialma.ch.",
      ],
      action: { label: 'Mi Alma', url: d.appUrl },
    }),
  },
} satisfies Record<string, TemplateSpec<never>>

export type TemplateName = keyof typeof templates
export type TemplateData<T extends TemplateName> = Parameters<(typeof templates)[T]['de']>[0]

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const footer: Record<Locale, string> = {
  de: 'Diese Nachricht wurde automatisch von Mi Alma versandt. Sie enthält bewusst keine Inhalte aus deinem Coaching.',
  en: 'This message was sent automatically by Mi Alma. It deliberately contains no content from your coaching.',
}

export function renderEmail<T extends TemplateName>(
  template: T,
  locale: Locale,
  data: TemplateData<T>,
): { subject: string; html: string; text: string } {
  const render = templates[template][locale] as (d: TemplateData<T>) => Rendered
  const r = render(data)
  const text = [
    r.heading,
    '',
    ...r.paragraphs.flatMap((p) => [p, '']),
    ...(r.action ? [`${r.action.label}: ${r.action.url}`, ''] : []),
    '—',
    footer[locale],
  ].join('\n')
  const html = `<!doctype html><html lang="${locale === 'de' ? 'de-CH' : 'en'}"><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(r.heading)}</h1>
${r.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${r.action ? `<p><a href="${escapeHtml(r.action.url)}" style="background:#4f5d3a;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(r.action.label)}</a></p>` : ''}
<hr><p style="font-size:12px;color:#52606d">${escapeHtml(footer[locale])}</p>
</body></html>`
  return { subject: r.subject, html, text }
}
