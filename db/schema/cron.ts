import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

/**
 * One row per run of a scheduled job (R11.2): when it ran, for which logical `now`, whether it was a dry run, and
 * the counts per retention class. At most one run per job can be 'running' (partial unique index), so two
 * overlapping invocations cannot both work; a run whose lease expired (crashed) may be taken over.
 */
export const cronRuns = pgTable(
  'cron_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    job: text('job').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] })
      .notNull()
      .default('running'),
    dryRun: boolean('dry_run').notNull().default(false),
    /** The `now` the run judged periods against (passed in, so tests and reruns are exact). */
    logicalNow: timestamp('logical_now', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }).notNull(),
    /** Rows affected per retention class id, plus `complete` (false when the time budget ran out). */
    report: jsonb('report').$type<Record<string, unknown>>(),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('cron_runs_one_running_idx')
      .on(t.job)
      .where(sql`${t.status} = 'running'`),
    index('cron_runs_job_started_idx').on(t.job, t.startedAt),
  ],
)

export type CronRun = typeof cronRuns.$inferSelect
