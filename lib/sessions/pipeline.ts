import 'server-only'
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { bookings, sessionRecordings, videoRooms, type SessionRecording } from '@/db/schema'
import type { Db } from '@/db/types'
import { recordAudit } from '@/lib/audit/service'
import type { Actor } from '@/lib/auth/types'
import { getMasterKey } from '@/lib/crypto/master-key'
import { env } from '@/lib/env'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { dailyClient, DailyError } from '@/lib/integrations/daily'
import { gladiaClient, GladiaError, type GladiaClient, type GladiaJob } from '@/lib/integrations/gladia'
import { objectStorage } from '@/lib/integrations/storage'
import { log } from '@/lib/log'
import { saveTranscript, type TranscriptSegment } from './transcript-store'
import { isProcessingRestricted } from '@/lib/account/restriction'
import { startAutoSummary } from '@/lib/ai/auto-summary'

/**
 * The recording pipeline (R5.4, R6): Daily recording → our storage → deleted at Daily → Gladia job → transcript
 * (encrypted) → Gladia job deleted. Each step reads the row's state and is safe to run again, so the webhook, the
 * Gladia callback, the cron sweeper (lib/cron/transcriptions.ts) and the coach's retry all resume where a run
 * stopped. A failed step sets status 'failed' and a short technical code in `error` (never content or names);
 * nothing here throws past the caller once the row exists, except network trouble while fetching a Gladia result
 * (the callback answers 502, the sweeper tries again).
 *
 * Invariants: `storage_key` set ⇔ the file is in our storage; `gladia_job_id` set ⇔ a job may still exist at
 * Gladia (cleared once its DELETE succeeded or it was already gone).
 */

export type RecordingStatus = SessionRecording['status']

/** Larger downloads are refused (about 9 h of audio, 2 h of 720p video). */
export const MAX_RECORDING_BYTES = 500 * 1024 * 1024
const DOWNLOAD_TIMEOUT_MS = 240_000

/** Error codes stored in `session_recordings.error` (shown to the coach as a reason, with a retry). */
export type PipelineError =
  | 'daily_not_configured'
  | 'daily_access_link_failed'
  | 'download_failed'
  | 'download_too_large'
  | 'storage_failed'
  | 'stored_file_missing'
  | 'daily_delete_failed'
  | 'daily_recording_error'
  | 'gladia_upload_failed'
  | 'gladia_create_failed'
  | 'gladia_job_missing'
  | `gladia_error_${string}`
  | 'transcript_save_failed'

const DAILY_RECORDING_ID = /^[A-Za-z0-9-]{1,100}$/

async function load(db: Db, id: string): Promise<SessionRecording | null> {
  const [row] = await db.select().from(sessionRecordings).where(eq(sessionRecordings.id, id))
  return row ?? null
}

async function fail(
  db: Db,
  row: SessionRecording,
  error: PipelineError,
  now: Date,
  extra: Partial<typeof sessionRecordings.$inferInsert> = {},
): Promise<SessionRecording> {
  log.warn('recording.failed', { recordingId: row.id, status: row.status, error })
  const [updated] = await db
    .update(sessionRecordings)
    .set({ status: 'failed', error, updatedAt: now, ...extra })
    .where(eq(sessionRecordings.id, row.id))
    .returning()
  return updated ?? row
}

// ---------------------------------------------------------------------------------------------------------------
// Gladia callback token

/**
 * Gladia's callbacks are unsigned (INTEGRATIONS §6), so the callback URL carries an HMAC of the recording id. Its
 * key is derived (HKDF, own label) from the master key (DATA_ENCRYPTION_KEY; locally the generated one): always
 * present where the pipeline runs, never sent anywhere, and no extra secret to configure. Rotating the master
 * key invalidates the callbacks of jobs in flight; the cron sweeper then completes those.
 */
function callbackKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', getMasterKey().key, Buffer.alloc(0), 'mialma:gladia-callback', 32))
}

export function gladiaCallbackToken(recordingId: string): string {
  return createHmac('sha256', callbackKey()).update(`gladia-callback:${recordingId}`).digest('base64url')
}

export function verifyGladiaCallbackToken(recordingId: string, token: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest()
  return timingSafeEqual(digest(token), digest(gladiaCallbackToken(recordingId)))
}

export function gladiaCallbackUrl(recordingId: string): string {
  const url = new URL('/api/webhooks/gladia', env.APP_URL)
  url.searchParams.set('recording', recordingId)
  url.searchParams.set('token', gladiaCallbackToken(recordingId))
  return url.toString()
}

// ---------------------------------------------------------------------------------------------------------------
// Daily: register, download, store, delete at Daily

export type RecordingReady = {
  /** Daily's recording id. */
  recordingId: string
  roomName: string
  /** Seconds, as Daily reports it. */
  duration?: number | null
}

/**
 * The session_recordings row of a Daily recording, created on first sight (status 'downloading'): a row the
 * recording start left for the booking ('recording', Daily id not yet known) is taken over. Null when the room is
 * not one of ours (no video_rooms row). Cheap and local: the webhook runs it in the transaction that stores the
 * event.
 */
export async function registerRecording(db: Db, input: RecordingReady, now: Date): Promise<string | null> {
  if (!DAILY_RECORDING_ID.test(input.recordingId)) return null
  const [room] = await db
    .select({ bookingId: videoRooms.bookingId })
    .from(videoRooms)
    .where(eq(videoRooms.roomName, input.roomName))
  if (!room) {
    log.warn('recording.unknown_room', {})
    return null
  }
  const durationSeconds =
    typeof input.duration === 'number' && Number.isFinite(input.duration) && input.duration >= 0
      ? Math.round(input.duration)
      : null
  const [existing] = await db
    .select({ id: sessionRecordings.id })
    .from(sessionRecordings)
    .where(eq(sessionRecordings.dailyRecordingId, input.recordingId))
  if (existing) return existing.id

  const [pending] = await db
    .select({ id: sessionRecordings.id })
    .from(sessionRecordings)
    .where(
      and(
        eq(sessionRecordings.bookingId, room.bookingId),
        eq(sessionRecordings.source, 'daily'),
        eq(sessionRecordings.status, 'recording'),
        isNull(sessionRecordings.dailyRecordingId),
      ),
    )
    .orderBy(asc(sessionRecordings.createdAt))
    .limit(1)
  if (pending) {
    const [taken] = await db
      .update(sessionRecordings)
      .set({
        dailyRecordingId: input.recordingId,
        status: 'downloading',
        // Daily's figure when it has one; otherwise what the stop recorded.
        ...(durationSeconds === null ? {} : { durationSeconds }),
        updatedAt: now,
      })
      .where(and(eq(sessionRecordings.id, pending.id), isNull(sessionRecordings.dailyRecordingId)))
      .returning({ id: sessionRecordings.id })
    if (taken) return taken.id
  }
  const [inserted] = await db
    .insert(sessionRecordings)
    .values({
      bookingId: room.bookingId,
      source: 'daily',
      status: 'downloading',
      dailyRecordingId: input.recordingId,
      durationSeconds,
      startedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: sessionRecordings.dailyRecordingId })
    .returning({ id: sessionRecordings.id })
  if (inserted) return inserted.id
  const [raced] = await db
    .select({ id: sessionRecordings.id })
    .from(sessionRecordings)
    .where(eq(sessionRecordings.dailyRecordingId, input.recordingId))
  return raced?.id ?? null
}

/** `recording.error` from Daily: the recording of that room (or that id) is marked failed. */
export async function markRecordingError(
  db: Db,
  input: { recordingId?: string | null; roomName: string },
  now: Date,
): Promise<number> {
  const [room] = await db
    .select({ bookingId: videoRooms.bookingId })
    .from(videoRooms)
    .where(eq(videoRooms.roomName, input.roomName))
  if (!room) return 0
  const condition =
    input.recordingId && DAILY_RECORDING_ID.test(input.recordingId)
      ? eq(sessionRecordings.dailyRecordingId, input.recordingId)
      : and(eq(sessionRecordings.source, 'daily'), isNull(sessionRecordings.dailyRecordingId))
  const updated = await db
    .update(sessionRecordings)
    .set({ status: 'failed', error: 'daily_recording_error' satisfies PipelineError, updatedAt: now })
    .where(
      and(
        eq(sessionRecordings.bookingId, room.bookingId),
        inArray(sessionRecordings.status, ['recording', 'downloading']),
        condition,
      ),
    )
    .returning({ id: sessionRecordings.id })
  return updated.length
}

class TooLargeError extends Error {}

const EXTENSIONS: Record<string, string> = {
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'video/mp4': 'mp4',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
}

/** Reads the file behind Daily's pre-signed link, refusing more than MAX_RECORDING_BYTES while streaming. */
async function download(url: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) })
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined)
    throw new Error(`download HTTP ${response.status}`)
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > MAX_RECORDING_BYTES) {
    await response.body.cancel().catch(() => undefined)
    throw new TooLargeError()
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > MAX_RECORDING_BYTES) {
      await reader.cancel().catch(() => undefined)
      throw new TooLargeError()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  return { bytes, contentType: EXTENSIONS[type] ? type : 'audio/webm' }
}

/** Step 1: access link → download → our storage (status stays 'downloading', storage_key set). */
async function copyFromDaily(db: Db, row: SessionRecording, now: Date): Promise<SessionRecording> {
  const daily = dailyClient()
  if (!daily || !row.dailyRecordingId) return fail(db, row, 'daily_not_configured', now)
  await db
    .update(sessionRecordings)
    .set({
      status: 'downloading',
      error: null,
      attempts: sql`${sessionRecordings.attempts} + 1`,
      startedAt: row.startedAt ?? now,
      updatedAt: now,
    })
    .where(eq(sessionRecordings.id, row.id))

  let link: string
  try {
    link = (await daily.recordingAccessLink(row.dailyRecordingId)).download_link
  } catch {
    return fail(db, row, 'daily_access_link_failed', now)
  }
  let file: Awaited<ReturnType<typeof download>>
  try {
    file = await download(link)
  } catch (error) {
    return fail(db, row, error instanceof TooLargeError ? 'download_too_large' : 'download_failed', now)
  }
  const key = `recordings/${row.bookingId}/${row.id}.${EXTENSIONS[file.contentType] ?? 'webm'}`
  try {
    await (await objectStorage()).put(key, file.bytes, file.contentType)
  } catch {
    return fail(db, row, 'storage_failed', now)
  }
  const [updated] = await db
    .update(sessionRecordings)
    .set({ storageKey: key, contentType: file.contentType, sizeBytes: file.bytes.byteLength, updatedAt: now })
    .where(eq(sessionRecordings.id, row.id))
    .returning()
  return updated!
}

/**
 * Step 2: the copy at Daily is deleted (already gone counts as deleted), then 'stored' with its audit entry. A
 * failed delete leaves the row 'failed' with `daily_delete_failed`; the retry deletes again.
 */
async function finishStore(db: Db, row: SessionRecording, now: Date): Promise<SessionRecording> {
  if (row.source === 'daily' && row.dailyRecordingId) {
    const daily = dailyClient()
    if (!daily) return fail(db, row, 'daily_not_configured', now)
    try {
      await daily.deleteRecording(row.dailyRecordingId)
    } catch (error) {
      if (!(error instanceof DailyError && error.status === 404))
        return fail(db, row, 'daily_delete_failed', now)
    }
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(sessionRecordings)
      .set({ status: 'stored', error: null, storedAt: now, updatedAt: now })
      .where(
        and(
          eq(sessionRecordings.id, row.id),
          inArray(sessionRecordings.status, ['recording', 'downloading']),
        ),
      )
      .returning()
    if (!updated) return (await load(tx, row.id)) ?? row
    await recordAudit(tx, {
      actor: null,
      action: 'recording.stored',
      target: { type: 'session_recording', id: row.id },
      details: { bookingId: row.bookingId, source: row.source, bytes: updated.sizeBytes },
    })
    return updated
  })
}

/**
 * Runs the pipeline from the row's current state as far as it goes now: download and store, delete at Daily,
 * start the transcription. Returns the status reached. Never throws for a failed step (the row says 'failed').
 */
export async function processRecording(
  db: Db,
  recordingRowId: string,
  now: Date,
): Promise<RecordingStatus | null> {
  let row = await load(db, recordingRowId)
  if (!row) return null
  if (row.status === 'recording' || row.status === 'downloading') {
    if (!row.storageKey) row = await copyFromDaily(db, row, now)
    if (row.status === 'failed') return row.status
    row = await finishStore(db, row, now)
  }
  if (row.status === 'stored') return startTranscription(db, row.id, now)
  return row.status
}

/**
 * `recording.ready-to-download` (R5.4): the booking is found by the room name, the row created or found, and the
 * pipeline run. Null for a room that is not ours.
 */
export async function handleRecordingReady(
  db: Db,
  input: RecordingReady,
  now: Date,
): Promise<RecordingStatus | null> {
  const id = await registerRecording(db, input, now)
  if (!id) return null
  return processRecording(db, id, now)
}

// ---------------------------------------------------------------------------------------------------------------
// Gladia

/**
 * Sends a 'stored' recording to Gladia (R6.1): upload, then a job whose callback URL carries the token. Without
 * GLADIA_API_KEY the row stays 'stored' (the coach can upload a transcript instead). Claimed by a conditional
 * update, so two runs never create two jobs.
 */
export async function startTranscription(
  db: Db,
  recordingRowId: string,
  now: Date,
): Promise<RecordingStatus | null> {
  const gladia = gladiaClient()
  if (!gladia) return (await load(db, recordingRowId))?.status ?? null
  // R10.3: while the client restricts processing, the recording stays stored and is not sent; the sweeper sends
  // it once the restriction is lifted.
  const [owner] = await db
    .select({ clientId: bookings.clientId })
    .from(sessionRecordings)
    .innerJoin(bookings, eq(bookings.id, sessionRecordings.bookingId))
    .where(eq(sessionRecordings.id, recordingRowId))
  if (!owner?.clientId || (await isProcessingRestricted(db, owner.clientId)))
    return (await load(db, recordingRowId))?.status ?? null
  const [row] = await db
    .update(sessionRecordings)
    .set({
      status: 'transcribing',
      error: null,
      attempts: sql`${sessionRecordings.attempts} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(sessionRecordings.id, recordingRowId),
        eq(sessionRecordings.status, 'stored'),
        isNull(sessionRecordings.gladiaJobId),
        sql`${sessionRecordings.storageKey} IS NOT NULL`,
      ),
    )
    .returning()
  if (!row) return (await load(db, recordingRowId))?.status ?? null

  let bytes: Uint8Array | null
  try {
    bytes = await (await objectStorage()).get(row.storageKey!)
  } catch {
    return (await fail(db, row, 'storage_failed', now)).status
  }
  if (!bytes) return (await fail(db, row, 'stored_file_missing', now)).status

  const contentType = row.contentType ?? 'audio/webm'
  let audioUrl: string
  try {
    const filename = `${row.id}.${EXTENSIONS[contentType] ?? 'webm'}`
    audioUrl = (await gladia.upload(bytes, filename, contentType)).audio_url
  } catch {
    return (await fail(db, row, 'gladia_upload_failed', now)).status
  }
  let jobId: string
  try {
    jobId = (
      await gladia.createJob({
        audioUrl,
        callbackUrl: gladiaCallbackUrl(row.id),
        metadata: { recordingId: row.id },
      })
    ).id
  } catch {
    return (await fail(db, row, 'gladia_create_failed', now)).status
  }
  await db
    .update(sessionRecordings)
    .set({ gladiaJobId: jobId, updatedAt: now })
    .where(eq(sessionRecordings.id, row.id))
  log.info('recording.transcription_started', { recordingId: row.id })
  return 'transcribing'
}

/** Gladia's utterances as our segments: "Sprecher 1/2", seconds, empty turns dropped. */
export function segmentsOf(job: GladiaJob): { segments: TranscriptSegment[]; language: string | null } {
  const transcription = job.result?.transcription
  const utterances = [...(transcription?.utterances ?? [])].sort((a, b) => a.start - b.start)
  const segments: TranscriptSegment[] = []
  const counts = new Map<string, number>()
  for (const u of utterances) {
    const text = u.text.trim().slice(0, 20_000)
    if (!text) continue
    const start = Math.max(0, u.start)
    segments.push({
      speaker: `Sprecher ${(u.speaker ?? 0) + 1}`,
      start,
      end: Math.max(start, u.end),
      text,
    })
    if (u.language) counts.set(u.language, (counts.get(u.language) ?? 0) + 1)
  }
  const mostUsed = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  const language = transcription?.languages?.[0] ?? mostUsed ?? null
  return { segments, language: language?.slice(0, 16) ?? null }
}

/** DELETE at Gladia (R6.2); gone already counts as deleted. Clears gladia_job_id; false if Gladia refused. */
async function deleteJob(db: Db, gladia: GladiaClient, rowId: string, jobId: string): Promise<boolean> {
  try {
    await gladia.deleteJob(jobId)
  } catch (error) {
    if (!(error instanceof GladiaError && error.status === 404)) {
      log.warn('recording.gladia_delete_failed', {
        recordingId: rowId,
        status: error instanceof GladiaError ? error.status : 0,
      })
      return false
    }
  }
  await db
    .update(sessionRecordings)
    .set({ gladiaJobId: null })
    .where(and(eq(sessionRecordings.id, rowId), eq(sessionRecordings.gladiaJobId, jobId)))
  return true
}

export type CompletionResult = 'transcribed' | 'failed' | 'pending' | 'unknown' | 'not_configured'

/**
 * Fetches a job's result (from the callback or the sweeper; never trusting a callback body): done → transcript
 * stored encrypted, 'transcribed', then the job deleted at Gladia at once; error → 'failed' and deleted; still
 * running → nothing. Throws GladiaError only when Gladia cannot be asked (the caller tries again later).
 */
export async function completeTranscription(
  db: Db,
  gladiaJobId: string,
  now: Date,
): Promise<CompletionResult> {
  const gladia = gladiaClient()
  if (!gladia) return 'not_configured'
  const [row] = await db
    .select()
    .from(sessionRecordings)
    .where(eq(sessionRecordings.gladiaJobId, gladiaJobId))
  if (!row) return 'unknown'
  if (row.status !== 'transcribing') {
    // Finished earlier but its DELETE did not get through: try that again.
    await deleteJob(db, gladia, row.id, gladiaJobId)
    return row.status === 'transcribed' ? 'transcribed' : row.status === 'failed' ? 'failed' : 'unknown'
  }

  let job: GladiaJob
  try {
    job = await gladia.getJob(gladiaJobId)
  } catch (error) {
    if (error instanceof GladiaError && error.status === 404) {
      await fail(db, row, 'gladia_job_missing', now, { gladiaJobId: null })
      return 'failed'
    }
    throw error
  }

  if (job.status === 'queued' || job.status === 'processing') {
    // Touched, so the sweeper's bounded batch moves on to the others next time.
    await db
      .update(sessionRecordings)
      .set({ updatedAt: now })
      .where(and(eq(sessionRecordings.id, row.id), eq(sessionRecordings.status, 'transcribing')))
    return 'pending'
  }

  if (job.status === 'error') {
    const code =
      String(job.error_code ?? 'unknown')
        .replace(/[^A-Za-z0-9_-]/g, '')
        .slice(0, 20) || 'unknown'
    await fail(db, row, `gladia_error_${code}`, now)
    await deleteJob(db, gladia, row.id, gladiaJobId)
    return 'failed'
  }

  const { segments, language } = segmentsOf(job)
  let saved: boolean
  try {
    saved = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(sessionRecordings)
        .set({ status: 'transcribed', error: null, transcribedAt: now, updatedAt: now })
        .where(and(eq(sessionRecordings.id, row.id), eq(sessionRecordings.status, 'transcribing')))
        .returning({ id: sessionRecordings.id })
      if (!claimed) return false
      const transcript = await saveTranscript(tx, {
        bookingId: row.bookingId,
        source: 'gladia',
        segments,
        language,
        recordingId: row.id,
      })
      await recordAudit(tx, {
        actor: null,
        action: 'transcript.saved',
        target: { type: 'transcript', id: transcript.id },
        details: { bookingId: row.bookingId, source: 'gladia', segments: segments.length },
      })
      return true
    })
  } catch (error) {
    log.error('recording.transcript_save_failed', {
      recordingId: row.id,
      error: error instanceof Error ? error.name : 'unknown',
    })
    await fail(db, row, 'transcript_save_failed', now)
    await deleteJob(db, gladia, row.id, gladiaJobId)
    return 'failed'
  }
  // R6.2: the result is ours now; the job (audio and text) goes at once.
  await deleteJob(db, gladia, row.id, gladiaJobId)
  if (saved) {
    log.info('recording.transcribed', { recordingId: row.id, segments: segments.length })
    // R7: with consent, the summary starts now (after the response); the sweeper only retries.
    await startAutoSummary(db, row.bookingId, now).catch((error: unknown) =>
      log.warn('ai.enqueue_failed', {
        recordingId: row.id,
        error: error instanceof Error ? error.name : 'unknown',
      }),
    )
  }
  return saved
    ? 'transcribed'
    : (await load(db, row.id))?.status === 'transcribed'
      ? 'transcribed'
      : 'unknown'
}

// ---------------------------------------------------------------------------------------------------------------
// Retry

/**
 * The coach of the booking restarts a failed recording from the step that failed: download (nothing stored yet),
 * the delete at Daily, or the transcription. Anyone else: NotFound. Not failed: ConflictError.
 */
export async function retryRecording(
  db: Db,
  actor: Actor,
  recordingId: string,
  now: Date,
): Promise<RecordingStatus | null> {
  const [found] =
    actor.role === 'coach' && /^[0-9a-f-]{36}$/i.test(recordingId)
      ? await db
          .select({ row: sessionRecordings })
          .from(sessionRecordings)
          .innerJoin(bookings, eq(bookings.id, sessionRecordings.bookingId))
          .where(and(eq(sessionRecordings.id, recordingId), eq(bookings.coachId, actor.userId)))
      : []
  if (!found) throw new NotFoundError()
  const row = found.row
  if (row.status !== 'failed') throw new ConflictError('sessions.retryFailedOnly')
  if (!row.storageKey && (row.source !== 'daily' || !row.dailyRecordingId))
    throw new ConflictError('sessions.neverArrived')
  if (row.gladiaJobId) {
    const gladia = gladiaClient()
    if (!gladia || !(await deleteJob(db, gladia, row.id, row.gladiaJobId)))
      throw new ConflictError('sessions.gladiaDown')
  }
  const resumeAt: RecordingStatus =
    !row.storageKey || row.error === 'daily_delete_failed' ? 'downloading' : 'stored'
  const [claimed] = await db
    .update(sessionRecordings)
    .set({ status: resumeAt, error: null, updatedAt: now })
    .where(and(eq(sessionRecordings.id, row.id), eq(sessionRecordings.status, 'failed')))
    .returning({ id: sessionRecordings.id })
  if (!claimed) throw new ConflictError('sessions.retryRunning')
  log.info('recording.retry', { recordingId: row.id, resumeAt })
  return processRecording(db, row.id, now)
}
