import 'server-only'
import type Stripe from 'stripe'
import type { Db } from '@/db/types'
import { stripeWebhooks } from '@/lib/integrations/stripe'
import { log } from '@/lib/log'
import { type BookingPaymentListener, handleStripeEvent } from './webhook'

/** Larger bodies are not Stripe events; refusing them early keeps the endpoint cheap to hit. */
const MAX_BODY_BYTES = 512 * 1024

/**
 * POST /api/webhooks/stripe (R4.3). Verifies `Stripe-Signature` over the raw body (constructEvent, 300 s
 * tolerance), then applies the event once. Bad, stale or missing signature → 400 and nothing is written; a failure
 * while applying → 500, so Stripe retries (the event id was rolled back with the rest).
 */
export async function handleStripeWebhook(
  request: Request,
  options: { db: Db; secret: string | null; now: Date; onBooking: BookingPaymentListener },
): Promise<Response> {
  if (!options.secret) {
    log.error('webhook.rejected', { provider: 'stripe', reason: 'not_configured' })
    return Response.json(
      { error: 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).' },
      { status: 503 },
    )
  }
  const signature = request.headers.get('stripe-signature')
  if (!signature) return Response.json({ error: 'Missing Stripe-Signature' }, { status: 400 })
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_BODY_BYTES) return Response.json({ error: 'Payload too large' }, { status: 413 })
  const raw = await request.text()
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES)
    return Response.json({ error: 'Payload too large' }, { status: 413 })

  let event: Stripe.Event
  try {
    event = stripeWebhooks().constructEvent(raw, signature, options.secret)
  } catch {
    log.warn('webhook.rejected', { provider: 'stripe', reason: 'signature' })
    return Response.json({ error: 'Invalid signature' }, { status: 400 })
  }
  try {
    const { duplicate } = await handleStripeEvent(options.db, event, options.now, options.onBooking)
    log.info('webhook.processed', { provider: 'stripe', type: event.type, duplicate })
    return Response.json({ received: true, duplicate })
  } catch (error) {
    log.error('webhook.failed', {
      provider: 'stripe',
      type: event.type,
      error: error instanceof Error ? error.name : 'unknown',
    })
    return Response.json({ error: 'Processing failed' }, { status: 500 })
  }
}
