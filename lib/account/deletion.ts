import 'server-only'
import { eq } from 'drizzle-orm'
import { localCredentials, localSessions, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { recordAudit } from '@/lib/audit/service'
import { type Actor, assertRole, AuthorizationError } from '@/lib/auth/types'
import { shredUserKey } from '@/lib/crypto'
import { env } from '@/lib/env'
import { AppError, ConflictError } from '@/lib/errors'
import { type ClerkBackend, clerkBackend } from '@/lib/integrations/clerk'
import { sendEmail } from '@/lib/email'
import { log } from '@/lib/log'
import { cancelUpcomingBookingsOfDeletedClient, endSubscriptionsOfDeletedClient } from './deletion-billing'
import { isDeletionConfirmed } from './schemas'

/**
 * "Account löschen" (R10.2, Art. 17 DSGVO). After the typed confirmation, at once and in this order:
 *  1. capture the e-mail address, name and language (for the confirmation e-mail — kept in memory only);
 *  2. shred the data key: every piece of coaching content of the client becomes unreadable everywhere;
 *  3. mark the deletion (`deletion_requested_at`, which the retention job reads to remove the remaining rows
 *     within 30 days), wipe name, e-mail and phone, end every local session and drop the password;
 *  4. delete the Clerk user (when Clerk is configured; this also ends the Clerk sessions);
 *  5. cancel upcoming bookings (the coach's time is free again) and end running subscriptions;
 *  6. send the confirmation e-mail to the captured address (no content);
 *  7. write the pseudonymous audit record (account.deleted: the user id only, no name, e-mail or IP).
 * Steps 2 and 3 must succeed (else an error, and a retry repeats them harmlessly); a failure in 4–6 is logged
 * and recorded in the audit details, but does not undo the deletion. Invoice records stay (R4.4): they are not
 * touched here, and the retention job detaches them.
 */

export const DELETED_NAME = 'Gelöschtes Konto'
export const deletedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`

export class ConfirmationMismatchError extends AppError {
  override name = 'ConfirmationMismatchError'
  constructor() {
    super('account.confirmationMismatch', { field: 'confirmation' })
  }
}

export type DeletionReport = {
  clerk: 'deleted' | 'already_gone' | 'not_linked' | 'not_configured' | 'failed'
  bookingsCancelled: number
  refunds: number
  refundsFailed: number
  subscriptionsEnded: number
  subscriptionsFailed: number
  email: 'sent' | 'failed'
}

export type DeletionDeps = { clerk?: ClerkBackend | null }

export async function deleteAccount(
  db: Db,
  actor: Actor,
  input: { confirmation: string },
  now = new Date(),
  deps: DeletionDeps = {},
): Promise<DeletionReport> {
  assertRole(actor, 'client', 'account.deletionClientsOnly')
  if (!isDeletionConfirmed(input.confirmation)) throw new ConfirmationMismatchError()

  // 1. What the confirmation e-mail needs, before it is wiped.
  const [me] = await db.select().from(users).where(eq(users.id, actor.userId))
  if (!me) throw new AuthorizationError('accountNotFound')
  if (me.deletionRequestedAt) throw new ConflictError('account.alreadyDeleted')
  const captured = { email: me.email, name: me.name, locale: me.locale, clerkId: me.clerkId }

  // 2. Crypto-shredding: from here on the content is noise, whatever else happens.
  await shredUserKey(db, actor.userId)

  // 3. Nothing identifying stays readable in the account row; no session survives.
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        deletionRequestedAt: now,
        name: DELETED_NAME,
        email: deletedEmail(actor.userId),
        phone: null,
        updatedAt: now,
      })
      .where(eq(users.id, actor.userId))
    await tx.delete(localSessions).where(eq(localSessions.userId, actor.userId))
    await tx.delete(localCredentials).where(eq(localCredentials.userId, actor.userId))
  })

  // 4. The Clerk user (and with it every Clerk session).
  const report: DeletionReport = {
    clerk: 'not_linked',
    bookingsCancelled: 0,
    refunds: 0,
    refundsFailed: 0,
    subscriptionsEnded: 0,
    subscriptionsFailed: 0,
    email: 'sent',
  }
  if (captured.clerkId) {
    const clerk = deps.clerk === undefined ? clerkBackend() : deps.clerk
    if (!clerk) {
      report.clerk = 'not_configured'
    } else {
      try {
        report.clerk = await clerk.deleteUser(captured.clerkId)
        // The link is no longer needed; a late user.deleted webhook then finds nothing to do.
        await db.update(users).set({ clerkId: null }).where(eq(users.id, actor.userId))
      } catch (error) {
        report.clerk = 'failed'
        log.error('account.clerk_delete_failed', {
          error: error instanceof Error ? error.name : 'unknown',
          status:
            typeof (error as { status?: unknown }).status === 'number'
              ? (error as { status: number }).status
              : null,
        })
      }
    }
  }

  // 5. Upcoming bookings and running subscriptions.
  try {
    const bookings = await cancelUpcomingBookingsOfDeletedClient(db, actor.userId, now)
    report.bookingsCancelled = bookings.cancelled
    report.refunds = bookings.refunded
    report.refundsFailed = bookings.refundsFailed
  } catch (error) {
    log.error('account.delete_bookings_failed', { error: error instanceof Error ? error.name : 'unknown' })
  }
  try {
    const subs = await endSubscriptionsOfDeletedClient(db, actor.userId, now)
    report.subscriptionsEnded = subs.ended
    report.subscriptionsFailed = subs.failed
  } catch (error) {
    log.error('account.delete_subscriptions_failed', {
      error: error instanceof Error ? error.name : 'unknown',
    })
  }

  // 6. The confirmation, to the address captured in step 1; detached from the account (userId null).
  try {
    const sent = await sendEmail(db, {
      to: captured.email,
      userId: null,
      locale: captured.locale,
      template: 'account-deleted',
      data: { name: captured.name, appUrl: env.APP_URL },
      idempotencyKey: `account-deleted/${actor.userId}`,
    })
    if (!sent.ok) report.email = 'failed'
  } catch (error) {
    report.email = 'failed'
    log.error('account.delete_email_failed', { error: error instanceof Error ? error.name : 'unknown' })
  }

  // 7. Pseudonymous: the id and technical facts only — no name, e-mail, IP or user agent.
  await recordAudit(db, {
    actor: { userId: actor.userId, role: 'client' },
    action: 'account.deleted',
    target: { type: 'user', id: actor.userId },
    details: { source: 'self', ...report },
  })
  log.info('account.deleted', { clerk: report.clerk, bookingsCancelled: report.bookingsCancelled })
  return report
}
