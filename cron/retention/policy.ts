/**
 * The retention table of the privacy policy (section 7; SPEC R11) as data — the single source of truth.
 * The monthly retention job (and, for deletion requests, the daily deletion run) enforces it and the privacy page renders it from here (R11.1); the words for each
 * class (label and period as the policy states it) are next-intl messages: `retention.classes.<id>` in
 * lib/i18n/messages/<locale>.retention.json.
 */
export type RetentionAction = 'delete' | 'anonymise'

export type RetentionRule = {
  id: string
  /** Days for the short periods the policy states in days, years for the long ones; null: kept until the
   * account is deleted (then removed within `afterAccountDeletionDays`). */
  keep: { days: number } | { years: number } | null
  action: RetentionAction
  afterAccountDeletionDays?: number
}

export const retentionPolicy = [
  { id: 'video-recordings', keep: { days: 90 }, action: 'delete' },
  { id: 'transcripts', keep: { years: 2 }, action: 'delete' },
  { id: 'session-summaries', keep: { years: 2 }, action: 'delete' },
  { id: 'session-metadata', keep: { years: 5 }, action: 'anonymise' },
  { id: 'account-data', keep: null, action: 'delete', afterAccountDeletionDays: 30 },
  { id: 'invoice-records', keep: { years: 10 }, action: 'delete' },
  { id: 'webhook-events', keep: { days: 90 }, action: 'delete' },
  { id: 'audit-logs', keep: { years: 3 }, action: 'delete' },
  { id: 'technical-logs', keep: { days: 90 }, action: 'delete' },
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
    why: 'consent proof, without exception: a grant expires after 3 years and then counts as withdrawn',
  },
  recording_consents: { class: 'audit-logs', from: 'created_at' },
  deletion_requests: {
    class: 'audit-logs',
    from: 'requested_at',
    why: 'the deletion receipt: account id, places and times, no content',
  },
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
