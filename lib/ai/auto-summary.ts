import 'server-only'
import { after } from 'next/server'
import type { Db } from '@/db/types'
import type { AiClient } from '@/lib/integrations/ai'
import { log } from '@/lib/log'
import { processQueuedAnalysis } from './review'
import { queueAutoSummary } from './service'

/**
 * Right after a transcript is stored (R7): queue the summary (consent checked) and start it at once — after the
 * response when this runs in a request (Next's `after()`, within the route's maxDuration), else right here (cron,
 * CLI, tests). The hourly sweeper only picks up what this could not finish. Never throws: the transcript is
 * stored either way, and the summary stays queued for the sweeper.
 */
export async function startAutoSummary(
  db: Db,
  bookingId: string,
  now = new Date(),
  options: { client?: AiClient | null } = {},
): Promise<boolean> {
  const queued = await queueAutoSummary(db, bookingId, now)
  if (!queued) return false
  const work = () =>
    processQueuedAnalysis(db, queued.id, queued.coachId, { client: options.client }).then(
      () => undefined,
      (error: unknown) =>
        log.warn('ai.auto_summary_failed', {
          analysisId: queued.id,
          error: error instanceof Error ? error.name : 'unknown',
        }),
    )
  if (!inRequest(work)) await work()
  return true
}

/** Schedules `task` after the response; false outside a request (Next's after() throws there). */
function inRequest(task: () => Promise<void>): boolean {
  try {
    after(task)
    return true
  } catch {
    return false
  }
}
