import { sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '@/db/types'

/** Rows of `db.execute`: node-postgres, Neon and PGlite all answer with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows
}

/**
 * What every batch of a run shares: the database, dry run or not, the batch size, and `allow()`, asked before
 * each batch — false once the time budget is spent (after at least one batch did work, so every run makes
 * progress) or the run lost its lease. Then the class stops where it is; the next run picks up from there,
 * because every step selects what is still past its period, never a remembered position.
 */
export type BatchContext = {
  db: Db
  dryRun: boolean
  batchSize: number
  allow: () => Promise<boolean>
  /** Called after a batch that changed rows (for the budget's "at least one batch" rule). */
  worked: () => void
}

export type StepResult = { affected: number; done: boolean }

export type Step = {
  table: PgTable
  /** Which rows are past their period (or belong to a deleted account). Must stop matching once handled. */
  where: SQL
  /** UPDATE … SET this instead of DELETE (anonymisation, detaching). */
  set?: SQL
  /** Batch order (the audit log: chain order, so only a prefix is ever removed). */
  orderBy?: SQL
  /** The ledgers' append-only triggers let only the retention job delete (SET LOCAL mialma.retention). */
  guarded?: boolean
}

export async function countStep(db: Db, step: Step): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM ${step.table} WHERE ${step.where}`),
  )
  return Number(row?.n ?? 0)
}

/**
 * One step, batch by batch: `DELETE … WHERE ctid = ANY(ARRAY(SELECT ctid … LIMIT n))` (a TID scan, so each
 * statement touches n rows however large the table), or the same shape with UPDATE. In a dry run it only counts.
 */
export async function runStep(ctx: BatchContext, step: Step): Promise<StepResult> {
  if (ctx.dryRun) return { affected: await countStep(ctx.db, step), done: true }
  const pick = sql`ARRAY(SELECT ctid FROM ${step.table} WHERE ${step.where}${
    step.orderBy ? sql` ORDER BY ${step.orderBy}` : sql``
  } LIMIT ${ctx.batchSize})`
  const statement = step.set
    ? sql`WITH changed AS (UPDATE ${step.table} SET ${step.set} WHERE ctid = ANY(${pick}) RETURNING 1)
          SELECT count(*)::int AS n FROM changed`
    : sql`WITH changed AS (DELETE FROM ${step.table} WHERE ctid = ANY(${pick}) RETURNING 1)
          SELECT count(*)::int AS n FROM changed`
  let affected = 0
  for (;;) {
    if (!(await ctx.allow())) return { affected, done: false }
    const n = step.guarded
      ? await ctx.db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL mialma.retention = 'on'`)
          return Number(rowsOf<{ n: number }>(await tx.execute(statement))[0]?.n ?? 0)
        })
      : Number(rowsOf<{ n: number }>(await ctx.db.execute(statement))[0]?.n ?? 0)
    affected += n
    if (n > 0) ctx.worked()
    if (n < ctx.batchSize) return { affected, done: true }
  }
}

/** Steps in order; stops at the first one that could not finish. */
export async function runSteps(ctx: BatchContext, steps: Step[]): Promise<StepResult> {
  let affected = 0
  for (const step of steps) {
    const result = await runStep(ctx, step)
    affected += result.affected
    if (!result.done) return { affected, done: false }
  }
  return { affected, done: true }
}
