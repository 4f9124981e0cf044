import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './users'

export const deletionSource = pgEnum('deletion_source', ['self', 'clerk', 'coach'])

/** The places a deleted client's data is removed from; the receipt lists each with its time (R10.2). */
export const deletionPlaces = ['database', 'storage', 'clerk', 'stripe', 'acuity', 'daily'] as const
export type DeletionPlace = (typeof deletionPlaces)[number]

/** Per place: when it was done (ISO), how often it was tried, the last technical error (no content). */
export type DeletionStepState = {
  doneAt: string | null
  /** Nothing of the client was there (e.g. no Clerk account, Acuity not used). */
  nothing?: boolean
  attempts: number
  lastError?: string | null
}

/**
 * What still has to be deleted outside our database, captured when the request is made (the rows that name it
 * are removed by the purge): ids only, each removed from the list once it is gone at the provider.
 */
export type DeletionRemoteTargets = {
  clerkUserId: string | null
  stripeCustomerIds: string[]
  /** Acuity appointments of the client; `cancel`: it was still upcoming when the deletion was requested. */
  acuityAppointments: { id: string; cancel: boolean }[]
}

/**
 * One deletion request per client (R10.2, Art. 17 DSGVO): entered from the settings page, Clerk's
 * `user.deleted` or the coach; the daily cron (lib/account/deletion-cron.ts) retries every open step until
 * all places are done, at the latest by `deadline_at` (30 days). Afterwards the row is the receipt: the user id
 * (pseudonymous), the places and times — no content. `notify_email` is kept only until the receipt is sent.
 * Evidence of the deletion: kept 3 years like the audit log (R11).
 */
export const deletionRequests = pgTable(
  'deletion_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The deleted account's id; no foreign key: the account row is removed while this receipt stays. */
    userId: uuid('user_id').notNull(),
    /** The client's coach, who sees the receipt. */
    coachId: uuid('coach_id').references(() => users.id, { onDelete: 'set null' }),
    source: deletionSource('source').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    /** Where the receipt goes, and in which language; null once it was sent. */
    notifyEmail: text('notify_email'),
    locale: text('locale', { enum: ['de', 'en'] })
      .notNull()
      .default('de'),
    remote: jsonb('remote').$type<DeletionRemoteTargets>().notNull(),
    steps: jsonb('steps').$type<Record<DeletionPlace, DeletionStepState>>().notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    receiptSentAt: timestamp('receipt_sent_at', { withTimezone: true }),
    /** The receipt's own e-mail log entry (it holds the address) was removed. */
    receiptLogDeletedAt: timestamp('receipt_log_deleted_at', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deletion_requests_user_idx').on(t.userId),
    index('deletion_requests_coach_idx').on(t.coachId),
    index('deletion_requests_open_idx').on(t.completedAt, t.deadlineAt),
  ],
)

export type DeletionRequest = typeof deletionRequests.$inferSelect
