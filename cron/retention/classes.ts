import { and, asc, eq, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import {
  aiAnalyses,
  aiTransmissions,
  auditLog,
  billingCustomers,
  bookings,
  checkoutSessions,
  consentEvents,
  creditGrants,
  cronRuns,
  deletionRequests,
  emailOutbox,
  journalEntries,
  journalPrompts,
  journalTags,
  journalTagSets,
  localCredentials,
  localSessions,
  payments,
  pseudonymMappings,
  questionnaireAssignments,
  rateLimits,
  recordingConsents,
  sessionRecordings,
  subscriptions,
  transcripts,
  userKeys,
  users,
  videoRooms,
  webhookEvents,
} from '@/db/schema'
import { recordAudits } from '@/lib/audit/service'
import { runSteps, runStep, rowsOf, type BatchContext, type Step } from './batch'
import { retentionCutoff, type RetentionClass } from './policy'
import { purgeRecordings, recordingsOfClients, type RecordingRemotes } from './recordings'

export type ClassResult = { affected: number; done: boolean; pending?: number }
export type ClassRunner = (ctx: BatchContext, now: Date, remotes: RecordingRemotes) => Promise<ClassResult>

const cutoff = (id: RetentionClass, now: Date) => retentionCutoff(id, now)!

// ---------------------------------------------------------------------------------------------------------------
// Session metadata (5 years → anonymised)

/**
 * What anonymising a booking leaves (R11, policy 7.1 "Session am 15.03.2025, 60 Minuten"): date and time,
 * duration, type (session type, its name, video/in person), status, the coach (the practice itself, NOT NULL)
 * and how it was paid (checkout/credit). Gone: the client, the price, the credit, the Acuity appointment id, reminder/hold/cancellation
 * details and the booking's own timestamps (set to the start, so they cannot be matched against the payment's).
 * Invoices are detached separately (payments.booking_id → NULL): they stay 10 years without pointing at a session.
 */
const anonymiseBooking = sql`client_id = NULL, price_rappen = 0, hold_expires_at = NULL, reminder_sent_at = NULL,
  cancelled_at = NULL, cancelled_by = NULL, credit_grant_id = NULL, sequence = 0, created_at = starts_at,
  updated_at = starts_at, blocked_from = starts_at, blocked_until = ends_at, acuity_appointment_id = NULL`

/** Not yet anonymised: any of the fields above still differs (so a second run finds nothing). */
const notAnonymised = sql`(${bookings.clientId} IS NOT NULL OR ${bookings.priceRappen} <> 0
  OR ${bookings.holdExpiresAt} IS NOT NULL OR ${bookings.reminderSentAt} IS NOT NULL
  OR ${bookings.cancelledAt} IS NOT NULL OR ${bookings.cancelledBy} IS NOT NULL
  OR ${bookings.creditGrantId} IS NOT NULL OR ${bookings.sequence} <> 0
  OR ${bookings.createdAt} <> ${bookings.startsAt} OR ${bookings.updatedAt} <> ${bookings.startsAt}
  OR ${bookings.blockedFrom} <> ${bookings.startsAt} OR ${bookings.blockedUntil} <> ${bookings.endsAt}
  OR ${bookings.acuityAppointmentId} IS NOT NULL)`

const sessionMetadata: ClassRunner = (ctx, now) => {
  const before = cutoff('session-metadata', now)
  const oldBookings = sql`SELECT id FROM bookings WHERE starts_at < ${before}`
  return runSteps(ctx, [
    // Detach first: the invoice stays, but no longer says which session it paid.
    {
      table: payments,
      where: sql`${payments.bookingId} IN (${oldBookings})`,
      set: sql`booking_id = NULL`,
    },
    { table: videoRooms, where: sql`${videoRooms.bookingId} IN (${oldBookings})` },
    {
      table: bookings,
      where: and(lt(bookings.startsAt, before), notAnonymised)!,
      set: anonymiseBooking,
      // Ranges of the start, but with row locks: unlike the logs, a booking is written by many paths (cancel,
      // move, the payment and Acuity webhooks, the deletion flow), some in transactions that touch more than
      // one row, so a batch skips what the app holds instead of waiting for it (or deadlocking with it); the
      // next run anonymises it.
      period: bookings.startsAt,
      skipLocked: true,
    },
  ])
}

// ---------------------------------------------------------------------------------------------------------------
// Audit logs and consent proof (3 years)

/**
 * The ledgers' triggers allow deletion only by this job and only of rows older than 3 years by the database's
 * own clock; the same condition here means a `now` in the future can never make the job try what the database
 * refuses (it stops at what is really 3 years old).
 */
const dbThreeYears = (column: SQL | AnyPgColumn) => sql`${column} < now() - interval '3 years'`

const auditLogs: ClassRunner = async (ctx, now) => {
  const before = cutoff('audit-logs', now)
  // The oldest young row, in chain order: everything before it goes, nothing after it — so retention removes a
  // prefix and the remaining chain still verifies (its first row is the new anchor). Fixed for the run: rows
  // only ever join at the end.
  const [boundary] = rowsOf<{ seq: string | number | null }>(
    await ctx.db.execute(sql`
      SELECT chain_seq AS seq FROM audit_log
       WHERE NOT (created_at < ${before} AND ${dbThreeYears(sql`created_at`)})
       ORDER BY chain_seq LIMIT 1`),
  )
  const prefix =
    boundary?.seq === null || boundary?.seq === undefined
      ? sql`${auditLog.chainSeq} IS NOT NULL`
      : sql`${auditLog.chainSeq} < ${Number(boundary.seq)}`
  return runSteps(ctx, [
    {
      table: auditLog,
      where: and(prefix, lt(auditLog.createdAt, before), dbThreeYears(auditLog.createdAt))!,
      period: auditLog.chainSeq,
      guarded: true,
    },
    {
      table: consentEvents,
      // Without exception (policy: consent proof 3 years): a grant expires after 3 years (lib/consent/expiry.ts)
      // and counts as withdrawn from then on, so even the newest grant of a client is no longer in force.
      where: and(lt(consentEvents.createdAt, before), dbThreeYears(consentEvents.createdAt))!,
      period: consentEvents.createdAt,
      guarded: true,
    },
    {
      // Per session; the recording it allowed is gone after 90 days.
      table: recordingConsents,
      where: and(lt(recordingConsents.createdAt, before), dbThreeYears(recordingConsents.createdAt))!,
      guarded: true,
    },
    { table: aiTransmissions, where: lt(aiTransmissions.sentAt, before), period: aiTransmissions.sentAt },
    // Deletion receipts (R10.2): evidence that and when a client's data was removed — ids and times only.
    {
      table: deletionRequests,
      where: and(isNotNull(deletionRequests.completedAt), lt(deletionRequests.requestedAt, before))!,
    },
  ])
}

// ---------------------------------------------------------------------------------------------------------------
// Account data (R10.2: within 30 days of the request)

export type DeletedAccount = { id: string; email: string; clerkId: string | null }

/** Accounts purged together: one set-based statement per table and batch for all of them (bounded parameters). */
export const ACCOUNTS_PER_PASS = 1_000

/** A PostgreSQL array literal as one bind value (`{"a","b"}`): any number of values, one parameter. */
const arrayLiteral = (values: readonly string[]) =>
  `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
const uuidArray = (ids: readonly string[]) => sql`${arrayLiteral(ids)}::uuid[]`
const textArray = (values: readonly string[]) => sql`${arrayLiteral(values)}::text[]`

/** A uuid as it appears in our idempotency keys (lower case, as PostgreSQL prints it). */
const UUID_IN_TEXT = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/**
 * Everything of a set of clients that is not evidence or an invoice, in an order that never leaves a reference
 * behind: content hanging off their bookings first, then their own rows, the invoices detached, the bookings
 * anonymised (like session metadata: the coach's calendar keeps that a session took place, not with whom), the
 * account rows last (purgeDeletedAccounts). What stays: invoice records (no user, no booking) and the pseudonymous
 * evidence that follows the audit class — audit entries, consent proof, recording consents, AI transmission
 * records (ids only). `ready`: the accounts whose bookings and invoices may go now (no recording still waiting
 * for a remote deletion). Each step is one statement per batch for the whole set, not one per account: the
 * cost is the rows, not accounts × tables.
 */
function accountSteps(all: readonly DeletedAccount[], ready: readonly DeletedAccount[], now: Date): Step[] {
  const ids = uuidArray(all.map((u) => u.id))
  const theirBookings = sql`SELECT b.id FROM bookings b WHERE b.client_id = ANY(${ids})`
  const clerkIds = all.flatMap((u) => (u.clerkId ? [u.clerkId] : []))
  const steps: Step[] = [
    { table: transcripts, where: sql`${transcripts.bookingId} IN (${theirBookings})` },
    {
      table: aiAnalyses,
      where: sql`${aiAnalyses.clientId} = ANY(${ids}) OR ${aiAnalyses.bookingId} IN (${theirBookings})`,
    },
    { table: videoRooms, where: sql`${videoRooms.bookingId} IN (${theirBookings})` },
    {
      table: checkoutSessions,
      where: sql`${checkoutSessions.userId} = ANY(${ids}) OR ${checkoutSessions.bookingId} IN (${theirBookings})`,
    },
    { table: journalEntries, where: sql`${journalEntries.userId} = ANY(${ids})` },
    { table: journalTags, where: sql`${journalTags.userId} = ANY(${ids})` },
    { table: journalTagSets, where: sql`${journalTagSets.userId} = ANY(${ids})` },
    { table: journalPrompts, where: sql`${journalPrompts.clientId} = ANY(${ids})` },
    { table: questionnaireAssignments, where: sql`${questionnaireAssignments.clientId} = ANY(${ids})` },
    { table: pseudonymMappings, where: sql`${pseudonymMappings.clientId} = ANY(${ids})` },
  ]
  if (ready.length > 0) {
    const readyIds = uuidArray(ready.map((u) => u.id))
    const readyBookings = sql`SELECT b.id FROM bookings b WHERE b.client_id = ANY(${readyIds})`
    steps.push(
      {
        table: payments,
        where: sql`${payments.userId} = ANY(${readyIds}) OR ${payments.bookingId} IN (${readyBookings})`,
        set: sql`user_id = NULL, booking_id = NULL`,
      },
      {
        table: bookings,
        where: sql`${bookings.clientId} = ANY(${readyIds})`,
        set: sql`${anonymiseBooking}, status = CASE
          WHEN status IN ('pending', 'confirmed') AND starts_at > ${now} THEN 'cancelled'::booking_status
          ELSE status END`,
      },
    )
  }
  steps.push(
    { table: creditGrants, where: sql`${creditGrants.userId} = ANY(${ids})` },
    { table: subscriptions, where: sql`${subscriptions.userId} = ANY(${ids})` },
    { table: billingCustomers, where: sql`${billingCustomers.userId} = ANY(${ids})` },
    { table: localSessions, where: sql`${localSessions.userId} = ANY(${ids})` },
    { table: localCredentials, where: sql`${localCredentials.userId} = ANY(${ids})` },
    { table: userKeys, where: sql`${userKeys.userId} = ANY(${ids})` },
    {
      // The e-mail log holds the address. The deletion receipt (`account-deleted/<id>`) is not purged here: the
      // deletion flow keeps its log entry one day as proof and removes it itself (a purge running at the same
      // moment as the run that sends it must not take it; the 90-day technical-logs rule is the backstop).
      // Keys name the account (`profile-updated/<id>/…`): every uuid in the key is matched against the set, so
      // one pass over the log serves all accounts.
      table: emailOutbox,
      where: sql`(${emailOutbox.userId} = ANY(${ids})
        OR lower(${emailOutbox.toAddress}) = ANY(${textArray(all.map((u) => u.email.toLowerCase()))})
        OR EXISTS (SELECT 1 FROM regexp_matches(${emailOutbox.idempotencyKey}, ${UUID_IN_TEXT}, 'g') m
                    WHERE m[1]::uuid = ANY(${ids})))
        AND ${emailOutbox.idempotencyKey} <> ALL(${textArray(all.map((u) => `account-deleted/${u.id}`))})`,
    },
  )
  if (clerkIds.length > 0)
    steps.push({
      table: webhookEvents,
      where: sql`${webhookEvents.provider} = 'clerk' AND ${webhookEvents.payload}->>'objectId' = ANY(${textArray(clerkIds)})`,
    })
  return steps
}

const accountData: ClassRunner = async (ctx, now, remotes) => {
  // Clients only: a coach account carries the practice (offers, other clients' bookings) and is not deleted here.
  const due = await ctx.db
    .select({ id: users.id, email: users.email, clerkId: users.clerkId })
    .from(users)
    .where(
      and(
        eq(users.role, 'client'),
        isNotNull(users.deletionRequestedAt),
        lte(users.deletionRequestedAt, now),
      ),
    )
    .orderBy(asc(users.deletionRequestedAt), asc(users.id))
  let affected = 0
  let pending = 0
  for (let i = 0; i < due.length; i += ACCOUNTS_PER_PASS) {
    const result = await purgeDeletedAccounts(ctx, due.slice(i, i + ACCOUNTS_PER_PASS), now, remotes)
    affected += result.affected
    pending += result.pending
    if (!result.done) return { affected, done: false, pending }
  }
  return { affected, done: true, pending }
}

/**
 * Removes what is left of one deleted client (R10.2); see purgeDeletedAccounts. Run by the daily deletion run
 * (lib/account/deletion-flow.ts). `removed`: the account row is gone.
 */
export async function purgeDeletedAccount(
  ctx: BatchContext,
  user: DeletedAccount,
  now: Date,
  remotes: RecordingRemotes,
): Promise<ClassResult & { pending: number; removed: boolean }> {
  const result = await purgeDeletedAccounts(ctx, [user], now, remotes)
  return { ...result, removed: result.removed.includes(user.id) }
}

/**
 * Removes what is left of deleted clients (R10.2): their recordings (storage and Daily first), every row of
 * `accountSteps`, then the account rows, each with a pseudonymous audit record. Run by the monthly retention job
 * (all due accounts, ACCOUNTS_PER_PASS at a time) and, for one account, by the daily deletion run. An account
 * whose recording could not be deleted remotely keeps its bookings, invoices' links and account row (its booking
 * must stay findable for the next run); the rest of it goes now. `done: false` only when the budget ran out;
 * `removed`: the accounts whose row is gone.
 */
export async function purgeDeletedAccounts(
  ctx: BatchContext,
  accounts: readonly DeletedAccount[],
  now: Date,
  remotes: RecordingRemotes,
): Promise<ClassResult & { pending: number; removed: string[] }> {
  if (accounts.length === 0) return { affected: 0, done: true, pending: 0, removed: [] }
  let affected = 0
  const ids = uuidArray(accounts.map((u) => u.id))
  const recordings = await purgeRecordings(ctx, recordingsOfClients(ids), remotes)
  affected += recordings.affected
  const pending = recordings.pending
  if (!recordings.done) return { affected, done: false, pending, removed: [] }
  // Accounts with a recording still waiting for a remote deletion (in a dry run none: nothing was tried).
  const waiting = new Set(
    recordings.pending > 0 && !ctx.dryRun
      ? rowsOf<{ id: string }>(
          await ctx.db.execute(sql`SELECT DISTINCT b.client_id AS id FROM session_recordings r
            JOIN bookings b ON b.id = r.booking_id WHERE b.client_id = ANY(${ids})`),
        ).map((r) => r.id)
      : [],
  )
  const ready = accounts.filter((u) => !waiting.has(u.id))
  const rest = await runSteps(ctx, accountSteps(accounts, ready, now))
  affected += rest.affected
  if (!rest.done) return { affected, done: false, pending, removed: [] }
  if (ctx.dryRun) return { affected: affected + ready.length, done: true, pending, removed: [] }
  const removed: string[] = []
  for (let i = 0; i < ready.length; i += ctx.batchSize) {
    if (!(await ctx.allow())) return { affected, done: false, pending, removed }
    const batch = ready.slice(i, i + ctx.batchSize).map((u) => u.id)
    const gone = await ctx.db.transaction(async (tx) => {
      const deleted = await tx
        .delete(users)
        .where(sql`${users.id} = ANY(${uuidArray(batch)})`)
        .returning({ id: users.id })
      // The pseudonymous record of each deletion (R10.2): the account's id only. Last in the transaction
      // (chain lock), one statement for the batch.
      await recordAudits(
        tx,
        deleted.map((u) => ({
          actor: { userId: null, role: 'system' },
          action: 'account.deleted' as const,
          target: { type: 'user', id: u.id },
          details: { stage: 'purged' },
        })),
      )
      return deleted.map((u) => u.id)
    })
    affected += gone.length
    removed.push(...gone)
    if (gone.length > 0) ctx.worked()
  }
  return { affected, done: true, pending, removed }
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The classes of the retention table (policy.ts), in the order the job runs them: deletion requests first
 * (the only deadline a client waits for), then content, metadata, records and logs.
 */
export const classRunners: [RetentionClass, ClassRunner][] = [
  ['account-data', accountData],
  [
    'video-recordings',
    (ctx, now, remotes) =>
      purgeRecordings(ctx, lt(sessionRecordings.createdAt, cutoff('video-recordings', now))!, remotes),
  ],
  [
    'transcripts',
    (ctx, now) =>
      runStep(ctx, {
        table: transcripts,
        where: lt(transcripts.createdAt, cutoff('transcripts', now))!,
        period: transcripts.createdAt,
      }),
  ],
  [
    'session-summaries',
    (ctx, now) =>
      runStep(ctx, {
        table: aiAnalyses,
        where: lt(aiAnalyses.createdAt, cutoff('session-summaries', now))!,
        period: aiAnalyses.createdAt,
      }),
  ],
  ['session-metadata', sessionMetadata],
  [
    'invoice-records',
    (ctx, now) =>
      runStep(ctx, {
        table: payments,
        where: lt(payments.occurredAt, cutoff('invoice-records', now))!,
        period: payments.occurredAt,
      }),
  ],
  [
    'webhook-events',
    (ctx, now) =>
      runStep(ctx, {
        table: webhookEvents,
        where: lt(webhookEvents.receivedAt, cutoff('webhook-events', now))!,
        period: webhookEvents.receivedAt,
      }),
  ],
  [
    'technical-logs',
    (ctx, now) => {
      const before = cutoff('technical-logs', now)
      return runSteps(ctx, [
        { table: emailOutbox, where: lt(emailOutbox.createdAt, before)!, period: emailOutbox.createdAt },
        { table: rateLimits, where: lt(rateLimits.windowStart, before)!, period: rateLimits.windowStart },
        {
          table: localSessions,
          where: lt(localSessions.expiresAt, before)!,
          period: localSessions.expiresAt,
        },
        // Small tables without an index on the period: by TID with row locks (runStep).
        { table: videoRooms, where: lt(videoRooms.expiresAt, before)! },
        { table: checkoutSessions, where: lt(checkoutSessions.expiresAt, before)! },
        // Never the running row (this run's own).
        {
          table: cronRuns,
          where: sql`${cronRuns.startedAt} < ${before} AND ${cronRuns.status} <> 'running'`,
        },
      ])
    },
  ],
  ['audit-logs', auditLogs],
]
