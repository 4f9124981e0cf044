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
    note: {
      de: '3 Jahre (auch die Protokolle der KI-Übermittlungen)',
      en: '3 years (also the records of AI transmissions)',
    },
  },
  {
    id: 'technical-logs',
    label: {
      de: 'Technische Protokolle in der Datenbank, E-Mail-Protokoll',
      en: 'Technical logs in the database, e-mail log',
    },
    keep: { days: 90 },
    action: 'delete',
    note: {
      de: '90 Tage (auch abgelaufene Anmeldesitzungen, Videoräume und Zahlungsvorgänge)',
      en: '90 days (also expired sign-in sessions, video rooms and checkout sessions)',
    },
  },
] as const satisfies readonly RetentionRule[]

export type RetentionClass = (typeof retentionPolicy)[number]['id']

export const retentionClasses: readonly RetentionClass[] = retentionPolicy.map((r) => r.id)

/** The moment before which data of a class is past its period (null: kept until the account is deleted). */
export function retentionCutoff(id: RetentionClass, now: Date): Date | null {
  const rule: RetentionRule = retentionPolicy.find((r) => r.id === id)!
  if (!rule.keep) return null
  if ('days' in rule.keep) return new Date(now.getTime() - rule.keep.days * 86_400_000)
  // Calendar years in UTC, so "2 years" is the same date two years earlier (leap days included).
  const cutoff = new Date(now)
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - rule.keep.years)
  return cutoff
}

/**
 * Every table of db/schema and the class that governs it (R11), with the column its period is measured from;
 * `class: null` names why a table holds no personal data of clients and has no period. A unit test fails when a
 * table is added without an entry here. The job (cron/retention/classes.ts) implements exactly these.
 */
export const retentionTables: Record<
  string,
  { class: RetentionClass; from?: string; why?: string } | { class: null; why: string }
> = {
  users: { class: 'account-data', why: 'the account itself; removed after a deletion request' },
  local_credentials: { class: 'account-data' },
  local_sessions: {
    class: 'account-data',
    why: 'also technical-logs: 90 days after expires_at, a session is of no use any more',
  },
  user_keys: { class: 'account-data' },
  billing_customers: { class: 'account-data' },
  subscriptions: { class: 'account-data' },
  credit_grants: { class: 'account-data' },
  journal_prompts: { class: 'account-data' },
  journal_entries: { class: 'account-data' },
  journal_tags: { class: 'account-data', why: 'the distinct tags of journal_entries (exported there)' },
  journal_tag_sets: { class: 'account-data', why: 'only marks that journal_tags is complete for a client' },
  questionnaire_assignments: { class: 'account-data', why: 'answers are coaching content the client owns' },
  pseudonym_mappings: { class: 'account-data' },
  session_recordings: { class: 'video-recordings', from: 'created_at' },
  transcripts: { class: 'transcripts', from: 'created_at' },
  ai_analyses: { class: 'session-summaries', from: 'created_at' },
  bookings: { class: 'session-metadata', from: 'starts_at' },
  payments: { class: 'invoice-records', from: 'occurred_at' },
  webhook_events: { class: 'webhook-events', from: 'received_at' },
  audit_log: {
    class: 'audit-logs',
    from: 'created_at',
    why: 'oldest entries only, as a prefix of the chain',
  },
  consent_events: {
    class: 'audit-logs',
    from: 'created_at',
    why: 'consent proof; the newest grant per client and purpose stays while it is in force',
  },
  recording_consents: { class: 'audit-logs', from: 'created_at' },
  ai_transmissions: { class: 'audit-logs', from: 'sent_at', why: 'evidence of lawful processing (R7.5)' },
  email_outbox: { class: 'technical-logs', from: 'created_at' },
  rate_limits: { class: 'technical-logs', from: 'window_start' },
  cron_runs: { class: 'technical-logs', from: 'started_at' },
  video_rooms: { class: 'technical-logs', from: 'expires_at' },
  checkout_sessions: { class: 'technical-logs', from: 'expires_at' },
  session_types: { class: null, why: "the coach's offer: practice configuration, no client data" },
  plans: { class: null, why: "the coach's plans: practice configuration, no client data" },
  availability_rules: { class: null, why: "the coach's opening hours, no client data" },
  availability_exceptions: { class: null, why: "the coach's days off and extra hours, no client data" },
  scheduling_settings: { class: null, why: "the coach's booking settings, no client data" },
  ai_settings: { class: null, why: "the coach's AI settings (review before sending), no client data" },
  questionnaires: { class: null, why: "the coach's templates in their own words, no client data" },
  questionnaire_questions: { class: null, why: "the coach's template questions, no client data" },
}
