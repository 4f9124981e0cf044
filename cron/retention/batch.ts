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
  /** The ledgers' append-only triggers let only the retention job delete (SET LOCAL mialma.retention). */
  guarded?: boolean
  /**
   * The indexed column a time-based step is past its period by (the audit log: chain_seq, so only a prefix is
   * ever removed). Batches are then ranges of this index, without row locks (see runRangeStep). Steps without
   * one (deleted accounts, rows found through another table) pick their rows with `FOR UPDATE SKIP LOCKED`.
   */
  period?: AnyPgColumn
  /**
   * With `period`: still take the rows with `FOR UPDATE SKIP LOCKED` inside each range, because the app may be
   * writing one of them in a longer transaction (old bookings: see sessionMetadata in classes.ts).
   */
  skipLocked?: boolean
}

export async function countStep(db: Db, step: Step): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM ${step.table} WHERE ${step.where}`),
  )
  return Number(row?.n ?? 0)
}

/**
 * One batch: `DELETE … WHERE rows` (or UPDATE … SET) and its audit entry (class, table, rows) in the same
 * statement — a data-modifying WITH runs whether or not it is read: one round trip per batch instead of four
 * (begin, change, audit insert, commit); atomic all the same. Pseudonymous: the class, the table and the count,
 * never which rows (they are gone). The same row as recordAudit would write (lib/audit/service.ts); the chain
 * trigger links it. Returns the number of rows changed.
 */
export async function runBatch(ctx: BatchContext, step: Step, rows: SQL): Promise<number> {
  const change = step.set
    ? sql`UPDATE ${step.table} SET ${step.set} WHERE ${rows} RETURNING 1`
    : sql`DELETE FROM ${step.table} WHERE ${rows} RETURNING 1`
  const audit = ctx.classId
    ? sql`, audited AS (
        INSERT INTO ${auditLog} (actor_role, action, target_type, target_id, details)
        SELECT 'system', ${'retention.batch' satisfies AuditAction}, 'retention_class', ${ctx.classId},
               jsonb_build_object('table', ${getTableName(step.table)}::text, 'rows', n,
                                  'action', ${step.set ? 'anonymise' : 'delete'}::text, 'runId', ${ctx.runId ?? null}::text)
          FROM counted WHERE n > 0 RETURNING 1)`
    : sql``
  // Asynchronous commit for this batch only (set_config(…, true) lasts until its commit): the commit does not
  // wait for its WAL flush. A database crash can lose the last batches' deletions — rows and audit entry
  // together, as they commit together — and the next run deletes those rows again; nothing else changes.
  const statement = sql`WITH changed AS (${change}),
    counted AS (SELECT count(*)::int AS n FROM changed)${audit},
    relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
    SELECT n FROM counted, relaxed`
  const run = async (db: Db) => rowsOf<{ n: number }>(await db.execute(statement))[0]
  // The ledgers' guard reads a transaction-local setting, so their batches need a transaction of their own.
  const row = step.guarded
    ? await ctx.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL mialma.retention = 'on'`)
        return run(tx)
      })
    : await run(ctx.db)
  const n = Number(row?.n ?? 0)
  if (n > 0) ctx.worked()
  return n
}

/** At most n rows of `rows`, by TID (each statement touches n rows however large the table). */
const someOf = (step: Step, rows: SQL, n: number, lock: boolean) =>
  sql`ctid = ANY(ARRAY(SELECT ctid FROM ${step.table} WHERE ${rows} LIMIT ${n}${lock ? sql` FOR UPDATE SKIP LOCKED` : sql``}))`

/**
 * One step, batch by batch. A dry run only counts. With `period`, see runRangeStep. Without: `DELETE … WHERE
 * ctid = ANY(ARRAY(SELECT ctid … LIMIT n FOR UPDATE SKIP LOCKED))` (or UPDATE): rows another transaction holds are
 * skipped, not waited for, and come with the next run — these steps select by account or through another table,
 * rows the app may still be writing.
 */
export async function runStep(ctx: BatchContext, step: Step): Promise<StepResult> {
  if (ctx.dryRun) return { affected: await countStep(ctx.db, step), done: true }
  if (step.period) return runRangeStep(ctx, step, step.period)
  let affected = 0
  for (;;) {
    if (!(await ctx.allow())) return { affected, done: false }
    const n = await runBatch(ctx, step, someOf(step, step.where, ctx.batchSize, true))
    affected += n
    if (n < ctx.batchSize) return { affected, done: true }
  }
}

/**
 * A time-based step in ranges of its period index. Before each batch one query reads two values of that index
 * (index-only where `where` is only the period): the lowest still due (`first`) and the one n rows further
 * (`next`). The batch is then
 * - `first <= period < next`: at most n rows (those sharing `next` wait for the next range, whole), or
 * - `period >= first` when fewer than n rows are left (the last batch), or
 * - when more than n rows share `first` (`next` = `first`: a tie across the boundary), n of them by TID
 *   (`period = first`, LIMIT n), until the rest fits a range again.
 * So no row is lost or taken twice at a boundary, and every batch reads only its own rows (never what earlier ones
 * removed or anonymised). Values travel as text, cast back to the column's type: exact (a JS Date would drop
 * microseconds) on every driver. The position is kept within one run only: the next run starts from the bottom,
 * and `where` selects only what is still due, so a run that stops anywhere is simply continued.
 *
 * No row locks: `FOR UPDATE` before the delete wrote every tuple twice (the lock, then the delete; twice the WAL of
 * a 5,000-row batch, 6.2–8.6 ms against 3.2–3.8 ms). They are not needed here because nothing in the app writes
 * these rows once they are past their period (logs, ledgers, webhook events and invoices are not written again;
 * an old transcript's share flag or an old analysis is at most one row in a short transaction). Locking did not
 * keep the app from waiting anyway — an app write to a row a batch holds waits for the batch's statement either
 * way; the only difference is on the job's side: it now waits for such a write (milliseconds) instead of skipping
 * the row, and because `where` is part of the DELETE itself, PostgreSQL re-checks it against the row as that
 * write left it (an e-mail re-sent under the same key is no longer old, and stays). Every such app write touches one
 * row, so it cannot hold one row and wait for another that a batch holds (no deadlock). Steps whose rows the app
 * may write in longer transactions say `skipLocked` and keep `FOR UPDATE SKIP LOCKED` within the range.
 */
async function runRangeStep(ctx: BatchContext, step: Step, period: AnyPgColumn): Promise<StepResult> {
  const type = sql.raw(period.getSQLType())
  const value = (text: string) => sql`CAST(${text} AS ${type})`
  const n = ctx.batchSize
  // Where the next batch starts: at `from` (inclusive), or after it when rows sharing it were skipped.
  let from: string | null = null
  let after = false
  let affected = 0
  for (;;) {
    if (!(await ctx.allow())) return { affected, done: false }
    const due: SQL =
      from === null
        ? step.where
        : sql`${step.where} AND ${period} ${sql.raw(after ? '>' : '>=')} ${value(from)}`
    const [bounds] = rowsOf<{ first: string | null; next: string | null }>(
      await ctx.db.execute(sql`SELECT
        (SELECT ${period}::text FROM ${step.table} WHERE ${due} ORDER BY ${period} LIMIT 1) AS first,
        (SELECT ${period}::text FROM ${step.table} WHERE ${due} ORDER BY ${period} OFFSET ${n} LIMIT 1) AS next`),
    )
    const first: string | null = bounds?.first ?? null
    const next: string | null = bounds?.next ?? null
    if (first === null) return { affected, done: true }
    const tie: boolean = next !== null && next === first
    const range =
      next === null
        ? sql`${period} >= ${value(first)}`
        : tie
          ? sql`${period} = ${value(first)}`
          : sql`${period} >= ${value(first)} AND ${period} < ${value(next)}`
    const rows = sql`${step.where} AND ${range}`
    // Within a tie, n rows by TID; `rows` stays in the outer WHERE too, so it is re-checked on a row that was
    // written meanwhile.
    const changed = await runBatch(
      ctx,
      step,
      tie || step.skipLocked ? sql`${rows} AND ${someOf(step, rows, n, step.skipLocked === true)}` : rows,
    )
    affected += changed
    if (next === null) return { affected, done: true }
    // A tie batch that took fewer than n rows skipped some (held by the app): move past them; the next run
    // takes them.
    from = tie ? first : next
    after = tie && changed < n
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
