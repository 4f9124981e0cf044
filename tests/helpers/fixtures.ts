import { randomUUID } from 'node:crypto'
import { count } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { bookings, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { toActor } from '@/lib/auth/actor'

/** A users row with a unique e-mail address; returns the row. */
export async function createUser(
  db: Db,
  values: Partial<typeof users.$inferInsert> = {},
): Promise<typeof users.$inferSelect> {
  const tag = randomUUID().slice(0, 8)
  const [row] = await db
    .insert(users)
    .values({ role: 'client', name: `Test ${tag}`, email: `test-${tag}@mialma.test`, ...values })
    .returning()
  return row!
}

/** The actor of a users row, as the app derives it. */
export const actorOf = toActor

export async function countRows(db: Db, table: PgTable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table)
  return row!.n
}

/** Message of an error and all its causes (drizzle wraps driver errors in DrizzleQueryError). */
export function errorText(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  while (current instanceof Error && parts.length < 5) {
    parts.push(current.message)
    current = current.cause
  }
  return parts.join(' <- ')
}

/** Resolves to the rejection reason, failing if the promise resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error('expected the promise to reject')
}

/** A 60-minute "Coaching-Sitzung" booking row written directly (no slot rules involved); returns the row. */
export async function insertBooking(
  db: Db,
  values: { coachId: string; clientId: string | null; startsAt: Date } & Partial<
    typeof bookings.$inferInsert
  >,
): Promise<typeof bookings.$inferSelect> {
  const endsAt = new Date(values.startsAt.getTime() + 3_600_000)
  const [row] = await db
    .insert(bookings)
    .values({
      sessionName: 'Coaching-Sitzung',
      mode: 'video',
      durationMinutes: 60,
      priceRappen: 15_000,
      endsAt,
      blockedFrom: values.startsAt,
      blockedUntil: endsAt,
      status: 'confirmed',
      ...values,
    })
    .returning()
  return row!
}
