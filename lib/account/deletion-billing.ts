import 'server-only'
import { and, eq, gt, inArray, notInArray } from 'drizzle-orm'
import { bookings, subscriptions } from '@/db/schema'
import type { Db } from '@/db/types'
import { recordAudit } from '@/lib/audit/service'
import { changeWindow } from '@/lib/bookings/booking'
import { getSettings } from '@/lib/bookings/offering'
import type Stripe from 'stripe'
import { isLocalStripeId, stripeClient } from '@/lib/integrations/stripe'
import { log } from '@/lib/log'
import { returnCredit } from '@/lib/payments/credits'
import { expireLocalOrStripeCheckout } from '@/lib/payments/expire'
import { refundBookingPayment } from '@/lib/payments/refunds'

/**
 * What a deleted account leaves behind in scheduling and billing (R10.2): its upcoming bookings are cancelled,
 * so the coach's time is free again, and running subscriptions end, so nobody is charged for an account that no
 * longer exists. Money follows the existing cancellation rules (lib/bookings/booking.ts cancelBooking): a
 * booking cancelled before the coach's cut-off is refunded in full (card) or its credit returned; one inside the
 * cut-off is cancelled without a refund, as a late cancellation by the client would be — the practice can still
 * refund it by hand in Stripe. No cancellation e-mails: the address is already wiped, and the deletion
 * confirmation says that upcoming appointments were cancelled.
 */

export type BookingCleanup = {
  cancelled: number
  refunded: number
  refundsFailed: number
  creditsReturned: number
  notRefundedLate: number
}

export async function cancelUpcomingBookingsOfDeletedClient(
  db: Db,
  clientId: string,
  now: Date,
): Promise<BookingCleanup> {
  const report: BookingCleanup = {
    cancelled: 0,
    refunded: 0,
    refundsFailed: 0,
    creditsReturned: 0,
    notRefundedLate: 0,
  }
  const upcoming = await db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.clientId, clientId),
        gt(bookings.startsAt, now),
        inArray(bookings.status, ['confirmed', 'pending']),
      ),
    )
  for (const booking of upcoming) {
    const { cancelCutoffHours } = await getSettings(db, booking.coachId)
    const wasConfirmed = booking.status === 'confirmed'
    const inTime = !wasConfirmed || changeWindow(booking, cancelCutoffHours, now).open
    const cancelled = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(bookings)
        .set({
          status: 'cancelled',
          cancelledAt: now,
          cancelledBy: 'client',
          holdExpiresAt: null,
          updatedAt: now,
        })
        .where(and(eq(bookings.id, booking.id), inArray(bookings.status, ['confirmed', 'pending'])))
        .returning({ id: bookings.id })
      if (!row) return false
      if (inTime && booking.creditGrantId && (await returnCredit(tx, booking.creditGrantId)))
        report.creditsReturned++
      await recordAudit(tx, {
        actor: { userId: clientId, role: 'client' },
        action: 'booking.cancelled',
        target: { type: 'booking', id: booking.id },
        details: { by: 'client', reason: 'account_deleted', wasConfirmed, inTime },
      })
      return true
    })
    if (!cancelled) continue
    report.cancelled++
    if (booking.paymentMethod !== 'checkout') continue
    if (!wasConfirmed) await expireLocalOrStripeCheckout(db, booking.id)
    if (!inTime) {
      report.notRefundedLate++
      continue
    }
    const refund = await refundBookingPayment(db, booking.id)
    if (refund === 'refunded') report.refunded++
    if (refund === 'failed') report.refundsFailed++
  }
  return report
}

/**
 * Ends the client's running subscriptions at once: at Stripe when it is configured (the webhook then mirrors the
 * end), otherwise (the local test checkout) in our mirror directly. Returns how many ended and how many failed.
 */
export async function endSubscriptionsOfDeletedClient(
  db: Db,
  clientId: string,
  now: Date,
  stripe: Stripe | null = stripeClient(),
): Promise<{ ended: number; failed: number }> {
  const running = await db
    .select({ id: subscriptions.id, stripeId: subscriptions.stripeSubscriptionId })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, clientId),
        notInArray(subscriptions.status, ['canceled', 'incomplete_expired']),
      ),
    )
  let ended = 0
  let failed = 0
  for (const sub of running) {
    if (stripe && !isLocalStripeId(sub.stripeId)) {
      try {
        await stripe.subscriptions.cancel(sub.stripeId, {}, { idempotencyKey: `delete-account-${sub.id}` })
      } catch (error) {
        failed++
        log.error('account.subscription_cancel_failed', {
          error: error instanceof Error ? error.name : 'unknown',
        })
        continue
      }
    }
    await db
      .update(subscriptions)
      .set({ status: 'canceled', cancelAtPeriodEnd: false, updatedAt: now })
      .where(eq(subscriptions.id, sub.id))
    ended++
  }
  return { ended, failed }
}
