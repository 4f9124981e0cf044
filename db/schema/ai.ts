import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { questionnaireAssignments } from './questionnaires'
import { bookings } from './scheduling'
import { users } from './users'

/** What an AI analysis is made from: a session transcript (C1 + C3) or submitted questionnaire answers (C2 + C3). */
export const aiSourceKind = pgEnum('ai_source_kind', ['transcript', 'questionnaire'])

/**
 * queued → (review →) running → draft → approved, or failed (retry possible) or cancelled (consent withdrawn
 * before sending). `review`: the pseudonymised text waits for the coach's review (R7.7); only "Senden" there
 * sends it. Drafts never reach the client; an approved analysis is visible to the client once shared.
 */
export const aiAnalysisStatus = pgEnum('ai_analysis_status', [
  'queued',
  'review',
  'running',
  'draft',
  'approved',
  'failed',
  'cancelled',
])

/**
 * AI summaries of sessions and analyses of questionnaire answers (R7). The content (JSON sections) is encrypted
 * with the client's data key; the draft and the approved version are kept apart so approval is explicit.
 */
export const aiAnalyses = pgTable(
  'ai_analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    coachId: uuid('coach_id').references(() => users.id, { onDelete: 'set null' }),
    sourceKind: aiSourceKind('source_kind').notNull(),
    bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id').references(() => questionnaireAssignments.id, {
      onDelete: 'cascade',
    }),
    status: aiAnalysisStatus('status').notNull().default('queued'),
    language: text('language'),
    draftEnc: text('draft_enc'),
    approvedEnc: text('approved_enc'),
    /** Why the last attempt failed or was cancelled, as a code the UI explains (never provider text). */
    failureCode: text('failure_code'),
    missingConsents: text('missing_consents')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    attempts: integer('attempts').notNull().default(0),
    /**
     * While in review (R7.7): the exact pseudonymised text that "Senden" sends and the suspects shown, as JSON
     * encrypted with the client's data key; cleared once sent.
     */
    reviewEnc: text('review_enc'),
    /** How many tokens the coach masked in this review (copied to the transmission record). */
    reviewMasked: integer('review_masked').notNull().default(0),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ai_analyses_booking_idx')
      .on(t.bookingId)
      .where(sql`${t.bookingId} IS NOT NULL`),
    uniqueIndex('ai_analyses_assignment_idx')
      .on(t.assignmentId)
      .where(sql`${t.assignmentId} IS NOT NULL`),
    index('ai_analyses_coach_status_idx').on(t.coachId, t.status),
    index('ai_analyses_status_idx').on(t.status, t.updatedAt),
    index('ai_analyses_created_idx').on(t.createdAt),
    index('ai_analyses_client_idx').on(t.clientId),
  ],
)

/**
 * One row per call to an AI provider (R7.5): when, why, which model, how many characters and placeholders,
 * and the consent ledger rows it relied on — never the text. Like the consent proof it carries no foreign key
 * to the account: it is evidence of lawful processing and follows the audit retention (3 years).
 */
export const aiTransmissions = pgTable(
  'ai_transmissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    analysisId: uuid('analysis_id'),
    purpose: aiSourceKind('purpose').notNull(),
    provider: text('provider').notNull(),
    /** host[:port] that received the text (R7.5); null on records written before it was kept. */
    host: text('host'),
    /** Who runs that server, as the consent C3 named it (e.g. "Mistral AI SAS (FR)"); null on older records. */
    recipient: text('recipient'),
    model: text('model').notNull(),
    charsSent: integer('chars_sent').notNull(),
    placeholders: integer('placeholders').notNull(),
    consentEventIds: bigint('consent_event_ids', { mode: 'number' }).array().notNull(),
    /**
     * Written as `pending` before the request leaves (a crash mid-call still leaves a trace), then the result:
     * `ok`, `invalid_output`, a failure code, or `failed` for an unexpected error.
     */
    outcome: text('outcome').notNull(),
    /** The coach reviewed the outgoing text before sending (R7.7), and how many tokens they masked there. */
    reviewed: boolean('reviewed').notNull().default(false),
    maskedTokens: integer('masked_tokens').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ai_transmissions_client_idx').on(t.clientId, t.sentAt),
    index('ai_transmissions_sent_idx').on(t.sentAt),
  ],
)

/**
 * The practice's AI settings, one row per coach (defaults when absent). `reviewBeforeSending` (R7.7, on by
 * default): every text waits for the coach's review before it leaves.
 */
export const aiSettings = pgTable('ai_settings', {
  coachId: uuid('coach_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  reviewBeforeSending: boolean('review_before_sending').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export type AiAnalysis = typeof aiAnalyses.$inferSelect
export type AiTransmission = typeof aiTransmissions.$inferSelect
