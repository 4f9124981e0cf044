import 'server-only'
import { and, eq, inArray, lt, ne } from 'drizzle-orm'
import { bookings } from '@/db/schema'
import type { Db } from '@/db/types'
import { type Actor, assertRole } from '@/lib/auth/types'
import { ConflictError, NotFoundError } from '@/lib/errors'

const STEP_MS = 15 * 60_000

/**
 * Local mode only (demos and the e2e tests; the action refuses otherwise): the coach moves an upcoming confirmed
 * session of theirs into the past, so what needs a session that has taken place — uploading its transcript
 * (R6.3) — can be tried without waiting for it. It takes the latest free time before `now` (on the quarter hour)
 * with the same length and buffers: two bookings of a coach never overlap (bookings_no_overlap).
 */
export async function moveSessionIntoPast(db: Db, actor: Actor, bookingId: string, now: Date = new Date()) {
  assertRole(actor, 'coach')
  const [b] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.coachId, actor.userId)))
  if (!b) throw new NotFoundError('sessions.sessionNotFound')
  if (b.status !== 'confirmed' || !b.clientId) throw new ConflictError('sessions.uploadConfirmedOnly')
  if (b.startsAt.getTime() <= now.getTime()) return { startsAt: b.startsAt }

  const length = b.endsAt.getTime() - b.startsAt.getTime()
  const before = b.startsAt.getTime() - b.blockedFrom.getTime()
  const after = b.blockedUntil.getTime() - b.endsAt.getTime()
  const taken = await db
    .select({ from: bookings.blockedFrom, until: bookings.blockedUntil })
    .from(bookings)
    .where(
      and(
        eq(bookings.coachId, actor.userId),
        ne(bookings.id, b.id),
        inArray(bookings.status, ['pending', 'confirmed']),
        // (A booking starting soon can still block the buffer after the moved one.)
        lt(bookings.blockedFrom, new Date(now.getTime() + 86_400_000)),
      ),
    )
  let end = Math.floor(now.getTime() / STEP_MS) * STEP_MS
  const overlaps = (from: number, until: number) =>
    taken.some((t) => t.from.getTime() < until && from < t.until.getTime())
  while (overlaps(end - length - before, end + after)) end -= STEP_MS
  const startsAt = new Date(end - length)
  await db
    .update(bookings)
    .set({
      startsAt,
      endsAt: new Date(end),
      blockedFrom: new Date(end - length - before),
      blockedUntil: new Date(end + after),
      updatedAt: now,
    })
    .where(eq(bookings.id, b.id))
  return { startsAt }
}
