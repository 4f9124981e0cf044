/**
 * Why a recording's audio was thrown away (R5.3, R6): stored in `session_recordings.error`, shown to the coach
 * as a sentence, and never retried. Pure, so the coach's page can use it too.
 */
export const DISCARD_REASONS = [
  'no_recording_consent',
  'recording_consent_withdrawn',
  'transcription_consent_withdrawn',
] as const
export type DiscardReason = (typeof DISCARD_REASONS)[number]

export function isDiscardReason(value: string): value is DiscardReason {
  return (DISCARD_REASONS as readonly string[]).includes(value)
}
