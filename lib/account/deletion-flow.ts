import 'server-only'
import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type Stripe from 'stripe'
import { purgeDeletedAccount } from '@/cron/retention/classes'
import {
  billingCustomers,
  bookings,
  type DeletionPlace,
  deletionPlaces,
  type DeletionRequest,
  deletionRequests,
  type DeletionStepState,
  emailOutbox,
  localCredentials,
  localSessions,
  pseudonymMappings,
  sessionRecordings,
  subscriptions,
  users,
} from '@/db/schema'
import type { Db } from '@/db/types'
import { recordAudit } from '@/lib/audit/service'
import { shredUserKey } from '@/lib/crypto'
import { forgetTexts } from '@/lib/privacy/pseudonymize/memo'
import { env } from '@/lib/env'
import { type AcuityClient, AcuityError, acuityClient } from '@/lib/integrations/acuity'
import { type ClerkBackend, clerkBackend } from '@/lib/integrations/clerk'
import { type DailyClient, DailyError, dailyClient } from '@/lib/integrations/daily'
import { sendEmail } from '@/lib/email'
import { objectStorage, type ObjectStorage } from '@/lib/integrations/storage'
import { deleteStripeCustomer, isLocalStripeId, stripeClient } from '@/lib/integrations/stripe'
import { log } from '@/lib/log'
import { deleteClientAudio } from '@/lib/sessions/client-audio'
import { cancelUpcomingBookingsOfDeletedClient, endSubscriptionsOfDeletedClient } from './deletion-billing'

/**
 * The one deletion flow (R10.2, Art. 17 DSGVO), whoever starts it: the client ("Account löschen"), Clerk
 * (`user.deleted`) or the coach. `requestAccountDeletion` records the request with its deadline (30 days) in the
 * same transaction that wipes the account row, then `processDeletionRequest` does at once what can be done at
 * once. The daily cron (lib/cron/daily.ts) calls `processDeletionRequest` again for every open request until
 * every place is done, so a provider that is down for days delays the deletion, never drops it. Every step is
 * idempotent: two entries at once, a webhook re-delivery or a crashed run change nothing twice.
 *
 * Places, each with the time it was done (the receipt):
 *  - database: the key shredded at once (content unreadable), the account row wiped, sessions and password gone,
 *    upcoming bookings cancelled, e-mail log and pseudonym mappings deleted; the remaining rows are purged by the
 *    daily run (cron/retention/classes.ts purgeDeletedAccount — the same code as the retention job);
 *  - storage: the audio files of the client's recordings (lib/sessions/client-audio.ts);
 *  - clerk: the Clerk user; stripe: running subscriptions cancelled, the customer deleted;
 *  - acuity: upcoming appointments cancelled, name and e-mail overwritten (Acuity's API cannot delete them);
 *  - daily: recordings that may still be at Daily.
 * When all are done the receipt e-mail goes out once (a list of places and times, no content), the address it
 * needed is forgotten, and a day later its own e-mail log entry is removed.
 */

export const DELETED_NAME = 'Gelöschtes Konto'
export const deletedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`

/** The promise of the policy: everything gone within 30 days of the request. */
export const DELETION_DEADLINE_DAYS = 30
/** From this many days before the deadline an open request is logged as an alert on every run. */
export const DELETION_ALERT_DAYS = 7
const DAY = 86_400_000

export type DeletionSource = DeletionRequest['source']

export type DeletionDeps = {
  clerk?: ClerkBackend | null
  stripe?: Stripe | null
  acuity?: AcuityClient | null
  daily?: DailyClient | null
  storage?: ObjectStorage
}

const resolve = (deps: DeletionDeps) => ({
  clerk: deps.clerk === undefined ? clerkBackend() : deps.clerk,
  stripe: deps.stripe === undefined ? stripeClient() : deps.stripe,
  acuity: deps.acuity === undefined ? acuityClient() : deps.acuity,
  daily: deps.daily === undefined ? dailyClient() : deps.daily,
  storage: async () => deps.storage ?? (await objectStorage()),
})

const openStep = (): DeletionStepState => ({ doneAt: null, attempts: 0 })

export type RequestResult = { request: DeletionRequest; created: boolean }

/**
 * Records the deletion request of a client (idempotent: the second call returns the first request) and runs the
 * immediate steps. Null when there is no such client and no earlier request (e.g. a Clerk user we never knew).
 */
export async function requestAccountDeletion(
  db: Db,
  input: DeletionInput,
  now: Date,
  deps: DeletionDeps = {},
): Promise<RequestResult | null> {
  const result = await createDeletionRequest(db, input, now)
  if (!result?.created) return result
  let request = result.request
  try {
    // At once: everything but the purge of the remaining rows (that runs in the daily job, not in a request).
    request = await processDeletionRequest(db, request.id, now, deps, { purge: false })
  } catch (error) {
    // The request is recorded; the daily run repeats every step.
    log.error('account.deletion_immediate_failed', { requestId: request.id, error: technical(error) })
  }
  return { request, created: true }
}

export type DeletionInput = {
  userId: string
  source: DeletionSource
  requestedBy?: { userId: string; role: string } | null
}

/**
 * The transactional half: records the request and wipes the account row (the Clerk webhook calls it inside the
 * transaction that records the event, so a re-delivery can never find the event applied but no request).
 */
export async function createDeletionRequest(
  db: Db,
  input: DeletionInput,
  now: Date,
): Promise<RequestResult | null> {
  const created = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(deletionRequests)
      .where(eq(deletionRequests.userId, input.userId))
    if (existing) return null
    // The row lock orders two entries at once: the second sees the first one's request and returns it.
    const [me] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.role, 'client')))
      .for('update')
    if (!me) return null
    const [again] = await tx.select().from(deletionRequests).where(eq(deletionRequests.userId, input.userId))
    if (again) return null

    // Every Stripe customer of the client: the one we keep, and any a subscription names.
    const customers = [
      ...(await tx
        .select({ id: billingCustomers.stripeCustomerId })
        .from(billingCustomers)
        .where(eq(billingCustomers.userId, me.id))),
      ...(await tx
        .select({ id: subscriptions.stripeCustomerId })
        .from(subscriptions)
        .where(eq(subscriptions.userId, me.id))),
    ]
    const appointments = await tx
      .select({ id: bookings.acuityAppointmentId, startsAt: bookings.startsAt, status: bookings.status })
      .from(bookings)
      .where(and(eq(bookings.clientId, me.id), isNotNull(bookings.acuityAppointmentId)))
    // Never deleted a second time by a late webhook or click: the request holds what the remote steps need.
    const [request] = await tx
      .insert(deletionRequests)
      .values({
        userId: me.id,
        coachId: me.coachId,
        source: input.source,
        requestedAt: now,
        deadlineAt: new Date(now.getTime() + DELETION_DEADLINE_DAYS * DAY),
        // Kept only until the receipt is sent (a deleted account has no other address).
        notifyEmail: me.deletionRequestedAt ? null : me.email,
        locale: me.locale,
        remote: {
          clerkUserId: me.clerkId,
          stripeCustomerIds: [...new Set(customers.map((c) => c.id))],
          acuityAppointments: appointments.map((a) => ({
            id: a.id!,
            cancel: a.startsAt > now && (a.status === 'confirmed' || a.status === 'pending'),
          })),
        },
        steps: Object.fromEntries(deletionPlaces.map((p) => [p, openStep()])) as Record<
          DeletionPlace,
          DeletionStepState
        >,
      })
      .onConflictDoNothing()
      .returning()
    if (!request) return null
    // Nothing identifying stays readable in the account row; no local session survives.
    await tx
      .update(users)
      .set({
        deletionRequestedAt: me.deletionRequestedAt ?? now,
        name: DELETED_NAME,
        email: deletedEmail(me.id),
        phone: null,
        updatedAt: now,
      })
      .where(eq(users.id, me.id))
    await tx.delete(localSessions).where(eq(localSessions.userId, me.id))
    await tx.delete(localCredentials).where(eq(localCredentials.userId, me.id))
    // Pseudonymous: the id, who started it and the deadline — no name, e-mail or IP.
    await recordAudit(tx, {
      actor: input.requestedBy ?? (input.source === 'clerk' ? null : { userId: me.id, role: 'client' }),
      action: 'account.deleted',
      target: { type: 'user', id: me.id },
      details: { stage: 'requested', source: input.source, deadline: request.deadlineAt.toISOString() },
    })
    return request
  })
  if (!created) {
    const [existing] = await db
      .select()
      .from(deletionRequests)
      .where(eq(deletionRequests.userId, input.userId))
    return existing ? { request: existing, created: false } : null
  }
  log.info('account.deletion_requested', { requestId: created.id, source: input.source })
  return { request: created, created: true }
}

/**
 * One pass over an open request: the local steps (while the account row exists), every remote step not yet done,
 * the purge (option `purge`, the daily run), then — once all places are done — the receipt. Returns the updated
 * request. Safe to run concurrently with itself: each step is idempotent, the receipt is claimed by one run.
 */
export async function processDeletionRequest(
  db: Db,
  requestId: string,
  now: Date,
  deps: DeletionDeps = {},
  options: { purge: boolean } = { purge: true },
): Promise<DeletionRequest> {
  const [request] = await db.select().from(deletionRequests).where(eq(deletionRequests.id, requestId))
  if (!request) throw new Error('deletion request not found')
  const remotes = resolve(deps)
  const steps = structuredClone(request.steps)
  const remote = structuredClone(request.remote)
  const userId = request.userId

  const attempt = async (place: DeletionPlace, run: () => Promise<'done' | 'nothing' | string>) => {
    const step = steps[place]
    if (step.doneAt) return
    step.attempts += 1
    try {
      const outcome = await run()
      if (outcome === 'done' || outcome === 'nothing') {
        step.doneAt = now.toISOString()
        step.lastError = null
        if (outcome === 'nothing') step.nothing = true
      } else step.lastError = outcome
    } catch (error) {
      step.lastError = technical(error)
      log.warn('account.deletion_step_failed', { requestId, place, error: step.lastError })
    }
  }

  const [account] = await db
    .select({
      id: users.id,
      email: users.email,
      clerkId: users.clerkId,
      keysShreddedAt: users.keysShreddedAt,
    })
    .from(users)
    .where(eq(users.id, userId))

  // What can be done at once, every time (each is a no-op once done).
  let subscriptionsFailed = 0
  if (account) {
    if (!account.keysShreddedAt) await shredUserKey(db, userId)
    await guarded('bookings', requestId, () => cancelUpcomingBookingsOfDeletedClient(db, userId, now))
    const subs = await guarded('subscriptions', requestId, () =>
      endSubscriptionsOfDeletedClient(db, userId, now, remotes.stripe),
    )
    subscriptionsFailed = subs ? subs.failed : 1
    await db.delete(pseudonymMappings).where(eq(pseudonymMappings.clientId, userId))
    // The pseudonymiser's caches in this process hold the mapping's names too (other instances age them out).
    forgetTexts()
    // The e-mail log: by account and by the captured address — but not the receipt this flow sends itself.
    const receiptKey = receiptKeyOf(userId)
    const byAddress = request.notifyEmail
      ? sql`lower(${emailOutbox.toAddress}) = ${request.notifyEmail.toLowerCase()}`
      : undefined
    await db
      .delete(emailOutbox)
      .where(
        and(
          byAddress ? or(eq(emailOutbox.userId, userId), byAddress) : eq(emailOutbox.userId, userId),
          sql`${emailOutbox.idempotencyKey} <> ${receiptKey}`,
        ),
      )
  }

  await attempt('clerk', async () => {
    if (!remote.clerkUserId) return 'nothing'
    // Started by Clerk: the user is already gone there.
    if (request.source !== 'clerk') {
      if (!remotes.clerk) return 'not_configured'
      await remotes.clerk.deleteUser(remote.clerkUserId)
    }
    remote.clerkUserId = null
    // The link is no longer needed; a late user.deleted webhook then finds nothing to do.
    await db.update(users).set({ clerkId: null }).where(eq(users.id, userId))
    return 'done'
  })

  await attempt('stripe', async () => {
    if (subscriptionsFailed > 0) return 'subscription_cancel_failed'
    const left: string[] = []
    for (const id of remote.stripeCustomerIds) {
      if (isLocalStripeId(id)) continue
      if (!remotes.stripe) {
        left.push(id)
        continue
      }
      try {
        await deleteStripeCustomer(remotes.stripe, id)
      } catch (error) {
        left.push(id)
        log.warn('account.stripe_customer_delete_failed', { requestId, error: technical(error) })
      }
    }
    const had = remote.stripeCustomerIds.length
    remote.stripeCustomerIds = left
    if (left.length > 0) return remotes.stripe ? 'stripe_failed' : 'not_configured'
    return had === 0 ? 'nothing' : 'done'
  })

  await attempt('acuity', async () => {
    const had = remote.acuityAppointments.length
    if (had === 0) return 'nothing'
    if (!remotes.acuity) return 'not_configured'
    const left: typeof remote.acuityAppointments = []
    for (const appt of remote.acuityAppointments) {
      try {
        await eraseAcuityAppointment(remotes.acuity, appt, userId)
      } catch (error) {
        left.push(appt)
        log.warn('account.acuity_erase_failed', { requestId, error: technical(error) })
      }
    }
    remote.acuityAppointments = left
    return left.length > 0 ? 'acuity_failed' : 'done'
  })

  await attempt('storage', async () => {
    const { failed } = await deleteClientAudio(db, userId, await remotes.storage())
    return failed > 0 ? 'storage_failed' : 'done'
  })

  await attempt('daily', async () => {
    const atDaily = await db
      .select({
        id: sessionRecordings.id,
        dailyId: sessionRecordings.dailyRecordingId,
        key: sessionRecordings.storageKey,
      })
      .from(sessionRecordings)
      .where(
        and(
          eq(sessionRecordings.source, 'daily'),
          isNotNull(sessionRecordings.dailyRecordingId),
          isNull(sessionRecordings.storedAt),
          sql`${sessionRecordings.bookingId} IN (SELECT id FROM bookings WHERE client_id = ${userId})`,
        ),
      )
    if (atDaily.length === 0) return 'done'
    if (!remotes.daily) return 'not_configured'
    const gone: string[] = []
    let failed = 0
    for (const row of atDaily) {
      try {
        await remotes.daily.deleteRecording(row.dailyId!)
        gone.push(row.id)
      } catch (error) {
        if (error instanceof DailyError && error.status === 404) gone.push(row.id)
        else failed++
      }
    }
    // Gone at Daily and no file left here: the row has nothing more to point at.
    const removable = atDaily.filter((r) => gone.includes(r.id) && r.key === null).map((r) => r.id)
    if (removable.length > 0)
      await db.delete(sessionRecordings).where(inArray(sessionRecordings.id, removable))
    const waiting = atDaily.filter((r) => gone.includes(r.id) && r.key !== null).length
    return failed > 0 ? 'daily_failed' : waiting > 0 ? 'storage_pending' : 'done'
  })

  if (options.purge)
    await attempt('database', async () => {
      if (!account) return 'done'
      const storage = await remotes.storage()
      // Two runs at once (a retried cron): the other may purge the account meanwhile, and this one then finds
      // nothing left or loses a lock. The account row gone is what counts.
      const gone = async () =>
        (await db.select({ id: users.id }).from(users).where(eq(users.id, account.id))).length === 0
      try {
        const result = await purgeDeletedAccount(
          { db, dryRun: false, batchSize: 500, worked: () => {}, allow: async () => true },
          { id: account.id, email: account.email, clerkId: account.clerkId },
          now,
          { storage: async () => storage, daily: remotes.daily },
        )
        if (result.removed) return 'done'
      } catch (error) {
        if (await gone()) return 'done'
        throw error
      }
      return (await gone()) ? 'done' : 'purge_pending'
    })

  // Merged with what a concurrent run may have written meanwhile (a place done there stays done; a remote
  // target stays only if neither run deleted it), under the row lock — a short transaction, no remote call.
  const { row, newlyCompleted } = await db.transaction(async (tx) => {
    const [cur] = await tx
      .select()
      .from(deletionRequests)
      .where(eq(deletionRequests.id, requestId))
      .for('update')
    const merged = Object.fromEntries(
      deletionPlaces.map((p) => {
        const theirs = cur!.steps[p]
        const ours = steps[p]
        const pick = theirs.doneAt ? theirs : ours
        return [p, { ...pick, attempts: Math.max(theirs.attempts, ours.attempts) }]
      }),
    ) as typeof steps
    const keep = <T>(a: T[], b: T[], key: (x: T) => string) =>
      a.filter((x) => b.some((y) => key(y) === key(x)))
    const mergedRemote = {
      clerkUserId: cur!.remote.clerkUserId && remote.clerkUserId,
      stripeCustomerIds: keep(cur!.remote.stripeCustomerIds, remote.stripeCustomerIds, String),
      acuityAppointments: keep(cur!.remote.acuityAppointments, remote.acuityAppointments, (a) => a.id),
    }
    const complete = deletionPlaces.every((p) => merged[p].doneAt)
    const [written] = await tx
      .update(deletionRequests)
      .set({
        steps: merged,
        remote: mergedRemote,
        lastRunAt: now,
        ...(complete && !cur!.completedAt ? { completedAt: now } : {}),
      })
      .where(eq(deletionRequests.id, requestId))
      .returning()
    return { row: written!, newlyCompleted: complete && !cur!.completedAt }
  })
  let current = row
  if (newlyCompleted) {
    await recordAudit(db, {
      actor: { userId: null, role: 'system' },
      action: 'account.deleted',
      target: { type: 'user', id: userId },
      details: { stage: 'completed', requestId },
    })
    log.info('account.deletion_completed', { requestId })
  }
  if (current.completedAt) current = await sendReceipt(db, current, now)
  return current
}

export const receiptKeyOf = (userId: string) => `account-deleted/${userId}`

/** The receipt, once: claimed by setting `receipt_sent_at` (one run wins); a failed send releases the claim. */
async function sendReceipt(db: Db, request: DeletionRequest, now: Date): Promise<DeletionRequest> {
  if (!request.receiptSentAt && !request.notifyEmail && !request.receiptLogDeletedAt) {
    // No address to send to (an account wiped before its request was recorded): nothing left to do.
    const [after] = await db
      .update(deletionRequests)
      .set({ receiptLogDeletedAt: now })
      .where(eq(deletionRequests.id, request.id))
      .returning()
    return after!
  }
  if (!request.receiptSentAt && request.notifyEmail) {
    const [claimed] = await db
      .update(deletionRequests)
      .set({ receiptSentAt: now })
      .where(and(eq(deletionRequests.id, request.id), isNull(deletionRequests.receiptSentAt)))
      .returning()
    if (!claimed) return request
    let ok = false
    try {
      const sent = await sendEmail(db, {
        to: request.notifyEmail,
        userId: null,
        locale: request.locale,
        template: 'account-deleted',
        data: { appUrl: env.APP_URL, places: receiptPlaces(request) },
        idempotencyKey: receiptKeyOf(request.userId),
      })
      ok = sent.ok
    } catch (error) {
      log.error('account.deletion_receipt_failed', { requestId: request.id, error: technical(error) })
    }
    const [after] = await db
      .update(deletionRequests)
      .set(ok ? { notifyEmail: null } : { receiptSentAt: null })
      .where(eq(deletionRequests.id, request.id))
      .returning()
    return after!
  }
  // The receipt's own log entry holds the address: kept one day (proof it went out), then removed.
  if (
    request.receiptSentAt &&
    !request.receiptLogDeletedAt &&
    now.getTime() - request.receiptSentAt.getTime() >= DAY
  ) {
    await db.delete(emailOutbox).where(eq(emailOutbox.idempotencyKey, receiptKeyOf(request.userId)))
    const [after] = await db
      .update(deletionRequests)
      .set({ receiptLogDeletedAt: now })
      .where(eq(deletionRequests.id, request.id))
      .returning()
    return after!
  }
  return request
}

/** The places and times for the receipt (no content). */
export function receiptPlaces(request: Pick<DeletionRequest, 'steps'>) {
  return deletionPlaces.map((place) => ({
    place,
    at: request.steps[place].doneAt,
    nothing: request.steps[place].nothing === true,
  }))
}

/**
 * The daily run over every request that still has something to do; logs an alert for each one that is open
 * within DELETION_ALERT_DAYS of its deadline (or past it).
 */
export async function runDeletionRequests(
  db: Db,
  now: Date,
  deps: DeletionDeps = {},
): Promise<{ processed: number; completed: number; open: number; alerts: number }> {
  const due = await db
    .select({ id: deletionRequests.id })
    .from(deletionRequests)
    .where(or(isNull(deletionRequests.completedAt), isNull(deletionRequests.receiptLogDeletedAt)))
    .orderBy(asc(deletionRequests.deadlineAt))
  const report = { processed: 0, completed: 0, open: 0, alerts: 0 }
  for (const { id } of due) {
    let request: DeletionRequest
    try {
      request = await processDeletionRequest(db, id, now, deps)
    } catch (error) {
      log.error('account.deletion_run_failed', { requestId: id, error: technical(error) })
      const [row] = await db.select().from(deletionRequests).where(eq(deletionRequests.id, id))
      if (!row) continue
      request = row
    }
    report.processed++
    if (request.completedAt) {
      if (request.completedAt.getTime() === now.getTime()) report.completed++
      continue
    }
    report.open++
    const daysLeft = Math.floor((request.deadlineAt.getTime() - now.getTime()) / DAY)
    if (daysLeft <= DELETION_ALERT_DAYS) {
      report.alerts++
      log.error(daysLeft < 0 ? 'account.deletion_overdue' : 'account.deletion_deadline_near', {
        requestId: request.id,
        daysLeft,
        open: deletionPlaces.filter((p) => !request.steps[p].doneAt).join(','),
      })
    }
  }
  return report
}

/** Cancels an upcoming appointment, then overwrites the client's details; one Acuity no longer knows is done. */
async function eraseAcuityAppointment(
  acuity: AcuityClient,
  appt: { id: string; cancel: boolean },
  userId: string,
): Promise<void> {
  try {
    if (appt.cancel) {
      try {
        await acuity.cancelAppointment(appt.id)
      } catch (error) {
        // Already cancelled counts as cancelled; anything else is retried.
        if (!(error instanceof AcuityError) || error.status === 404) throw error
        const current = await acuity.getAppointment(appt.id)
        if (!current.canceled) throw error
      }
    }
    await acuity.eraseAppointmentClient(appt.id, {
      firstName: DELETED_NAME,
      lastName: '-',
      email: deletedEmail(userId),
    })
  } catch (error) {
    if (error instanceof AcuityError && error.status === 404) return
    throw error
  }
}

async function guarded<T>(step: string, requestId: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run()
  } catch (error) {
    log.error('account.deletion_local_step_failed', { requestId, step, error: technical(error) })
    return null
  }
}

/** A technical reason without content: the error's class and HTTP status. */
function technical(error: unknown): string {
  const name = error instanceof Error ? error.name : 'unknown'
  const e = error as { status?: unknown; statusCode?: unknown }
  const status =
    typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : null
  return status === null ? name : `${name} ${status}`
}
