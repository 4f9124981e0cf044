/**
 * The retention table of the privacy policy (section 7; SPEC R11) as data — the single source of truth.
 * The monthly retention job enforces it and the privacy page renders it from here (R11.1).
 */
export type RetentionAction = 'delete' | 'anonymise'

export type RetentionRule = {
  id: string
  /** German and English label as shown on the privacy page. */
  label: { de: string; en: string }
  /** Days for the short periods the policy states in days, years for the long ones; null: kept until the
   * account is deleted (then removed within `afterAccountDeletionDays`). */
  keep: { days: number } | { years: number } | null
  action: RetentionAction
  afterAccountDeletionDays?: number
  note: { de: string; en: string }
}

export const retentionPolicy = [
  {
    id: 'video-recordings',
    label: { de: 'Video-Aufzeichnungen', en: 'Video recordings' },
    keep: { days: 90 },
    action: 'delete',
    note: {
      de: '90 Tage, gelöscht in unserem Speicher und bei Daily',
      en: '90 days, deleted in our storage and at Daily',
    },
  },
  {
    id: 'transcripts',
    label: { de: 'Transkripte', en: 'Transcripts' },
    keep: { years: 2 },
    action: 'delete',
    note: { de: '2 Jahre', en: '2 years' },
  },
  {
    id: 'session-summaries',
    label: { de: 'Session-Zusammenfassungen und KI-Auswertungen', en: 'Session summaries and AI analyses' },
    keep: { years: 2 },
    action: 'delete',
    note: { de: '2 Jahre', en: '2 years' },
  },
  {
    id: 'session-metadata',
    label: { de: 'Session-Metadaten', en: 'Session metadata' },
    keep: { years: 5 },
    action: 'anonymise',
    note: {
      de: '5 Jahre, danach anonymisiert: nur Datum, Dauer und Art bleiben',
      en: '5 years, then anonymised: only date, duration and type remain',
    },
  },
  {
    id: 'account-data',
    label: { de: 'Account-Daten', en: 'Account data' },
    keep: null,
    action: 'delete',
    afterAccountDeletionDays: 30,
    note: {
      de: 'bis zur Löschung deines Accounts, dann innert 30 Tagen',
      en: 'until your account is deleted, then within 30 days',
    },
  },
  {
    id: 'invoice-records',
    label: { de: 'Rechnungsdaten', en: 'Invoice records' },
    keep: { years: 10 },
    action: 'delete',
    note: {
      de: '10 Jahre (Art. 958f OR), auch nach einer Account-Löschung',
      en: '10 years (Swiss CO art. 958f), also after account deletion',
    },
  },
  {
    id: 'webhook-events',
    label: {
      de: 'Webhook-Ereignisse (Stripe, Clerk, Daily, Acuity, Gladia)',
      en: 'Webhook events (Stripe, Clerk, Daily, Acuity, Gladia)',
    },
    keep: { days: 90 },
    action: 'delete',
    note: { de: '90 Tage', en: '90 days' },
  },
  {
    id: 'audit-logs',
    label: {
      de: 'Audit-Logs inkl. Einwilligungsnachweis (IP, User-Agent)',
      en: 'Audit logs incl. consent proof (IP, user agent)',
    },
    keep: { years: 3 },
    action: 'delete',
    note: { de: '3 Jahre', en: '3 years' },
  },
  {
    id: 'technical-logs',
    label: {
      de: 'Technische Protokolle in der Datenbank, E-Mail-Protokoll',
      en: 'Technical logs in the database, e-mail log',
    },
    keep: { days: 90 },
    action: 'delete',
    note: { de: '90 Tage', en: '90 days' },
  },
] as const satisfies readonly RetentionRule[]

export type RetentionClass = (typeof retentionPolicy)[number]['id']
