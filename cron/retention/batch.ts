import { getTableName, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '@/db/types'
import { auditLog } from '@/db/schema'
import type { AuditAction } from '@/lib/audit/service'

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
  /** The class being run: every batch that changed rows leaves one audit entry naming it (R11.2, R13.2). */
  classId?: string
  runId?: string | null
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
  /**
   * For an UPDATE whose rows stay in the period index after they are handled (anonymised bookings keep their
   * start): batches walk this indexed column upwards from where the last one ended, so a batch does not re-read
   * every row earlier batches already anonymised (which made the step quadratic). `>=` the last value, so rows
   * sharing it are looked at again (they no longer match `where` once handled). Within one run only: the next run
   * starts from the bottom again.
   */
  keyset?: AnyPgColumn
}

export async function countStep(db: Db, step: Step): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM ${step.table} WHERE ${step.where}`),
  )
  return Number(row?.n ?? 0)
}

/**
 * One step, batch by batch: `DELETE … WHERE ctid = ANY(ARRAY(SELECT ctid … LIMIT n FOR UPDATE SKIP LOCKED))`
 * (a TID scan, so each statement touches n rows however large the table; rows another transaction holds are
 * skipped, not waited for, and come with the next run), or the same shape with UPDATE. The period columns are
 * indexed, so the inner SELECT finds its n rows without scanning what earlier batches removed (an UPDATE whose
 * rows stay in that index walks it with `keyset`). Each batch that
 * changed rows writes one audit entry (class, table, rows) in the same statement. A dry run only counts.
 */
export async function runStep(ctx: BatchContext, step: Step): Promise<StepResult> {
  if (ctx.dryRun) return { affected: await countStep(ctx.db, step), done: true }
  const keyset = step.keyset
  const table = getTableName(step.table)
  let from: unknown = null
  const statement = () => {
    const where =
      keyset && from !== null
        ? sql`${step.where} AND ${keyset} >= CAST(${from} AS ${sql.raw(keyset.getSQLType())})`
        : step.where
    const order = keyset ? sql` ORDER BY ${keyset}` : step.orderBy ? sql` ORDER BY ${step.orderBy}` : sql``
    const pick = sql`ARRAY(SELECT ctid FROM ${step.table} WHERE ${where}${order} LIMIT ${ctx.batchSize} FOR UPDATE SKIP LOCKED)`
    // The highest keyset value of the batch (its rows' new values: the keyset column is never what `set` changes).
    const returning = keyset ? sql`${keyset} AS k` : sql`1 AS k`
    // As text, cast back to the column's type: exact (a JS Date would drop microseconds) on every driver.
    const last = keyset ? sql`max(k)::text` : sql`NULL`
    const change = step.set
      ? sql`UPDATE ${step.table} SET ${step.set} WHERE ctid = ANY(${pick}) RETURNING ${returning}`
      : sql`DELETE FROM ${step.table} WHERE ctid = ANY(${pick}) RETURNING ${returning}`
    // The batch's audit entry in the same statement (a data-modifying WITH runs whether or not it is read):
    // one round trip per batch instead of four (begin, change, audit insert, commit); atomic all the same.
    // Pseudonymous: the class, the table and the count, never which rows (they are gone). The same row as
    // recordAudit would write (lib/audit/service.ts); the chain trigger links it.
    const audit = ctx.classId
      ? sql`, audited AS (
          INSERT INTO ${auditLog} (actor_role, action, target_type, target_id, details)
          SELECT 'system', ${'retention.batch' satisfies AuditAction}, 'retention_class', ${ctx.classId},
                 jsonb_build_object('table', ${table}::text, 'rows', n, 'action', ${step.set ? 'anonymise' : 'delete'}::text,
                                    'runId', ${ctx.runId ?? null}::text)
            FROM counted WHERE n > 0 RETURNING 1)`
      : sql``
    return sql`WITH changed AS (${change}),
      counted AS (SELECT count(*)::int AS n, ${last} AS last FROM changed)${audit}
      SELECT n, last FROM counted`
  }
  let affected = 0
  for (;;) {
    if (!(await ctx.allow())) return { affected, done: false }
    const run = async (db: Db) => rowsOf<{ n: number; last: unknown }>(await db.execute(statement()))[0]
    // The ledgers' guard reads a transaction-local setting, so their batches need a transaction of their own.
    const row = step.guarded
      ? await ctx.db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL mialma.retention = 'on'`)
          return run(tx)
        })
      : await run(ctx.db)
    const n = Number(row?.n ?? 0)
    if (keyset && row?.last !== null && row?.last !== undefined) from = row.last
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
