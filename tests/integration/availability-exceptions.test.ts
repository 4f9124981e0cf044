import { readFileSync } from 'node:fs'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase } from '@/db/migrate'
import { availabilityExceptions } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { addException, listExceptions } from '@/lib/bookings/offering'
import { ConflictError } from '@/lib/errors'
import { createTestDb, olderMigrations } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { actorOf, createUser, rejection } from '../helpers/fixtures'

const handles: DbHandle[] = []
let handle: DbHandle
beforeAll(async () => {
  handle = await createTestDb()
  handles.push(handle)
})
afterAll(async () => {
  for (const h of handles) await h.close()
})

const dayOff = { date: '2027-03-01', kind: 'off' as const, startMinute: null, endMinute: null }
const extra = { date: '2027-03-02', kind: 'extra' as const, startMinute: 1080, endMinute: 1200 }

describe('R3.1 identical availability exceptions are refused (availability_exception_unique)', () => {
  it('R3.1 the same day off or the same extra hours twice: a clear German message, still one row', async () => {
    const coach = actorOf(await createUser(handle.db, { role: 'coach' }))
    await addException(handle.db, coach, dayOff)
    await addException(handle.db, coach, extra)
    for (const input of [dayOff, extra]) {
      const error = await rejection(addException(handle.db, coach, input))
      expect(error).toBeInstanceOf(ConflictError)
      expect(messageOf(error)).toBe(
        'Diese Ausnahme ist schon eingetragen: gleicher Tag, gleiche Art und gleiche Zeiten.',
      )
    }
    expect(await listExceptions(handle.db, coach.userId, '2027-01-01')).toHaveLength(2)
  })

  it('R3.1 other times on the same day, and the same exception of another coach, are still accepted', async () => {
    const coach = actorOf(await createUser(handle.db, { role: 'coach' }))
    const other = actorOf(await createUser(handle.db, { role: 'coach' }))
    await addException(handle.db, coach, extra)
    await addException(handle.db, coach, { ...extra, startMinute: 600, endMinute: 660 })
    await addException(handle.db, other, extra)
    expect(await listExceptions(handle.db, coach.userId, '2027-01-01')).toHaveLength(2)
    expect(await listExceptions(handle.db, other.userId, '2027-01-01')).toHaveLength(1)
  })
})

describe('R3.1 migrating a database that already holds identical exceptions', () => {
  it('R3.1 keeps one of each set of duplicates (the oldest), then the constraint holds', async () => {
    // The migration before the hand-written dedupe (found by name: numbers change when migrations are merged).
    const journal = JSON.parse(readFileSync('db/migrations/meta/_journal.json', 'utf8')) as {
      entries: { tag: string }[]
    }
    const at = journal.entries.findIndex((e) => e.tag.endsWith('_availability_exception_dedupe'))
    expect(at).toBeGreaterThan(0)
    const old = await createTestDb({ migrationsFolder: olderMigrations(journal.entries[at - 1]!.tag) })
    handles.push(old)
    const coach = await createUser(old.db, { role: 'coach' })
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s))
    const [first] = await old.db
      .insert(availabilityExceptions)
      .values([
        { coachId: coach.id, ...dayOff, createdAt: t(1) },
        { coachId: coach.id, ...dayOff, createdAt: t(2) },
        { coachId: coach.id, ...dayOff, createdAt: t(3) },
        { coachId: coach.id, ...extra, createdAt: t(4) },
        { coachId: coach.id, ...extra, createdAt: t(5) },
        { coachId: coach.id, ...extra, startMinute: 600, endMinute: 660, createdAt: t(6) },
      ])
      .returning({ id: availabilityExceptions.id })

    await migrateDatabase(old)
    const rows = await old.db
      .select()
      .from(availabilityExceptions)
      .where(eq(availabilityExceptions.coachId, coach.id))
      .orderBy(availabilityExceptions.createdAt)
    expect(rows.map((r) => [r.date, r.kind, r.startMinute, r.createdAt.getTime()])).toEqual([
      ['2027-03-01', 'off', null, t(1).getTime()],
      ['2027-03-02', 'extra', 1080, t(4).getTime()],
      ['2027-03-02', 'extra', 600, t(6).getTime()],
    ])
    expect(rows[0]!.id).toBe(first!.id)
    const again = await old.db
      .execute(
        sql`INSERT INTO availability_exceptions (coach_id, date, kind) VALUES (${coach.id}, '2027-03-01', 'off')`,
      )
      .catch((e: unknown) => e)
    expect(again).toBeInstanceOf(Error)
  })
})
