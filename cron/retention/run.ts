import type { Db } from '@/db/types'
import { dailyClient, type DailyClient } from '@/lib/integrations/daily'
import { objectStorage, type ObjectStorage } from '@/lib/integrations/storage'
import { forgetAcuityReferences } from '@/lib/bookings/acuity-sync'
import { log, maskEmails } from '@/lib/log'
import type { BatchContext } from './batch'
import { classRunners } from './classes'
import { acquireLease, finishLease, leaseNeedsRenewal, renewLease } from './lease'
import { retentionClasses, type RetentionClass } from './policy'

export const RETENTION_JOB = 'retention'

/** Vercel stops the function at 300 s (maxDuration); this leaves time for the last batch and the report. */
export const DEFAULT_BUDGET_MS = 240_000
/** Large enough that per-statement overhead (and the one audit entry per batch) is small against the rows. */
export const DEFAULT_BATCH_SIZE = 5_000

export type RetentionOptions = {
  /** The moment periods are judged against (R11.2: a parameter, so tests and reruns are exact). */
  now: Date
  dryRun?: boolean
  /** Wall time after which no new batch starts (at least one batch always runs). Default 240 s. */
  budgetMs?: number
  /** Rows per statement. Default 5,000. */
  batchSize?: number
  /** Our object storage (default: lib/integrations/storage). */
  storage?: ObjectStorage
  /** Daily (default: from DAILY_API_KEY; null = not configured). */
  daily?: DailyClient | null
  /** The real clock, for the lease and the budget (tests move it). */
  clock?: () => Date
}

export type RetentionReport = {
  /** done: ran (see `complete`); skipped: another run holds the job; failed: an error stopped it. */
  status: 'done' | 'skipped' | 'failed'
  runId: string | null
  dryRun: boolean
  now: string
  /** False when the budget ran out (or the lease was lost) before every class finished: the next run resumes. */
  complete: boolean
  /** Rows deleted or anonymised per class (in a dry run: that would be). */
  classes: Record<RetentionClass, number>
  /** Recordings kept because deleting them in storage or at Daily failed; retried next run. */
  pendingRemote: number
  /** Bookings whose Acuity appointment reference was cleared after 12 months (R3.5). */
  acuityReferences?: number
  /** Why it was skipped or failed (technical, no content). */
  reason?: string
}

const emptyCounts = () =>
  Object.fromEntries(retentionClasses.map((id) => [id, 0])) as Record<RetentionClass, number>

/**
 * The retention job (R11): every class of the retention table, in bounded batches. Idempotent (each step
 * selects only what is still past its period), resumable (stopping between batches leaves consistent data and the
 * next run continues), dry-run (counts only), one run at a time (cron_runs lease). Never logs content.
 */
export async function runRetention(db: Db, options: RetentionOptions): Promise<RetentionReport> {
  const clock = options.clock ?? (() => new Date())
  const dryRun = options.dryRun ?? false
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE))
  const report: RetentionReport = {
    status: 'done',
    runId: null,
    dryRun,
    now: options.now.toISOString(),
    complete: false,
    classes: emptyCounts(),
    pendingRemote: 0,
  }

  const claimed = await acquireLease(db, {
    job: RETENTION_JOB,
    dryRun,
    logicalNow: options.now,
    clock: clock(),
  })
  if (!claimed.ok) {
    log.info('retention.skipped', { reason: 'another run is in progress', holder: claimed.holder?.id })
    return { ...report, status: 'skipped', reason: 'another run is in progress' }
  }
  const lease = claimed.lease
  report.runId = lease.runId

  const started = clock().getTime()
  let worked = 0
  let leaseLost = false
  const ctx: BatchContext = {
    db,
    dryRun,
    batchSize,
    worked: () => {
      worked++
    },
    allow: async () => {
      const at = clock()
      if (worked > 0 && at.getTime() - started >= budgetMs) return false
      if (leaseNeedsRenewal(lease, at) && !(await renewLease(db, lease, at))) {
        leaseLost = true
        return false
      }
      return true
    },
  }
  const remotes = {
    storage: async () => options.storage ?? (await objectStorage()),
    daily: options.daily === undefined ? dailyClient() : options.daily,
  }

  try {
    let complete = true
    for (const [id, run] of classRunners) {
      const result = await run({ ...ctx, classId: id, runId: lease.runId }, options.now, remotes)
      report.classes[id] += result.affected
      report.pendingRemote += result.pending ?? 0
      if (!result.done) {
        complete = false
        break
      }
    }
    // R3.5: references to Acuity-side appointments follow the policy's 12 months for Acuity data.
    if (complete && !leaseLost) {
      const acuity = await forgetAcuityReferences(db, { now: options.now, dryRun })
      report.acuityReferences = dryRun ? acuity.due : acuity.cleared
    }
    report.complete = complete
    if (leaseLost) report.reason = 'lease lost'
    else if (!complete) report.reason = 'time budget spent; the next run continues'
  } catch (error) {
    // Technical facts only: driver messages name tables and constraints, never row content — masked anyway.
    const message = maskEmails(error instanceof Error ? error.message : String(error)).slice(0, 300)
    log.error('retention.failed', { runId: lease.runId, dryRun, error: message })
    await finishLease(db, lease, { status: 'failed', clock: clock(), report: flat(report), error: message })
    return { ...report, status: 'failed', reason: message }
  }
  await finishLease(db, lease, { status: 'done', clock: clock(), report: flat(report) })
  log.info('retention.done', { runId: lease.runId, dryRun, complete: report.complete, ...report.classes })
  return report
}

/** What cron_runs.report keeps: rows per class id, plus `complete` and `pendingRemote`. */
const flat = (r: RetentionReport) => ({
  ...r.classes,
  acuityReferences: r.acuityReferences ?? 0,
  complete: r.complete,
  pendingRemote: r.pendingRemote,
})
