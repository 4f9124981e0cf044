import { eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  auditLog,
  bookings,
  checkoutSessions,
  creditGrants,
  emailOutbox,
  plans,
  subscriptions,
} from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { AuthorizationError } from '@/lib/auth/types'
import { bookSlot, cancelBooking, CutoffPassedError, NoCreditError } from '@/lib/bookings/booking'
import { createSessionType } from '@/lib/bookings/offering'
import { sessionTypeSchema } from '@/lib/bookings/schemas'
import { ConflictError, NotFoundError } from '@/lib/errors'
import type * as stripeModule from '@/lib/integrations/stripe'
import { buildStripe, stripeWebhookSecret } from '@/lib/integrations/stripe'
import { liveSubscription, openBillingPortal, startPlanCheckout } from '@/lib/payments/checkout'
import { creditBalances, drawCredit, returnCredit } from '@/lib/payments/credits'
import { applyLocalPortalAction, payLocalCheckout } from '@/lib/payments/local-checkout'
import { startFakeStripe, type FakeStripe } from '../fakes/stripe'
import { createTestDb } from '../helpers/db'
import { countRows, rejection } from '../helpers/fixtures'
import {
  addPlan,
  bookingRow,
  bookingWorld,
  deliverOk,
  grantsOf,
  HOUR,
  mails,
  NOW,
  routeLocalWebhooks,
  type World,
  zurich,
} from '../helpers/payments'

// stripeClient() reads STRIPE_SECRET_KEY once through lib/env; the tests hand the services the fake instead.
const stripeMock = vi.hoisted(() => ({ client: null as Stripe | null }))
vi.mock('@/lib/integrations/stripe', async (importOriginal) => ({
  ...(await importOriginal<typeof stripeModule>()),
  stripeClient: () => stripeMock.client,
}))

let handle: DbHandle
let fake: FakeStripe
let stripe: Stripe

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  ;[handle, fake] = await Promise.all([createTestDb(), startFakeStripe()])
  stripe = buildStripe(fake.apiKey, fake.url)
})
afterAll(async () => {
  vi.useRealTimers()
  await Promise.all([handle?.close(), fake?.close()])
})
beforeEach(() => {
  vi.setSystemTime(NOW)
  stripeMock.client = stripe
  for (const level of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

const WED_10 = zurich('2030-03-06T10:00')
const THU_10 = zurich('2030-03-07T10:00')
const FRI_10 = zurich('2030-03-08T10:00')

/** The client takes out the plan through the fake's Checkout; every resulting event is delivered. */
async function subscribe(world: World, sessions = 2) {
  const plan = await addPlan(handle.db, world, sessions)
  const { url } = await startPlanCheckout(handle.db, world.client, plan.id, NOW)
  const [checkout] = await handle.db.select().from(checkoutSessions).where(eq(checkoutSessions.url, url))
  await deliverOk(handle.db, fake, await fake.completeCheckout(checkout!.stripeSessionId))
  const session = fake.lookup(checkout!.stripeSessionId) as Stripe.Checkout.Session
  return { plan, subscriptionId: session.subscription as string }
}

const byCredit = (world: World, startsAt: Date, client = world.client, now = NOW) =>
  bookSlot(handle.db, client, { sessionTypeId: world.sessionTypeId, startsAt, payWith: 'credit' }, now)

const remaining = async (world: World, now = NOW) =>
  (await creditBalances(handle.db, world.client.userId, now)).reduce((n, b) => n + b.remaining, 0)

async function snapshot() {
  const { db } = handle
  return {
    bookings: JSON.stringify(await db.select().from(bookings).orderBy(bookings.id)),
    grants: JSON.stringify(await db.select().from(creditGrants).orderBy(creditGrants.id)),
    checkouts: await countRows(db, checkoutSessions),
    mails: await countRows(db, emailOutbox),
    audit: await countRows(db, auditLog),
    stripeRequests: fake.requests.length,
  }
}

/** A grant inserted directly, for validity edge cases. */
async function grant(world: World, validFrom: Date, validUntil: Date, granted = 1) {
  const [row] = await handle.db
    .insert(creditGrants)
    .values({
      userId: world.client.userId,
      sessionTypeId: world.sessionTypeId,
      stripeInvoiceId: `in_direct_${Math.random().toString(36).slice(2)}`,
      granted,
      validFrom,
      validUntil,
    })
    .returning()
  return row!
}

describe('R4.1 plan credits: granted by invoice.paid, drawn by a booking', () => {
  it('invoice.paid grants the plan credits; a credit booking is confirmed at once, without a checkout', async () => {
    const world = await bookingWorld(handle.db)
    await subscribe(world, 2)
    const balances = await creditBalances(handle.db, world.client.userId, NOW)
    expect(balances).toEqual([
      {
        sessionTypeId: world.sessionTypeId,
        sessionName: 'Coaching-Sitzung',
        remaining: 2,
        nextExpiry: expect.any(Date),
      },
    ])
    const [grantRow] = await grantsOf(handle.db, world.client.userId)
    expect(balances[0]!.nextExpiry).toEqual(grantRow!.validUntil)

    const checkoutsBefore = fake.requests.filter((r) => r.path === '/v1/checkout/sessions').length
    const result = await byCredit(world, WED_10)
    expect(result).toEqual({ bookingId: expect.any(String), status: 'confirmed' })
    expect(await bookingRow(handle.db, result.bookingId)).toMatchObject({
      status: 'confirmed',
      paymentMethod: 'credit',
      creditGrantId: grantRow!.id,
      holdExpiresAt: null,
    })
    expect(fake.requests.filter((r) => r.path === '/v1/checkout/sessions')).toHaveLength(checkoutsBefore)
    expect(
      await handle.db.select().from(checkoutSessions).where(eq(checkoutSessions.bookingId, result.bookingId)),
    ).toEqual([])
    expect(await mails(handle.db, `booking-confirmed/${result.bookingId}/0`)).toHaveLength(1)
    expect(await remaining(world)).toBe(1)
  })

  it('no credit left (or none for this session type) → NoCreditError, nothing written', async () => {
    const world = await bookingWorld(handle.db)
    const before = await snapshot()
    expect(await rejection(byCredit(world, WED_10))).toBeInstanceOf(NoCreditError)
    expect(await snapshot()).toEqual(before)

    // A credit for another of the coach's session types does not pay for this one.
    const { id: otherType } = await createSessionType(
      handle.db,
      world.coach,
      sessionTypeSchema.parse({ name: 'Kurz', durationMinutes: '30', price: '80', mode: 'video' }),
    )
    await handle.db.insert(creditGrants).values({
      userId: world.client.userId,
      sessionTypeId: otherType,
      stripeInvoiceId: `in_other_${world.client.userId}`,
      granted: 1,
      validFrom: NOW,
      validUntil: new Date(NOW.getTime() + 24 * HOUR * 30),
    })
    const withOther = await snapshot()
    expect(await rejection(byCredit(world, WED_10))).toBeInstanceOf(NoCreditError)
    expect(await snapshot()).toEqual(withOther)

    await subscribe(world, 1)
    await byCredit(world, WED_10)
    const used = await snapshot()
    expect(await rejection(byCredit(world, THU_10))).toBeInstanceOf(NoCreditError)
    expect(await snapshot()).toEqual(used)
  })

  it('cancelled before the cut-off the credit comes back — once; after the cut-off only the coach can', async () => {
    const world = await bookingWorld(handle.db)
    await subscribe(world, 2)
    const first = await byCredit(world, THU_10)
    const second = await byCredit(world, FRI_10)
    expect(await remaining(world)).toBe(0)

    const early = new Date(THU_10.getTime() - 25 * HOUR)
    expect(await cancelBooking(handle.db, world.client, first.bookingId, early)).toEqual({
      settlement: 'credit',
      refundFailed: false,
    })
    expect(await remaining(world, early)).toBe(1)
    const [mail] = await mails(handle.db, `booking-cancelled/${first.bookingId}`)
    expect(mail).toMatchObject({ template: 'booking-cancelled', toAddress: world.client.email })
    expect(mail!.textBody).toContain('Guthaben aus deinem Abo')

    // Not returned twice: the booking is cancelled already; returning the grant's credit again finds none used.
    expect(await rejection(cancelBooking(handle.db, world.client, first.bookingId, early))).toBeInstanceOf(
      ConflictError,
    )
    expect(await remaining(world, early)).toBe(1)

    const late = new Date(FRI_10.getTime() - 23 * HOUR)
    expect(await rejection(cancelBooking(handle.db, world.client, second.bookingId, late))).toBeInstanceOf(
      CutoffPassedError,
    )
    expect(await remaining(world, late)).toBe(1)
    expect(await cancelBooking(handle.db, world.coach, second.bookingId, late)).toMatchObject({
      settlement: 'credit',
    })
    expect(await remaining(world, late)).toBe(2)
    const [g] = await grantsOf(handle.db, world.client.userId)
    expect(g!.used).toBe(0)
    // The database refuses a negative count; returnCredit reports that nothing was returned.
    expect(await returnCredit(handle.db, g!.id)).toBe(false)
    expect((await grantsOf(handle.db, world.client.userId))[0]!.used).toBe(0)
  })

  it('expired or not yet valid grants are not usable; the one that runs out first is used first', async () => {
    const world = await bookingWorld(handle.db)
    const day = 24 * HOUR
    await grant(world, new Date(NOW.getTime() - 40 * day), new Date(NOW.getTime() - 10 * day), 3)
    await grant(world, new Date(NOW.getTime() + day), new Date(NOW.getTime() + 30 * day), 3)
    expect(await creditBalances(handle.db, world.client.userId, NOW)).toEqual([])
    const before = await snapshot()
    expect(await rejection(byCredit(world, WED_10))).toBeInstanceOf(NoCreditError)
    expect(await snapshot()).toEqual(before)

    const later = await grant(world, new Date(NOW.getTime() - day), new Date(NOW.getTime() + 20 * day))
    const sooner = await grant(world, new Date(NOW.getTime() - day), new Date(NOW.getTime() + 5 * day))
    expect(await remaining(world)).toBe(2)
    expect((await creditBalances(handle.db, world.client.userId, NOW))[0]!.nextExpiry).toEqual(
      sooner.validUntil,
    )
    const { bookingId } = await byCredit(world, WED_10)
    expect((await bookingRow(handle.db, bookingId)).creditGrantId).toBe(sooner.id)
    const { bookingId: next } = await byCredit(world, THU_10)
    expect((await bookingRow(handle.db, next)).creditGrantId).toBe(later.id)
  })

  it('concurrent draws of the last credit: exactly one succeeds (through the service and directly)', async () => {
    const world = await bookingWorld(handle.db)
    await grant(world, new Date(NOW.getTime() - HOUR), new Date(NOW.getTime() + 30 * 24 * HOUR))
    const results = await Promise.allSettled([
      byCredit(world, WED_10),
      byCredit(world, THU_10),
      byCredit(world, FRI_10),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(NoCreditError)
    const rows = await handle.db.select().from(bookings).where(eq(bookings.clientId, world.client.userId))
    expect(rows).toHaveLength(1)

    // Without the coach lock the row-level check alone decides.
    const other = await bookingWorld(handle.db)
    const last = await grant(other, new Date(NOW.getTime() - HOUR), new Date(NOW.getTime() + 30 * 24 * HOUR))
    const draws = await Promise.all(
      Array.from({ length: 10 }, () =>
        handle.db.transaction((tx) =>
          drawCredit(tx, { userId: other.client.userId, sessionTypeId: other.sessionTypeId, at: NOW }),
        ),
      ),
    )
    expect(draws.filter((d) => d !== null)).toEqual([last.id])
    expect((await grantsOf(handle.db, other.client.userId))[0]!.used).toBe(1)
  })
})

describe('R4.1 plans are Stripe subscriptions; the customer portal manages them', () => {
  it('the plan checkout request: subscription mode, monthly CHF price, metadata', async () => {
    const world = await bookingWorld(handle.db)
    const plan = await addPlan(handle.db, world, 2)
    const { url } = await startPlanCheckout(handle.db, world.client, plan.id, NOW)
    expect(url).toMatch(new RegExp(`^${fake.url}/pay/cs_test_`))
    const create = fake.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)
    expect(create).toMatchObject({
      status: 200,
      body: {
        mode: 'subscription',
        subscription_data: { metadata: { planId: plan.id, userId: world.client.userId } },
        line_items: [
          {
            price_data: { currency: 'chf', unit_amount: '28000', recurring: { interval: 'month' } },
          },
        ],
      },
    })
    expect(create!.idempotencyKey).toContain(plan.id)
  })

  it('asking twice within a minute (back from the checkout, click again) gives the same checkout', async () => {
    const world = await bookingWorld(handle.db)
    const plan = await addPlan(handle.db, world, 2)
    const first = await startPlanCheckout(handle.db, world.client, plan.id, NOW)
    const again = await startPlanCheckout(handle.db, world.client, plan.id, new Date(NOW.getTime() + 20_000))
    expect(again.url).toBe(first.url)
    expect(
      await handle.db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, world.client.userId)),
    ).toHaveLength(1)
  })

  it('no second plan while one is live (also past_due); after it ended a new one can start', async () => {
    const world = await bookingWorld(handle.db)
    const { plan, subscriptionId } = await subscribe(world)
    const before = await snapshot()
    expect(await rejection(startPlanCheckout(handle.db, world.client, plan.id, NOW))).toBeInstanceOf(
      ConflictError,
    )
    await handle.db
      .update(subscriptions)
      .set({ status: 'past_due' })
      .where(eq(subscriptions.stripeSubscriptionId, subscriptionId))
    expect(await rejection(startPlanCheckout(handle.db, world.client, plan.id, NOW))).toBeInstanceOf(
      ConflictError,
    )
    expect(await snapshot()).toEqual(before)

    await deliverOk(handle.db, fake, await fake.cancelSubscription(subscriptionId))
    const { url } = await startPlanCheckout(handle.db, world.client, plan.id, new Date(NOW.getTime() + HOUR))
    expect(url).toContain('/pay/cs_test_')
  })

  it('a plan of another coach, a paused plan, or a coach asking → refused', async () => {
    const world = await bookingWorld(handle.db)
    const elsewhere = await bookingWorld(handle.db)
    const foreign = await addPlan(handle.db, elsewhere)
    expect(await rejection(startPlanCheckout(handle.db, world.client, foreign.id, NOW))).toBeInstanceOf(
      NotFoundError,
    )
    expect(await rejection(startPlanCheckout(handle.db, world.coach, foreign.id, NOW))).toBeInstanceOf(
      AuthorizationError,
    )
    const own = await addPlan(handle.db, world)
    await handle.db.update(plans).set({ active: false }).where(eq(plans.id, own.id))
    expect(await rejection(startPlanCheckout(handle.db, world.client, own.id, NOW))).toBeInstanceOf(
      NotFoundError,
    )
    expect(
      await handle.db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, world.client.userId)),
    ).toEqual([])
  })

  it('openBillingPortal opens a portal session for the client’s Stripe customer', async () => {
    const world = await bookingWorld(handle.db)
    expect(await rejection(openBillingPortal(handle.db, world.client))).toBeInstanceOf(ConflictError)
    await subscribe(world)
    const { url } = await openBillingPortal(handle.db, world.client)
    const request = fake.requests.filter((r) => r.path === '/v1/billing_portal/sessions').at(-1)
    const session = await handle.db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.userId, world.client.userId))
    expect(request).toMatchObject({
      method: 'POST',
      status: 200,
      body: { customer: session[0]!.stripeCustomerId },
    })
    expect(String(request!.body.return_url)).toMatch(/\/bookings\/plan$/)
    expect(url).toMatch(new RegExp(`^${fake.url}/portal/bps_`))
    expect(await rejection(openBillingPortal(handle.db, world.coach))).toBeInstanceOf(AuthorizationError)
  })
})

describe('R4.1 without a Stripe key: the local plan checkout and portal drive the same webhook code', () => {
  beforeEach(() => {
    stripeMock.client = null
    routeLocalWebhooks(handle.db, stripeWebhookSecret()!, () => NOW)
  })

  it('Testzahlung for a plan grants credits; the local portal renews once per period and cancels', async () => {
    const world = await bookingWorld(handle.db)
    const plan = await addPlan(handle.db, world, 2)
    const requestsBefore = fake.requests.length
    expect(await rejection(openBillingPortal(handle.db, world.client))).toBeInstanceOf(ConflictError)
    const { url } = await startPlanCheckout(handle.db, world.client, plan.id, NOW)
    const sessionId = url.split('/').at(-1)!
    expect(sessionId).toMatch(/^cs_local_/)
    expect(await payLocalCheckout(handle.db, world.client, sessionId, NOW)).toEqual({
      redirectTo: '/bookings/plan?checkout=success',
    })
    const live = await liveSubscription(handle.db, world.client.userId)
    expect(live?.subscription).toMatchObject({ status: 'active', planId: plan.id })
    expect(await remaining(world)).toBe(2)
    expect((await openBillingPortal(handle.db, world.client)).url).toMatch(/\/dev\/billing-portal$/)

    await applyLocalPortalAction(handle.db, world.client, 'renew', NOW)
    expect(await grantsOf(handle.db, world.client.userId)).toHaveLength(2)

    await applyLocalPortalAction(handle.db, world.client, 'cancel_at_period_end', NOW)
    expect((await liveSubscription(handle.db, world.client.userId))?.subscription.cancelAtPeriodEnd).toBe(
      true,
    )
    await applyLocalPortalAction(handle.db, world.client, 'renew', NOW)
    expect(await liveSubscription(handle.db, world.client.userId)).toBeNull()
    expect(await grantsOf(handle.db, world.client.userId)).toHaveLength(2)
    expect(fake.requests).toHaveLength(requestsBefore)
  })
})
