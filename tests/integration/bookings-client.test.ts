import { randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import type Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { auditLog, billingCustomers, bookings, checkoutSessions, emailOutbox, payments } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { AuthorizationError } from '@/lib/auth/types'
import {
  bookSlot,
  cancelBooking,
  CutoffPassedError,
  freeSlotsFor,
  getBooking,
  HOLD_MINUTES,
  listClientBookings,
  rescheduleBooking,
  SlotNotOfferedError,
} from '@/lib/bookings/booking'
import { expireStaleHolds, SlotTakenError } from '@/lib/bookings/hold'
import { setSessionTypeActive } from '@/lib/bookings/offering'
import { ConflictError, NotFoundError } from '@/lib/errors'
import type * as stripeModule from '@/lib/integrations/stripe'
import { buildStripe, stripeWebhookSecret } from '@/lib/integrations/stripe'
import { PaymentUnavailableError } from '@/lib/payments/checkout'
import { payLocalCheckout } from '@/lib/payments/local-checkout'
import { retryOwedRefunds } from '@/lib/payments/refunds'
import { startFakeStripe, type FakeStripe } from '../fakes/stripe'
import { createTestDb } from '../helpers/db'
import { countRows, createUser, actorOf, rejection } from '../helpers/fixtures'
import {
  bookingRow,
  bookingWorld,
  checkoutOfBooking,
  deliverOk,
  HOUR,
  mails,
  MINUTE,
  newClient,
  NOW,
  paymentsOfBooking,
  routeLocalWebhooks,
  type World,
  zurich,
} from '../helpers/payments'

// stripeClient() reads STRIPE_SECRET_KEY once through lib/env; the tests hand the services the fake (or null:
// the local "Testzahlung" path).
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

/** Wednesday 10:00 and Thursday 10:00 in Zurich: two and three days after NOW. */
const WED_10 = zurich('2030-03-06T10:00')
const THU_10 = zurich('2030-03-07T10:00')
const HOLD_END = new Date(NOW.getTime() + HOLD_MINUTES * MINUTE)

const book = (world: World, startsAt: Date, client = world.client, now = NOW) =>
  bookSlot(handle.db, client, { sessionTypeId: world.sessionTypeId, startsAt, payWith: 'checkout' }, now)

/** Booked by card and paid: the fake completes the checkout and the signed event is delivered. */
async function paidBooking(world: World, startsAt: Date, client = world.client) {
  const { bookingId } = await book(world, startsAt, client)
  const checkout = await checkoutOfBooking(handle.db, bookingId)
  await deliverOk(handle.db, fake, await fake.completeCheckout(checkout.stripeSessionId))
  expect((await bookingRow(handle.db, bookingId)).status).toBe('confirmed')
  return bookingId
}

const starts = async (world: World, now = NOW) =>
  (await freeSlotsFor(handle.db, world.client, world.sessionTypeId, now)).slots.map((s) => s.start.getTime())

/** Everything a refused booking, cancellation or move must leave as it was. */
async function snapshot() {
  const { db } = handle
  return {
    bookings: JSON.stringify(await db.select().from(bookings).orderBy(bookings.id)),
    checkouts: await countRows(db, checkoutSessions),
    payments: JSON.stringify(await db.select().from(payments).orderBy(payments.id)),
    mails: await countRows(db, emailOutbox),
    audit: await countRows(db, auditLog),
    customers: await countRows(db, billingCustomers),
    stripeRequests: fake.requests.length,
  }
}

const checkoutCreates = () =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions')

describe('R3.2/R4.1 booking a slot opens a Stripe Checkout that holds the slot', () => {
  it('the checkout request: payment mode, CHF, the price, the booking id, expiry = hold, idempotency key', async () => {
    const world = await bookingWorld(handle.db)
    expect(await starts(world)).toContain(WED_10.getTime())
    const result = await book(world, WED_10)
    if (result.status !== 'pending') throw new Error('expected a pending booking')
    const { bookingId } = result

    expect(await bookingRow(handle.db, bookingId)).toMatchObject({
      clientId: world.client.userId,
      coachId: world.coach.userId,
      sessionTypeId: world.sessionTypeId,
      sessionName: 'Coaching-Sitzung',
      mode: 'video',
      durationMinutes: 60,
      priceRappen: 15_000,
      startsAt: WED_10,
      endsAt: new Date(WED_10.getTime() + HOUR),
      blockedFrom: WED_10,
      blockedUntil: new Date(WED_10.getTime() + 75 * MINUTE),
      status: 'pending',
      holdExpiresAt: HOLD_END,
      paymentMethod: 'checkout',
      creditGrantId: null,
    })

    const [customer] = fake.requests.filter((r) => r.path === '/v1/customers')
    expect(customer).toMatchObject({
      method: 'POST',
      idempotencyKey: `customer-${world.client.userId}`,
      body: { email: world.client.email, metadata: { userId: world.client.userId } },
    })
    const [create] = checkoutCreates().slice(-1)
    expect(create).toMatchObject({
      status: 200,
      idempotencyKey: `checkout-${bookingId}`,
      body: {
        mode: 'payment',
        client_reference_id: bookingId,
        metadata: { bookingId, userId: world.client.userId },
        payment_intent_data: { metadata: { bookingId } },
        invoice_creation: { enabled: 'true' },
        line_items: [
          {
            quantity: '1',
            price_data: {
              currency: 'chf',
              unit_amount: '15000',
              product_data: { name: 'Coaching-Sitzung, 60 Min.' },
            },
          },
        ],
        expires_at: String(HOLD_END.getTime() / 1000),
        locale: 'de',
      },
    })
    expect(create!.body.customer).toMatch(/^cus_/)
    expect(String(create!.body.success_url)).toContain(`/bookings/${bookingId}?checkout=success`)

    const checkout = await checkoutOfBooking(handle.db, bookingId)
    expect(checkout).toMatchObject({
      kind: 'booking',
      userId: world.client.userId,
      amountRappen: 15_000,
      status: 'open',
      expiresAt: HOLD_END,
    })
    expect(checkout.stripeSessionId).toMatch(/^cs_test_/)
    expect(result.checkoutUrl).toBe(`${fake.url}/pay/${checkout.stripeSessionId}`)
    expect(checkout.url).toBe(result.checkoutUrl)
    expect(await starts(world)).not.toContain(WED_10.getTime())

    // The second booking reuses the Stripe customer.
    await book(world, THU_10)
    expect(fake.requests.filter((r) => r.path === '/v1/customers')).toHaveLength(1)
    expect(
      await handle.db.select().from(billingCustomers).where(eq(billingCustomers.userId, world.client.userId)),
    ).toHaveLength(1)
  })

  it('without STRIPE_SECRET_KEY: a local cs_local_ checkout, nothing sent to Stripe', async () => {
    stripeMock.client = null
    const world = await bookingWorld(handle.db)
    const before = fake.requests.length
    const result = await book(world, WED_10)
    if (result.status !== 'pending') throw new Error('expected a pending booking')
    const checkout = await checkoutOfBooking(handle.db, result.bookingId)
    expect(checkout.stripeSessionId).toMatch(/^cs_local_/)
    expect(checkout.expiresAt).toEqual(HOLD_END)
    expect(result.checkoutUrl).toMatch(new RegExp(`/dev/checkout/${checkout.stripeSessionId}$`))
    expect(fake.requests).toHaveLength(before)
    expect((await bookingRow(handle.db, result.bookingId)).status).toBe('pending')
  })

  it('Stripe unreachable or refusing: PaymentUnavailableError, the hold is released at once', async () => {
    stripeMock.client = buildStripe('sk_live_not_accepted', fake.url)
    const world = await bookingWorld(handle.db)
    expect(await rejection(book(world, WED_10))).toBeInstanceOf(PaymentUnavailableError)
    const [row] = await handle.db.select().from(bookings).where(eq(bookings.clientId, world.client.userId))
    expect(row).toMatchObject({ status: 'expired', holdExpiresAt: null })
    expect(
      await handle.db.select().from(checkoutSessions).where(eq(checkoutSessions.bookingId, row!.id)),
    ).toEqual([])
    expect(await starts(world)).toContain(WED_10.getTime())
  })

  it('R3.2 fifty concurrent bookings of one slot through the service: exactly one holds it', async () => {
    stripeMock.client = null
    const world = await bookingWorld(handle.db)
    const clients = await Promise.all(
      Array.from({ length: 50 }, () => newClient(handle.db, world.coach.userId)),
    )
    const results = await Promise.allSettled(clients.map((c) => book(world, WED_10, c)))
    const won = results.filter((r) => r.status === 'fulfilled')
    expect(won).toHaveLength(1)
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
    expect(reasons).toHaveLength(49)
    // The calls check the offer before any of them inserts, so the exclusion constraint decides most races.
    expect(reasons.some((r) => r instanceof SlotTakenError)).toBe(true)
    for (const reason of reasons)
      expect(reason instanceof SlotTakenError || reason instanceof SlotNotOfferedError).toBe(true)
    const rows = await handle.db.select().from(bookings).where(eq(bookings.coachId, world.coach.userId))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'pending', startsAt: WED_10 })
    expect(
      await handle.db.select().from(checkoutSessions).where(eq(checkoutSessions.bookingId, rows[0]!.id)),
    ).toHaveLength(1)
  })

  it('a stale pending hold is released (expireStaleHolds) and the slot can be booked again', async () => {
    stripeMock.client = null
    const world = await bookingWorld(handle.db)
    const { bookingId } = await book(world, WED_10)
    const almost = new Date(HOLD_END.getTime() - MINUTE)
    expect(await starts(world, almost)).not.toContain(WED_10.getTime())
    expect(await expireStaleHolds(handle.db, almost)).not.toContain(bookingId)

    // Once the hold has run out the slot is offered again, even before the hold is released.
    expect(await starts(world, HOLD_END)).toContain(WED_10.getTime())
    expect(await expireStaleHolds(handle.db, HOLD_END)).toContain(bookingId)
    expect(await bookingRow(handle.db, bookingId)).toMatchObject({ status: 'expired' })

    const other = await newClient(handle.db, world.coach.userId)
    const again = await book(world, WED_10, other, HOLD_END)
    expect(again.status).toBe('pending')
    // The client's list no longer shows the released hold.
    const mine = await listClientBookings(handle.db, world.client, HOLD_END)
    expect(mine.upcoming).toEqual([])
    expect(mine.past).toEqual([])
  })

  it('a booking whose hold ran out is released by the next booking itself (under the coach lock)', async () => {
    stripeMock.client = null
    const world = await bookingWorld(handle.db)
    const { bookingId } = await book(world, WED_10)
    const other = await newClient(handle.db, world.coach.userId)
    const later = new Date(HOLD_END.getTime() + MINUTE)
    await book(world, WED_10, other, later)
    expect((await bookingRow(handle.db, bookingId)).status).toBe('expired')
  })
})

describe('R3.2 bad booking input is refused and writes nothing', () => {
  it('slots not offered: off the grid, outside the hours, in the past, inside the notice, beyond the horizon, taken', async () => {
    const world = await bookingWorld(handle.db)
    await book(world, WED_10)
    const other = await newClient(handle.db, world.coach.userId)
    const before = await snapshot()
    const notOffered = [
      zurich('2030-03-06T12:10'), // off the 30-minute grid
      zurich('2030-03-06T18:00'), // outside the hours
      zurich('2030-03-06T16:30'), // would end after 17:00
      zurich('2030-03-06T07:00'), // before the hours
      zurich('2030-03-01T10:00'), // in the past
      zurich('2030-03-04T16:00'), // today, inside the 12-hour notice
      new Date(NOW.getTime() + 61 * 24 * HOUR), // beyond the 60-day horizon
      WED_10, // held by the first client
      zurich('2030-03-06T10:30'), // overlaps the held booking
      zurich('2030-03-06T09:30'), // would run into the held booking
    ]
    for (const startsAt of notOffered) {
      const error = await rejection(book(world, startsAt, other))
      expect(error, startsAt.toISOString()).toBeInstanceOf(SlotNotOfferedError)
    }
    expect(await snapshot()).toEqual(before)
    // Next to the held booking and its 15-minute buffer the slot is free.
    expect((await book(world, zurich('2030-03-06T11:30'), other)).status).toBe('pending')
  })

  it('a session type of another coach, a paused one or an unknown id → NotFoundError', async () => {
    const world = await bookingWorld(handle.db)
    const elsewhere = await bookingWorld(handle.db)
    const before = await snapshot()
    for (const sessionTypeId of [elsewhere.sessionTypeId, randomUUID()]) {
      const error = await rejection(
        bookSlot(handle.db, world.client, { sessionTypeId, startsAt: WED_10, payWith: 'checkout' }, NOW),
      )
      expect(error).toBeInstanceOf(NotFoundError)
    }
    await setSessionTypeActive(handle.db, world.coach, world.sessionTypeId, false)
    expect(await rejection(book(world, WED_10))).toBeInstanceOf(NotFoundError)
    expect(await snapshot()).toEqual(before)
  })

  it('a coach cannot book; a client without a coach cannot book', async () => {
    const world = await bookingWorld(handle.db)
    const loner = actorOf(await createUser(handle.db, { role: 'client' }))
    const before = await snapshot()
    expect(
      await rejection(
        bookSlot(
          handle.db,
          world.coach,
          { sessionTypeId: world.sessionTypeId, startsAt: WED_10, payWith: 'checkout' },
          NOW,
        ),
      ),
    ).toBeInstanceOf(AuthorizationError)
    expect(
      await rejection(
        bookSlot(
          handle.db,
          loner,
          { sessionTypeId: world.sessionTypeId, startsAt: WED_10, payWith: 'checkout' },
          NOW,
        ),
      ),
    ).toBeInstanceOf(ConflictError)
    expect(await snapshot()).toEqual(before)
  })

  it('a forged or foreign booking id for cancel, reschedule or view → NotFoundError', async () => {
    const world = await bookingWorld(handle.db)
    const bookingId = await paidBooking(world, WED_10)
    const stranger = await newClient(handle.db, world.coach.userId)
    const otherCoach = (await bookingWorld(handle.db)).coach
    const before = await snapshot()
    for (const [actor, id] of [
      [world.client, randomUUID()],
      [stranger, bookingId],
      [otherCoach, bookingId],
    ] as const) {
      expect(await rejection(cancelBooking(handle.db, actor, id, NOW))).toBeInstanceOf(NotFoundError)
      expect(await rejection(getBooking(handle.db, actor, id, NOW))).toBeInstanceOf(NotFoundError)
    }
    for (const [actor, id] of [
      [world.client, randomUUID()],
      [stranger, bookingId],
    ] as const)
      expect(await rejection(rescheduleBooking(handle.db, actor, id, THU_10, NOW))).toBeInstanceOf(
        NotFoundError,
      )
    // A coach does not move bookings (the client does).
    expect(await rejection(rescheduleBooking(handle.db, world.coach, bookingId, THU_10, NOW))).toBeInstanceOf(
      AuthorizationError,
    )
    expect(await snapshot()).toEqual(before)
  })
})

describe('R3.3 cancel and reschedule until the cut-off (24 h)', () => {
  it('25 h before: the client cancels; the card payment is refunded at Stripe; cancellation e-mail', async () => {
    const world = await bookingWorld(handle.db)
    const bookingId = await paidBooking(world, THU_10)
    const [paid] = await paymentsOfBooking(handle.db, bookingId)
    const now = new Date(THU_10.getTime() - 25 * HOUR)
    expect(await getBooking(handle.db, world.client, bookingId, now)).toMatchObject({
      booking: { id: bookingId, status: 'confirmed' },
      payment: { status: 'paid', amountRappen: 15_000, refundedRappen: 0, currency: 'chf' },
      window: { open: true, until: new Date(THU_10.getTime() - 24 * HOUR), cutoffHours: 24 },
    })
    expect((await listClientBookings(handle.db, world.client, now)).upcoming.map((b) => b.id)).toEqual([
      bookingId,
    ])

    expect(await cancelBooking(handle.db, world.client, bookingId, now)).toEqual({
      settlement: 'refund',
      refundFailed: false,
    })
    expect(await bookingRow(handle.db, bookingId)).toMatchObject({
      status: 'cancelled',
      cancelledAt: now,
      cancelledBy: 'client',
    })
    const refunds = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds')
    expect(refunds.at(-1)).toMatchObject({
      status: 200,
      idempotencyKey: `refund-${paid!.id}`,
      body: { payment_intent: paid!.stripePaymentIntentId, metadata: { bookingId } },
    })
    const [payment] = await paymentsOfBooking(handle.db, bookingId)
    expect(payment).toMatchObject({ status: 'refunded', refundedRappen: 15_000, amountRappen: 15_000 })
    expect(payment!.stripeRefundId).toMatch(/^re_/)
    const refundAtStripe = fake.lookup(payment!.stripeRefundId!) as Stripe.Refund
    expect(refundAtStripe).toMatchObject({ amount: 15_000, payment_intent: paid!.stripePaymentIntentId })

    const [mail, ...more] = await mails(handle.db, `booking-cancelled/${bookingId}`)
    expect(more).toHaveLength(0)
    expect(mail).toMatchObject({ template: 'booking-cancelled', toAddress: world.client.email })
    expect(mail!.attachments![0]!.content).toContain('METHOD:CANCEL')
    expect(mail!.textBody).toContain('erstatten wir dir')
    expect(await starts(world, now)).toContain(THU_10.getTime())

    // Cancelling again: refused, nothing refunded twice.
    const before = await snapshot()
    expect(await rejection(cancelBooking(handle.db, world.client, bookingId, now))).toBeInstanceOf(
      ConflictError,
    )
    expect(await snapshot()).toEqual(before)
  })

  it('23 h before: CutoffPassedError for cancel and reschedule, nothing changed', async () => {
    const world = await bookingWorld(handle.db)
    const bookingId = await paidBooking(world, THU_10)
    const now = new Date(THU_10.getTime() - 23 * HOUR)
    const before = await snapshot()
    const cancel = await rejection(cancelBooking(handle.db, world.client, bookingId, now))
    expect(cancel).toBeInstanceOf(CutoffPassedError)
    expect((cancel as CutoffPassedError).cutoffHours).toBe(24)
    expect(
      await rejection(rescheduleBooking(handle.db, world.client, bookingId, zurich('2030-03-09T10:00'), now)),
    ).toBeInstanceOf(CutoffPassedError)
    expect(await snapshot()).toEqual(before)
    expect((await getBooking(handle.db, world.client, bookingId, now)).window).toMatchObject({
      open: false,
      cutoffHours: 24,
    })
  })

  it('the coach can cancel after the client cut-off: refunded, the client is told', async () => {
    const world = await bookingWorld(handle.db)
    const bookingId = await paidBooking(world, THU_10)
    const now = new Date(THU_10.getTime() - 2 * HOUR)
    expect(await cancelBooking(handle.db, world.coach, bookingId, now)).toEqual({
      settlement: 'refund',
      refundFailed: false,
    })
    expect(await bookingRow(handle.db, bookingId)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'coach',
    })
    expect((await paymentsOfBooking(handle.db, bookingId))[0]?.status).toBe('refunded')
    expect(await mails(handle.db, `booking-cancelled/${bookingId}`)).toHaveLength(1)
    // Not once it has started.
    const started = await paidBooking(world, WED_10)
    expect(await rejection(cancelBooking(handle.db, world.coach, started, WED_10))).toBeInstanceOf(
      ConflictError,
    )
  })

  it('a pending booking can be given up while paying: the checkout is expired at Stripe, no refund, no e-mail', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId } = await book(world, WED_10)
    const checkout = await checkoutOfBooking(handle.db, bookingId)
    expect(await cancelBooking(handle.db, world.client, bookingId, NOW)).toEqual({
      settlement: 'none',
      refundFailed: false,
    })
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v1/checkout/sessions/${checkout.stripeSessionId}/expire`,
      status: 200,
    })
    expect((await checkoutOfBooking(handle.db, bookingId)).status).toBe('expired')
    expect(await bookingRow(handle.db, bookingId)).toMatchObject({ status: 'cancelled', holdExpiresAt: null })
    expect(await mails(handle.db, `booking-cancelled/${bookingId}`)).toHaveLength(0)
    expect(await starts(world)).toContain(WED_10.getTime())
    // Stripe's checkout.session.expired arriving afterwards changes nothing.
    const expired = fake.events.filter((e) => e.type === 'checkout.session.expired').at(-1)!
    await deliverOk(handle.db, fake, [expired])
    expect((await bookingRow(handle.db, bookingId)).status).toBe('cancelled')
  })

  it('25 h before: the client moves the booking — sequence + 1, reminder reset, new confirmation with the new time', async () => {
    const world = await bookingWorld(handle.db)
    const bookingId = await paidBooking(world, THU_10)
    await handle.db.update(bookings).set({ reminderSentAt: NOW }).where(eq(bookings.id, bookingId))
    const now = new Date(THU_10.getTime() - 25 * HOUR)
    const target = zurich('2030-03-08T14:00')
    expect(await starts(world, now)).toContain(target.getTime())

    await rescheduleBooking(handle.db, world.client, bookingId, target, now)
    expect(await bookingRow(handle.db, bookingId)).toMatchObject({
      status: 'confirmed',
      startsAt: target,
      endsAt: new Date(target.getTime() + HOUR),
      blockedFrom: target,
      blockedUntil: new Date(target.getTime() + 75 * MINUTE),
      sequence: 1,
      reminderSentAt: null,
    })
    const free = await starts(world, now)
    expect(free).toContain(THU_10.getTime())
    expect(free).not.toContain(target.getTime())
    // The payment stays with the booking.
    expect(await paymentsOfBooking(handle.db, bookingId)).toEqual([
      expect.objectContaining({ status: 'paid', amountRappen: 15_000 }),
    ])

    const confirmations = await mails(handle.db, `booking-confirmed/${bookingId}/`)
    expect(confirmations.map((m) => m.idempotencyKey).sort()).toEqual([
      `booking-confirmed/${bookingId}/0`,
      `booking-confirmed/${bookingId}/1`,
    ])
    const moved = confirmations.find((m) => m.idempotencyKey.endsWith('/1'))!
    const ics = moved.attachments![0]!.content!
    expect(ics).toContain('SEQUENCE:1')
    expect(ics).toContain('METHOD:REQUEST')
    expect(ics).toContain('DTSTART:20300308T130000Z')
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, bookingId), eq(auditLog.action, 'booking.rescheduled')))
    expect(audit).toMatchObject({ actorId: world.client.userId })
  })

  it('a move to a slot not offered, to the same time or of a pending booking is refused; nothing changed', async () => {
    const world = await bookingWorld(handle.db)
    const bookingId = await paidBooking(world, THU_10)
    const other = await newClient(handle.db, world.coach.userId)
    const held = await book(world, WED_10, other)
    const before = await snapshot()
    for (const [target, type] of [
      [WED_10, SlotNotOfferedError], // held by someone else
      [zurich('2030-03-07T20:00'), SlotNotOfferedError],
      [zurich('2030-03-04T16:00'), SlotNotOfferedError], // inside the notice
      [THU_10, ConflictError],
    ] as const)
      expect(
        await rejection(rescheduleBooking(handle.db, world.client, bookingId, target, NOW)),
      ).toBeInstanceOf(type)
    expect(
      await rejection(rescheduleBooking(handle.db, other, held.bookingId, zurich('2030-03-08T10:00'), NOW)),
    ).toBeInstanceOf(ConflictError)
    expect(await snapshot()).toEqual(before)
    const rows = await handle.db
      .select()
      .from(bookings)
      .where(
        and(eq(bookings.coachId, world.coach.userId), inArray(bookings.status, ['pending', 'confirmed'])),
      )
    expect(rows).toHaveLength(2)
  })
  it('a refund Stripe refuses: cancelled anyway, refundFailed, the payment stays paid, the e-mail promises no refund', async () => {
    const world = await bookingWorld(handle.db)
    const bookingId = await paidBooking(world, THU_10)
    stripeMock.client = buildStripe('sk_live_not_accepted', fake.url)
    expect(await cancelBooking(handle.db, world.client, bookingId, NOW)).toEqual({
      settlement: 'none',
      refundFailed: true,
    })
    expect((await bookingRow(handle.db, bookingId)).status).toBe('cancelled')
    expect(await paymentsOfBooking(handle.db, bookingId)).toEqual([
      expect.objectContaining({ status: 'paid', refundedRappen: 0, stripeRefundId: null }),
    ])
    const [mail] = await mails(handle.db, `booking-cancelled/${bookingId}`)
    expect(mail).toBeDefined()
    expect(mail!.textBody).not.toContain('erstatten wir dir')

    // Once Stripe answers again, the hourly retry refunds what is owed — once.
    stripeMock.client = buildStripe(fake.apiKey, fake.url)
    expect(await retryOwedRefunds(handle.db)).toEqual({ owed: 1, refunded: 1 })
    expect(await paymentsOfBooking(handle.db, bookingId)).toEqual([
      expect.objectContaining({ status: 'refunded', refundedRappen: 15_000 }),
    ])
    expect(await retryOwedRefunds(handle.db)).toEqual({ owed: 0, refunded: 0 })
  })
})

describe('R4.1 the local Testzahlung (no Stripe key) runs the same signed-webhook code', () => {
  beforeEach(() => {
    stripeMock.client = null
    routeLocalWebhooks(handle.db, stripeWebhookSecret()!, () => NOW)
  })

  it('paying confirms the booking with a local invoice record; cancelling refunds locally', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId } = await book(world, THU_10)
    const checkout = await checkoutOfBooking(handle.db, bookingId)
    const before = fake.requests.length
    expect(await payLocalCheckout(handle.db, world.client, checkout.stripeSessionId, NOW)).toEqual({
      redirectTo: `/bookings/${bookingId}?checkout=success`,
    })
    expect((await bookingRow(handle.db, bookingId)).status).toBe('confirmed')
    const [payment] = await paymentsOfBooking(handle.db, bookingId)
    expect(payment).toMatchObject({
      status: 'paid',
      amountRappen: 15_000,
      stripeCheckoutSessionId: checkout.stripeSessionId,
    })
    expect(await mails(handle.db, `booking-confirmed/${bookingId}/0`)).toHaveLength(1)
    // Paying twice is refused.
    expect(
      await rejection(payLocalCheckout(handle.db, world.client, checkout.stripeSessionId, NOW)),
    ).toBeInstanceOf(ConflictError)

    expect(await cancelBooking(handle.db, world.client, bookingId, NOW)).toEqual({
      settlement: 'refund',
      refundFailed: false,
    })
    const [refunded] = await paymentsOfBooking(handle.db, bookingId)
    expect(refunded).toMatchObject({ status: 'refunded', refundedRappen: 15_000 })
    expect(refunded!.stripeRefundId).toMatch(/^re_local_/)
    expect(fake.requests).toHaveLength(before)
  })

  it('paying after the hold ran out expires the booking instead; another person cannot pay it', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId } = await book(world, THU_10)
    const checkout = await checkoutOfBooking(handle.db, bookingId)
    const stranger = await newClient(handle.db, world.coach.userId)
    expect(
      await rejection(payLocalCheckout(handle.db, stranger, checkout.stripeSessionId, NOW)),
    ).toBeInstanceOf(NotFoundError)
    expect(
      await rejection(payLocalCheckout(handle.db, world.client, checkout.stripeSessionId, HOLD_END)),
    ).toBeInstanceOf(ConflictError)
    expect((await bookingRow(handle.db, bookingId)).status).toBe('expired')
    expect((await checkoutOfBooking(handle.db, bookingId)).status).toBe('expired')
    expect(await paymentsOfBooking(handle.db, bookingId)).toEqual([])
  })
})
