import { pathToFileURL } from 'node:url'
import type { DbHandle } from '@/db/types'

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
      const parsed = raw ? new Date(raw) : null
      if (!raw || !parsed || Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw))
        return { ok: false, error: '--now braucht ein ISO-Datum, z. B. 2026-07-01 oder 2026-07-01T03:00:00Z' }
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
  // stdout carries the report alone; the job's log lines go to stderr.
  console.info = console.error
  const { env } = await import('@/lib/env')
  const { runDaily } = await import('@/lib/cron/daily')
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
    const report = await runDaily(handle.db, args.now)
    console.log(JSON.stringify(report, null, 2))
    return 0
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
