import 'server-only'
import { and, eq, inArray, isNotNull, lt, notInArray, sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { bookings, sessionTypes } from '@/db/schema'
import type { Db } from '@/db/types'
import { ACUITY_TIME_ZONE, AcuityError, type AcuityClient, acuityClient } from '@/lib/integrations/acuity'
import { ConflictError } from '@/lib/errors'
import { log } from '@/lib/log'
import { returnCredit } from '@/lib/payments/credits'
import { SlotTakenError } from './hold'
import type { BusyRange, Slot } from './slots'

/**
 * Acuity Scheduling as the scheduling provider (R3.5). Acuity owns appointment types and free times; our
 * `bookings` row stays the record payments, video rooms, e-mails and retention use, linked by
 * `acuity_appointment_id`. Only name, e-mail, time and type are sent (lib/integrations/acuity.ts).
 *
 * The link is cleared once the Acuity appointment is cancelled there: a cancelled or expired booking that still
 * has an `acuity_appointment_id` owes that cancellation, and `releaseAcuityAppointments` (run by the hourly
 * booking-reminders cron and before free slots are listed) retries it until it succeeds.
 */

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** How long the appointment types read from Acuity are trusted (per coach, per server instance). */
export const TYPE_SYNC_TTL_MS = 5 * MINUTE
const lastTypeSync = new Map<string, number>()

/** Forget the type-sync cache (tests). */
export function resetAcuityTypeCache(): void {
  lastTypeSync.clear()
}

/**
 * Mirrors Acuity's appointment types into the coach's `session_types` by `acuity_appointment_type_id`: name,
 * duration and price follow Acuity; the coach's mode (video / in person) and bookable choice are kept on update.
 * New types start as video, bookable when active at Acuity. Types no longer listed at Acuity are paused (they
 * cannot be booked there). Types whose duration or price our offer cannot hold (15–480 min, price > 0) are
 * skipped with a log line. Runs when the offer is read (listBookableTypes), at most every TYPE_SYNC_TTL_MS.
 */
export async function syncAcuityTypes(
  db: Db,
  coachId: string,
  acuity: AcuityClient,
  now: Date,
  options: { force?: boolean } = {},
): Promise<void> {
  const last = lastTypeSync.get(coachId)
  if (
    !options.force &&
    last !== undefined &&
    now.getTime() - last < TYPE_SYNC_TTL_MS &&
    last <= now.getTime()
  )
    return
  const types = await acuity.appointmentTypes()
  // One sync per coach at a time (no unique index on the Acuity type id): two first page loads at once must not
  // insert a type twice. Acuity is asked before, outside the transaction.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mialma:acuity-types:${coachId}`}))`)
    const seen: string[] = []
    for (const t of types) {
      const priceRappen = Math.round(t.price * 100)
      if (t.duration < 15 || t.duration > 480 || !(priceRappen > 0)) {
        log.warn('bookings.acuity_type_skipped', { acuityTypeId: t.id, duration: t.duration })
        continue
      }
      seen.push(t.id)
      const values = { name: t.name, durationMinutes: t.duration, priceRappen, updatedAt: now }
      const updated = await tx
        .update(sessionTypes)
        .set(values)
        .where(and(eq(sessionTypes.coachId, coachId), eq(sessionTypes.acuityAppointmentTypeId, t.id)))
        .returning({ id: sessionTypes.id })
      if (!updated.length)
        await tx
          .insert(sessionTypes)
          .values({ ...values, coachId, mode: 'video', active: t.active, acuityAppointmentTypeId: t.id })
    }
    await tx
      .update(sessionTypes)
      .set({ active: false, updatedAt: now })
      .where(
        and(
          eq(sessionTypes.coachId, coachId),
          isNotNull(sessionTypes.acuityAppointmentTypeId),
          eq(sessionTypes.active, true),
          seen.length ? notInArray(sessionTypes.acuityAppointmentTypeId, seen) : undefined,
        ),
      )
  })
  lastTypeSync.set(coachId, now.getTime())
}

/**
 * Free slots of an Acuity appointment type from now up to the booking horizon: `/availability/dates` per month,
 * then `/availability/times` per date, all in Europe/Zurich. Acuity answers wall times with their UTC offset
 * (`+0100` in winter, `+0200` in summer), which are parsed as instants, so DST switch days come out right. Our
 * own busy ranges (e.g. a hold whose appointment is not at Acuity yet) are left out too.
 */
export async function acuityFreeSlots(
  acuity: AcuityClient,
  input: {
    appointmentTypeId: string
    durationMinutes: number
    horizonDays: number
    busy: BusyRange[]
    bufferAfterMinutes: number
    bufferBeforeMinutes: number
    now: Date
  },
): Promise<Slot[]> {
  const { now } = input
  const until = new Date(now.getTime() + input.horizonDays * DAY)
  const start = DateTime.fromJSDate(now, { zone: ACUITY_TIME_ZONE }).startOf('month')
  const months: string[] = []
  for (let m = start; m.toJSDate() <= until; m = m.plus({ months: 1 })) months.push(m.toFormat('yyyy-MM'))
  const dates = (
    await Promise.all(
      months.map((month) => acuity.availableDates({ month, appointmentTypeId: input.appointmentTypeId })),
    )
  )
    .flat()
    .map((d) => d.date)
  const times = await inBatches(dates, 4, (date) =>
    acuity.availableTimes({ date, appointmentTypeId: input.appointmentTypeId }),
  )
  const seen = new Set<number>()
  const slots: Slot[] = []
  for (const { time } of times.flat()) {
    const t = time.getTime()
    if (t <= now.getTime() || t > until.getTime() || seen.has(t)) continue
    const from = t - input.bufferBeforeMinutes * MINUTE
    const to = t + (input.durationMinutes + input.bufferAfterMinutes) * MINUTE
    if (input.busy.some((b) => b.from.getTime() < to && from < b.until.getTime())) continue
    seen.add(t)
    slots.push({ start: time, end: new Date(t + input.durationMinutes * MINUTE) })
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime())
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))))
  return out
}

/** First and last name from our one name field (Acuity wants both); "-" when there is only one word. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  if (parts.length < 2) return { firstName: parts[0] ?? '-', lastName: '-' }
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1)! }
}

/** Acuity could not be reached or refused for another reason: nothing was booked or moved. */
export class SchedulingUnavailableError extends ConflictError {
  override name = 'SchedulingUnavailableError'
  constructor() {
    super('bookings.schedulingUnavailable')
  }
}

/**
 * Creates the Acuity appointment of a booking we just wrote (under the coach's lock, outside its transaction:
 * no network inside a transaction) and stores its id. If Acuity refuses — the time was taken there meanwhile —
 * our booking is released again (expired, its plan credit returned; no checkout was opened yet) and the client
 * gets SlotTakenError; any other failure releases it too (SchedulingUnavailableError), so we never hold a time
 * Acuity does not know about.
 */
export async function createAtAcuity(
  db: Db,
  acuity: AcuityClient,
  booking: { id: string; startsAt: Date; creditGrantId: string | null },
  input: { appointmentTypeId: string; name: string; email: string; now: Date },
): Promise<string> {
  try {
    const appointment = await acuity.createAppointment({
      datetime: booking.startsAt,
      appointmentTypeId: input.appointmentTypeId,
      ...splitName(input.name),
      email: input.email,
    })
    await db.update(bookings).set({ acuityAppointmentId: appointment.id }).where(eq(bookings.id, booking.id))
    return appointment.id
  } catch (error) {
    log.warn('bookings.acuity_create_failed', { bookingId: booking.id, ...acuityFailure(error) })
    await db.transaction(async (tx) => {
      const [released] = await tx
        .update(bookings)
        .set({ status: 'expired', holdExpiresAt: null, updatedAt: input.now })
        .where(and(eq(bookings.id, booking.id), inArray(bookings.status, ['pending', 'confirmed'])))
        .returning({ id: bookings.id })
      if (released && booking.creditGrantId) await returnCredit(tx, booking.creditGrantId)
    })
    if (error instanceof AcuityError && error.slotUnavailable) throw new SlotTakenError()
    throw new SchedulingUnavailableError()
  }
}

/** Moves the appointment at Acuity (before our row): a refused time is SlotTakenError, nothing changed. */
export async function rescheduleAtAcuity(
  acuity: AcuityClient,
  appointmentId: string,
  to: Date,
): Promise<void> {
  try {
    await acuity.rescheduleAppointment(appointmentId, to)
  } catch (error) {
    log.warn('bookings.acuity_reschedule_failed', { ...acuityFailure(error) })
    if (error instanceof AcuityError && error.slotUnavailable) throw new SlotTakenError()
    throw new SchedulingUnavailableError()
  }
}

/** The error's class for a log line (never a message with content). */
export function acuityFailure(error: unknown): { error: string; status: number | null; code: string | null } {
  if (error instanceof AcuityError) return { error: error.name, status: error.status, code: error.code }
  return { error: error instanceof Error ? error.name : 'unknown', status: null, code: null }
}

/**
 * Cancels at Acuity and clears the link. A 404 counts as done (nothing left there). On failure the link stays:
 * releaseAcuityAppointments retries. Returns whether the link is gone.
 */
export async function cancelAtAcuity(db: Db, acuity: AcuityClient, bookingId: string, appointmentId: string) {
  try {
    await acuity.cancelAppointment(appointmentId)
  } catch (error) {
    if (!(error instanceof AcuityError && error.status === 404)) {
      log.warn('bookings.acuity_cancel_failed', { bookingId, ...acuityFailure(error) })
      return false
    }
  }
  await db
    .update(bookings)
    .set({ acuityAppointmentId: null })
    .where(and(eq(bookings.id, bookingId), eq(bookings.acuityAppointmentId, appointmentId)))
  return true
}

/**
 * Cancellations owed at Acuity: cancelled or expired bookings (client/coach cancel that could not reach Acuity,
 * checkout holds that ran out) still linked to an appointment. Bounded per run; called by the hourly cron and
 * before free slots are listed, so a lapsed hold frees its Acuity time soon. Returns how many were released.
 */
export async function releaseAcuityAppointments(
  db: Db,
  now: Date,
  options: { acuity?: AcuityClient | null; limit?: number } = {},
): Promise<{ due: number; released: number }> {
  const acuity = options.acuity === undefined ? acuityClient() : options.acuity
  if (!acuity) return { due: 0, released: 0 }
  const rows = await db
    .select({ id: bookings.id, appointmentId: bookings.acuityAppointmentId })
    .from(bookings)
    .where(and(inArray(bookings.status, ['cancelled', 'expired']), isNotNull(bookings.acuityAppointmentId)))
    .limit(options.limit ?? 50)
  let released = 0
  for (const row of rows) if (await cancelAtAcuity(db, acuity, row.id, row.appointmentId!)) released++
  if (rows.length) log.info('bookings.acuity_released', { due: rows.length, released, at: now.toISOString() })
  return { due: rows.length, released }
}

export type ForgetAcuityReport = { due: number; cleared: number; cancelledAtAcuity: number; failed: number }

/** Acuity-side data is kept 12 months after the session (privacy policy). */
export const ACUITY_RETENTION_MONTHS = 12

/**
 * Retention of the Acuity link (R11, policy: 12 months for Acuity-side data). For bookings that ended more than
 * 12 months ago and still carry an `acuity_appointment_id`: an appointment still open at Acuity is cancelled
 * there, then the link is cleared — our booking row follows its own retention class. Acuity's API cannot delete
 * appointments; the practice sets Acuity's own data retention to match. A failed cancel keeps the link (retried
 * by the next run). Without Acuity configured the links are only cleared. Bounded by `limit`; dryRun counts only.
 * The retention job (cron/retention) should call this.
 */
export async function forgetAcuityReferences(
  db: Db,
  options: { now: Date; dryRun?: boolean; limit?: number; acuity?: AcuityClient | null },
): Promise<ForgetAcuityReport> {
  const cutoff = DateTime.fromJSDate(options.now, { zone: 'UTC' })
    .minus({ months: ACUITY_RETENTION_MONTHS })
    .toJSDate()
  const rows = await db
    .select({ id: bookings.id, appointmentId: bookings.acuityAppointmentId })
    .from(bookings)
    .where(and(isNotNull(bookings.acuityAppointmentId), lt(bookings.endsAt, cutoff)))
    .limit(options.limit ?? 500)
  const report: ForgetAcuityReport = { due: rows.length, cleared: 0, cancelledAtAcuity: 0, failed: 0 }
  if (options.dryRun) return report
  const acuity = options.acuity === undefined ? acuityClient() : options.acuity
  for (const row of rows) {
    const appointmentId = row.appointmentId!
    if (acuity) {
      try {
        const appointment = await acuity.getAppointment(appointmentId)
        if (!appointment.canceled) {
          await acuity.cancelAppointment(appointmentId)
          report.cancelledAtAcuity++
        }
      } catch (error) {
        if (!(error instanceof AcuityError && error.status === 404)) {
          log.warn('retention.acuity_forget_failed', { bookingId: row.id, ...acuityFailure(error) })
          report.failed++
          continue
        }
      }
    }
    const cleared = await db
      .update(bookings)
      .set({ acuityAppointmentId: null })
      .where(and(eq(bookings.id, row.id), eq(bookings.acuityAppointmentId, appointmentId)))
      .returning({ id: bookings.id })
    report.cleared += cleared.length
  }
  log.info('retention.acuity_references', report)
  return report
}
