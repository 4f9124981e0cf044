import { pathToFileURL } from 'node:url'
import type { DbHandle } from '@/db/types'

/**
 * `npm run cron:retention -- [--dry-run] [--now <ISO date>] [--budget-ms <n>] [--batch-size <n>]`: the same job
 * as the monthly cron route, on DATABASE_URL or (unset) the embedded database in DATA_DIR — stop `npm run dev`
 * first, like db:migrate. Prints the report as JSON; exit code 1 when the run failed, 2 on bad arguments.
 * Without --budget-ms the CLI has no time limit (it is not bound to Vercel's 300 s).
 */
export function parseRetentionArgs(
  argv: string[],
):
  | { ok: true; dryRun: boolean; now: Date; budgetMs: number; batchSize?: number }
  | { ok: false; error: string } {
  let dryRun = false
  let now = new Date()
  let budgetMs = Number.POSITIVE_INFINITY
  let batchSize: number | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const value = () => argv[++i]
    if (arg === '--dry-run') dryRun = true
    else if (arg === '--now') {
      const raw = value()
      const parsed = raw ? new Date(raw) : null
      if (!raw || !parsed || Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw))
        return { ok: false, error: '--now braucht ein ISO-Datum, z. B. 2026-07-01 oder 2026-07-01T03:00:00Z' }
      now = parsed
    } else if (arg === '--budget-ms' || arg === '--batch-size') {
      const n = Number(value())
      if (!Number.isInteger(n) || n < (arg === '--batch-size' ? 1 : 0))
        return { ok: false, error: `${arg} braucht eine ganze Zahl` }
      if (arg === '--budget-ms') budgetMs = n
      else batchSize = n
    } else return { ok: false, error: `Unbekannte Option: ${arg}` }
  }
  return { ok: true, dryRun, now, budgetMs, ...(batchSize ? { batchSize } : {}) }
}

async function main(): Promise<number> {
  const args = parseRetentionArgs(process.argv.slice(2).filter((a) => a !== '--'))
  if (!args.ok) {
    console.error(args.error)
    return 2
  }
  // stdout carries the report alone (pipe it to jq); the job's log lines go to stderr.
  console.info = console.error
  const { env } = await import('@/lib/env')
  const { runRetention } = await import('./run')
  let handle: DbHandle
  if (env.DATABASE_URL) {
    const { connectDatabase } = await import('@/db/connect')
    handle = connectDatabase(env.DATABASE_URL)
  } else {
    const { openEmbeddedDatabase } = await import('@/db/embedded')
    const { pgliteHandle } = await import('@/db/pglite')
    handle = pgliteHandle(await openEmbeddedDatabase(env.DATA_DIR))
  }
  try {
    const { ok: _ok, ...options } = args
    const report = await runRetention(handle.db, options)
    console.log(JSON.stringify(report, null, 2))
    return report.status === 'failed' ? 1 : 0
  } finally {
    await handle.close()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    },
  )
}
