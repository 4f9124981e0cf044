import 'server-only'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { bookings, sessionRecordings, type SessionRecording } from '@/db/schema'
import type { Db } from '@/db/types'
import { isProcessingRestricted } from '@/lib/consent/restriction'
import { enqueueAutoSummary } from '@/lib/ai/service'
import { recordAudit } from '@/lib/audit/service'
import { gladiaCallbackUrl } from '@/lib/integrations/gladia/callback-token'
import { gladiaClient, GladiaError, type GladiaClient, type GladiaJob } from '@/lib/integrations/gladia'
import { hasRecordingConsent, hasTranscriptionConsent } from '@/lib/consent/service'
import { log } from '@/lib/log'
import { openRecordingAudio } from './audio'
import {
  failRecording as fail,
  loadRecording as load,
  RECORDING_EXTENSIONS as EXTENSIONS,
  type RecordingStatus,
} from './recording-row'
import { saveTranscript, type TranscriptSegment } from './transcript-store'

/**
 * The transcription half of the recording pipeline (R6): a stored recording → Gladia job → transcript
 * (encrypted) → Gladia job deleted. Safe to run again from any state, like ./recording.ts.
 */

/** Transcription consent for the session, and for a Daily recording also recording consent, in force at `now`. */
async function mayTranscribe(
  db: Db,
  row: Pick<SessionRecording, 'bookingId' | 'source'>,
  clientId: string,
  now: Date,
): Promise<boolean> {
  if (!(await hasTranscriptionConsent(db, row.bookingId, clientId, now))) return false
  return row.source !== 'daily' || hasRecordingConsent(db, row.bookingId, clientId, now)
}

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
  const current = await load(db, recordingRowId)
  if (!current) return null
  // R10.3: while the client restricts processing, the recording stays stored and is not sent; the sweeper sends
  // it once the restriction is lifted.
  const [owner] = await db
    .select({ clientId: bookings.clientId })
    .from(bookings)
    .where(eq(bookings.id, current.bookingId))
  if (!owner?.clientId || (await isProcessingRestricted(db, owner.clientId))) return current.status
  // R6, policy §6.2: audio leaves only with the client's transcription consent for this session, in force now —
  // for Daily recordings also the recording consent. Without it the recording stays stored and is not sent
  // (withdrawing a consent deletes it, lib/sessions/audio.ts).
  if (!(await mayTranscribe(db, current, owner.clientId, now))) {
    if (current.status !== 'stored') return current.status
    // Touched, so the sweeper's bounded batch moves on to the others next time.
    await db
      .update(sessionRecordings)
      .set({ updatedAt: now })
      .where(and(eq(sessionRecordings.id, current.id), eq(sessionRecordings.status, 'stored')))
    log.info('recording.transcription_waiting_for_consent', { recordingId: current.id })
    return current.status
  }
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

  let audio: AsyncIterable<Uint8Array> | null
  try {
    audio = await openRecordingAudio(db, row)
  } catch {
    return (await fail(db, row, 'storage_failed', now)).status
  }
  if (!audio) return (await fail(db, row, 'stored_file_missing', now)).status

  const contentType = row.contentType ?? 'audio/webm'
  let audioUrl: string
  try {
    const filename = `${row.id}.${EXTENSIONS[contentType] ?? 'webm'}`
    audioUrl = (await gladia.upload(audio, filename, contentType)).audio_url
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
  const [recorded] = await db
    .update(sessionRecordings)
    .set({ gladiaJobId: jobId, updatedAt: now })
    .where(and(eq(sessionRecordings.id, row.id), eq(sessionRecordings.status, 'transcribing')))
    .returning({ id: sessionRecordings.id })
  if (!recorded) {
    // Withdrawn while uploading: the row was discarded meanwhile, so the job goes at once.
    await gladia.deleteJob(jobId).catch(() => undefined)
    return (await load(db, row.id))?.status ?? null
  }
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
export async function deleteGladiaJob(
  db: Db,
  gladia: GladiaClient,
  rowId: string,
  jobId: string,
): Promise<boolean> {
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
    await deleteGladiaJob(db, gladia, row.id, gladiaJobId)
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
    await deleteGladiaJob(db, gladia, row.id, gladiaJobId)
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
    await deleteGladiaJob(db, gladia, row.id, gladiaJobId)
    return 'failed'
  }
  // R6.2: the result is ours now; the job (audio and text) goes at once.
  await deleteGladiaJob(db, gladia, row.id, gladiaJobId)
  if (saved) {
    log.info('recording.transcribed', { recordingId: row.id, segments: segments.length })
    // R7: with consent, a summary is queued now and sent by the sweeper.
    await enqueueAutoSummary(db, row.bookingId, now).catch((error: unknown) =>
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
