import { and, eq, isNotNull, lte, sql } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { isExclusionViolation } from '@/db/errors'
import { bookings } from '@/db/schema'
import { AppError } from '@/lib/errors'

export class SlotTakenError extends AppError {
  override name = 'SlotTakenError'
  constructor() {
    super('bookings.slotTaken')
  }
}

/**
 * Runs `fn` in a transaction holding the coach's booking lock. The per-coach advisory lock makes concurrent
 * attempts wait in line instead of deadlocking on the exclusion constraint (PostgreSQL resolves such deadlocks
 * only one per second); the constraint stays the guarantee. A lost race is a SlotTakenError, nothing written.
 */
export async function withCoachBookingLock<T>(
  db: Db,
  coachId: string,
  fn: (tx: Db) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mialma:booking:${coachId}`}))`)
      return fn(tx)
    })
  } catch (error) {
    if (isExclusionViolation(error)) throw new SlotTakenError()
    throw error
  }
}

/** Writes a booking row (R3.2) under the coach's lock. */
export async function insertBookingExclusive(
  db: Db,
  values: typeof bookings.$inferInsert,
): Promise<{ id: string }> {
  return withCoachBookingLock(db, values.coachId, async (tx) => {
    const [row] = await tx.insert(bookings).values(values).returning({ id: bookings.id })
    return { id: row!.id }
  })
}

/**
 * Releases pending bookings whose payment hold ran out (status → expired), so their slot is free again. Called
 * under the coach's lock before every new booking, and by the hourly cron for all coaches. Returns their ids.
 */
export async function expireStaleHolds(db: Db, now: Date, coachId?: string): Promise<string[]> {
  const rows = await db
    .update(bookings)
    .set({ status: 'expired', updatedAt: now })
    .where(
      and(
        eq(bookings.status, 'pending'),
        isNotNull(bookings.holdExpiresAt),
        lte(bookings.holdExpiresAt, now),
        coachId ? eq(bookings.coachId, coachId) : undefined,
      ),
    )
    .returning({ id: bookings.id })
  return rows.map((r) => r.id)
}
