import 'server-only'
import { and, asc, eq, isNotNull, isNull, lt, notExists } from 'drizzle-orm'
import { sessionRecordings, transcripts } from '@/db/schema'
import type { Db } from '@/db/types'
import { processQueuedAnalyses } from '@/lib/ai/review'
import { gladiaClient } from '@/lib/integrations/gladia'
import { log } from '@/lib/log'
import { processRecording } from '@/lib/sessions/recording'
import { completeTranscription, startTranscription } from '@/lib/sessions/transcription'
import { authorizeCron } from './guard'

/** A run that crashed mid-step (serverless timeout) leaves the row here; after this long it is resumed. */
const STUCK_MS = 30 * 60_000

/** Per run: Gladia status checks are cheap, downloads and uploads are not (maxDuration 300 s). */
export const SWEEP_LIMITS = { checks: 25, downloads: 2, sends: 3 } as const

export type SweepReport = {
  checked: number
  transcribed: number
  failed: number
  pending: number
  errors: number
  resumedDownloads: number
  sent: number
  jobsDeleted: number
}

/**
 * The transcription sweeper (R6, INTEGRATIONS §6 "callback plus a cron sweeper"): completes jobs whose callback
 * never came, retries Gladia DELETEs that did not get through, resumes steps a crashed run left behind, and sends
 * 'stored' recordings that were never sent (Gladia configured later, or its upload failed before a job existed) —
 * unless the booking already has a transcript (e.g. the coach uploaded one). Bounded per run; every step is the
 * pipeline's own idempotent step, so overlapping runs are harmless.
 */
export async function sweepTranscriptions(db: Db, now: Date): Promise<SweepReport> {
  const report: SweepReport = {
    checked: 0,
    transcribed: 0,
    failed: 0,
    pending: 0,
    errors: 0,
    resumedDownloads: 0,
    sent: 0,
    jobsDeleted: 0,
  }
  const stuckBefore = new Date(now.getTime() - STUCK_MS)

  const stuckDownloads = await db
    .select({ id: sessionRecordings.id })
    .from(sessionRecordings)
    .where(
      and(
        eq(sessionRecordings.status, 'downloading'),
        isNotNull(sessionRecordings.dailyRecordingId),
        lt(sessionRecordings.updatedAt, stuckBefore),
      ),
    )
    .orderBy(asc(sessionRecordings.updatedAt))
    .limit(SWEEP_LIMITS.downloads)
  for (const { id } of stuckDownloads) {
    await processRecording(db, id, now)
    report.resumedDownloads += 1
  }

  if (!gladiaClient()) return report

  const jobs = await db
    .select({ jobId: sessionRecordings.gladiaJobId, status: sessionRecordings.status })
    .from(sessionRecordings)
    .where(isNotNull(sessionRecordings.gladiaJobId))
    .orderBy(asc(sessionRecordings.updatedAt))
    .limit(SWEEP_LIMITS.checks)
  for (const { jobId, status } of jobs) {
    try {
      const result = await completeTranscription(db, jobId!, now)
      if (status !== 'transcribing') {
        report.jobsDeleted += 1
        continue
      }
      report.checked += 1
      if (result === 'transcribed') report.transcribed += 1
      else if (result === 'failed') report.failed += 1
      else if (result === 'pending') report.pending += 1
    } catch (error) {
      report.errors += 1
      log.warn('cron.transcriptions.check_failed', { error: error instanceof Error ? error.name : 'unknown' })
    }
  }

  // Claimed for sending, but the run died before the job existed: back to 'stored', then sent below.
  await db
    .update(sessionRecordings)
    .set({ status: 'stored', updatedAt: now })
    .where(
      and(
        eq(sessionRecordings.status, 'transcribing'),
        isNull(sessionRecordings.gladiaJobId),
        lt(sessionRecordings.updatedAt, stuckBefore),
      ),
    )

  const unsent = await db
    .select({ id: sessionRecordings.id })
    .from(sessionRecordings)
    .where(
      and(
        eq(sessionRecordings.status, 'stored'),
        isNull(sessionRecordings.gladiaJobId),
        notExists(
          db
            .select({ id: transcripts.id })
            .from(transcripts)
            .where(eq(transcripts.bookingId, sessionRecordings.bookingId)),
        ),
      ),
    )
    .orderBy(asc(sessionRecordings.updatedAt))
    .limit(SWEEP_LIMITS.sends)
  for (const { id } of unsent) {
    if ((await startTranscription(db, id, now)) === 'transcribing') report.sent += 1
  }
  return report
}

/** GET /api/cron/transcriptions (hourly): authorises the Vercel cron call, then sweeps. */
export async function handleTranscriptionsCron(
  request: Request,
  options: { db: Db; secret: string | undefined; now: Date },
): Promise<Response> {
  const auth = authorizeCron(request, options.secret)
  if (!auth.ok) return auth.response
  const report = await sweepTranscriptions(options.db, options.now)
  // Summaries queued automatically after transcription go out here (consent re-checked per item).
  const summaries = await processQueuedAnalyses(options.db, { now: options.now })
  const summariesDrafted = summaries.filter((o) => o.status === 'draft').length
  log.info('cron.transcriptions', { ...report, summariesDrafted, summariesRun: summaries.length })
  return Response.json({ ...report, summariesDrafted, summariesRun: summaries.length })
}
