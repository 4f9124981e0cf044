import { getDb } from '@/db/client'
import { notifyBookingPayment } from '@/lib/bookings/emails'
import { stripeWebhookSecret } from '@/lib/integrations/stripe'
import { handleStripeWebhook } from '@/lib/payments/stripe-webhook'

export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  return handleStripeWebhook(request, {
    db: getDb(),
    secret: stripeWebhookSecret(),
    now: new Date(),
    onBooking: notifyBookingPayment,
  })
}
