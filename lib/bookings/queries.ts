import { and, asc, eq, gt, gte, isNull, or } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { bookings, users } from '@/db/schema'
import { type Actor, assertRole } from '@/lib/auth/types'

/** The coach's upcoming confirmed bookings and running holds, soonest first, with the client's name. */
export async function listUpcomingBookingsForCoach(db: Db, actor: Actor, now = new Date(), limit = 100) {
  assertRole(actor, 'coach')
  return db
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      sessionName: bookings.sessionName,
      mode: bookings.mode,
      status: bookings.status,
      clientName: users.name,
    })
    .from(bookings)
    .leftJoin(users, eq(users.id, bookings.clientId))
    .where(
      and(
        eq(bookings.coachId, actor.userId),
        gte(bookings.endsAt, now),
        // Pending only while its payment hold runs: a lapsed hold is no booking.
        or(
          eq(bookings.status, 'confirmed'),
          and(
            eq(bookings.status, 'pending'),
            or(isNull(bookings.holdExpiresAt), gt(bookings.holdExpiresAt, now)),
          ),
        ),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(limit)
}
