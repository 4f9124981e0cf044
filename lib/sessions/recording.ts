import 'server-only'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { bookings, sessionRecordings, videoRooms, type SessionRecording } from '@/db/schema'
import type { Db } from '@/db/types'
import { recordAudit } from '@/lib/audit/service'
import type { Actor } from '@/lib/auth/types'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { dailyClient, DailyError } from '@/lib/integrations/daily'
import { gladiaClient } from '@/lib/integrations/gladia'
import { hasRecordingConsent } from '@/lib/consent/service'
import { log } from '@/lib/log'
import { AudioTooLargeError, discardRecording, storeEncryptedAudio } from './audio'
import { isDiscardReason } from './discard-reasons'
import {
  failRecording as fail,
  loadRecording as load,
  RECORDING_EXTENSIONS as EXTENSIONS,
  type PipelineError,
  type RecordingStatus,
} from './recording-row'
import { deleteGladiaJob, startTranscription } from './transcription'

export type { PipelineError, RecordingStatus } from './recording-row'

/**
 * The recording pipeline (R5.4, R6): Daily recording → our storage → deleted at Daily → Gladia job → transcript
 * (encrypted) → Gladia job deleted. Each step reads the row's state and is safe to run again, so the webhook, the
 * Gladia callback, the cron sweeper (lib/cron/transcriptions.ts) and the coach's retry all resume where a run
 * stopped. This file holds the Daily half and the retry; ./transcription.ts the Gladia half. A failed step sets status 'failed' and a short technical code in `error` (never content or names);
 * nothing here throws past the caller once the row exists, except network trouble while fetching a Gladia result
 * (the callback answers 502, the sweeper tries again).
 *
 * Invariants: `storage_key` set ⇔ the file is in our storage; `gladia_job_id` set ⇔ a job may still exist at
 * Gladia (cleared once its DELETE succeeded or it was already gone).
 */

/** Larger downloads are refused (about 9 h of audio, 2 h of 720p video). */
export const MAX_RECORDING_BYTES = 500 * 1024 * 1024
const DOWNLOAD_TIMEOUT_MS = 240_000

const DAILY_RECORDING_ID = /^[A-Za-z0-9-]{1,100}$/

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

/** Opens the file behind Daily's pre-signed link as a stream; a declared size over the limit is refused early. */
async function openDownload(url: string): Promise<{ body: AsyncIterable<Uint8Array>; contentType: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) })
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined)
    throw new Error(`download HTTP ${response.status}`)
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > MAX_RECORDING_BYTES) {
    await response.body.cancel().catch(() => undefined)
    throw new AudioTooLargeError()
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  return {
    body: response.body as unknown as AsyncIterable<Uint8Array>,
    contentType: EXTENSIONS[type] ? type : 'audio/webm',
  }
}

/**
 * Step 1: access link → download → encrypted with the client's data key → our storage, streamed end to end (a
 * 500 MB recording never sits in memory). Status stays 'downloading', storage_key set.
 */
async function copyFromDaily(
  db: Db,
  row: SessionRecording,
  clientId: string,
  now: Date,
): Promise<SessionRecording> {
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
  let file: Awaited<ReturnType<typeof openDownload>>
  try {
    file = await openDownload(link)
  } catch (error) {
    return fail(db, row, error instanceof AudioTooLargeError ? 'download_too_large' : 'download_failed', now)
  }
  const key = `recordings/${row.bookingId}/${row.id}.${EXTENSIONS[file.contentType] ?? 'webm'}`
  let plainBytes: number
  try {
    ;({ plainBytes } = await storeEncryptedAudio(db, {
      ownerId: clientId,
      key,
      source: file.body,
      contentType: file.contentType,
      maxBytes: MAX_RECORDING_BYTES,
    }))
  } catch (error) {
    if (error instanceof AudioTooLargeError) return fail(db, row, 'download_too_large', now)
    return fail(db, row, error instanceof TypeError ? 'download_failed' : 'storage_failed', now)
  }
  const [updated] = await db
    .update(sessionRecordings)
    .set({
      storageKey: key,
      encryptedFor: clientId,
      contentType: file.contentType,
      sizeBytes: plainBytes,
      updatedAt: now,
    })
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

async function clientOf(db: Db, bookingId: string): Promise<string | null> {
  const [booking] = await db
    .select({ clientId: bookings.clientId })
    .from(bookings)
    .where(eq(bookings.id, bookingId))
  return booking?.clientId ?? null
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
    // R5.3: a recording the client did not consent to (started from inside the call, or consent withdrawn
    // since) is deleted at Daily and here, never transcribed, and audited.
    const clientId = await clientOf(db, row.bookingId)
    if (
      row.source === 'daily' &&
      (!clientId || !(await hasRecordingConsent(db, row.bookingId, clientId, now)))
    ) {
      await discardRecording(db, row, 'no_recording_consent', now)
      return (await load(db, row.id))?.status ?? null
    }
    if (!row.storageKey) {
      if (!clientId) return (await fail(db, row, 'daily_not_configured', now)).status
      row = await copyFromDaily(db, row, clientId, now)
    }
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
  // Thrown away for want of consent: there is nothing to retry, and nothing may be fetched again.
  if (row.error && isDiscardReason(row.error)) throw new ConflictError('sessions.discarded')
  if (!row.storageKey && (row.source !== 'daily' || !row.dailyRecordingId))
    throw new ConflictError('sessions.neverArrived')
  if (row.gladiaJobId) {
    const gladia = gladiaClient()
    if (!gladia || !(await deleteGladiaJob(db, gladia, row.id, row.gladiaJobId)))
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
