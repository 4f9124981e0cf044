import { sql } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { bookings } from '@/db/schema'

export class SlotTakenError extends Error {
  override name = 'SlotTakenError'
  constructor() {
    super('Dieser Termin wurde gerade vergeben. Bitte wähle einen anderen.')
  }
}

/** PostgreSQL's exclusion_violation, however the driver wraps it. */
function isExclusionViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23P01') return true
  }
  return false
}

/**
 * Writes a booking row (R3.2). A per-coach advisory lock makes concurrent attempts wait in line instead of
 * deadlocking on the exclusion constraint (PostgreSQL resolves such deadlocks only one per second); the
 * constraint stays the guarantee. A lost race is a SlotTakenError with a clear message, nothing written.
 */
export async function insertBookingExclusive(
  db: Db,
  values: typeof bookings.$inferInsert,
): Promise<{ id: string }> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mialma:booking:${values.coachId}`}))`)
      const [row] = await tx.insert(bookings).values(values).returning({ id: bookings.id })
      return { id: row!.id }
    })
  } catch (error) {
    if (isExclusionViolation(error)) throw new SlotTakenError()
    throw error
  }
}
