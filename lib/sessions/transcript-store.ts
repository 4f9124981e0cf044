import 'server-only'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { bookings, transcripts } from '@/db/schema'
import type { Db } from '@/db/types'
import { encryptForUser, type UserCipher, userCipher } from '@/lib/crypto'

/** One speaker turn; times in seconds from the start (null when the source had none, e.g. plain text). */
export const segmentSchema = z.object({
  speaker: z.string().min(1).max(80),
  start: z.number().min(0).nullable(),
  end: z.number().min(0).nullable(),
  text: z.string().min(1).max(20_000),
})
export type TranscriptSegment = z.infer<typeof segmentSchema>

/**
 * Stores a session's transcript (R6.3), encrypted with the client's data key — the transcript is the client's
 * data even though the coach reads it. One per booking: a new one replaces the old (and is unshared again).
 */
export async function saveTranscript(
  db: Db,
  input: {
    bookingId: string
    source: 'gladia' | 'upload'
    segments: TranscriptSegment[]
    language?: string | null
    recordingId?: string | null
    createdBy?: string | null
  },
): Promise<{ id: string }> {
  const segments = z.array(segmentSchema).parse(input.segments)
  const [booking] = await db
    .select({ clientId: bookings.clientId })
    .from(bookings)
    .where(eq(bookings.id, input.bookingId))
  if (!booking?.clientId) throw new Error('Transcript for a booking without client')
  const segmentsEnc = await encryptForUser(db, booking.clientId, JSON.stringify(segments))
  const values = {
    recordingId: input.recordingId ?? null,
    source: input.source,
    segmentsEnc,
    segmentCount: segments.length,
    language: input.language ?? null,
    sharedWithClient: false,
    createdBy: input.createdBy ?? null,
    updatedAt: new Date(),
  }
  const [row] = await db
    .insert(transcripts)
    .values({ bookingId: input.bookingId, ...values })
    .onConflictDoUpdate({ target: transcripts.bookingId, set: values })
    .returning({ id: transcripts.id })
  return { id: row!.id }
}

/** The decrypted segments; callers authorise and audit first. */
export async function decryptSegments(db: Db, clientId: string, segmentsEnc: string) {
  return openSegments(userCipher(db, clientId), segmentsEnc)
}

/** The same with a cipher the caller already holds (the export reads many transcripts with one key). */
export async function openSegments(cipher: UserCipher, segmentsEnc: string): Promise<TranscriptSegment[]> {
  return z.array(segmentSchema).parse(JSON.parse(await cipher.decrypt(segmentsEnc)))
}
