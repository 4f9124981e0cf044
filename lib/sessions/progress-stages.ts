import type { aiAnalyses, sessionRecordings } from '@/db/schema'

type RecordingStatus = (typeof sessionRecordings.$inferSelect)['status']
type AnalysisStatus = (typeof aiAnalyses.$inferSelect)['status']

/**
 * Where a session's recording stands for its coach: waiting (recorded, on its way) → transcribing → summarising
 * → draft ready. `idle`: nothing recorded yet; `transcribed`: a transcript without a summary underway (AI off or
 * no consent); `review`: the outgoing text waits for the coach; `failed`: a step failed (the page offers a retry).
 */
export type ProgressStage =
  'idle' | 'waiting' | 'transcribing' | 'summarising' | 'review' | 'draft' | 'transcribed' | 'failed'

/** Stages that change without the coach doing anything: the page keeps asking while it is in one of these. */
export const MOVING_STAGES: readonly ProgressStage[] = ['waiting', 'transcribing', 'summarising']

export type Facts = {
  recording: RecordingStatus | null
  transcript: boolean
  analysis: AnalysisStatus | null
}

export function stageOf({ recording, transcript, analysis }: Facts): ProgressStage {
  if (transcript) {
    if (analysis === 'queued' || analysis === 'running') return 'summarising'
    if (analysis === 'review') return 'review'
    if (analysis === 'draft' || analysis === 'approved') return 'draft'
    if (analysis === 'failed') return 'failed'
    return 'transcribed'
  }
  if (recording === null) return 'idle'
  if (recording === 'failed') return 'failed'
  if (recording === 'transcribing') return 'transcribing'
  return 'waiting'
}
