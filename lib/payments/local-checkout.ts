import 'server-only'
import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { billingCustomers, bookings, checkoutSessions, plans } from '@/db/schema'
import type { Db } from '@/db/types'
import type { Actor } from '@/lib/auth/types'
import { env } from '@/lib/env'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { stripeClient, stripeWebhooks, stripeWebhookSecret } from '@/lib/integrations/stripe'
import { isLocalCheckout, liveSubscription } from './checkout'

/**
 * The local stand-in for Stripe's hosted pages (no STRIPE_SECRET_KEY): "Testzahlung" completes a checkout and the
 * local portal changes a plan by building the events Stripe would send, signing them with the webhook secret and
 * POSTing them to /api/webhooks/stripe — the same verification and fulfilment code as in production.
 */
export function localPaymentsEnabled(): boolean {
  return stripeClient() === null
}

const rid = (prefix: string) => `${prefix}_local_${randomBytes(12).toString('base64url')}`
const unix = (d: Date) => Math.floor(d.getTime() / 1000)

/** POSTs one event, signed like Stripe signs it, to our own webhook endpoint; throws unless it was accepted. */
export async function postSignedEvent(
  type: string,
  object: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const secret = stripeWebhookSecret()
  if (!secret) throw new Error('No webhook secret')
  const payload = JSON.stringify({
    id: rid('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: unix(now),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  })
  const signature = stripeWebhooks().generateTestHeaderString({ payload, secret })
  const response = await fetch(`${env.APP_URL}/api/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  })
  if (!response.ok) throw new Error(`Local webhook answered ${response.status}`)
}

/** The local checkout the actor opened (another person's or a Stripe session id: not found). */
export async function getLocalCheckout(db: Db, actor: Actor, stripeSessionId: string) {
  if (!localPaymentsEnabled() || !isLocalCheckout(stripeSessionId)) throw new NotFoundError()
  const [row] = await db
    .select({
      checkout: checkoutSessions,
      booking: {
        id: bookings.id,
        sessionName: bookings.sessionName,
        startsAt: bookings.startsAt,
        durationMinutes: bookings.durationMinutes,
        status: bookings.status,
      },
      planName: plans.name,
    })
    .from(checkoutSessions)
    .leftJoin(bookings, eq(bookings.id, checkoutSessions.bookingId))
    .leftJoin(plans, eq(plans.id, checkoutSessions.planId))
    .where(
      and(eq(checkoutSessions.stripeSessionId, stripeSessionId), eq(checkoutSessions.userId, actor.userId)),
    )
  if (!row) throw new NotFoundError('payments.paymentNotFound')
  return row
}

async function localCustomer(db: Db, userId: string): Promise<string> {
  await db
    .insert(billingCustomers)
    .values({ userId, stripeCustomerId: rid('cus') })
    .onConflictDoNothing()
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId))
  return row!.stripeCustomerId
}

function subscriptionObject(
  id: string,
  customer: string,
  metadata: Record<string, string>,
  period: { start: Date; end: Date },
  extra: { status?: string; cancel_at_period_end?: boolean } = {},
) {
  return {
    id,
    object: 'subscription',
    customer,
    status: extra.status ?? 'active',
    cancel_at_period_end: extra.cancel_at_period_end ?? false,
    metadata,
    items: {
      object: 'list',
      data: [{ current_period_start: unix(period.start), current_period_end: unix(period.end) }],
    },
  }
}

function paidInvoice(
  subscription: string,
  customer: string,
  metadata: Record<string, string>,
  amount: number,
  period: { start: Date; end: Date },
  now: Date,
) {
  return {
    id: rid('in'),
    object: 'invoice',
    customer,
    currency: 'chf',
    amount_due: amount,
    amount_paid: amount,
    status: 'paid',
    status_transitions: { paid_at: unix(now) },
    period_start: unix(period.start),
    period_end: unix(period.end),
    parent: { type: 'subscription_details', subscription_details: { subscription, metadata } },
    lines: { object: 'list', data: [{ period: { start: unix(period.start), end: unix(period.end) } }] },
  }
}

const monthFrom = (start: Date) => ({
  start,
  end: DateTime.fromJSDate(start, { zone: 'Europe/Zurich' }).plus({ months: 1 }).toJSDate(),
})

/**
 * "Bezahlen" on the Testzahlung page: the checkout completes as a card payment would. Returns where Stripe
 * would send the browser (success_url). A checkout past its expiry is expired instead, as Stripe would.
 */
export async function payLocalCheckout(
  db: Db,
  actor: Actor,
  stripeSessionId: string,
  now: Date,
): Promise<{ redirectTo: string }> {
  const { checkout, booking } = await getLocalCheckout(db, actor, stripeSessionId)
  const back = checkout.kind === 'booking' ? `/bookings/${checkout.bookingId}` : '/bookings/plan'
  if (checkout.status !== 'open') throw new ConflictError('payments.paymentClosed')
  const sessionBase = {
    id: checkout.stripeSessionId,
    object: 'checkout.session',
    currency: 'chf',
    amount_total: checkout.amountRappen,
    expires_at: unix(checkout.expiresAt),
  }
  if (checkout.expiresAt <= now) {
    await postSignedEvent('checkout.session.expired', { ...sessionBase, status: 'expired' }, now)
    throw new ConflictError('payments.paymentExpired')
  }
  const customer = await localCustomer(db, actor.userId)
  if (checkout.kind === 'booking') {
    await postSignedEvent(
      'checkout.session.completed',
      {
        ...sessionBase,
        mode: 'payment',
        status: 'complete',
        payment_status: 'paid',
        customer,
        client_reference_id: booking?.id ?? null,
        metadata: { bookingId: checkout.bookingId!, userId: actor.userId },
        payment_intent: rid('pi'),
        invoice: null,
        subscription: null,
      },
      now,
    )
    return { redirectTo: `${back}?checkout=success` }
  }
  const metadata = { planId: checkout.planId!, userId: actor.userId }
  const subscription = rid('sub')
  const period = monthFrom(now)
  await postSignedEvent(
    'checkout.session.completed',
    {
      ...sessionBase,
      mode: 'subscription',
      status: 'complete',
      payment_status: 'paid',
      customer,
      client_reference_id: actor.userId,
      metadata,
      subscription,
      payment_intent: null,
    },
    now,
  )
  await postSignedEvent(
    'customer.subscription.created',
    subscriptionObject(subscription, customer, metadata, period),
    now,
  )
  await postSignedEvent(
    'invoice.paid',
    paidInvoice(subscription, customer, metadata, checkout.amountRappen, period, now),
    now,
  )
  return { redirectTo: `${back}?checkout=success` }
}

/** What the local portal offers — the same choices the Stripe portal is configured with, plus a test renewal. */
export type LocalPortalAction = 'cancel_at_period_end' | 'resume' | 'renew'

export async function localPortalState(db: Db, actor: Actor) {
  if (!localPaymentsEnabled()) throw new NotFoundError()
  return liveSubscription(db, actor.userId)
}

/** Applies a portal choice to the actor's live local subscription through signed webhook events. */
export async function applyLocalPortalAction(
  db: Db,
  actor: Actor,
  action: LocalPortalAction,
  now: Date,
): Promise<void> {
  const live = await localPortalState(db, actor)
  if (!live) throw new ConflictError('payments.noLiveSubscription')
  const sub = live.subscription
  const [plan] = sub.planId ? await db.select().from(plans).where(eq(plans.id, sub.planId)) : []
  const metadata = { userId: sub.userId, ...(sub.planId ? { planId: sub.planId } : {}) }
  const currentEnd = sub.currentPeriodEnd ?? now
  const period = { start: new Date(currentEnd.getTime() - 1), end: currentEnd }
  if (action === 'renew') {
    if (sub.cancelAtPeriodEnd) {
      // Stripe ends such a subscription at the period end instead of billing again.
      await postSignedEvent(
        'customer.subscription.deleted',
        subscriptionObject(sub.stripeSubscriptionId, sub.stripeCustomerId, metadata, period, {
          status: 'canceled',
          cancel_at_period_end: true,
        }),
        now,
      )
      return
    }
    if (!plan) throw new ConflictError('payments.planNoLongerOffered')
    const next = monthFrom(currentEnd > now ? currentEnd : now)
    await postSignedEvent(
      'invoice.paid',
      paidInvoice(sub.stripeSubscriptionId, sub.stripeCustomerId, metadata, plan.priceRappen, next, now),
      now,
    )
    await postSignedEvent(
      'customer.subscription.updated',
      subscriptionObject(sub.stripeSubscriptionId, sub.stripeCustomerId, metadata, next),
      now,
    )
    return
  }
  await postSignedEvent(
    'customer.subscription.updated',
    subscriptionObject(sub.stripeSubscriptionId, sub.stripeCustomerId, metadata, period, {
      cancel_at_period_end: action === 'cancel_at_period_end',
    }),
    now,
  )
}
