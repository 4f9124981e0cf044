import { and, eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { bookings, sessionTypes, webhookEvents } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import {
  forgetAcuityReferences,
  releaseAcuityAppointments,
  syncAcuityTypes,
} from '@/lib/bookings/acuity-sync'
import { handleAcuityWebhook } from '@/lib/bookings/acuity-webhook'
import {
  bookSlot,
  cancelBooking,
  freeSlotsFor,
  listBookableTypes,
  rescheduleBooking,
  SlotNotOfferedError,
} from '@/lib/bookings/booking'
import { SlotTakenError } from '@/lib/bookings/hold'
import type * as acuityModule from '@/lib/integrations/acuity'
import { type AcuityClient, buildAcuity } from '@/lib/integrations/acuity'
import type * as stripeModule from '@/lib/integrations/stripe'
import { startFakeAcuity, type FakeAcuity } from '../fakes/acuity'
import { createTestDb } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { insertBooking, rejection } from '../helpers/fixtures'
import {
  bookingRow,
  bookingWorld,
  HOUR,
  mails,
  newClient,
  NOW,
  type World,
  zurich,
} from '../helpers/payments'

// The services read acuityClient() (null without ACUITY_* keys); the tests hand them the real client pointed at
// the fake, or null for "not configured". Stripe stays unconfigured: the local Testzahlung path.
const acuityMock = vi.hoisted(() => ({ client: null as AcuityClient | null }))
vi.mock('@/lib/integrations/acuity', async (importOriginal) => ({
  ...(await importOriginal<typeof acuityModule>()),
  acuityClient: () => acuityMock.client,
}))
vi.mock('@/lib/integrations/stripe', async (importOriginal) => ({
  ...(await importOriginal<typeof stripeModule>()),
  stripeClient: () => null,
}))

let handle: DbHandle
let fake: FakeAcuity
let acuity: AcuityClient

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  ;[handle, fake] = await Promise.all([createTestDb(), startFakeAcuity()])
  acuity = buildAcuity(fake.userId, fake.apiKey, fake.url)
})
afterAll(async () => {
  vi.useRealTimers()
  await Promise.all([handle?.close(), fake?.close()])
})
beforeEach(() => {
  vi.setSystemTime(NOW)
  fake.reset()
  acuityMock.client = acuity
  for (const level of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

/** Wednesday 10:00 and Thursday 10:00 in Zurich: two and three days after NOW. */
const WED_10 = zurich('2030-03-06T10:00')
const THU_10 = zurich('2030-03-07T10:00')

/** The coach's world with Acuity's types synced; returns the session type mirroring Acuity type 101. */
async function acuityWorld() {
  const world = await bookingWorld(handle.db)
  const types = await listBookableTypes(handle.db, world.client, NOW)
  const coaching = types.find((t) => t.acuityAppointmentTypeId === '101')!
  return { ...world, acuityTypeId: coaching.id }
}
type AcuityWorld = Awaited<ReturnType<typeof acuityWorld>>

const book = (world: AcuityWorld, startsAt: Date, client: World['client'] = world.client) =>
  bookSlot(handle.db, client, { sessionTypeId: world.acuityTypeId, startsAt, payWith: 'checkout' }, NOW)

/** A booked slot, confirmed as if paid (payments are not what these tests are about). */
async function confirmedBooking(world: AcuityWorld, startsAt: Date) {
  const { bookingId } = await book(world, startsAt)
  await handle.db
    .update(bookings)
    .set({ status: 'confirmed', holdExpiresAt: null })
    .where(eq(bookings.id, bookingId))
  return bookingRow(handle.db, bookingId)
}

function webhookRequest(body: string, signature: string | null) {
  return new Request('http://localhost/api/webhooks/acuity', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-acuity-signature': signature }),
    },
    body,
  })
}
const deliver = (body: string, signature: string | null, now = NOW) =>
  handleAcuityWebhook(webhookRequest(body, signature), { db: handle.db, apiKey: fake.apiKey, acuity, now })

/** The stored Acuity events about one appointment (the database is shared by the tests of this file). */
const acuityEvents = async (appointmentId: string | number) =>
  (await handle.db.select().from(webhookEvents).where(eq(webhookEvents.provider, 'acuity'))).filter(
    (e) => (e.payload as { appointmentId?: string }).appointmentId === String(appointmentId),
  )
const callsTo = (method: string, path: RegExp) =>
  fake.requests.filter((r) => r.method === method && path.test(r.path))

describe('R3.5 Acuity appointment types are synced into our session types', () => {
  it('name, duration and price follow Acuity; the coach keeps mode and bookable choice; own types are not offered', async () => {
    const world = await acuityWorld()
    const types = await listBookableTypes(handle.db, world.client, NOW)
    expect(types.map((t) => [t.name, t.durationMinutes, t.priceRappen, t.acuityAppointmentTypeId])).toEqual([
      ['Kurzgespräch', 30, 6_000, '102'],
      ['Coaching-Sitzung', 60, 15_000, '101'],
    ])
    expect(types.some((t) => t.id === world.sessionTypeId)).toBe(false)

    await handle.db
      .update(sessionTypes)
      .set({ mode: 'in_person' })
      .where(eq(sessionTypes.id, world.acuityTypeId))
    await handle.db
      .update(sessionTypes)
      .set({ active: false })
      .where(
        and(eq(sessionTypes.coachId, world.coach.userId), eq(sessionTypes.acuityAppointmentTypeId, '102')),
      )
    fake.types = [
      { id: 101, name: 'Coaching 75', duration: 75, price: '180.00', active: true },
      { id: 102, name: 'Kurzgespräch', duration: 30, price: '60.00', active: true },
    ]
    await syncAcuityTypes(handle.db, world.coach.userId, acuity, NOW, { force: true })
    const [row] = await handle.db.select().from(sessionTypes).where(eq(sessionTypes.id, world.acuityTypeId))
    expect(row).toMatchObject({
      name: 'Coaching 75',
      durationMinutes: 75,
      priceRappen: 18_000,
      mode: 'in_person',
    })
    expect(
      (await listBookableTypes(handle.db, world.client, NOW)).map((t) => t.acuityAppointmentTypeId),
    ).toEqual(['101'])
  })

  it('two first loads at once mirror each Acuity type once', async () => {
    const world = await bookingWorld(handle.db)
    await Promise.all([
      syncAcuityTypes(handle.db, world.coach.userId, acuity, NOW, { force: true }),
      syncAcuityTypes(handle.db, world.coach.userId, acuity, NOW, { force: true }),
    ])
    const rows = await handle.db
      .select()
      .from(sessionTypes)
      .where(eq(sessionTypes.coachId, world.coach.userId))
    expect(rows.map((r) => r.acuityAppointmentTypeId).sort()).toEqual(['101', '102', null])
  })

  it('is cached for a few minutes: a second listing asks Acuity nothing', async () => {
    const world = await acuityWorld()
    const before = callsTo('GET', /^\/appointment-types$/).length
    await listBookableTypes(handle.db, world.client, new Date(NOW.getTime() + 60_000))
    expect(callsTo('GET', /^\/appointment-types$/).length).toBe(before)
  })
})

describe('R3.5/R3.2 free times come from Acuity, mapped correctly across time zones and DST', () => {
  it('a schedule in New York, asked in Europe/Zurich: 09:00–16:00 New York every day across both March switches', async () => {
    fake.schedule = { ...fake.schedule, timeZone: 'America/New_York' }
    const world = await acuityWorld()
    const { slots } = await freeSlotsFor(handle.db, world.client, world.acuityTypeId, NOW)

    // Every request named Zurich; the answers carried Zurich offsets (+0100 before 31 March, +0200 after).
    const timeCalls = callsTo('GET', /^\/availability\/times$/)
    expect(timeCalls.length).toBeGreaterThan(50)
    expect(timeCalls.every((r) => r.query.timezone === 'Europe/Zurich')).toBe(true)
    expect(callsTo('GET', /^\/availability\/dates$/).map((r) => r.query.month)).toEqual([
      '2030-03',
      '2030-04',
      '2030-05',
    ])

    const ny = (d: Date) => DateTime.fromJSDate(d, { zone: 'America/New_York' })
    expect(new Set(slots.map((s) => ny(s.start).hour))).toEqual(new Set([9, 10, 11, 12, 13, 14, 15, 16]))
    const utcHoursOn = (isoDate: string) =>
      slots.filter((s) => ny(s.start).toISODate() === isoDate).map((s) => s.start.toISOString().slice(11, 16))
    // US switch 10 March, EU switch 31 March: 09:00 New York is 14:00 UTC, then 13:00 UTC.
    expect(utcHoursOn('2030-03-09')[0]).toBe('14:00')
    expect(utcHoursOn('2030-03-10')[0]).toBe('13:00')
    expect(utcHoursOn('2030-03-31')[0]).toBe('13:00')
    expect(utcHoursOn('2030-03-31')).toHaveLength(8)
    for (const s of slots) expect(s.end.getTime() - s.start.getTime()).toBe(HOUR)
  })

  it('the Zurich switch day 31 March 2030: 09:00 Zurich is 08:00 UTC before, 07:00 UTC after', async () => {
    const world = await acuityWorld()
    const { slots } = await freeSlotsFor(handle.db, world.client, world.acuityTypeId, NOW)
    const starts = slots.map((s) => s.start.toISOString())
    expect(starts).toContain('2030-03-30T08:00:00.000Z')
    expect(starts).toContain('2030-03-31T07:00:00.000Z')
    expect(starts).not.toContain('2030-03-31T08:00:00.000Z' + 'x')
    expect(slots.filter((s) => s.start.toISOString().startsWith('2030-03-31'))).toHaveLength(8)
    // Nothing in the past, nothing beyond the 60-day horizon.
    expect(slots[0]!.start > NOW).toBe(true)
    expect(slots.at(-1)!.start.getTime()).toBeLessThanOrEqual(NOW.getTime() + 60 * 24 * HOUR)
  })
})

describe('R3.5 booking creates the appointment at Acuity', () => {
  it('sends exactly name, e-mail, time and type — nothing else — and stores the appointment id', async () => {
    const world = await acuityWorld()
    const result = await book(world, WED_10)
    expect(result.status).toBe('pending')

    const [check] = callsTo('POST', /^\/availability\/check-times$/)
    expect(check!.body).toEqual([{ datetime: '2030-03-06T10:00:00+0100', appointmentTypeID: 101 }])
    const creates = callsTo('POST', /^\/appointments$/)
    expect(creates).toHaveLength(1)
    expect(Object.keys(creates[0]!.body as object).sort()).toEqual([
      'appointmentTypeID',
      'datetime',
      'email',
      'firstName',
      'lastName',
    ])
    const [first, ...rest] = world.client.name.split(' ')
    expect(creates[0]!.body).toEqual({
      datetime: '2030-03-06T10:00:00+0100',
      appointmentTypeID: 101,
      firstName: first,
      lastName: rest.join(' '),
      email: world.client.email,
    })
    expect(creates[0]!.query).toEqual({ noEmail: 'true' })
    const expectedAuth = `Basic ${Buffer.from(`${fake.userId}:${fake.apiKey}`).toString('base64')}`
    expect(creates[0]!.authorization).toBe(expectedAuth)

    const [appointment] = [...fake.appointments.values()]
    expect(appointment!.datetime).toBe('2030-03-06T10:00:00+0100')
    expect(await bookingRow(handle.db, result.bookingId)).toMatchObject({
      acuityAppointmentId: String(appointment!.id),
      startsAt: WED_10,
      sessionTypeId: world.acuityTypeId,
    })
  })

  it('a time Acuity no longer offers is refused before anything is written', async () => {
    const world = await acuityWorld()
    fake.addAppointment(WED_10)
    expect(await rejection(book(world, WED_10))).toBeInstanceOf(SlotNotOfferedError)
    expect(await handle.db.select().from(bookings).where(eq(bookings.coachId, world.coach.userId))).toEqual(
      [],
    )
  })

  it('taken at Acuity between check and create: our booking is released and the client reads "slot taken"', async () => {
    const world = await acuityWorld()
    fake.afterNextCheck(() => fake.addAppointment(WED_10))
    const error = await rejection(book(world, WED_10))
    expect(error).toBeInstanceOf(SlotTakenError)
    expect(messageOf(error)).toBe('Dieser Termin wurde gerade vergeben. Bitte wähle einen anderen.')
    const rows = await handle.db.select().from(bookings).where(eq(bookings.coachId, world.coach.userId))
    expect(rows.map((r) => [r.status, r.acuityAppointmentId, r.holdExpiresAt])).toEqual([
      ['expired', null, null],
    ])
    expect([...fake.appointments.values()].filter((a) => a.email === world.client.email)).toEqual([])
    // The time is not held by us any more.
    expect(await rejection(book(world, WED_10))).toBeInstanceOf(SlotNotOfferedError)
  })

  it('two clients booking the same time at once: one appointment, the other a clear "slot taken"', async () => {
    const world = await acuityWorld()
    const other = await newClient(handle.db, world.coach.userId)
    const results = await Promise.allSettled([book(world, WED_10), book(world, WED_10, other)])
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r) => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    // Which of the two the loser reads depends on the interleaving: "just taken" when both passed the check,
    // "no longer bookable" when the winner's appointment was already there at the loser's check.
    const reason = (lost[0] as PromiseRejectedResult).reason as Error
    expect(
      [SlotTakenError, SlotNotOfferedError].some((type) => reason instanceof type),
      reason.name,
    ).toBe(true)
    expect([...fake.appointments.values()].filter((a) => !a.canceled)).toHaveLength(1)
    const live = await handle.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.coachId, world.coach.userId), eq(bookings.status, 'pending')))
    expect(live).toHaveLength(1)
    expect(live[0]!.acuityAppointmentId).toBe(String([...fake.appointments.values()][0]!.id))
  })
})

describe('R3.5 cancelling and rescheduling from our side reach Acuity', () => {
  it('the client cancels: cancelled at Acuity, the link cleared', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    await cancelBooking(handle.db, world.client, booking.id, NOW)
    expect(fake.appointments.get(Number(booking.acuityAppointmentId))!.canceled).toBe(true)
    expect(await bookingRow(handle.db, booking.id)).toMatchObject({
      status: 'cancelled',
      acuityAppointmentId: null,
    })
  })

  it('Acuity unreachable on cancel: ours is cancelled, the link stays, the cron retries it', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    fake.failNext('PUT', '/appointments/', 503, 'service_unavailable')
    await cancelBooking(handle.db, world.coach, booking.id, NOW)
    const id = booking.acuityAppointmentId!
    expect(await bookingRow(handle.db, booking.id)).toMatchObject({
      status: 'cancelled',
      acuityAppointmentId: id,
    })
    expect(fake.appointments.get(Number(id))!.canceled).toBe(false)
    expect((await releaseAcuityAppointments(handle.db, NOW, { acuity })).released).toBeGreaterThanOrEqual(1)
    expect(fake.appointments.get(Number(id))!.canceled).toBe(true)
    expect((await bookingRow(handle.db, booking.id)).acuityAppointmentId).toBeNull()
  })

  it('an owed cancellation confirmed by the Acuity webhook (cancelled there by hand) just drops the link', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    fake.failNext('PUT', '/appointments/', 503, 'service_unavailable')
    await cancelBooking(handle.db, world.client, booking.id, NOW)
    const id = Number(booking.acuityAppointmentId)
    fake.cancelAppointment(id)
    const { body, signature } = fake.webhook('appointment.canceled', id)
    expect(await (await deliver(body, signature)).json()).toMatchObject({ outcome: 'unchanged' })
    expect(await bookingRow(handle.db, booking.id)).toMatchObject({
      status: 'cancelled',
      acuityAppointmentId: null,
    })
    expect(await mails(handle.db, `booking-cancelled/${booking.id}`)).toHaveLength(1)
  })

  it('a checkout hold that ran out frees its time at Acuity too', async () => {
    const world = await acuityWorld()
    const { bookingId } = await book(world, WED_10)
    const id = (await bookingRow(handle.db, bookingId)).acuityAppointmentId!
    await handle.db.update(bookings).set({ status: 'expired' }).where(eq(bookings.id, bookingId))
    await releaseAcuityAppointments(handle.db, NOW, { acuity })
    expect(fake.appointments.get(Number(id))!.canceled).toBe(true)
  })

  it('the client reschedules: Acuity first; a time taken there changes nothing', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    const appointmentId = Number(booking.acuityAppointmentId)
    fake.addAppointment(THU_10)
    expect(
      await rejection(rescheduleBooking(handle.db, world.client, booking.id, THU_10, NOW)),
    ).toBeInstanceOf(SlotTakenError)
    expect((await bookingRow(handle.db, booking.id)).startsAt).toEqual(WED_10)
    expect(fake.appointments.get(appointmentId)!.datetime).toBe('2030-03-06T10:00:00+0100')

    const FRI_10 = zurich('2030-03-08T10:00')
    await rescheduleBooking(handle.db, world.client, booking.id, FRI_10, NOW)
    expect(fake.appointments.get(appointmentId)!.datetime).toBe('2030-03-08T10:00:00+0100')
    expect(await bookingRow(handle.db, booking.id)).toMatchObject({ startsAt: FRI_10, sequence: 1 })
  })
})

describe('R3.5/R11 Acuity webhooks: verified, stored, applied from the re-fetched appointment', () => {
  it('signature valid → 200; wrong or missing → 401 and nothing stored', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    const { body, signature } = fake.webhook('appointment.scheduled', Number(booking.acuityAppointmentId))

    const missing = await deliver(body, null)
    expect(missing.status).toBe(401)
    const wrong = await deliver(body, Buffer.from('x'.repeat(32)).toString('base64'))
    expect(wrong.status).toBe(401)
    const tampered = await deliver(body.replace('scheduled', 'canceled'), signature)
    expect(tampered.status).toBe(401)
    expect(await acuityEvents(booking.acuityAppointmentId!)).toEqual([])

    const ok = await deliver(body, signature)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ received: true, outcome: 'unchanged' })
    const events = await acuityEvents(booking.acuityAppointmentId!)
    expect(events).toHaveLength(1)
    expect(events[0]!.type).toBe('appointment.scheduled')
    expect(events[0]!.payload).toEqual({
      action: 'appointment.scheduled',
      appointmentId: booking.acuityAppointmentId,
    })
  })

  it('without Acuity configured the receiver answers 503', async () => {
    const res = await handleAcuityWebhook(webhookRequest('action=x&id=1', 'x'), {
      db: handle.db,
      apiKey: null,
      acuity: null,
      now: NOW,
    })
    expect(res.status).toBe(503)
  })

  it('reschedule at Acuity moves our booking and sends the new invitation once; replays and stale deliveries change nothing', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    const id = Number(booking.acuityAppointmentId)
    // An older delivery kept back: "scheduled" for the original time.
    const stale = fake.webhook('appointment.scheduled', id)

    fake.moveAppointment(id, THU_10)
    const moved = fake.webhook('appointment.rescheduled', id)
    expect(await (await deliver(moved.body, moved.signature)).json()).toEqual({
      received: true,
      outcome: 'moved',
    })
    expect(await bookingRow(handle.db, booking.id)).toMatchObject({
      status: 'confirmed',
      startsAt: THU_10,
      endsAt: new Date(THU_10.getTime() + HOUR),
      blockedUntil: new Date(THU_10.getTime() + 75 * 60_000),
      sequence: 1,
    })

    // The exact replay is a duplicate; `changed` for the same move and the stale delivery find nothing to do.
    expect(await (await deliver(moved.body, moved.signature)).json()).toEqual({
      received: true,
      duplicate: true,
      outcome: 'unchanged',
    })
    const changed = fake.webhook('appointment.changed', id)
    expect(await (await deliver(changed.body, changed.signature)).json()).toMatchObject({
      outcome: 'unchanged',
    })
    expect(await (await deliver(stale.body, stale.signature)).json()).toMatchObject({ outcome: 'unchanged' })

    expect((await bookingRow(handle.db, booking.id)).startsAt).toEqual(THU_10)
    expect(await mails(handle.db, `booking-confirmed/${booking.id}/1`)).toHaveLength(1)
    expect(await mails(handle.db, `booking-confirmed/${booking.id}/`)).toHaveLength(1)
    expect(await acuityEvents(id)).toHaveLength(3)
  })

  it('a second move of the same appointment (the same webhook body again) is applied too, one invitation each', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    const id = Number(booking.acuityAppointmentId)
    fake.moveAppointment(id, THU_10)
    const first = fake.webhook('appointment.rescheduled', id)
    expect(await (await deliver(first.body, first.signature)).json()).toMatchObject({ outcome: 'moved' })
    const FRI_10 = zurich('2030-03-08T10:00')
    fake.moveAppointment(id, FRI_10)
    const second = fake.webhook('appointment.rescheduled', id)
    expect(second.body).toBe(first.body)
    expect(await (await deliver(second.body, second.signature)).json()).toEqual({
      received: true,
      duplicate: true,
      outcome: 'moved',
    })
    expect(await bookingRow(handle.db, booking.id)).toMatchObject({ startsAt: FRI_10, sequence: 2 })
    expect(await mails(handle.db, `booking-confirmed/${booking.id}/`)).toHaveLength(2)
    expect(await acuityEvents(id)).toHaveLength(1)
  })

  it('a move at Acuity onto a time our database holds for another booking is logged and left for the coach', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    const other = await newClient(handle.db, world.coach.userId)
    await insertBooking(handle.db, {
      coachId: world.coach.userId,
      clientId: other.userId,
      startsAt: THU_10,
      status: 'confirmed',
    })
    fake.moveAppointment(Number(booking.acuityAppointmentId), THU_10)
    const { body, signature } = fake.webhook('appointment.rescheduled', Number(booking.acuityAppointmentId))
    expect(await (await deliver(body, signature)).json()).toMatchObject({ outcome: 'conflict' })
    expect((await bookingRow(handle.db, booking.id)).startsAt).toEqual(WED_10)
  })

  it('cancelled at Acuity: our booking is cancelled as by the coach, the client notified once, nothing sent back', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    const id = Number(booking.acuityAppointmentId)
    fake.cancelAppointment(id)
    const { body, signature } = fake.webhook('appointment.canceled', id)
    expect(await (await deliver(body, signature)).json()).toEqual({ received: true, outcome: 'cancelled' })
    expect(await bookingRow(handle.db, booking.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'coach',
      acuityAppointmentId: null,
    })
    expect(callsTo('PUT', /\/cancel$/)).toHaveLength(0)
    expect(await mails(handle.db, `booking-cancelled/${booking.id}`)).toHaveLength(1)
    expect(await (await deliver(body, signature)).json()).toEqual({
      received: true,
      duplicate: true,
      outcome: 'unknown',
    })
    const changed = fake.webhook('appointment.changed', id)
    expect(await (await deliver(changed.body, changed.signature)).json()).toMatchObject({
      outcome: 'unknown',
    })
    expect(await mails(handle.db, `booking-cancelled/${booking.id}`)).toHaveLength(1)
  })

  it('appointments made directly at Acuity are ignored (logged, stored, nothing written)', async () => {
    const direct = fake.addAppointment(WED_10)
    const { body, signature } = fake.webhook('appointment.scheduled', direct.id)
    const res = await deliver(body, signature)
    expect(await res.json()).toEqual({ received: true, outcome: 'unknown' })
    expect(
      await handle.db
        .select()
        .from(bookings)
        .where(eq(bookings.acuityAppointmentId, String(direct.id))),
    ).toEqual([])
  })

  it('Acuity unreachable while re-fetching → 502 and nothing stored, so the redelivery is applied', async () => {
    const world = await acuityWorld()
    const booking = await confirmedBooking(world, WED_10)
    const id = Number(booking.acuityAppointmentId)
    fake.moveAppointment(id, THU_10)
    const { body, signature } = fake.webhook('appointment.rescheduled', id)
    fake.failNext('GET', '/appointments/', 500, 'server_error')
    expect((await deliver(body, signature)).status).toBe(502)
    expect(await acuityEvents(id)).toEqual([])
    expect(await (await deliver(body, signature)).json()).toMatchObject({ outcome: 'moved' })
  })
})

describe('R13.1 Acuity log lines carry technical facts only', () => {
  it('a refused booking, a failed cancel and webhooks log neither name nor e-mail', async () => {
    const lines: string[] = []
    for (const level of ['info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((line: unknown) => void lines.push(String(line)))
    const world = await acuityWorld()
    fake.afterNextCheck(() => fake.addAppointment(WED_10))
    await rejection(book(world, WED_10))
    const booking = await confirmedBooking(world, THU_10)
    fake.failNext('PUT', '/appointments/', 503, 'service_unavailable')
    await cancelBooking(handle.db, world.client, booking.id, NOW)
    const { body, signature } = fake.webhook('appointment.canceled', Number(booking.acuityAppointmentId))
    await deliver(body, signature)
    expect(lines.some((l) => l.includes('bookings.acuity_create_failed'))).toBe(true)
    expect(lines.some((l) => l.includes('bookings.acuity_cancel_failed'))).toBe(true)
    const all = lines.join('\n')
    expect(all).not.toContain(world.client.email)
    expect(all).not.toContain(world.client.name)
  })
})

describe('R11 Acuity references are forgotten after 12 months', () => {
  it('clears the link of bookings ended over 12 months ago, cancelling still-open appointments; dry run counts only', async () => {
    // Links left by the other tests of this file would count too: this test starts from none.
    await handle.db.update(bookings).set({ acuityAppointmentId: null })
    const world = await acuityWorld()
    const later = new Date('2031-03-10T08:00:00Z')
    const old = await confirmedBooking(world, WED_10)
    const recent = await confirmedBooking(world, THU_10)
    // The recent one ended only 12 months less a few days before `later`.
    await handle.db
      .update(bookings)
      .set({
        startsAt: zurich('2030-03-20T10:00'),
        endsAt: zurich('2030-03-20T11:00'),
        blockedFrom: zurich('2030-03-20T10:00'),
        blockedUntil: zurich('2030-03-20T11:15'),
      })
      .where(eq(bookings.id, recent.id))

    const dry = await forgetAcuityReferences(handle.db, { now: later, dryRun: true, acuity })
    expect(dry).toEqual({ due: 1, cleared: 0, cancelledAtAcuity: 0, failed: 0 })
    expect((await bookingRow(handle.db, old.id)).acuityAppointmentId).not.toBeNull()

    const run = await forgetAcuityReferences(handle.db, { now: later, acuity })
    expect(run).toEqual({ due: 1, cleared: 1, cancelledAtAcuity: 1, failed: 0 })
    expect((await bookingRow(handle.db, old.id)).acuityAppointmentId).toBeNull()
    expect((await bookingRow(handle.db, recent.id)).acuityAppointmentId).toBe(recent.acuityAppointmentId)
    expect(fake.appointments.get(Number(old.acuityAppointmentId))!.canceled).toBe(true)
    expect(await forgetAcuityReferences(handle.db, { now: later, acuity })).toEqual({
      due: 0,
      cleared: 0,
      cancelledAtAcuity: 0,
      failed: 0,
    })
  })
})

describe('R3.5 without Acuity keys our own scheduling is unchanged', () => {
  it('own session types and slots, nothing asked of Acuity, no appointment id', async () => {
    acuityMock.client = null
    const world = await bookingWorld(handle.db)
    const types = await listBookableTypes(handle.db, world.client, NOW)
    expect(types.map((t) => t.id)).toEqual([world.sessionTypeId])
    const { slots } = await freeSlotsFor(handle.db, world.client, world.sessionTypeId, NOW)
    expect(slots.map((s) => s.start.getTime())).toContain(WED_10.getTime())
    const { bookingId } = await bookSlot(
      handle.db,
      world.client,
      { sessionTypeId: world.sessionTypeId, startsAt: WED_10, payWith: 'checkout' },
      NOW,
    )
    expect((await bookingRow(handle.db, bookingId)).acuityAppointmentId).toBeNull()
    await cancelBooking(handle.db, world.client, bookingId, NOW)
    expect(fake.requests).toEqual([])
  })
})
