import { and, desc, eq } from 'drizzle-orm'
import { aiAnalyses, bookings, sessionRecordings, transcripts } from '@/db/schema'
import type { Db } from '@/db/types'
import { type Actor, assertRole } from '@/lib/auth/types'
import { NotFoundError } from '@/lib/errors'
import { type ProgressStage, stageOf } from './progress-stages'

export { type ProgressStage, stageOf } from './progress-stages'

/** Three small reads, no content: cheap enough to ask every few seconds. Only the booking's coach. */
export async function sessionProgress(db: Db, actor: Actor, bookingId: string): Promise<ProgressStage> {
  assertRole(actor, 'coach')
  const [booking] = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.coachId, actor.userId)))
  if (!booking) throw new NotFoundError('sessions.sessionNotFound')
  const [[recording], [transcript], [analysis]] = await Promise.all([
    db
      .select({ status: sessionRecordings.status })
      .from(sessionRecordings)
      .where(eq(sessionRecordings.bookingId, bookingId))
      .orderBy(desc(sessionRecordings.createdAt))
      .limit(1),
    db.select({ id: transcripts.id }).from(transcripts).where(eq(transcripts.bookingId, bookingId)),
    db.select({ status: aiAnalyses.status }).from(aiAnalyses).where(eq(aiAnalyses.bookingId, bookingId)),
  ])
  return stageOf({
    recording: recording?.status ?? null,
    transcript: Boolean(transcript),
    analysis: analysis?.status ?? null,
  })
}
