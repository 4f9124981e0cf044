import 'server-only'
import { eq } from 'drizzle-orm'
import { sessionRecordings, type SessionRecording } from '@/db/schema'
import type { Db } from '@/db/types'
import { log } from '@/lib/log'

/**
 * What the recording and the transcription steps share: the row's states, its error codes and the two ways a
 * step reads and fails a row. The steps are in ./recording.ts (Daily → our storage) and ./transcription.ts
 * (our storage → Gladia → transcript).
 */

export type RecordingStatus = SessionRecording['status']

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

export async function loadRecording(db: Db, id: string): Promise<SessionRecording | null> {
  const [row] = await db.select().from(sessionRecordings).where(eq(sessionRecordings.id, id))
  return row ?? null
}

export async function failRecording(
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

/** File extensions of the content types a recording may have. */
export const RECORDING_EXTENSIONS: Record<string, string> = {
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'video/mp4': 'mp4',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
}
