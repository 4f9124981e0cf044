import { and, asc, eq, gte, inArray } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { bookings, users } from '@/db/schema'
import { type Actor, AuthorizationError } from '@/lib/auth/types'

/** The coach's upcoming pending and confirmed bookings, soonest first, with the client's name. */
export async function listUpcomingBookingsForCoach(db: Db, actor: Actor, now = new Date(), limit = 100) {
  if (actor.role !== 'coach') throw new AuthorizationError()
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
        inArray(bookings.status, ['pending', 'confirmed']),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(limit)
}
