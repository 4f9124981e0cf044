import 'server-only'
import type { Db } from '@/db/types'
import type { RequestMeta } from '@/lib/audit/service'
import type { Actor } from '@/lib/auth/types'
import type { RecordingConsentChange } from '@/lib/consent/schemas'
import { recordRecordingConsent, recordSessionConsent } from '@/lib/consent/service'
import { log } from '@/lib/log'
import { discardSessionAudio } from './audio'
import { stopActiveRecording } from './video'

/**
 * The client's per-session answers with their consequences (R5.3, R6; policy §6.2). The answer is stored with
 * proof first; a "no" then stops what runs and throws the session's audio away (Gladia job, stored file, copy
 * at Daily). A failure there does not undo the answer: the pipeline checks the consent again before anything
 * leaves, and logs by class only.
 */

export async function setRecordingConsent(
  db: Db,
  actor: Actor,
  input: RecordingConsentChange,
  meta: RequestMeta,
  now: Date,
) {
  const result = await recordRecordingConsent(db, actor, input, meta)
  if (!input.granted) {
    await stopActiveRecording(db, input.bookingId, now).catch((error: unknown) => {
      log.error('video.recording_stop_after_withdrawal_failed', {
        error: error instanceof Error ? error.name : 'unknown',
      })
    })
    await discardAfterWithdrawal(db, input.bookingId, 'recording_consent_withdrawn', now)
  }
  return result
}

export async function setTranscriptionConsent(
  db: Db,
  actor: Actor,
  input: RecordingConsentChange,
  meta: RequestMeta,
  now: Date,
) {
  const result = await recordSessionConsent(db, actor, 'transcription', input, meta)
  if (!input.granted)
    await discardAfterWithdrawal(db, input.bookingId, 'transcription_consent_withdrawn', now)
  return result
}

async function discardAfterWithdrawal(
  db: Db,
  bookingId: string,
  reason: 'recording_consent_withdrawn' | 'transcription_consent_withdrawn',
  now: Date,
) {
  await discardSessionAudio(db, bookingId, reason, now).catch((error: unknown) => {
    log.error('recording.discard_after_withdrawal_failed', {
      reason,
      error: error instanceof Error ? error.name : 'unknown',
    })
  })
}
