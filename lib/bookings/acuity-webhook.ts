import 'server-only'
import { createHash } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { bookings, users, webhookEvents } from '@/db/schema'
import type { Db } from '@/db/types'
import { recordAudit } from '@/lib/audit/service'
import { toActor } from '@/lib/auth/actor'
import { AcuityError, type AcuityClient } from '@/lib/integrations/acuity'
import { verifyAcuitySignature } from '@/lib/integrations/acuity/signature'
import { log } from '@/lib/log'
import { acuityFailure } from './acuity-sync'
import { cancelBooking, movedTo } from './booking'
import { sendBookingConfirmation } from './emails'
import { SlotTakenError, withCoachBookingLock } from './hold'
import { getSettings } from './offering'
import { blockedRange } from './slots'

const MAX_BODY_BYTES = 16 * 1024

/** Acuity's webhook body (form-urlencoded): the action and the appointment id; nothing else is trusted. */
const formSchema = z.object({
  action: z.string().min(1).max(100),
  id: z.string().regex(/^\d{1,20}$/),
})

export type AcuityWebhookOptions = {
  db: Db
  /** ACUITY_API_KEY (the signing key); null when Acuity is not configured → 503. */
  apiKey: string | null
  acuity: AcuityClient | null
  now: Date
}

export type AcuityOutcome = 'cancelled' | 'moved' | 'unchanged' | 'unknown' | 'conflict' | 'started'

/**
 * POST /api/webhooks/acuity (R3.5, R11). Order:
 * 1. 503 when Acuity is not configured; 401 for a missing or wrong X-Acuity-Signature (nothing stored).
 * 2. The webhook carries no timestamp, so its content is not trusted beyond the appointment id: the appointment
 *    is fetched from Acuity and our booking upserted towards that current state. A late, older delivery therefore
 *    finds nothing to change. If Acuity cannot be reached → 502 and nothing stored, so Acuity delivers again.
 * 3. Stored in webhook_events (provider 'acuity', action + appointment id only; 90 days like the others) under a
 *    hash of the raw body (Acuity sends no event id): an exact replay is a duplicate and stored once. It is still
 *    reconciled, because Acuity's body names no time — a second move of one appointment repeats the body of the
 *    first — and reconciling an unchanged appointment changes nothing.
 *    - cancelled at Acuity → our booking is cancelled through cancelBooking as the coach (the practice manages
 *      Acuity): client notified, card payment refunded in full, plan credit returned.
 *    - another time at Acuity → our booking moves there under the coach's lock (exclusion constraint); the
 *      invitation with the next SEQUENCE goes out once (its idempotency key holds the sequence). A conflict
 *      with another booking is logged and left for the coach.
 *    - appointments we do not know (booked directly at Acuity) are ignored with a log line.
 *    If applying fails, the stored event is removed again and 500 answered: the redelivery retries.
 */
export async function handleAcuityWebhook(
  request: Request,
  options: AcuityWebhookOptions,
): Promise<Response> {
  const { db, apiKey, acuity, now } = options
  if (!apiKey || !acuity) {
    log.error('webhook.rejected', { provider: 'acuity', reason: 'not_configured' })
    return Response.json({ error: 'Acuity is not configured.' }, { status: 503 })
  }
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_BODY_BYTES) return Response.json({ error: 'Payload too large' }, { status: 413 })
  const raw = await request.text()
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES)
    return Response.json({ error: 'Payload too large' }, { status: 413 })
  if (!verifyAcuitySignature(raw, request.headers.get('x-acuity-signature'), apiKey)) {
    log.warn('webhook.rejected', { provider: 'acuity', reason: 'signature' })
    return Response.json({ error: 'Invalid signature' }, { status: 401 })
  }
  const form = formSchema.safeParse(Object.fromEntries(new URLSearchParams(raw)))
  if (!form.success) return Response.json({ error: 'Malformed event' }, { status: 400 })
  const { action, id: appointmentId } = form.data
  const eventId = `sha256:${createHash('sha256').update(raw, 'utf8').digest('hex')}`

  let appointment: Awaited<ReturnType<AcuityClient['getAppointment']>> | null
  try {
    appointment = await acuity.getAppointment(appointmentId)
  } catch (error) {
    if (!(error instanceof AcuityError && error.status === 404)) {
      log.error('webhook.acuity_fetch_failed', { action, ...acuityFailure(error) })
      return Response.json({ error: 'Acuity unreachable' }, { status: 502 })
    }
    appointment = null
  }

  const [stored] = await db
    .insert(webhookEvents)
    .values({ provider: 'acuity', eventId, type: action, payload: { action, appointmentId } })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id })
  // Acuity's bodies carry no time: a second reschedule of one appointment repeats the first body byte for byte.
  // So a duplicate is stored once but still reconciled — harmless, as applying compares with the current state.
  const duplicate = !stored

  try {
    const outcome = await applyAppointment(db, appointmentId, appointment, now)
    log.info('webhook.acuity', { action, outcome, duplicate })
    return Response.json({ received: true, ...(duplicate ? { duplicate } : {}), outcome })
  } catch (error) {
    if (stored) await db.delete(webhookEvents).where(eq(webhookEvents.id, stored.id))
    log.error('webhook.acuity_failed', { action, error: error instanceof Error ? error.name : 'unknown' })
    return Response.json({ error: 'Could not apply' }, { status: 500 })
  }
}

/** Brings our booking linked to `appointmentId` to Acuity's current state; idempotent. */
async function applyAppointment(
  db: Db,
  appointmentId: string,
  appointment: { datetime: Date; canceled: boolean } | null,
  now: Date,
): Promise<AcuityOutcome> {
  const [booking] = await db.select().from(bookings).where(eq(bookings.acuityAppointmentId, appointmentId))
  if (!booking || !appointment) {
    log.info('webhook.ignored', { provider: 'acuity', reason: 'unknown_appointment' })
    return 'unknown'
  }
  if (booking.status !== 'confirmed' && booking.status !== 'pending') {
    // Ours ended and Acuity's is cancelled too: the cancellation owed there is done, drop the link.
    if (appointment.canceled)
      await db.update(bookings).set({ acuityAppointmentId: null }).where(eq(bookings.id, booking.id))
    return 'unchanged'
  }
  const [coachRow] = await db.select().from(users).where(eq(users.id, booking.coachId))
  const coach = toActor(coachRow!)

  if (appointment.canceled) {
    if (booking.startsAt <= now) {
      log.warn('webhook.ignored', { provider: 'acuity', reason: 'started', bookingId: booking.id })
      return 'started'
    }
    await cancelBooking(db, coach, booking.id, now, undefined, { cancelledAtAcuity: true })
    return 'cancelled'
  }
  if (appointment.datetime.getTime() === booking.startsAt.getTime()) return 'unchanged'

  const newStart = appointment.datetime
  const settings = await getSettings(db, booking.coachId)
  const range = blockedRange(newStart, booking.durationMinutes, settings)
  try {
    const moved = await withCoachBookingLock(db, booking.coachId, async (tx) => {
      const [row] = await tx
        .update(bookings)
        .set(movedTo(booking, newStart, range, now))
        .where(
          and(
            eq(bookings.id, booking.id),
            inArray(bookings.status, ['confirmed', 'pending']),
            eq(bookings.sequence, booking.sequence),
          ),
        )
        .returning({ id: bookings.id })
      if (row)
        await recordAudit(tx, {
          actor: coach,
          action: 'booking.rescheduled',
          target: { type: 'booking', id: booking.id },
          details: { source: 'acuity' },
        })
      return Boolean(row)
    })
    if (!moved) return 'unchanged'
  } catch (error) {
    if (!(error instanceof SlotTakenError)) throw error
    log.warn('bookings.acuity_move_conflict', { bookingId: booking.id })
    return 'conflict'
  }
  if (booking.status === 'confirmed') await sendBookingConfirmation(db, booking.id, now)
  return 'moved'
}
