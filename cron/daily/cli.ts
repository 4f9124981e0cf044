import { parseNow, runIfEntry, runOnDatabase } from '../cli'

/**
 * `npm run cron:daily -- [--now <ISO date>]`: the same job as the daily cron route (open deletion requests,
 * consent renewal reminders), on DATABASE_URL or (unset) the embedded database in DATA_DIR — stop `npm run dev`
 * first, like db:migrate. Prints the report as JSON; exit code 2 on bad arguments.
 */
export function parseDailyArgs(argv: string[]): { ok: true; now: Date } | { ok: false; error: string } {
  let now = new Date()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--now') {
      const raw = argv[++i]
      const parsed = parseNow(raw)
      if ('error' in parsed) return { ok: false, error: parsed.error }
      now = parsed
    } else return { ok: false, error: `Unbekannte Option: ${arg}` }
  }
  return { ok: true, now }
}

async function main(): Promise<number> {
  const args = parseDailyArgs(process.argv.slice(2).filter((a) => a !== '--'))
  if (!args.ok) {
    console.error(args.error)
    return 2
  }
  const { runDaily } = await import('@/lib/cron/daily')
  return runOnDatabase((handle) => runDaily(handle.db, args.now))
}

runIfEntry(import.meta.url, main)
