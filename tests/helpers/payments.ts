import { and, eq, like } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { vi } from 'vitest'
import { bookings, checkoutSessions, creditGrants, emailOutbox, payments, plans } from '@/db/schema'
import type { Db } from '@/db/types'
import { createSessionType, replaceWeeklyRules } from '@/lib/bookings/offering'
import { sessionTypeSchema } from '@/lib/bookings/schemas'
import type { Weekday } from '@/lib/bookings/slots'
import { notifyBookingPayment } from '@/lib/bookings/emails'
import { handleStripeWebhook } from '@/lib/payments/stripe-webhook'
import type { FakeEvent, FakeStripe } from '../fakes/stripe'
import { actorOf, createUser } from './fixtures'

/**
 * Shared set-up of the booking and payment integration tests. The tests freeze `Date` at NOW (vi.useFakeTimers
 * with toFake ['Date']): the services take `now` explicitly, and the Stripe fake (expires_at window, event
 * timestamps, subscription periods) and the webhook signature tolerance read the same clock.
 */

/** Monday 4 March 2030, 09:00 in Zurich (CET, before the switch to summer time on 31 March). */
export const NOW = new Date('2030-03-04T08:00:00Z')
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE

/** An instant given as Zurich wall time, e.g. zurich('2030-03-06T10:00'). */
export const zurich = (local: string): Date => DateTime.fromISO(local, { zone: 'Europe/Zurich' }).toJSDate()

const everyDay = (ranges: { startMinute: number; endMinute: number }[]) =>
  Object.fromEntries(([1, 2, 3, 4, 5, 6, 7] as Weekday[]).map((d) => [d, ranges])) as Record<
    Weekday,
    typeof ranges
  >

/**
 * A coach of their own (so tests never compete for slots) with hours 09:00–17:00 every day, the default booking
 * rules (12 h notice, 24 h cut-off, 15 min buffer after, 30 min grid), a 60-minute video session for CHF 150 and
 * one client assigned to the coach.
 */
export async function bookingWorld(db: Db, options: { clientLocale?: 'de' | 'en' } = {}) {
  const coachRow = await createUser(db, { role: 'coach' })
  const coach = actorOf(coachRow)
  await replaceWeeklyRules(db, coach, everyDay([{ startMinute: 9 * 60, endMinute: 17 * 60 }]))
  const { id: sessionTypeId } = await createSessionType(
    db,
    coach,
    sessionTypeSchema.parse({ name: 'Coaching-Sitzung', durationMinutes: '60', price: '150', mode: 'video' }),
  )
  const client = await newClient(db, coachRow.id, options.clientLocale)
  return { coach, coachRow, sessionTypeId, client, clientRow: client.row }
}

export type World = Awaited<ReturnType<typeof bookingWorld>>

/** Another client of the same coach. */
export async function newClient(db: Db, coachId: string, locale: 'de' | 'en' = 'de') {
  const row = await createUser(db, { role: 'client', coachId, locale })
  return { ...actorOf(row), row }
}

/** A monthly plan of the coach: `sessions` credits of the world's session type for CHF 280. */
export async function addPlan(db: Db, world: World, sessions = 2) {
  const [plan] = await db
    .insert(plans)
    .values({
      coachId: world.coach.userId,
      sessionTypeId: world.sessionTypeId,
      name: 'Monatsbegleitung',
      sessionsPerMonth: sessions,
      priceRappen: 28_000,
    })
    .returning()
  return plan!
}

export async function bookingRow(db: Db, id: string) {
  const [row] = await db.select().from(bookings).where(eq(bookings.id, id))
  return row!
}

/** The (newest) checkout session row of a booking. */
export async function checkoutOfBooking(db: Db, bookingId: string) {
  const rows = await db.select().from(checkoutSessions).where(eq(checkoutSessions.bookingId, bookingId))
  return rows.at(-1)!
}

export async function paymentsOfBooking(db: Db, bookingId: string) {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.bookingId, bookingId), eq(payments.kind, 'booking')))
}

export async function grantsOf(db: Db, userId: string) {
  return db.select().from(creditGrants).where(eq(creditGrants.userId, userId))
}

/** Outbox rows whose idempotency key starts with `prefix`, e.g. `booking-confirmed/<id>/`. */
export async function mails(db: Db, prefix: string) {
  return db
    .select()
    .from(emailOutbox)
    .where(like(emailOutbox.idempotencyKey, `${prefix}%`))
}

/** The webhook request Stripe would send: the raw (pretty-printed) body and its Stripe-Signature. */
export function webhookRequest(payload: string, signature: string | null): Request {
  return new Request('http://localhost/api/webhooks/stripe', {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(signature === null ? {} : { 'stripe-signature': signature }),
    },
    body: payload,
  })
}

/** Delivers events, signed by the fake, to handleStripeWebhook one after the other; returns the responses. */
export async function deliver(db: Db, fake: FakeStripe, events: FakeEvent[], now: Date = NOW) {
  const responses: Response[] = []
  for (const event of events) {
    const payload = JSON.stringify(event, null, 2)
    responses.push(
      await handleStripeWebhook(webhookRequest(payload, fake.sign(payload)), {
        db,
        secret: fake.webhookSecret,
        now,
        onBooking: notifyBookingPayment,
      }),
    )
  }
  return responses
}

/** Delivers and expects every event to be accepted (200). */
export async function deliverOk(db: Db, fake: FakeStripe, events: FakeEvent[], now: Date = NOW) {
  const responses = await deliver(db, fake, events, now)
  const statuses = responses.map((r) => r.status)
  if (statuses.some((s) => s !== 200)) throw new Error(`webhook answered ${statuses.join(', ')}`)
  return responses
}

/**
 * The local "Testzahlung" path POSTs signed events to `${APP_URL}/api/webhooks/stripe`; in tests no app listens
 * there, so fetch to that path is handed to handleStripeWebhook directly (the real verification and handler).
 * Returns the spy; vi.restoreAllMocks() removes it.
 */
export function routeLocalWebhooks(db: Db, secret: string, now: () => Date) {
  const original = globalThis.fetch
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    if (new URL(request.url).pathname !== '/api/webhooks/stripe') return original(input, init)
    return handleStripeWebhook(request, { db, secret, now: now(), onBooking: notifyBookingPayment })
  })
}
