import { and, eq, lt } from 'drizzle-orm'
import { cronRuns, type CronRun } from '@/db/schema'
import type { Db } from '@/db/types'

/** A crashed run (serverless timeout, lost connection) blocks the job at most this long. */
export const LEASE_MS = 10 * 60_000

export type Lease = { runId: string; renewedAt: number }

/**
 * Claims the job (R11.2, INTEGRATIONS §8 "insert cron_runs … with a unique key before working"): a run whose
 * lease ran out is marked failed first, then the insert succeeds only if no other run of the job is 'running'
 * (partial unique index cron_runs_one_running_idx) — two overlapping invocations cannot both work.
 */
export async function acquireLease(
  db: Db,
  input: { job: string; dryRun: boolean; logicalNow: Date; clock: Date },
): Promise<
  | { ok: true; lease: Lease }
  | { ok: false; holder: Pick<CronRun, 'id' | 'startedAt' | 'leaseExpiresAt'> | null }
> {
  await db
    .update(cronRuns)
    .set({ status: 'failed', finishedAt: input.clock, error: 'lease expired (taken over)' })
    .where(
      and(
        eq(cronRuns.job, input.job),
        eq(cronRuns.status, 'running'),
        lt(cronRuns.leaseExpiresAt, input.clock),
      ),
    )
  const [row] = await db
    .insert(cronRuns)
    .values({
      job: input.job,
      status: 'running',
      dryRun: input.dryRun,
      logicalNow: input.logicalNow,
      startedAt: input.clock,
      leaseExpiresAt: new Date(input.clock.getTime() + LEASE_MS),
    })
    .onConflictDoNothing()
    .returning({ id: cronRuns.id })
  if (row) return { ok: true, lease: { runId: row.id, renewedAt: input.clock.getTime() } }
  const [holder] = await db
    .select({ id: cronRuns.id, startedAt: cronRuns.startedAt, leaseExpiresAt: cronRuns.leaseExpiresAt })
    .from(cronRuns)
    .where(and(eq(cronRuns.job, input.job), eq(cronRuns.status, 'running')))
  return { ok: false, holder: holder ?? null }
}

/** Extends the lease; false when this run no longer holds it (it was taken over after it expired). */
export async function renewLease(db: Db, lease: Lease, clock: Date): Promise<boolean> {
  const [row] = await db
    .update(cronRuns)
    .set({ leaseExpiresAt: new Date(clock.getTime() + LEASE_MS) })
    .where(and(eq(cronRuns.id, lease.runId), eq(cronRuns.status, 'running')))
    .returning({ id: cronRuns.id })
  if (row) lease.renewedAt = clock.getTime()
  return Boolean(row)
}

export async function finishLease(
  db: Db,
  lease: Lease,
  input: { status: 'done' | 'failed'; clock: Date; report: Record<string, unknown>; error?: string },
): Promise<void> {
  await db
    .update(cronRuns)
    .set({ status: input.status, finishedAt: input.clock, report: input.report, error: input.error ?? null })
    .where(and(eq(cronRuns.id, lease.runId), eq(cronRuns.status, 'running')))
}

/** Whether more than a third of the lease has passed since it was last extended. */
export const leaseNeedsRenewal = (lease: Lease, clock: Date) =>
  clock.getTime() - lease.renewedAt > LEASE_MS / 3
