import { loadavg } from 'node:os'
import { sql } from 'drizzle-orm'
import { BENCH_SERVER as SERVER, createThrowawayDatabase, maskedUrl, postgresReachable } from './postgres'
import { bench, describe } from 'vitest'
import { connectDatabase } from '@/db/connect'
import { migrateDatabase } from '@/db/migrate'
import type { Db } from '@/db/types'
import { DEFAULT_BATCH_SIZE, runRetention } from '@/cron/retention/run'
import { rawDelete, seed } from './retention-seed'
import { writeResult } from './results'

/**
 * R11.2 on a real PostgreSQL (TEST_DATABASE_URL, else a local server at postgres://postgres@127.0.0.1:5432):
 * N expired rows spread over the classes (RETENTION_BENCH_ROWS, default 1 000 000) in a throwaway database.
 * Measures the job (default batch size and budget) and, on the same rows seeded again, one raw DELETE (or UPDATE)
 * per table, interleaved over RETENTION_BENCH_PASSES passes (default 2; the order alternates) — and says whether
 * one run fits Vercel's 300 s. Skipped with a message when no server answers.
 */
// Test tooling like tests/**: reads its own knobs (lib/env.ts is for the app).
// eslint-disable-next-line no-restricted-properties
const ROWS = Number(process.env.RETENTION_BENCH_ROWS ?? 1_000_000)
// eslint-disable-next-line no-restricted-properties
const PASSES = Math.max(1, Number(process.env.RETENTION_BENCH_PASSES ?? 2))

async function measure(): Promise<string> {
  if (!(await postgresReachable(SERVER))) {
    const reason = `no PostgreSQL at ${maskedUrl(SERVER)}`
    writeResult('retention', { skipped: reason })
    return `retention bench: skipped — ${reason}`
  }
  // Every measurement gets a database of its own, migrated, seeded and vacuumed: the job and the raw statements
  // start from the same state (an earlier run's audit entries would otherwise sit before the seeded ones in the
  // chain, and the job removes the audit log only as a prefix).
  let expected = 0
  const fresh = async <T>(measure: (db: Db) => Promise<T>): Promise<T> => {
    const database = await createThrowawayDatabase('bench')
    const handle = connectDatabase(database.url)
    try {
      await migrateDatabase(handle)
      expected = await seed(handle.db, ROWS)
      await handle.db.execute(sql`VACUUM ANALYZE`)
      return await measure(handle.db)
    } finally {
      await handle.close()
      await database.drop()
    }
  }
  // Passes alternate which goes first (job, raw / raw, job), so a change in the machine's load between the
  // two halves does not favour one of them.
  const loadBefore = loadavg()[0]!
  const job = async (db: Db) => {
    const started = performance.now()
    const runs: number[] = []
    let rows = 0
    for (let i = 0; i < 20; i++) {
      const runStarted = performance.now()
      const report = await runRetention(db, { now: new Date(), daily: null })
      runs.push((performance.now() - runStarted) / 1000)
      rows += Object.values(report.classes).reduce((a, b) => a + b, 0)
      if (report.complete) break
    }
    return { rows, seconds: (performance.now() - started) / 1000, runs }
  }
  const raw = async (db: Db) => {
    const started = performance.now()
    const rows = await rawDelete(db)
    return { rows, seconds: (performance.now() - started) / 1000 }
  }
  type Pass = {
    job: Awaited<ReturnType<typeof job>>
    raw: Awaited<ReturnType<typeof raw>>
    ratio: number
    load: number
  }
  const passes: Pass[] = []
  for (let pass = 0; pass < PASSES; pass++) {
    let j: Pass['job'] | undefined
    let r: Pass['raw'] | undefined
    for (const which of pass % 2 === 0 ? ['job', 'raw'] : ['raw', 'job']) {
      if (which === 'job') j = await fresh(job)
      else r = await fresh(raw)
    }
    passes.push({
      job: j!,
      raw: r!,
      ratio: j!.rows / j!.seconds / (r!.rows / r!.seconds),
      load: loadavg()[0]!,
    })
  }
  const loadAfter = loadavg()[0]!
  const total = <T extends { rows: number; seconds: number }>(xs: T[]) => ({
    rows: xs.reduce((a, x) => a + x.rows, 0),
    seconds: xs.reduce((a, x) => a + x.seconds, 0),
  })
  const jobTotal = { ...total(passes.map((p) => p.job)), runs: passes.flatMap((p) => p.job.runs) }
  const rawTotal = total(passes.map((p) => p.raw))
  const fits = passes.every((p) => p.job.runs.length === 1 && p.job.runs[0]! < 300)
  writeResult('retention', {
    rows: ROWS,
    expected,
    job: jobTotal,
    raw: rawTotal,
    passes,
    loadBefore,
    loadAfter,
    fits,
  })
  const perPass = passes
    .map(
      (p, i) =>
        `pass ${i + 1}: job ${p.job.rows.toLocaleString('en')} rows in ${p.job.seconds.toFixed(1)} s ` +
        `(${p.job.runs.length} run${p.job.runs.length === 1 ? '' : 's'}), raw ${p.raw.rows.toLocaleString('en')} rows ` +
        `in ${p.raw.seconds.toFixed(1)} s → job / raw = ${p.ratio.toFixed(2)} ×`,
    )
    .join('; ')
  return (
    `retention bench (PostgreSQL, ${ROWS.toLocaleString('en')} rows asked, ${expected.toLocaleString('en')} seeded, ` +
    `batches of ${DEFAULT_BATCH_SIZE.toLocaleString('en')}, load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}): ` +
    `${perPass}; over all passes job ${Math.round(jobTotal.rows / jobTotal.seconds).toLocaleString('en')} rows/s, ` +
    `raw ${Math.round(rawTotal.rows / rawTotal.seconds).toLocaleString('en')} rows/s; ` +
    `one run fits in 300 s: ${fits ? 'yes' : 'no — the job resumes on the next run'}`
  )
}

const line = await measure()
console.log(line)

describe('retention job (R11.2)', () => {
  // The figures above are the result; vitest's table needs one benchmark, so it times the report of an empty run.
  bench.skipIf(line.includes('skipped'))('measured above (see the line before this table)', () => {})
})
