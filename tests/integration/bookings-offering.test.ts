import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bookings, sessionTypes } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { AuthorizationError } from '@/lib/auth/types'
import {
  addException,
  createSessionType,
  defaultSettings,
  deleteException,
  getSettings,
  listExceptions,
  listSessionTypes,
  listWeeklyRules,
  OverlappingRangesError,
  replaceWeeklyRules,
  setSessionTypeActive,
  updateSessionType,
  updateSettings,
} from '@/lib/bookings/offering'
import { insertBookingExclusive, SlotTakenError } from '@/lib/bookings/hold'
import { listUpcomingBookingsForCoach } from '@/lib/bookings/queries'
import { sessionTypeSchema } from '@/lib/bookings/schemas'
import { NotFoundError } from '@/lib/errors'
import { createTestDb } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { actorOf, createUser } from '../helpers/fixtures'

let handle: DbHandle
beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

const typeInput = (over: Partial<Record<string, string>> = {}) =>
  sessionTypeSchema.parse({ name: 'Coaching', durationMinutes: '60', price: '150', mode: 'video', ...over })

describe('R3.1 the coach defines session types, weekly hours, exceptions and rules', () => {
  it('session types: create, edit, pause; only the own; prices in Rappen', async () => {
    const coach = actorOf(await createUser(handle.db, { role: 'coach' }))
    const other = actorOf(await createUser(handle.db, { role: 'coach' }))
    const { id } = await createSessionType(handle.db, coach, typeInput({ price: '150.50' }))
    expect((await listSessionTypes(handle.db, coach.userId))[0]).toMatchObject({
      priceRappen: 15_050,
      active: true,
    })
    await updateSessionType(handle.db, coach, id, typeInput({ name: 'Vertiefung', durationMinutes: '90' }))
    await setSessionTypeActive(handle.db, coach, id, false)
    expect(await listSessionTypes(handle.db, coach.userId, { activeOnly: true })).toEqual([])
    expect((await listSessionTypes(handle.db, coach.userId))[0]).toMatchObject({
      name: 'Vertiefung',
      durationMinutes: 90,
    })
    await expect(updateSessionType(handle.db, other, id, typeInput())).rejects.toThrow(NotFoundError)
    await expect(setSessionTypeActive(handle.db, other, id, true)).rejects.toThrow(NotFoundError)
    const client = actorOf(await createUser(handle.db, { role: 'client' }))
    await expect(createSessionType(handle.db, client, typeInput())).rejects.toThrow(AuthorizationError)
  })

  it('bad input: a price ≤ 0 or a too short session is refused by the schema and by the database', async () => {
    expect(
      sessionTypeSchema.safeParse({ name: 'x', durationMinutes: '60', price: '0', mode: 'video' }).success,
    ).toBe(false)
    expect(
      sessionTypeSchema.safeParse({ name: 'x', durationMinutes: '60', price: '-5', mode: 'video' }).success,
    ).toBe(false)
    expect(
      sessionTypeSchema.safeParse({ name: 'x', durationMinutes: '10', price: '5', mode: 'video' }).success,
    ).toBe(false)
    const coach = await createUser(handle.db, { role: 'coach' })
    await expect(
      handle.db
        .insert(sessionTypes)
        .values({ coachId: coach.id, name: 'Gratis', durationMinutes: 60, priceRappen: 0, mode: 'video' }),
    ).rejects.toThrow()
  })

  it('weekly hours replace the week; overlapping ranges on one day are refused and nothing is written', async () => {
    const coach = actorOf(await createUser(handle.db, { role: 'coach' }))
    const week = {
      1: [
        { startMinute: 540, endMinute: 720 },
        { startMinute: 780, endMinute: 1050 },
      ],
      3: [],
    } as never
    await replaceWeeklyRules(handle.db, coach, week)
    expect(await listWeeklyRules(handle.db, coach.userId)).toEqual([
      { weekday: 1, startMinute: 540, endMinute: 720 },
      { weekday: 1, startMinute: 780, endMinute: 1050 },
    ])
    const overlapping = {
      2: [
        { startMinute: 540, endMinute: 720 },
        { startMinute: 660, endMinute: 780 },
      ],
    } as never
    const error = await replaceWeeklyRules(handle.db, coach, overlapping).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OverlappingRangesError)
    expect((error as OverlappingRangesError).weekday).toBe(2)
    expect(await listWeeklyRules(handle.db, coach.userId)).toHaveLength(2)
  })

  it('exceptions: add and remove own ones, listed from a date on', async () => {
    const coach = actorOf(await createUser(handle.db, { role: 'coach' }))
    const other = actorOf(await createUser(handle.db, { role: 'coach' }))
    const off = await addException(handle.db, coach, {
      date: '2027-01-02',
      kind: 'off',
      startMinute: null,
      endMinute: null,
    })
    await addException(handle.db, coach, {
      date: '2026-12-01',
      kind: 'extra',
      startMinute: 1080,
      endMinute: 1200,
    })
    expect((await listExceptions(handle.db, coach.userId, '2026-12-15')).map((e) => e.date)).toEqual([
      '2027-01-02',
    ])
    await expect(deleteException(handle.db, other, off.id)).rejects.toThrow(NotFoundError)
    await deleteException(handle.db, coach, off.id)
    expect(await listExceptions(handle.db, coach.userId, '2026-12-15')).toEqual([])
  })

  it('rules: defaults until saved (cut-off 24 h), then the saved values', async () => {
    const coach = actorOf(await createUser(handle.db, { role: 'coach' }))
    expect(await getSettings(handle.db, coach.userId)).toEqual(defaultSettings)
    expect(defaultSettings.cancelCutoffHours).toBe(24)
    await updateSettings(handle.db, coach, {
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 20,
      minNoticeHours: 48,
      horizonDays: 90,
      slotStepMinutes: 15,
      cancelCutoffHours: 48,
    })
    expect(await getSettings(handle.db, coach.userId)).toMatchObject({
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 20,
      minNoticeMinutes: 48 * 60,
      horizonDays: 90,
      slotStepMinutes: 15,
      cancelCutoffHours: 48,
    })
  })
})

describe('R3.2 two active bookings of one coach never overlap (database constraint)', () => {
  function values(coachId: string, clientId: string, from: Date, until: Date, status = 'pending') {
    return {
      coachId,
      clientId,
      sessionName: 'Coaching',
      mode: 'video' as const,
      durationMinutes: 60,
      priceRappen: 15_000,
      startsAt: from,
      endsAt: until,
      blockedFrom: from,
      blockedUntil: until,
      status: status as 'pending',
    }
  }

  async function attempt(coachId: string, clientId: string, from: Date, until: Date, status = 'pending') {
    return handle.db
      .insert(bookings)
      .values(values(coachId, clientId, from, until, status))
      .returning({ id: bookings.id })
  }

  it('50 concurrent booking attempts at one slot → exactly one booking, 49 clear "taken" errors', async () => {
    const coach = await createUser(handle.db, { role: 'coach' })
    const clients = await Promise.all(
      Array.from({ length: 5 }, () => createUser(handle.db, { role: 'client', coachId: coach.id })),
    )
    const from = new Date('2027-02-01T09:00:00Z')
    const until = new Date('2027-02-01T10:00:00Z')
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        insertBookingExclusive(handle.db, values(coach.id, clients[i % 5]!.id, from, until)),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(errors).toHaveLength(49)
    for (const e of errors) expect(e).toBeInstanceOf(SlotTakenError)
    expect(messageOf(errors[0])).toBe('Dieser Termin wurde gerade vergeben. Bitte wähle einen anderen.')
    expect(await handle.db.select().from(bookings).where(eq(bookings.coachId, coach.id))).toHaveLength(1)
  })

  it('the constraint alone (no application lock): concurrent raw inserts still leave one booking', async () => {
    const coach = await createUser(handle.db, { role: 'coach' })
    const client = await createUser(handle.db, { role: 'client', coachId: coach.id })
    const from = new Date('2027-02-02T09:00:00Z')
    const until = new Date('2027-02-02T10:00:00Z')
    // PostgreSQL may settle some of these as deadlocks (one per second), so few attempts suffice here.
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => attempt(coach.id, client.id, from, until)),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await handle.db.select().from(bookings).where(eq(bookings.coachId, coach.id))).toHaveLength(1)
  }, 60_000)

  it('overlap incl. buffers is refused; touching ranges, other coaches and cancelled bookings are fine', async () => {
    const coach = await createUser(handle.db, { role: 'coach' })
    const other = await createUser(handle.db, { role: 'coach' })
    const client = await createUser(handle.db, { role: 'client', coachId: coach.id })
    const t = (h: number, m = 0) => new Date(Date.UTC(2027, 2, 1, h, m))
    const [first] = await attempt(coach.id, client.id, t(9), t(10, 15))
    await expect(attempt(coach.id, client.id, t(10), t(11))).rejects.toThrow()
    await attempt(coach.id, client.id, t(10, 15), t(11)) // touching: allowed
    await attempt(other.id, client.id, t(9), t(10)) // another coach
    await handle.db
      .update(bookings)
      .set({ status: 'cancelled' })
      .where(and(eq(bookings.id, first!.id)))
    await attempt(coach.id, client.id, t(9), t(10)) // the cancelled booking freed the time
    await attempt(coach.id, client.id, t(8), t(9, 30), 'cancelled') // cancelled rows never block
  })
})

describe('R3.2 the coach sees upcoming bookings', () => {
  it('lists own pending and confirmed future bookings, soonest first, with the client name', async () => {
    const coach = await createUser(handle.db, { role: 'coach' })
    const other = await createUser(handle.db, { role: 'coach' })
    const client = await createUser(handle.db, { role: 'client', coachId: coach.id, name: 'Lea Muster' })
    const now = new Date('2027-04-01T08:00:00Z')
    const row = (coachId: string, h: number, status: 'pending' | 'confirmed' | 'cancelled', day = 2) => {
      const start = new Date(Date.UTC(2027, 3, day, h))
      const end = new Date(start.getTime() + 3_600_000)
      return {
        coachId,
        clientId: client.id,
        sessionName: `S${h}`,
        mode: 'video' as const,
        durationMinutes: 60,
        priceRappen: 15_000,
        startsAt: start,
        endsAt: end,
        blockedFrom: start,
        blockedUntil: end,
        status,
      }
    }
    await handle.db.insert(bookings).values([
      row(coach.id, 14, 'confirmed'),
      row(coach.id, 9, 'pending'),
      row(coach.id, 11, 'cancelled'),
      row(coach.id, 9, 'confirmed', 0), // 31 March: already past
      row(other.id, 10, 'confirmed'),
    ])
    const list = await listUpcomingBookingsForCoach(handle.db, actorOf(coach), now)
    expect(list.map((b) => [b.sessionName, b.status, b.clientName])).toEqual([
      ['S9', 'pending', 'Lea Muster'],
      ['S14', 'confirmed', 'Lea Muster'],
    ])
    await expect(listUpcomingBookingsForCoach(handle.db, actorOf(client), now)).rejects.toThrow(
      AuthorizationError,
    )
  })
})
