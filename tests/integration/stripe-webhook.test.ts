import { eq } from 'drizzle-orm'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  auditLog,
  bookings,
  checkoutSessions,
  creditGrants,
  emailOutbox,
  payments,
  subscriptions,
  webhookEvents,
} from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { bookSlot, freeSlotsFor, HOLD_MINUTES } from '@/lib/bookings/booking'
import { expireStaleHolds } from '@/lib/bookings/hold'
import type * as stripeModule from '@/lib/integrations/stripe'
import { buildStripe } from '@/lib/integrations/stripe'
import { startPlanCheckout } from '@/lib/payments/checkout'
import { notifyBookingPayment } from '@/lib/bookings/emails'
import { handleStripeWebhook } from '@/lib/payments/stripe-webhook'
import { startFakeStripe, type FakeEvent, type FakeStripe, type FakeSubscription } from '../fakes/stripe'
import { createTestDb } from '../helpers/db'
import { countRows } from '../helpers/fixtures'
import {
  addPlan,
  bookingRow,
  bookingWorld,
  checkoutOfBooking,
  deliver,
  deliverOk,
  grantsOf,
  mails,
  MINUTE,
  newClient,
  NOW,
  paymentsOfBooking,
  webhookRequest,
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
const signer = new Stripe('sk_test_signer')

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  ;[handle, fake] = await Promise.all([createTestDb(), startFakeStripe()])
  stripeMock.client = buildStripe(fake.apiKey, fake.url)
})
afterAll(async () => {
  vi.useRealTimers()
  await Promise.all([handle?.close(), fake?.close()])
})
beforeEach(() => {
  vi.setSystemTime(NOW)
  for (const level of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

const SLOT = zurich('2030-03-06T10:00')

/** Books SLOT (or `startsAt`) by card through the fake; returns the booking id and its Stripe session id. */
async function pendingBooking(world: World, client = world.client, startsAt = SLOT) {
  const result = await bookSlot(
    handle.db,
    client,
    { sessionTypeId: world.sessionTypeId, startsAt, payWith: 'checkout' },
    NOW,
  )
  expect(result.status).toBe('pending')
  const checkout = await checkoutOfBooking(handle.db, result.bookingId)
  return { bookingId: result.bookingId, sessionId: checkout.stripeSessionId }
}

/** Row counts of everything a webhook may write. */
async function snapshot() {
  const { db } = handle
  return {
    events: await countRows(db, webhookEvents),
    payments: await countRows(db, payments),
    mails: await countRows(db, emailOutbox),
    audit: await countRows(db, auditLog),
    grants: await countRows(db, creditGrants),
    subscriptions: await countRows(db, subscriptions),
    bookings: JSON.stringify(await db.select().from(bookings).orderBy(bookings.id)),
    checkouts: JSON.stringify(await db.select().from(checkoutSessions).orderBy(checkoutSessions.id)),
  }
}

const storedEvent = async (eventId: string) =>
  (await handle.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, eventId)))[0]

describe('R4.3 checkout.session.* events of a booking', () => {
  it('completed and paid: booking confirmed, invoice record without card data, confirmation (.ics) and receipt', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, sessionId } = await pendingBooking(world)
    const [completed] = await fake.completeCheckout(sessionId)
    const session = fake.lookup(sessionId) as Stripe.Checkout.Session

    const [response] = await deliver(handle.db, fake, [completed!])
    expect(response!.status).toBe(200)
    expect(await response!.json()).toEqual({ received: true, duplicate: false })

    const booking = await bookingRow(handle.db, bookingId)
    expect(booking).toMatchObject({ status: 'confirmed', holdExpiresAt: null })
    expect((await checkoutOfBooking(handle.db, bookingId)).status).toBe('complete')

    const [payment, ...more] = await paymentsOfBooking(handle.db, bookingId)
    expect(more).toHaveLength(0)
    expect(payment).toMatchObject({
      userId: world.client.userId,
      kind: 'booking',
      status: 'paid',
      amountRappen: 15_000,
      refundedRappen: 0,
      currency: 'chf',
      description: 'Coaching-Sitzung, 60 Min.',
      stripeCheckoutSessionId: sessionId,
      stripeCustomerId: session.customer,
      stripePaymentIntentId: session.payment_intent,
      stripeInvoiceId: session.invoice,
      stripeRefundId: null,
      occurredAt: NOW,
    })
    expect(payment!.stripePaymentIntentId).toMatch(/^pi_/)
    expect(payment!.stripeInvoiceId).toMatch(/^in_/)
    // R4.2: Stripe ids, amount, currency, date, status — no payment method, card or customer details.
    const paymentMethod = (fake.lookup(payment!.stripePaymentIntentId!) as Stripe.PaymentIntent)
      .payment_method
    const stored = JSON.stringify(payment)
    for (const secret of [String(paymentMethod), world.client.email, world.client.name, 'card'])
      expect(stored).not.toContain(secret)

    const [confirmation, ...moreConfirmations] = await mails(handle.db, `booking-confirmed/${bookingId}/`)
    expect(moreConfirmations).toHaveLength(0)
    expect(confirmation).toMatchObject({
      template: 'booking-confirmed',
      toAddress: world.client.email,
      userId: world.client.userId,
      provider: 'outbox',
    })
    expect(confirmation!.attachments).toEqual([
      expect.objectContaining({
        filename: 'termin.ics',
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
        content: expect.stringContaining('BEGIN:VCALENDAR'),
      }),
    ])
    expect(confirmation!.attachments![0]!.content).toContain(`UID:${bookingId}`)
    const receipts = await mails(handle.db, `payment-receipt/${payment!.id}`)
    expect(receipts).toHaveLength(1)
    expect(receipts[0]).toMatchObject({ template: 'payment-receipt', toAddress: world.client.email })

    // A replay of the same event (Stripe retries; an attacker resends a captured one) changes nothing.
    const before = await snapshot()
    const [again] = await deliver(handle.db, fake, [completed!])
    expect(again!.status).toBe(200)
    expect(await again!.json()).toEqual({ received: true, duplicate: true })
    expect(await snapshot()).toEqual(before)
  })

  it('webhook_events keeps the type and the object id only — not the customer details of the payload', async () => {
    const world = await bookingWorld(handle.db)
    const { sessionId } = await pendingBooking(world)
    const [completed] = await fake.completeCheckout(sessionId)
    // The event carries the customer's e-mail and name (customer_details), as Stripe's does.
    expect(JSON.stringify(completed)).toContain(world.client.email)
    await deliverOk(handle.db, fake, [completed!])

    const row = await storedEvent(completed!.id)
    expect(row).toMatchObject({ provider: 'stripe', type: 'checkout.session.completed' })
    expect(row!.payload).toEqual({ object: 'checkout.session', id: sessionId, livemode: false })
    expect(JSON.stringify(row)).not.toContain(world.client.email)
    expect(JSON.stringify(row)).not.toContain(world.client.name)
  })

  it('completed but unpaid (delayed method) keeps the hold; async_payment_succeeded then confirms', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, sessionId } = await pendingBooking(world)
    await deliverOk(handle.db, fake, await fake.completeCheckout(sessionId, { paymentStatus: 'unpaid' }))

    expect(await bookingRow(handle.db, bookingId)).toMatchObject({ status: 'pending', holdExpiresAt: null })
    expect(await paymentsOfBooking(handle.db, bookingId)).toHaveLength(0)
    expect(await mails(handle.db, `booking-confirmed/${bookingId}/`)).toHaveLength(0)
    // Past the normal hold the slot stays held: the payment is still on its way.
    const later = new Date(NOW.getTime() + 2 * HOLD_MINUTES * MINUTE)
    const { slots } = await freeSlotsFor(handle.db, world.client, world.sessionTypeId, later)
    expect(slots.map((s) => s.start.getTime())).not.toContain(SLOT.getTime())

    await deliverOk(handle.db, fake, await fake.asyncPaymentSucceeded(sessionId), later)
    expect(await bookingRow(handle.db, bookingId)).toMatchObject({ status: 'confirmed' })
    const [payment] = await paymentsOfBooking(handle.db, bookingId)
    expect(payment).toMatchObject({ status: 'paid', amountRappen: 15_000, occurredAt: later })
    expect(await mails(handle.db, `booking-confirmed/${bookingId}/`)).toHaveLength(1)
    expect(await mails(handle.db, `payment-receipt/${payment!.id}`)).toHaveLength(1)
  })

  it('async_payment_failed releases the hold: booking expired, the slot is free again', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, sessionId } = await pendingBooking(world)
    await deliverOk(handle.db, fake, await fake.completeCheckout(sessionId, { paymentStatus: 'unpaid' }))
    await deliverOk(handle.db, fake, await fake.asyncPaymentFailed(sessionId))

    expect(await bookingRow(handle.db, bookingId)).toMatchObject({ status: 'expired', holdExpiresAt: null })
    expect((await checkoutOfBooking(handle.db, bookingId)).status).toBe('expired')
    expect(await paymentsOfBooking(handle.db, bookingId)).toHaveLength(0)
    expect(await mails(handle.db, `booking-confirmed/${bookingId}/`)).toHaveLength(0)
    const { slots } = await freeSlotsFor(handle.db, world.client, world.sessionTypeId, NOW)
    expect(slots.map((s) => s.start.getTime())).toContain(SLOT.getTime())
  })

  it('expired: the pending booking expires and another client can book the slot', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, sessionId } = await pendingBooking(world)
    let { slots } = await freeSlotsFor(handle.db, world.client, world.sessionTypeId, NOW)
    expect(slots.map((s) => s.start.getTime())).not.toContain(SLOT.getTime())

    await deliverOk(handle.db, fake, await fake.expireCheckout(sessionId))
    expect(await bookingRow(handle.db, bookingId)).toMatchObject({ status: 'expired', holdExpiresAt: null })
    expect((await checkoutOfBooking(handle.db, bookingId)).status).toBe('expired')
    ;({ slots } = await freeSlotsFor(handle.db, world.client, world.sessionTypeId, NOW))
    expect(slots.map((s) => s.start.getTime())).toContain(SLOT.getTime())

    const other = await newClient(handle.db, world.coach.userId)
    const taken = await pendingBooking(world, other)
    expect((await bookingRow(handle.db, taken.bookingId)).status).toBe('pending')
  })

  it('paid after the hold ran out and someone else took the slot: refunded, no double booking', async () => {
    const world = await bookingWorld(handle.db)
    const first = await pendingBooking(world)
    // The hold runs out; a second client books the same slot (releasing the stale hold under the lock).
    const later = new Date(NOW.getTime() + (HOLD_MINUTES + 5) * MINUTE)
    vi.setSystemTime(later)
    const other = await newClient(handle.db, world.coach.userId)
    const second = await bookSlot(
      handle.db,
      other,
      { sessionTypeId: world.sessionTypeId, startsAt: SLOT, payWith: 'checkout' },
      later,
    )
    expect((await bookingRow(handle.db, first.bookingId)).status).toBe('expired')

    // The first client's payment still goes through at Stripe.
    const [completed] = await fake.completeCheckout(first.sessionId)
    await deliverOk(handle.db, fake, [completed!], later)

    expect((await bookingRow(handle.db, first.bookingId)).status).toBe('expired')
    expect((await bookingRow(handle.db, second.bookingId)).status).toBe('pending')
    const active = await handle.db.select().from(bookings).where(eq(bookings.coachId, world.coach.userId))
    expect(active.filter((b) => b.status === 'pending' || b.status === 'confirmed')).toHaveLength(1)

    const [payment] = await paymentsOfBooking(handle.db, first.bookingId)
    expect(payment).toMatchObject({ status: 'refunded', refundedRappen: 15_000 })
    expect(payment!.stripeRefundId).toMatch(/^re_/)
    const refunds = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds')
    expect(refunds.at(-1)).toMatchObject({
      status: 200,
      idempotencyKey: `refund-${payment!.id}`,
      body: { payment_intent: payment!.stripePaymentIntentId, metadata: { bookingId: first.bookingId } },
    })
    expect(await mails(handle.db, `booking-confirmed/${first.bookingId}/`)).toHaveLength(0)
    const [cancelled] = await mails(handle.db, `booking-cancelled/${first.bookingId}`)
    expect(cancelled).toMatchObject({ template: 'booking-cancelled', toAddress: world.client.email })
  })

  it('paid after the hold ran out while the slot is still free: the booking is confirmed after all', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, sessionId } = await pendingBooking(world)
    const later = new Date(NOW.getTime() + (HOLD_MINUTES + 5) * MINUTE)
    expect(await expireStaleHolds(handle.db, later, world.coach.userId)).toEqual([bookingId])

    await deliverOk(handle.db, fake, await fake.completeCheckout(sessionId), later)
    expect((await bookingRow(handle.db, bookingId)).status).toBe('confirmed')
    expect((await paymentsOfBooking(handle.db, bookingId))[0]?.status).toBe('paid')
  })
})

describe('R4.3 invoice.* and customer.subscription.* events of a plan', () => {
  async function subscribed() {
    const world = await bookingWorld(handle.db)
    const plan = await addPlan(handle.db, world, 2)
    await startPlanCheckout(handle.db, world.client, plan.id, NOW)
    const [checkout] = await handle.db
      .select()
      .from(checkoutSessions)
      .where(eq(checkoutSessions.userId, world.client.userId))
    const events = await fake.completeCheckout(checkout!.stripeSessionId)
    expect(events.map((e) => e.type)).toEqual([
      'checkout.session.completed',
      'customer.subscription.created',
      'invoice.paid',
    ])
    await deliverOk(handle.db, fake, events)
    const session = fake.lookup(checkout!.stripeSessionId) as Stripe.Checkout.Session
    return { world, plan, events, subscriptionId: session.subscription as string }
  }

  const subscriptionRow = async (stripeSubscriptionId: string) =>
    (
      await handle.db
        .select()
        .from(subscriptions)
        .where(eq(subscriptions.stripeSubscriptionId, stripeSubscriptionId))
    )[0]

  it('checkout completed + subscription.created + invoice.paid: subscription, invoice record, credits once per invoice', async () => {
    const { world, plan, events, subscriptionId } = await subscribed()
    const sub = fake.lookup(subscriptionId) as Stripe.Subscription
    const periodEnd = new Date(sub.items.data[0]!.current_period_end * 1000)
    expect(await subscriptionRow(subscriptionId)).toMatchObject({
      userId: world.client.userId,
      planId: plan.id,
      stripeCustomerId: sub.customer,
      status: 'active',
      cancelAtPeriodEnd: false,
      currentPeriodEnd: periodEnd,
    })

    const invoice = events[2]!.data.object as Stripe.Invoice
    const [record] = await handle.db.select().from(payments).where(eq(payments.stripeInvoiceId, invoice.id!))
    expect(record).toMatchObject({
      userId: world.client.userId,
      kind: 'subscription',
      status: 'paid',
      amountRappen: 28_000,
      currency: 'chf',
      stripeSubscriptionId: subscriptionId,
      bookingId: null,
    })

    const grants = await grantsOf(handle.db, world.client.userId)
    expect(grants).toEqual([
      expect.objectContaining({
        sessionTypeId: world.sessionTypeId,
        stripeInvoiceId: invoice.id,
        granted: 2,
        used: 0,
        validFrom: NOW,
        validUntil: periodEnd,
      }),
    ])

    // The same event again, and a new event about the same invoice: no second grant, no second record.
    const before = await snapshot()
    expect(await (await deliver(handle.db, fake, [events[2]!]))[0]!.json()).toMatchObject({ duplicate: true })
    expect(await snapshot()).toEqual(before)
    await deliverOk(handle.db, fake, [fake.event('invoice.paid', fake.lookup(invoice.id!)!)])
    expect(await grantsOf(handle.db, world.client.userId)).toHaveLength(1)
    expect(await countRows(handle.db, payments)).toBe(before.payments)

    // The renewal's invoice grants the next period's credits.
    const renewal = await fake.renewSubscription(subscriptionId)
    expect(renewal.map((e) => e.type)).toEqual(['invoice.paid', 'customer.subscription.updated'])
    await deliverOk(handle.db, fake, renewal)
    const after = await grantsOf(handle.db, world.client.userId)
    expect(after).toHaveLength(2)
    expect(after.map((g) => g.validFrom.getTime()).sort()).toEqual([NOW.getTime(), periodEnd.getTime()])
  })

  it('invoice.payment_failed records a failed invoice; subscription.updated marks it past_due', async () => {
    const { world, subscriptionId } = await subscribed()
    const events = await fake.failInvoice(subscriptionId)
    expect(events.map((e) => e.type)).toEqual(['invoice.payment_failed', 'customer.subscription.updated'])
    await deliverOk(handle.db, fake, events)

    const invoice = events[0]!.data.object as Stripe.Invoice
    const [record] = await handle.db.select().from(payments).where(eq(payments.stripeInvoiceId, invoice.id!))
    expect(record).toMatchObject({ kind: 'subscription', status: 'failed', amountRappen: 28_000 })
    expect((await subscriptionRow(subscriptionId))?.status).toBe('past_due')
    // A failed invoice grants nothing.
    expect(await grantsOf(handle.db, world.client.userId)).toHaveLength(1)
  })

  it('subscription.updated (cancel at period end) and subscription.deleted mirror the state', async () => {
    const { subscriptionId } = await subscribed()
    await deliverOk(
      handle.db,
      fake,
      await fake.updateSubscription(subscriptionId, { cancel_at_period_end: true }),
    )
    expect(await subscriptionRow(subscriptionId)).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: true,
    })
    await deliverOk(handle.db, fake, await fake.cancelSubscription(subscriptionId))
    expect((await subscriptionRow(subscriptionId))?.status).toBe('canceled')
  })

  it('a cancellation recorded as cancel_at (newer portals) also reads as "ends at the period end"', async () => {
    const { subscriptionId } = await subscribed()
    const live = fake.lookup(subscriptionId) as FakeSubscription
    const event = fake.event('customer.subscription.updated', {
      ...live,
      cancel_at_period_end: false,
      cancel_at: live.items.data[0]!.current_period_end,
    })
    await deliverOk(handle.db, fake, [event])
    expect(await subscriptionRow(subscriptionId)).toMatchObject({ status: 'active', cancelAtPeriodEnd: true })
  })

  it('customer.subscription.created before the checkout event still finds the client (metadata)', async () => {
    const world = await bookingWorld(handle.db)
    const plan = await addPlan(handle.db, world)
    await startPlanCheckout(handle.db, world.client, plan.id, NOW)
    const [checkout] = await handle.db
      .select()
      .from(checkoutSessions)
      .where(eq(checkoutSessions.userId, world.client.userId))
    const [completed, created, paid] = await fake.completeCheckout(checkout!.stripeSessionId)
    // Stripe does not guarantee the order of events.
    await deliverOk(handle.db, fake, [paid!, created!, completed!])
    const sub = (created!.data.object as Stripe.Subscription).id
    expect(await subscriptionRow(sub)).toMatchObject({
      userId: world.client.userId,
      planId: plan.id,
      status: 'active',
    })
    expect(await grantsOf(handle.db, world.client.userId)).toHaveLength(1)
  })
})

describe('R4.3 the endpoint refuses what it cannot verify, and stores the rest', () => {
  async function signedCompletion() {
    const world = await bookingWorld(handle.db)
    const { bookingId, sessionId } = await pendingBooking(world)
    const [completed] = await fake.completeCheckout(sessionId)
    return { bookingId, completed: completed!, payload: JSON.stringify(completed, null, 2) }
  }

  const post = (payload: string, signature: string | null, secret: string | null = fake.webhookSecret) =>
    handleStripeWebhook(webhookRequest(payload, signature), {
      db: handle.db,
      secret,
      now: NOW,
      onBooking: notifyBookingPayment,
    })

  async function expectRefused(
    response: Response,
    status: number,
    before: Awaited<ReturnType<typeof snapshot>>,
  ) {
    expect(response.status).toBe(status)
    expect(await snapshot()).toEqual(before)
  }

  it('a bad signature (other secret, tampered body, garbage) → 400, nothing written', async () => {
    const { bookingId, completed, payload } = await signedCompletion()
    const before = await snapshot()
    const otherSecret = signer.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' })
    await expectRefused(await post(payload, otherSecret), 400, before)
    const tampered = payload.replace('"paid"', '"unpaid"')
    expect(tampered).not.toBe(payload)
    await expectRefused(await post(tampered, fake.sign(payload)), 400, before)
    await expectRefused(await post(payload, 't=1,v1=deadbeef'), 400, before)
    expect(await storedEvent(completed.id)).toBeUndefined()
    expect((await bookingRow(handle.db, bookingId)).status).toBe('pending')
  })

  it('a stale timestamp (older than 300 s) → 400; within the tolerance → accepted', async () => {
    const { bookingId, payload } = await signedCompletion()
    const before = await snapshot()
    const nowSeconds = Math.floor(Date.now() / 1000)
    const stale = signer.webhooks.generateTestHeaderString({
      payload,
      secret: fake.webhookSecret,
      timestamp: nowSeconds - 301,
    })
    await expectRefused(await post(payload, stale), 400, before)
    expect((await bookingRow(handle.db, bookingId)).status).toBe('pending')

    const recent = signer.webhooks.generateTestHeaderString({
      payload,
      secret: fake.webhookSecret,
      timestamp: nowSeconds - 200,
    })
    expect((await post(payload, recent)).status).toBe(200)
    expect((await bookingRow(handle.db, bookingId)).status).toBe('confirmed')
  })

  it('a missing Stripe-Signature header → 400; no configured secret → 503; nothing written', async () => {
    const { payload } = await signedCompletion()
    const before = await snapshot()
    await expectRefused(await post(payload, null), 400, before)
    await expectRefused(await post(payload, fake.sign(payload), null), 503, before)
  })

  it('a failure while applying → 500 and nothing kept, not even the event id: Stripe’s retry is applied', async () => {
    const { bookingId, completed } = await signedCompletion()
    const broken = structuredClone(completed)
    ;(broken.data.object as { amount_total: number }).amount_total = -1 // the payments check refuses it
    const before = await snapshot()
    const [failed] = await deliver(handle.db, fake, [broken])
    expect(failed!.status).toBe(500)
    expect(await snapshot()).toEqual(before)
    expect(await storedEvent(completed.id)).toBeUndefined()

    await deliverOk(handle.db, fake, [completed])
    expect((await bookingRow(handle.db, bookingId)).status).toBe('confirmed')
    expect(await storedEvent(completed.id)).toBeDefined()
  })

  it('an unknown event type is stored once (200) and otherwise ignored', async () => {
    const world = await bookingWorld(handle.db)
    const customer = await stripeMock.client!.customers.create({ email: world.client.email })
    const event: FakeEvent = fake.event('customer.created', fake.lookup(customer.id)!)
    const before = await snapshot()
    const [response] = await deliver(handle.db, fake, [event])
    expect(response!.status).toBe(200)
    expect(await storedEvent(event.id)).toMatchObject({
      type: 'customer.created',
      payload: { object: 'customer', id: customer.id, livemode: false },
    })
    expect(await snapshot()).toEqual({ ...before, events: before.events + 1 })
    const [again] = await deliver(handle.db, fake, [event])
    expect(await again!.json()).toEqual({ received: true, duplicate: true })
    expect(await countRows(handle.db, webhookEvents)).toBe(before.events + 1)
  })
})
