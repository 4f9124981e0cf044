import 'server-only'
import { and, eq } from 'drizzle-orm'
import { checkoutSessions } from '@/db/schema'
import type { Db } from '@/db/types'
import { stripeClient } from '@/lib/integrations/stripe'
import { log } from '@/lib/log'
import { isLocalCheckout } from './checkout'

/**
 * Ends the open checkout of a booking that was cancelled before it was paid, so the client cannot pay for a
 * slot they gave up. If Stripe cannot be reached the session still runs out at its expires_at, and a payment that
 * slips through is refunded by the webhook (the booking is cancelled).
 */
export async function expireLocalOrStripeCheckout(db: Db, bookingId: string): Promise<void> {
  const open = await db
    .select({ id: checkoutSessions.id, stripeSessionId: checkoutSessions.stripeSessionId })
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.bookingId, bookingId), eq(checkoutSessions.status, 'open')))
  const stripe = stripeClient()
  for (const row of open) {
    if (!isLocalCheckout(row.stripeSessionId) && stripe) {
      try {
        await stripe.checkout.sessions.expire(row.stripeSessionId)
      } catch (error) {
        log.warn('payments.checkout_expire_failed', {
          error: error instanceof Error ? error.name : 'unknown',
        })
        continue
      }
    }
    await db
      .update(checkoutSessions)
      .set({ status: 'expired' })
      .where(and(eq(checkoutSessions.id, row.id), eq(checkoutSessions.status, 'open')))
  }
}
