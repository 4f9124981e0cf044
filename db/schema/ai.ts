import { sql } from 'drizzle-orm'
import {
  bigint,
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
 * queued → running → draft → approved, or failed (retry possible) or cancelled (consent withdrawn before
 * sending). Drafts never reach the client; an approved analysis is visible to the client once shared.
 */
export const aiAnalysisStatus = pgEnum('ai_analysis_status', [
  'queued',
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
    model: text('model').notNull(),
    charsSent: integer('chars_sent').notNull(),
    placeholders: integer('placeholders').notNull(),
    consentEventIds: bigint('consent_event_ids', { mode: 'number' }).array().notNull(),
    outcome: text('outcome').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ai_transmissions_client_idx').on(t.clientId, t.sentAt)],
)

export type AiAnalysis = typeof aiAnalyses.$inferSelect
export type AiTransmission = typeof aiTransmissions.$inferSelect
