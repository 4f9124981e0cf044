import { bigserial, boolean, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { userLocale } from './users'

/** The proof every consent row carries (R9.2): decision, exact text shown, language, full IP, user agent, time. */
const proofColumns = () => ({
  granted: boolean('granted').notNull(),
  textVersion: text('text_version').notNull(),
  textSha256: text('text_sha256').notNull(),
  locale: userLocale('locale').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** C1, C2, C3 of R9.1. */
export const consentPurpose = pgEnum('consent_purpose', [
  'ai_transcripts',
  'ai_questionnaires',
  'ai_external_provider',
])

/**
 * The consent ledger (R9.2): every grant and withdrawal with its legal proof — the full IP address (kept
 * deliberately: this is evidence, not a technical log), user agent, and the version and SHA-256 of the exact
 * text shown. Append-only (trigger); no foreign key, because proof outlives the account (3 years, R11).
 */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull(),
    purpose: consentPurpose('purpose').notNull(),
    ...proofColumns(),
  },
  (t) => [index('consent_events_user_purpose_idx').on(t.userId, t.purpose, t.createdAt)],
)

/** What a per-session consent allows: recording the video session, or sending its audio to Gladia (R5.3, R6). */
export const sessionConsentKind = pgEnum('session_consent_kind', ['recording', 'transcription'])

/**
 * Per-session consents (R5.3, R9.3): recording a video session, and transcribing a session's audio by Gladia
 * (asked separately, §6.2 of the policy), each with the same proof fields. `booking_id` gets its foreign key
 * when bookings exist (video issue).
 */
export const recordingConsents = pgTable(
  'recording_consents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    bookingId: uuid('booking_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: sessionConsentKind('kind').notNull().default('recording'),
    ...proofColumns(),
  },
  (t) => [index('recording_consents_booking_idx').on(t.bookingId, t.userId, t.kind, t.createdAt)],
)

export type ConsentEvent = typeof consentEvents.$inferSelect
export type SessionConsentKind = (typeof sessionConsentKind.enumValues)[number]
export type ConsentPurpose = (typeof consentPurpose.enumValues)[number]
