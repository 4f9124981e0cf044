import 'server-only'
import { randomBytes } from 'node:crypto'
import { and, desc, eq, inArray } from 'drizzle-orm'
import type Stripe from 'stripe'
import { billingCustomers, checkoutSessions, plans, sessionTypes, subscriptions } from '@/db/schema'
import type { Db } from '@/db/types'
import { requireClientCoach } from '@/lib/auth/client-coach'
import { type Actor, assertRole } from '@/lib/auth/types'
import { appUrl } from '@/lib/http/app-url'
import { AppError, ConflictError, NotFoundError } from '@/lib/errors'
import { stripeClient } from '@/lib/integrations/stripe'

/**
 * Payment could not be started at Stripe (network, configuration): nothing is charged, the caller releases (a
 * booking's slot; a plan has nothing to release).
 */
export class PaymentUnavailableError extends AppError {
  override name = 'PaymentUnavailableError'
  constructor(of: 'booking' | 'plan' = 'booking') {
    super(of === 'booking' ? 'payments.unavailableReleased' : 'payments.unavailable')
  }
}

/** Subscriptions in these states still grant or may soon grant credits: no second plan next to them. */
export const LIVE_SUBSCRIPTION = ['active', 'trialing', 'past_due', 'incomplete', 'unpaid'] as const

const localSessionId = () => `cs_local_${randomBytes(18).toString('base64url')}`
export const isLocalCheckout = (stripeSessionId: string) => stripeSessionId.startsWith('cs_local_')

/** The client's Stripe customer, created once (idempotency key per user, unique per user in the table). */
async function ensureCustomer(db: Db, stripe: Stripe, client: Pick<Actor, 'userId' | 'email' | 'name'>) {
  const [existing] = await db
    .select({ id: billingCustomers.stripeCustomerId })
    .from(billingCustomers)
    .where(eq(billingCustomers.userId, client.userId))
  if (existing) return existing.id
  const customer = await stripe.customers.create(
    { email: client.email, name: client.name, metadata: { userId: client.userId } },
    { idempotencyKey: `customer-${client.userId}` },
  )
  await db
    .insert(billingCustomers)
    .values({ userId: client.userId, stripeCustomerId: customer.id })
    .onConflictDoNothing()
  const [row] = await db
    .select({ id: billingCustomers.stripeCustomerId })
    .from(billingCustomers)
    .where(eq(billingCustomers.userId, client.userId))
  return row!.id
}

type CheckoutRow = Omit<
  typeof checkoutSessions.$inferInsert,
  'id' | 'stripeSessionId' | 'userId' | 'url' | 'status' | 'createdAt'
>

/**
 * Opens a Stripe Checkout Session built by `params` for the client's customer (or, without STRIPE_SECRET_KEY, a
 * local Testzahlung session) and records it. Any Stripe failure is a PaymentUnavailableError: nothing charged.
 * The same idempotency key returns the same session, whose row then exists already.
 */
async function openCheckout(
  db: Db,
  client: Pick<Actor, 'userId' | 'email' | 'name'>,
  row: CheckoutRow,
  params: (customer: string) => Stripe.Checkout.SessionCreateParams,
  idempotencyKey: string,
): Promise<{ url: string }> {
  const stripe = stripeClient()
  let stripeSessionId: string
  let url: string
  if (!stripe) {
    stripeSessionId = localSessionId()
    url = `${await appUrl()}/dev/checkout/${stripeSessionId}`
  } else {
    try {
      const customer = await ensureCustomer(db, stripe, client)
      const session = await stripe.checkout.sessions.create(params(customer), { idempotencyKey })
      if (!session.url) throw new Error('Checkout session without url')
      stripeSessionId = session.id
      url = session.url
    } catch {
      throw new PaymentUnavailableError(row.kind === 'plan' ? 'plan' : 'booking')
    }
  }
  await db
    .insert(checkoutSessions)
    .values({ ...row, stripeSessionId, userId: client.userId, url })
    .onConflictDoNothing({ target: checkoutSessions.stripeSessionId })
  return { url }
}

export type BookingForCheckout = {
  id: string
  sessionName: string
  durationMinutes: number
  priceRappen: number
  holdExpiresAt: Date
}

/**
 * Opens the payment of a pending booking (R4.1): Stripe Checkout in CHF whose expiry is the booking hold, or
 * without STRIPE_SECRET_KEY the local "Testzahlung" page. Fulfilment happens only in the webhook.
 */
export async function startBookingCheckout(
  db: Db,
  client: Pick<Actor, 'userId' | 'email' | 'name' | 'locale'>,
  booking: BookingForCheckout,
): Promise<{ url: string }> {
  const metadata = { bookingId: booking.id, userId: client.userId }
  const base = await appUrl()
  return openCheckout(
    db,
    client,
    {
      kind: 'booking',
      bookingId: booking.id,
      amountRappen: booking.priceRappen,
      expiresAt: booking.holdExpiresAt,
    },
    (customer) => ({
      mode: 'payment',
      customer,
      client_reference_id: booking.id,
      metadata,
      payment_intent_data: { metadata },
      invoice_creation: { enabled: true, invoice_data: { metadata } },
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'chf',
            unit_amount: booking.priceRappen,
            product_data: { name: `${booking.sessionName}, ${booking.durationMinutes} Min.` },
          },
        },
      ],
      expires_at: Math.floor(booking.holdExpiresAt.getTime() / 1000),
      success_url: `${base}/bookings/${booking.id}?checkout=success`,
      cancel_url: `${base}/bookings/${booking.id}?checkout=cancelled`,
      locale: client.locale,
    }),
    `checkout-${booking.id}`,
  )
}

/** The open checkout of a pending booking, to continue paying; null when there is none or it ran out. */
export async function openCheckoutOfBooking(db: Db, actor: Actor, bookingId: string, now: Date) {
  const [row] = await db
    .select({ url: checkoutSessions.url, expiresAt: checkoutSessions.expiresAt })
    .from(checkoutSessions)
    .where(
      and(
        eq(checkoutSessions.bookingId, bookingId),
        eq(checkoutSessions.userId, actor.userId),
        eq(checkoutSessions.status, 'open'),
      ),
    )
    .orderBy(desc(checkoutSessions.createdAt))
    .limit(1)
  return row && row.expiresAt > now ? row : null
}

/** The client's live subscription (newest), with its plan; null when they have none. */
export async function liveSubscription(db: Db, userId: string) {
  const [row] = await db
    .select({ subscription: subscriptions, planName: plans.name })
    .from(subscriptions)
    .leftJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, [...LIVE_SUBSCRIPTION])))
    .orderBy(desc(subscriptions.createdAt))
    .limit(1)
  return row ?? null
}

const PLAN_CHECKOUT_MINUTES = 60

/** Starts the subscription checkout for one of the coach's active plans (R4.1). One live plan at a time. */
export async function startPlanCheckout(
  db: Db,
  actor: Actor,
  planId: string,
  now: Date,
): Promise<{ url: string }> {
  const coachId = await requireClientCoach(db, actor, 'payments.clientsOnly')
  const [plan] = await db
    .select({ plan: plans, durationMinutes: sessionTypes.durationMinutes })
    .from(plans)
    .innerJoin(sessionTypes, eq(sessionTypes.id, plans.sessionTypeId))
    .where(and(eq(plans.id, planId), eq(plans.coachId, coachId), eq(plans.active, true)))
  if (!plan) throw new NotFoundError('payments.planNotOffered')
  if (await liveSubscription(db, actor.userId)) throw new ConflictError('payments.alreadySubscribed')

  // Asked again within the same minute (back from the checkout, clicked again): the same idempotency key with the
  // same parameters, so Stripe answers with the same session instead of an idempotency error.
  const minute = Math.floor(now.getTime() / 60_000)
  const expiresAt = new Date((minute + PLAN_CHECKOUT_MINUTES) * 60_000)
  const metadata = { planId: plan.plan.id, userId: actor.userId }
  const base = await appUrl()
  return openCheckout(
    db,
    actor,
    { kind: 'plan', planId: plan.plan.id, amountRappen: plan.plan.priceRappen, expiresAt },
    (customer) => ({
      mode: 'subscription',
      customer,
      client_reference_id: actor.userId,
      metadata,
      subscription_data: { metadata },
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'chf',
            unit_amount: plan.plan.priceRappen,
            recurring: { interval: 'month' },
            product_data: { name: plan.plan.name },
          },
        },
      ],
      expires_at: Math.floor(expiresAt.getTime() / 1000),
      success_url: `${base}/bookings/plan?checkout=success`,
      cancel_url: `${base}/bookings/plan?checkout=cancelled`,
      locale: actor.locale,
    }),
    `plan-checkout-${actor.userId}-${plan.plan.id}-${minute}`,
  )
}

/** The Stripe customer portal (or the local stand-in) where the client changes or cancels the plan. */
export async function openBillingPortal(db: Db, actor: Actor): Promise<{ url: string }> {
  assertRole(actor, 'client')
  const [customer] = await db
    .select({ id: billingCustomers.stripeCustomerId })
    .from(billingCustomers)
    .where(eq(billingCustomers.userId, actor.userId))
  const stripe = stripeClient()
  if (!stripe) {
    if (!(await liveSubscription(db, actor.userId))) throw new ConflictError('payments.noSubscription')
    return { url: `${await appUrl()}/dev/billing-portal` }
  }
  if (!customer) throw new ConflictError('payments.noSubscription')
  try {
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: `${await appUrl()}/bookings/plan`,
    })
    return { url: session.url }
  } catch {
    throw new ConflictError('payments.portalDown')
  }
}
