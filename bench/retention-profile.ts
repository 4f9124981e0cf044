/**
 * Where the retention job's time goes (issue 18): seeds the benchmark's rows (bench/retention-seed.ts) into a
 * throwaway PostgreSQL database, runs `runRetention` once and prints the time per class and per statement shape
 * (every query the pool sends, timed at the driver). Not a benchmark: the timing wrapper costs a little itself.
 *   node --import ./bench/plain-node-hooks.mjs --import tsx bench/retention-profile.ts [rows] [batch size]
 */
import { loadavg } from 'node:os'
import pg from 'pg'
import { sql } from 'drizzle-orm'
import { connectDatabase } from '@/db/connect'
import { migrateDatabase } from '@/db/migrate'
import { classRunners } from '@/cron/retention/classes'
import { runRetention } from '@/cron/retention/run'
import { createThrowawayDatabase } from './postgres'
import { seed } from './retention-seed'

const ROWS = Number(process.argv[2] ?? 1_000_000)
const BATCH = process.argv[3] ? Number(process.argv[3]) : undefined

type Stat = { n: number; ms: number; max: number }
const statements = new Map<string, Stat>()
let timing = false
const shape = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '$')
    .replace(/'[^']*'/g, "'…'")
    .slice(0, 160)

// Time every query at the driver (node-postgres: config object or text; promise or callback — the pool's own
// `query` outside a transaction passes a callback).
const record = (text: string, ms: number) => {
  const key = shape(text)
  const s = statements.get(key) ?? { n: 0, ms: 0, max: 0 }
  s.n++
  s.ms += ms
  s.max = Math.max(s.max, ms)
  statements.set(key, s)
}
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown
pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
  const first = args[0] as string | { text?: string }
  const text = typeof first === 'string' ? first : (first?.text ?? '?')
  if (!timing) return original.apply(this, args)
  const started = performance.now()
  const callback = args.at(-1)
  if (typeof callback === 'function')
    args[args.length - 1] = (...results: unknown[]) => {
      record(text, performance.now() - started)
      return (callback as (...r: unknown[]) => unknown)(...results)
    }
  const result = original.apply(this, args)
  if (result instanceof Promise) return result.finally(() => record(text, performance.now() - started))
  return result
} as typeof pg.Client.prototype.query

const perClass: { id: string; ms: number; rows: number }[] = []
for (const entry of classRunners) {
  const [id, run] = entry
  entry[1] = async (...args) => {
    const started = performance.now()
    const result = await run(...args)
    perClass.push({ id, ms: performance.now() - started, rows: result.affected })
    return result
  }
}

const database = await createThrowawayDatabase('retention_profile')
const handle = connectDatabase(database.url)
try {
  await migrateDatabase(handle)
  const expected = await seed(handle.db, ROWS)
  await handle.db.execute(sql`VACUUM ANALYZE`)
  console.log(`seeded ${expected} rows; load ${loadavg()[0]!.toFixed(2)}`)
  timing = true
  const started = performance.now()
  const report = await runRetention(handle.db, { now: new Date(), daily: null, batchSize: BATCH })
  const total = performance.now() - started
  timing = false
  console.log(
    `job ${(total / 1000).toFixed(1)} s, complete ${report.complete}; load ${loadavg()[0]!.toFixed(2)}`,
  )
  for (const c of perClass)
    console.log(`${c.id.padEnd(20)} ${(c.ms / 1000).toFixed(2).padStart(7)} s ${c.rows} rows`)
  const rows = [...statements.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40)
  for (const [text, s] of rows)
    console.log(
      `${(s.ms / 1000).toFixed(2).padStart(7)} s ${String(s.n).padStart(6)}× max ${s.max.toFixed(0).padStart(5)} ms  ${text}`,
    )
} finally {
  await handle.close()
  await database.drop()
}
