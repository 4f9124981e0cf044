import { parseNow, runIfEntry, runOnDatabase } from '../cli'

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
      const parsed = parseNow(raw)
      if ('error' in parsed) return { ok: false, error: parsed.error }
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
  const { runRetention } = await import('./run')
  const { ok: _ok, ...options } = args
  return runOnDatabase(
    (handle) => runRetention(handle.db, options),
    (report) => (report.status === 'failed' ? 1 : 0),
  )
}

runIfEntry(import.meta.url, main)
