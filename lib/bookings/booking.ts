import 'server-only'
import { enforceRateLimit } from '@/lib/http/rate-limit'
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm'
import { bookings, payments, sessionTypes, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { type RequestMeta, recordAudit } from '@/lib/audit/service'
import { requireClientCoach } from '@/lib/auth/client-coach'
import { type Actor, assertRole } from '@/lib/auth/types'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { acuityClient, type AcuityClient } from '@/lib/integrations/acuity'
import { startBookingCheckout } from '@/lib/payments/checkout'
import { drawCredit, returnCredit } from '@/lib/payments/credits'
import { refundBookingPayment } from '@/lib/payments/refunds'
import { expireLocalOrStripeCheckout } from '@/lib/payments/expire'
import {
  acuityFreeSlots,
  cancelAtAcuity,
  createAtAcuity,
  releaseAcuityAppointments,
  rescheduleAtAcuity,
  syncAcuityTypes,
} from './acuity-sync'
import { sendBookingCancellation, sendBookingConfirmation } from './emails'
import { expireStaleHolds, withCoachBookingLock } from './hold'
import { getSettings, listExceptions, listWeeklyRules, type Settings } from './offering'
import { blockedRange, computeFreeSlots, isSlotOffered, localDateInZone, type Slot } from './slots'

/**
 * The client's side of scheduling (R3.2, R3.3, R4.1): free slots, booking with a payment hold or a plan credit,
 * cancelling and rescheduling until the cut-off; the coach may cancel any upcoming booking. Every function
 * checks who is asking; another person's booking id is NotFound.
 */

/** How long a slot is held while the checkout is open: Stripe's expires_at needs at least 30 minutes. */
export const HOLD_MINUTES = 35
const MINUTE = 60_000
const HOUR = 60 * MINUTE

export class SlotNotOfferedError extends ConflictError {
  override name = 'SlotNotOfferedError'
  constructor() {
    super('bookings.slotNotOffered')
  }
}

export class CutoffPassedError extends ConflictError {
  override name = 'CutoffPassedError'
  constructor(readonly cutoffHours: number) {
    super('bookings.cutoffPassed', { params: { hours: cutoffHours } })
  }
}

export class NoCreditError extends ConflictError {
  override name = 'NoCreditError'
  constructor() {
    super('bookings.noCredit')
  }
}

const NOT_CLIENT = 'bookings.clientsOnly'

/** Everything the slot engine needs for one coach; busy = confirmed + pending whose hold still runs. */
async function offerOf(db: Db, coachId: string, now: Date, excludeBookingId?: string) {
  const settings = await getSettings(db, coachId)
  const [rules, exceptions, busy] = await Promise.all([
    listWeeklyRules(db, coachId),
    listExceptions(db, coachId, localDateInZone(new Date(now.getTime() - 24 * HOUR), settings.timeZone)),
    db
      .select({ from: bookings.blockedFrom, until: bookings.blockedUntil })
      .from(bookings)
      .where(
        and(
          eq(bookings.coachId, coachId),
          gt(bookings.blockedUntil, now),
          or(
            eq(bookings.status, 'confirmed'),
            and(
              eq(bookings.status, 'pending'),
              or(isNull(bookings.holdExpiresAt), gt(bookings.holdExpiresAt, now)),
            ),
          ),
          excludeBookingId ? ne(bookings.id, excludeBookingId) : undefined,
        ),
      ),
  ])
  return { settings, rules, exceptions, busy }
}

type Offer = Awaited<ReturnType<typeof offerOf>>
const slotInput = (offer: Offer, durationMinutes: number, now: Date) => ({
  rules: offer.rules,
  exceptions: offer.exceptions.map((e) => ({
    date: e.date,
    kind: e.kind,
    startMinute: e.startMinute,
    endMinute: e.endMinute,
  })),
  settings: offer.settings,
  durationMinutes,
  busy: offer.busy,
  now,
})

/**
 * The active session types the client can book (their coach's). With Acuity (R3.5) they are first synced from
 * Acuity's appointment types (cached for a few minutes), and only those mirrored from Acuity are bookable.
 */
export async function listBookableTypes(db: Db, actor: Actor, now: Date = new Date()) {
  const coachId = await requireClientCoach(db, actor, NOT_CLIENT)
  const acuity = acuityClient()
  if (acuity) await syncAcuityTypes(db, coachId, acuity, now)
  return db
    .select()
    .from(sessionTypes)
    .where(
      and(
        eq(sessionTypes.coachId, coachId),
        eq(sessionTypes.active, true),
        acuity ? isNotNull(sessionTypes.acuityAppointmentTypeId) : undefined,
      ),
    )
    .orderBy(asc(sessionTypes.durationMinutes), asc(sessionTypes.name))
}

async function bookableType(db: Db, coachId: string, sessionTypeId: string, acuity: AcuityClient | null) {
  const [type] = await db
    .select()
    .from(sessionTypes)
    .where(
      and(
        eq(sessionTypes.id, sessionTypeId),
        eq(sessionTypes.coachId, coachId),
        eq(sessionTypes.active, true),
        acuity ? isNotNull(sessionTypes.acuityAppointmentTypeId) : undefined,
      ),
    )
  if (!type) throw new NotFoundError('bookings.sessionTypeNotOffered')
  return type
}

/** Free slots of one session type from now on (R3.2); the caller groups them in the client's zone. */
export async function freeSlotsFor(
  db: Db,
  actor: Actor,
  sessionTypeId: string,
  now: Date,
): Promise<{ type: Awaited<ReturnType<typeof bookableType>>; slots: Slot[]; settings: Settings }> {
  const coachId = await requireClientCoach(db, actor, NOT_CLIENT)
  const acuity = acuityClient()
  const type = await bookableType(db, coachId, sessionTypeId, acuity)
  if (acuity) await releaseAcuityAppointments(db, now, { acuity, limit: 10 })
  const offer = await offerOf(db, coachId, now)
  return {
    type,
    slots: await slotsOf(acuity, offer, type.acuityAppointmentTypeId, type.durationMinutes, now),
    settings: offer.settings,
  }
}

/** Free slots from our own availability, or from Acuity's for an Acuity type (R3.5). */
async function slotsOf(
  acuity: AcuityClient | null,
  offer: Offer,
  acuityTypeId: string | null,
  durationMinutes: number,
  now: Date,
): Promise<Slot[]> {
  if (!acuity || !acuityTypeId) return computeFreeSlots(slotInput(offer, durationMinutes, now))
  return acuityFreeSlots(acuity, {
    appointmentTypeId: acuityTypeId,
    durationMinutes,
    horizonDays: offer.settings.horizonDays,
    bufferBeforeMinutes: offer.settings.bufferBeforeMinutes,
    bufferAfterMinutes: offer.settings.bufferAfterMinutes,
    busy: offer.busy,
    now,
  })
}

export type BookResult =
  { bookingId: string; status: 'confirmed' } | { bookingId: string; status: 'pending'; checkoutUrl: string }

/**
 * Books a slot (R3.2, R4.1). The slot is checked against the current offer, then written under the coach's lock
 * (the exclusion constraint decides a lost race: SlotTakenError). Paying with a credit confirms at once; paying
 * by card holds the slot as pending for HOLD_MINUTES while the checkout is open. If the checkout cannot be
 * opened, the hold is released again: nothing is held, nothing charged.
 */
export async function bookSlot(
  db: Db,
  actor: Actor,
  input: { sessionTypeId: string; startsAt: Date; payWith: 'checkout' | 'credit' },
  now: Date,
  meta?: RequestMeta,
): Promise<BookResult> {
  const coachId = await requireClientCoach(db, actor, NOT_CLIENT)
  // R14: each attempt may hold a slot and open a checkout.
  await enforceRateLimit(db, 'booking', actor.userId, now)
  const acuity = acuityClient()
  const type = await bookableType(db, coachId, input.sessionTypeId, acuity)
  const offer = await offerOf(db, coachId, now)
  const offered =
    acuity && type.acuityAppointmentTypeId
      ? await acuity.checkTime({ datetime: input.startsAt, appointmentTypeId: type.acuityAppointmentTypeId })
      : isSlotOffered(slotInput(offer, type.durationMinutes, now), input.startsAt)
  if (!offered) throw new SlotNotOfferedError()
  const range = blockedRange(input.startsAt, type.durationMinutes, offer.settings)
  const holdExpiresAt = new Date(now.getTime() + HOLD_MINUTES * MINUTE)
  const byCredit = input.payWith === 'credit'

  const booking = await withCoachBookingLock(db, coachId, async (tx) => {
    await expireStaleHolds(tx, now, coachId)
    const creditGrantId = byCredit
      ? await drawCredit(tx, { userId: actor.userId, sessionTypeId: type.id, at: now })
      : null
    if (byCredit && !creditGrantId) throw new NoCreditError()
    const [row] = await tx
      .insert(bookings)
      .values({
        coachId,
        clientId: actor.userId,
        sessionTypeId: type.id,
        sessionName: type.name,
        mode: type.mode,
        durationMinutes: type.durationMinutes,
        priceRappen: type.priceRappen,
        startsAt: input.startsAt,
        endsAt: new Date(input.startsAt.getTime() + type.durationMinutes * MINUTE),
        blockedFrom: range.from,
        blockedUntil: range.until,
        status: byCredit ? 'confirmed' : 'pending',
        holdExpiresAt: byCredit ? null : holdExpiresAt,
        paymentMethod: input.payWith,
        creditGrantId,
      })
      .returning()
    await recordAudit(tx, {
      actor,
      action: 'booking.created',
      target: { type: 'booking', id: row!.id },
      details: { payWith: input.payWith },
      meta,
    })
    return row!
  })

  // R3.5: the appointment at Acuity; a refusal (taken meanwhile) releases our booking again → SlotTakenError.
  if (acuity && type.acuityAppointmentTypeId)
    await createAtAcuity(db, acuity, booking, {
      appointmentTypeId: type.acuityAppointmentTypeId,
      name: actor.name,
      email: actor.email,
      now,
    })

  if (byCredit) {
    await sendBookingConfirmation(db, booking.id, now)
    return { bookingId: booking.id, status: 'confirmed' }
  }
  try {
    const { url } = await startBookingCheckout(db, actor, { ...booking, holdExpiresAt })
    return { bookingId: booking.id, status: 'pending', checkoutUrl: url }
  } catch (error) {
    await db
      .update(bookings)
      .set({ status: 'expired', holdExpiresAt: null, updatedAt: now })
      .where(and(eq(bookings.id, booking.id), eq(bookings.status, 'pending')))
    throw error
  }
}

/** One booking the actor may see: the client's own, or one of the coach's. */
async function visibleBooking(db: Db, actor: Actor, bookingId: string) {
  const owner =
    actor.role === 'coach' ? eq(bookings.coachId, actor.userId) : eq(bookings.clientId, actor.userId)
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), owner))
  if (!row) throw new NotFoundError('bookings.bookingNotFound')
  return row
}

/** Whether the client may still cancel or move a booking, and until when (R3.3). */
export function changeWindow(booking: { startsAt: Date }, cutoffHours: number, now: Date) {
  const until = new Date(booking.startsAt.getTime() - cutoffHours * HOUR)
  return { open: now < until, until, cutoffHours }
}

export async function getBooking(db: Db, actor: Actor, bookingId: string, now: Date) {
  const booking = await visibleBooking(db, actor, bookingId)
  const settings = await getSettings(db, booking.coachId)
  const [payment] = await db
    .select({
      status: payments.status,
      amountRappen: payments.amountRappen,
      refundedRappen: payments.refundedRappen,
      currency: payments.currency,
    })
    .from(payments)
    .where(eq(payments.bookingId, booking.id))
    .orderBy(desc(payments.createdAt))
    .limit(1)
  return { booking, payment: payment ?? null, window: changeWindow(booking, settings.cancelCutoffHours, now) }
}

/** The client's bookings: upcoming (pending with a running hold, confirmed) and past or ended ones. */
export async function listClientBookings(db: Db, actor: Actor, now: Date) {
  assertRole(actor, 'client')
  const rows = await db
    .select()
    .from(bookings)
    .where(eq(bookings.clientId, actor.userId))
    .orderBy(asc(bookings.startsAt))
    .limit(500)
  const live = (b: (typeof rows)[number]) =>
    b.status === 'confirmed' ||
    (b.status === 'pending' && (b.holdExpiresAt === null || b.holdExpiresAt > now))
  const upcoming = rows.filter((b) => b.endsAt > now && live(b))
  const past = rows.filter((b) => !upcoming.includes(b) && b.status !== 'expired').reverse()
  const [me] = await db.select({ coachId: users.coachId }).from(users).where(eq(users.id, actor.userId))
  const cutoffHours = me?.coachId ? (await getSettings(db, me.coachId)).cancelCutoffHours : 24
  return { upcoming, past, cutoffHours }
}

export type CancelResult = { settlement: 'refund' | 'credit' | 'none'; refundFailed: boolean }

/**
 * Cancels a booking (R3.3). The client: their own, only until the cut-off. The coach: any of theirs that has not
 * started. The slot is free at once; a card payment is refunded in full, a credit given back; the client gets the
 * cancellation e-mail. An unpaid hold simply ends (its checkout is expired).
 */
export async function cancelBooking(
  db: Db,
  actor: Actor,
  bookingId: string,
  now: Date,
  meta?: RequestMeta,
  options: { cancelledAtAcuity?: boolean } = {},
): Promise<CancelResult> {
  const booking = await visibleBooking(db, actor, bookingId)
  if (booking.status !== 'confirmed' && booking.status !== 'pending')
    throw new ConflictError('bookings.alreadyCancelled')
  if (booking.startsAt <= now) throw new ConflictError('bookings.alreadyStarted')
  if (actor.role === 'client') {
    const { cancelCutoffHours } = await getSettings(db, booking.coachId)
    if (booking.status === 'confirmed' && !changeWindow(booking, cancelCutoffHours, now).open)
      throw new CutoffPassedError(cancelCutoffHours)
  }
  const wasConfirmed = booking.status === 'confirmed'

  const creditReturned = await db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(bookings)
      .set({
        status: 'cancelled',
        cancelledAt: now,
        cancelledBy: actor.role,
        holdExpiresAt: null,
        updatedAt: now,
      })
      .where(and(eq(bookings.id, booking.id), inArray(bookings.status, ['confirmed', 'pending'])))
      .returning({ id: bookings.id })
    if (!cancelled) throw new ConflictError('bookings.alreadyCancelled')
    const returned = booking.creditGrantId ? await returnCredit(tx, booking.creditGrantId) : false
    await recordAudit(tx, {
      actor,
      action: 'booking.cancelled',
      target: { type: 'booking', id: booking.id },
      details: { by: actor.role, wasConfirmed },
      meta,
    })
    return returned
  })

  // R3.5: cancel at Acuity too (a failure is retried by releaseAcuityAppointments), or only drop the link when
  // the cancellation came from Acuity.
  if (booking.acuityAppointmentId) {
    const acuity = options.cancelledAtAcuity ? null : acuityClient()
    if (acuity) await cancelAtAcuity(db, acuity, booking.id, booking.acuityAppointmentId)
    else if (options.cancelledAtAcuity)
      await db.update(bookings).set({ acuityAppointmentId: null }).where(eq(bookings.id, booking.id))
  }

  let settlement: CancelResult['settlement'] = creditReturned ? 'credit' : 'none'
  let refundFailed = false
  if (booking.paymentMethod === 'checkout') {
    if (!wasConfirmed) await expireLocalOrStripeCheckout(db, booking.id)
    const refund = await refundBookingPayment(db, booking.id)
    if (refund === 'refunded') settlement = 'refund'
    refundFailed = refund === 'failed'
  }
  if (wasConfirmed)
    await sendBookingCancellation(db, booking.id, now, {
      cancelledBy: actor.role,
      settlement: refundFailed ? 'none' : settlement,
    })
  return { settlement, refundFailed }
}

/**
 * Moves a confirmed booking to another free slot of the same length (R3.3), until the cut-off of its current
 * time. Payment and credit stay with it; the calendar event is updated (higher SEQUENCE) by a new e-mail.
 */
/**
 * The columns a move to `newStart` changes: times, the blocked range, the calendar SEQUENCE (so calendars replace
 * the old event) and the reminder (due again for the new time). One definition for every path that moves a booking.
 */
export function movedTo(
  booking: { durationMinutes: number; sequence: number },
  newStart: Date,
  range: { from: Date; until: Date },
  now: Date,
) {
  return {
    startsAt: newStart,
    endsAt: new Date(newStart.getTime() + booking.durationMinutes * MINUTE),
    blockedFrom: range.from,
    blockedUntil: range.until,
    sequence: booking.sequence + 1,
    reminderSentAt: null,
    updatedAt: now,
  }
}

export async function rescheduleBooking(
  db: Db,
  actor: Actor,
  bookingId: string,
  newStart: Date,
  now: Date,
  meta?: RequestMeta,
): Promise<void> {
  assertRole(actor, 'client', 'bookings.clientMoves')
  const booking = await visibleBooking(db, actor, bookingId)
  if (booking.status !== 'confirmed') throw new ConflictError('bookings.onlyConfirmedMove')
  const offer = await offerOf(db, booking.coachId, now, booking.id)
  if (!changeWindow(booking, offer.settings.cancelCutoffHours, now).open)
    throw new CutoffPassedError(offer.settings.cancelCutoffHours)
  if (newStart.getTime() === booking.startsAt.getTime()) throw new ConflictError('bookings.sameTime')
  const acuity = booking.acuityAppointmentId ? acuityClient() : null
  if (!acuity && !isSlotOffered(slotInput(offer, booking.durationMinutes, now), newStart))
    throw new SlotNotOfferedError()
  const range = blockedRange(newStart, booking.durationMinutes, offer.settings)
  // R3.5: Acuity first — it decides whether the time is free; then our row follows.
  if (acuity) await rescheduleAtAcuity(acuity, booking.acuityAppointmentId!, newStart)

  await withCoachBookingLock(db, booking.coachId, async (tx) => {
    await expireStaleHolds(tx, now, booking.coachId)
    const [moved] = await tx
      .update(bookings)
      .set(movedTo(booking, newStart, range, now))
      .where(
        and(
          eq(bookings.id, booking.id),
          eq(bookings.status, 'confirmed'),
          eq(bookings.sequence, booking.sequence),
        ),
      )
      .returning({ id: bookings.id })
    if (!moved) throw new ConflictError('bookings.changedMeanwhile')
    await recordAudit(tx, {
      actor,
      action: 'booking.rescheduled',
      target: { type: 'booking', id: booking.id },
      meta,
    })
  }).catch(async (error: unknown) => {
    // Our row could not follow: put the Acuity appointment back (best effort; logged on failure).
    if (acuity)
      await rescheduleAtAcuity(acuity, booking.acuityAppointmentId!, booking.startsAt).catch(() => undefined)
    throw error
  })
  await sendBookingConfirmation(db, booking.id, now)
}

/**
 * Where a confirmed booking may move to (R3.3): free slots of its own length with the same coach, its current
 * blocked range not counted as busy (a move by a few minutes is fine). Its current start is left out. Nothing is
 * offered when it cannot be moved (not confirmed, or the cut-off has passed); `window` says until when it can.
 */
export async function rescheduleSlotsFor(db: Db, actor: Actor, bookingId: string, now: Date) {
  assertRole(actor, 'client', 'bookings.clientMoves')
  const booking = await visibleBooking(db, actor, bookingId)
  const offer = await offerOf(db, booking.coachId, now, booking.id)
  const window = changeWindow(booking, offer.settings.cancelCutoffHours, now)
  const movable = booking.status === 'confirmed' && window.open
  const acuity = booking.acuityAppointmentId ? acuityClient() : null
  const acuityTypeId = acuity && booking.sessionTypeId ? await acuityTypeOf(db, booking.sessionTypeId) : null
  const slots = movable
    ? (await slotsOf(acuity, offer, acuityTypeId, booking.durationMinutes, now)).filter(
        (s) => s.start.getTime() !== booking.startsAt.getTime(),
      )
    : []
  return { booking, slots, settings: offer.settings, window, movable }
}

async function acuityTypeOf(db: Db, sessionTypeId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: sessionTypes.acuityAppointmentTypeId })
    .from(sessionTypes)
    .where(eq(sessionTypes.id, sessionTypeId))
  return row?.id ?? null
}
