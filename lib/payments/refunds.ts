import 'server-only'
import { randomBytes } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { bookings, payments } from '@/db/schema'
import type { Db } from '@/db/types'
import { recordAudit } from '@/lib/audit/service'
import { stripeClient } from '@/lib/integrations/stripe'
import { log } from '@/lib/log'
import { isLocalCheckout } from './checkout'

export type RefundOutcome = 'refunded' | 'none' | 'failed'

/**
 * Refunds the paid payment of a booking in full (cancelled in time, cancelled by the coach, or paid after the slot
 * was gone). The idempotency key per payment makes a retry refund nothing twice; the invoice record keeps amount
 * and refund id. A Stripe failure leaves the record 'paid' and returns 'failed' so the caller can say so.
 */
export async function refundBookingPayment(db: Db, bookingId: string): Promise<RefundOutcome> {
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.bookingId, bookingId), eq(payments.kind, 'booking'), eq(payments.status, 'paid')))
    .limit(1)
  if (!payment) return 'none'

  let refundId: string
  const stripe = stripeClient()
  const local = !payment.stripeCheckoutSessionId || isLocalCheckout(payment.stripeCheckoutSessionId)
  if (local || !stripe) {
    if (!local) {
      log.error('payments.refund_failed', { reason: 'stripe_not_configured' })
      return 'failed'
    }
    refundId = `re_local_${randomBytes(12).toString('base64url')}`
  } else {
    if (!payment.stripePaymentIntentId) {
      log.error('payments.refund_failed', { reason: 'no_payment_intent' })
      return 'failed'
    }
    try {
      const refund = await stripe.refunds.create(
        { payment_intent: payment.stripePaymentIntentId, metadata: { bookingId } },
        { idempotencyKey: `refund-${payment.id}` },
      )
      refundId = refund.id
    } catch (error) {
      log.error('payments.refund_failed', { error: error instanceof Error ? error.name : 'unknown' })
      return 'failed'
    }
  }

  await db.transaction(async (tx) => {
    await tx
      .update(payments)
      .set({
        status: 'refunded',
        refundedRappen: payment.amountRappen,
        stripeRefundId: refundId,
        updatedAt: new Date(),
      })
      .where(and(eq(payments.id, payment.id), eq(payments.status, 'paid')))
    await recordAudit(tx, {
      actor: null,
      action: 'payment.refunded',
      target: { type: 'payment', id: payment.id },
      details: { amountRappen: payment.amountRappen },
    })
  })
  return 'refunded'
}

/**
 * Refunds still owed: a paid booking payment whose booking was cancelled, or expired because the money came
 * after the slot was gone. Normally refunded right away; this catches the ones where Stripe could not be reached
 * (run by the hourly cron, bounded). Every cancellation the app allows is refunded in full, so each is owed.
 */
export async function retryOwedRefunds(db: Db, limit = 50): Promise<{ owed: number; refunded: number }> {
  const owed = await db
    .select({ bookingId: bookings.id })
    .from(payments)
    .innerJoin(bookings, eq(bookings.id, payments.bookingId))
    .where(
      and(
        eq(payments.kind, 'booking'),
        eq(payments.status, 'paid'),
        inArray(bookings.status, ['cancelled', 'expired']),
      ),
    )
    .limit(limit)
  let refunded = 0
  for (const { bookingId } of owed) {
    if ((await refundBookingPayment(db, bookingId)) === 'refunded') refunded++
  }
  return { owed: owed.length, refunded }
}
