import { and, asc, eq, gt, lt, lte, sql } from 'drizzle-orm'
import { creditGrants, sessionTypes } from '@/db/schema'
import type { Db } from '@/db/types'

/**
 * Plan credits (R4.1). A grant holds the credits of one paid plan invoice for its period; drawing raises `used`,
 * returning lowers it. The check constraint 0 ≤ used ≤ granted is the guarantee: two concurrent draws of the last
 * credit cannot both succeed (the second UPDATE re-checks `used < granted` on the locked row and matches nothing).
 */
export async function drawCredit(
  db: Db,
  input: { userId: string; sessionTypeId: string; at: Date },
): Promise<string | null> {
  // The grant that runs out first is used first, so no credit lapses that could have been used.
  const candidate = db
    .select({ id: creditGrants.id })
    .from(creditGrants)
    .where(
      and(
        eq(creditGrants.userId, input.userId),
        eq(creditGrants.sessionTypeId, input.sessionTypeId),
        lt(creditGrants.used, creditGrants.granted),
        lte(creditGrants.validFrom, input.at),
        gt(creditGrants.validUntil, input.at),
      ),
    )
    .orderBy(asc(creditGrants.validUntil))
    .limit(1)
  const [row] = await db
    .update(creditGrants)
    .set({ used: sql`${creditGrants.used} + 1` })
    .where(and(sql`${creditGrants.id} = (${candidate})`, lt(creditGrants.used, creditGrants.granted)))
    .returning({ id: creditGrants.id })
  return row?.id ?? null
}

/** Gives a drawn credit back (a booking cancelled in time). Returns whether one was returned. */
export async function returnCredit(db: Db, grantId: string): Promise<boolean> {
  const rows = await db
    .update(creditGrants)
    .set({ used: sql`${creditGrants.used} - 1` })
    .where(and(eq(creditGrants.id, grantId), gt(creditGrants.used, 0)))
    .returning({ id: creditGrants.id })
  return rows.length > 0
}

export type CreditBalance = {
  sessionTypeId: string
  sessionName: string
  remaining: number
  /** The earliest end of validity among grants with credits left: use them before then. */
  nextExpiry: Date
}

/** Credits left now, per session type (only grants valid now and not used up). */
export async function creditBalances(db: Db, userId: string, now: Date): Promise<CreditBalance[]> {
  const rows = await db
    .select({
      sessionTypeId: creditGrants.sessionTypeId,
      sessionName: sessionTypes.name,
      remaining: sql<number>`sum(${creditGrants.granted} - ${creditGrants.used})::int`,
      nextExpiry: sql<Date>`min(${creditGrants.validUntil})`.mapWith(creditGrants.validUntil),
    })
    .from(creditGrants)
    .innerJoin(sessionTypes, eq(sessionTypes.id, creditGrants.sessionTypeId))
    .where(
      and(
        eq(creditGrants.userId, userId),
        lt(creditGrants.used, creditGrants.granted),
        lte(creditGrants.validFrom, now),
        gt(creditGrants.validUntil, now),
      ),
    )
    .groupBy(creditGrants.sessionTypeId, sessionTypes.name)
    .orderBy(sessionTypes.name)
  return rows
}
