import 'server-only'
import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, gt, inArray, lte } from 'drizzle-orm'
import { bookings, sessionRecordings, transcripts, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { type RequestMeta, recordAudit } from '@/lib/audit/service'
import { type Actor, assertRole } from '@/lib/auth/types'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { objectStorage } from '@/lib/integrations/storage'
import { storeEncryptedAudio } from './audio'
import { assertAudioUploadAllowed, insertStoredUpload } from './audio-upload'
import { parseTranscript } from './transcript-parse'
import { decryptSegments, saveTranscript, type TranscriptSegment } from './transcript-store'
import { assertAudioContent, assertUploadSize, uploadKindOf } from './upload-file'

/**
 * The coach's sessions (R6.3, R13.2): confirmed bookings with their recording and transcript, the coach's upload
 * of a transcript or audio, reading a transcript (every coach view audited) and sharing it with the client.
 * A booking of someone else — another coach's, another client's, a guessed id — is NotFound (R14.1).
 */

const sessionNotFound = () => new NotFoundError('sessions.sessionNotFound')
const transcriptNotFound = () => new NotFoundError('sessions.transcriptNotFound')

const transcriptMeta = {
  id: transcripts.id,
  source: transcripts.source,
  segmentCount: transcripts.segmentCount,
  language: transcripts.language,
  sharedWithClient: transcripts.sharedWithClient,
  updatedAt: transcripts.updatedAt,
}

const recordingFields = {
  id: sessionRecordings.id,
  bookingId: sessionRecordings.bookingId,
  source: sessionRecordings.source,
  status: sessionRecordings.status,
  contentType: sessionRecordings.contentType,
  sizeBytes: sessionRecordings.sizeBytes,
  error: sessionRecordings.error,
  createdAt: sessionRecordings.createdAt,
  updatedAt: sessionRecordings.updatedAt,
}
export type RecordingInfo = {
  id: string
  bookingId: string
  source: 'daily' | 'upload'
  status: 'recording' | 'downloading' | 'stored' | 'transcribing' | 'transcribed' | 'failed'
  contentType: string | null
  sizeBytes: number | null
  error: string | null
  createdAt: Date
  updatedAt: Date
}

/**
 * The coach's confirmed sessions: those that have started (newest first) and the upcoming ones (soonest first),
 * each with its transcript's state and its latest recording's status.
 */
export async function listCoachSessions(db: Db, actor: Actor, now: Date, limit = 100) {
  assertRole(actor, 'coach')
  const sessions = () =>
    db
      .select({
        id: bookings.id,
        startsAt: bookings.startsAt,
        endsAt: bookings.endsAt,
        sessionName: bookings.sessionName,
        mode: bookings.mode,
        clientName: users.name,
        transcript: transcriptMeta,
      })
      .from(bookings)
      .leftJoin(users, eq(users.id, bookings.clientId))
      .leftJoin(transcripts, eq(transcripts.bookingId, bookings.id))
      .$dynamic()
  const mine = and(eq(bookings.coachId, actor.userId), eq(bookings.status, 'confirmed'))
  const [past, upcoming] = await Promise.all([
    sessions()
      .where(and(mine, lte(bookings.startsAt, now)))
      .orderBy(desc(bookings.startsAt))
      .limit(limit),
    sessions()
      .where(and(mine, gt(bookings.startsAt, now)))
      .orderBy(asc(bookings.startsAt))
      .limit(limit),
  ])
  const ids = [...past, ...upcoming].map((b) => b.id)
  const latest = new Map<string, RecordingInfo>()
  if (ids.length > 0) {
    const recordings = await db
      .select(recordingFields)
      .from(sessionRecordings)
      .where(inArray(sessionRecordings.bookingId, ids))
      .orderBy(desc(sessionRecordings.createdAt))
    for (const r of recordings) if (!latest.has(r.bookingId)) latest.set(r.bookingId, r)
  }
  const withRecording = <T extends { id: string }>(rows: T[]) =>
    rows.map((row) => ({ ...row, recording: latest.get(row.id) ?? null }))
  return { past: withRecording(past), upcoming: withRecording(upcoming) }
}

export type CoachSessionRow = Awaited<ReturnType<typeof listCoachSessions>>['past'][number]

/** The coach's own booking (any status), or NotFound. */
async function coachBooking(db: Db, actor: Actor, bookingId: string) {
  assertRole(actor, 'coach')
  const [row] = await db
    .select({ booking: bookings, clientName: users.name })
    .from(bookings)
    .leftJoin(users, eq(users.id, bookings.clientId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.coachId, actor.userId)))
  if (!row) throw sessionNotFound()
  return row
}

/**
 * One session of the coach: facts, all recordings (newest first) and the transcript's state — not its text.
 * `started`: whether it has begun by `now` (before that nothing can be uploaded for it).
 */
export async function getCoachSession(db: Db, actor: Actor, bookingId: string, now: Date = new Date()) {
  const { booking, clientName } = await coachBooking(db, actor, bookingId)
  const [recordings, [transcript]] = await Promise.all([
    db
      .select(recordingFields)
      .from(sessionRecordings)
      .where(eq(sessionRecordings.bookingId, bookingId))
      .orderBy(desc(sessionRecordings.createdAt)),
    db.select(transcriptMeta).from(transcripts).where(eq(transcripts.bookingId, bookingId)),
  ])
  return {
    booking: {
      id: booking.id,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      sessionName: booking.sessionName,
      mode: booking.mode,
      status: booking.status,
      durationMinutes: booking.durationMinutes,
    },
    clientName,
    recordings: recordings as RecordingInfo[],
    transcript: transcript ?? null,
    started: booking.startsAt.getTime() <= now.getTime(),
    canUpload:
      booking.status === 'confirmed' &&
      booking.clientId !== null &&
      booking.startsAt.getTime() <= now.getTime(),
  }
}

export type UploadedFile = { name: string; type: string; bytes: Uint8Array }
export type UploadResult =
  | { kind: 'transcript'; transcriptId: string; segmentCount: number }
  | { kind: 'recording'; recordingId: string }

/**
 * The coach uploads a transcript or audio for one of their confirmed sessions that has begun (R6.3: a transcript
 * of a conversation that has not taken place is refused — it could only belong to another). A transcript is parsed
 * and stored encrypted with the client's key (replacing an earlier one, unshared again); audio goes to object
 * storage with a recording row 'stored' that the transcription pipeline picks up. Anything the checks refuse
 * — wrong person, wrong booking state, type, size, content — throws before anything is written.
 */
export async function uploadTranscript(
  db: Db,
  actor: Actor,
  bookingId: string,
  file: UploadedFile,
  meta?: RequestMeta,
  now: Date = new Date(),
): Promise<UploadResult> {
  const { booking } = await coachBooking(db, actor, bookingId)
  if (booking.status !== 'confirmed' || !booking.clientId)
    throw new ConflictError('sessions.uploadConfirmedOnly')
  if (booking.startsAt.getTime() > now.getTime()) throw new ConflictError('sessions.uploadNotStarted')
  const kind = uploadKindOf(file)
  assertUploadSize(kind, file.bytes.byteLength)

  if (kind.kind === 'transcript') {
    const segments = parseTranscript(file.bytes, kind.format)
    return db.transaction(async (tx) => {
      const { id } = await saveTranscript(tx, {
        bookingId,
        source: 'upload',
        segments,
        recordingId: null,
        createdBy: actor.userId,
      })
      // Last in the transaction: the audit insert takes the hash-chain lock.
      await recordAudit(tx, {
        actor,
        action: 'transcript.saved',
        target: { type: 'transcript', id },
        details: { bookingId, source: 'upload', format: kind.format, segments: segments.length },
        meta,
      })
      return { kind: 'transcript' as const, transcriptId: id, segmentCount: segments.length }
    })
  }

  // Audio normally goes straight to storage (./audio-upload.ts); a small file posted with the form is stored the
  // same way: only with the client's transcription consent, encrypted with the client's data key.
  assertAudioContent(file.bytes)
  const { clientId } = await assertAudioUploadAllowed(db, actor, bookingId, new Date())
  const key = `recordings/${bookingId}/${randomUUID()}.${kind.format}`
  const { plainBytes } = await storeEncryptedAudio(db, {
    ownerId: clientId,
    key,
    source: (async function* () {
      yield file.bytes
    })(),
    contentType: kind.contentType,
    maxBytes: kind.maxBytes,
  })
  try {
    const recordingId = await insertStoredUpload(db, actor, {
      bookingId,
      clientId,
      key,
      contentType: kind.contentType,
      bytes: plainBytes,
      now: new Date(),
      meta,
    })
    return { kind: 'recording' as const, recordingId }
  } catch (error) {
    // No row, no file: an orphaned object would escape the 90-day retention.
    await (await objectStorage()).delete(key).catch(() => undefined)
    throw error
  }
}

export type TranscriptView = {
  id: string
  segments: TranscriptSegment[]
  sharedWithClient: boolean
  source: 'gladia' | 'upload'
  language: string | null
  updatedAt: Date
}

/**
 * A session's transcript in clear text. The coach of the booking: always, and every view is written to the audit
 * log (R13.2). The client: only their own booking's, and only once the coach has shared it. Anyone else, or no
 * transcript: NotFound.
 */
export async function readTranscript(
  db: Db,
  actor: Actor,
  bookingId: string,
  meta?: RequestMeta,
): Promise<TranscriptView> {
  const owner =
    actor.role === 'coach' ? eq(bookings.coachId, actor.userId) : eq(bookings.clientId, actor.userId)
  const [row] = await db
    .select({ transcript: transcripts, clientId: bookings.clientId })
    .from(transcripts)
    .innerJoin(bookings, eq(bookings.id, transcripts.bookingId))
    .where(and(eq(transcripts.bookingId, bookingId), owner))
  if (!row?.clientId) throw transcriptNotFound()
  const t = row.transcript
  if (actor.role !== 'coach' && !t.sharedWithClient) throw transcriptNotFound()
  const segments = await decryptSegments(db, row.clientId, t.segmentsEnc)
  if (actor.role === 'coach')
    await recordAudit(db, {
      actor,
      action: 'transcript.viewed',
      target: { type: 'transcript', id: t.id },
      details: { bookingId, clientId: row.clientId },
      meta,
    })
  return {
    id: t.id,
    segments,
    sharedWithClient: t.sharedWithClient,
    source: t.source,
    language: t.language,
    updatedAt: t.updatedAt,
  }
}

/** The coach shares a transcript with the client or takes it back (default: not shared); audited when it changes. */
export async function setTranscriptShared(
  db: Db,
  actor: Actor,
  bookingId: string,
  shared: boolean,
  meta?: RequestMeta,
): Promise<{ shared: boolean }> {
  await coachBooking(db, actor, bookingId)
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: transcripts.id, shared: transcripts.sharedWithClient })
      .from(transcripts)
      .where(eq(transcripts.bookingId, bookingId))
      .for('update')
    if (!current) throw transcriptNotFound()
    if (current.shared === shared) return { shared }
    await tx
      .update(transcripts)
      .set({ sharedWithClient: shared, updatedAt: new Date() })
      .where(eq(transcripts.id, current.id))
    await recordAudit(tx, {
      actor,
      action: shared ? 'transcript.shared' : 'transcript.unshared',
      target: { type: 'transcript', id: current.id },
      details: { bookingId },
      meta,
    })
    return { shared }
  })
}

/** The client's own booking facts for their transcript page (NotFound unless a shared transcript exists). */
export async function getClientSessionFacts(db: Db, actor: Actor, bookingId: string) {
  const [row] = await db
    .select({ startsAt: bookings.startsAt, sessionName: bookings.sessionName, mode: bookings.mode })
    .from(bookings)
    .innerJoin(transcripts, eq(transcripts.bookingId, bookings.id))
    .where(
      and(
        eq(bookings.id, bookingId),
        eq(bookings.clientId, actor.userId),
        eq(transcripts.sharedWithClient, true),
      ),
    )
  if (!row) throw transcriptNotFound()
  return row
}
