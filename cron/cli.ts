import { pathToFileURL } from 'node:url'
import type { DbHandle } from '@/db/types'

/**
 * What the cron CLIs (`npm run cron:retention`, `npm run cron:daily`) share: the `--now` date, the database
 * (DATABASE_URL or, unset, the embedded one in DATA_DIR — stop `npm run dev` first, like db:migrate), and running
 * `main` when the file is the entry point.
 */

/** `--now <ISO date>`: the date, or the message for a bad one. */
export function parseNow(raw: string | undefined): Date | { error: string } {
  const parsed = raw ? new Date(raw) : null
  if (!raw || !parsed || Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw))
    return { error: '--now braucht ein ISO-Datum, z. B. 2026-07-01 oder 2026-07-01T03:00:00Z' }
  return parsed
}

/**
 * Runs `job` on the configured database and prints its report as JSON on stdout (the job's log lines go to
 * stderr, so stdout can be piped to jq); the exit code comes from `exitCode(report)`.
 */
export async function runOnDatabase<R>(
  job: (handle: DbHandle) => Promise<R>,
  exitCode: (report: R) => number = () => 0,
): Promise<number> {
  console.info = console.error
  const { env } = await import('@/lib/env')
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
    const report = await job(handle)
    console.log(JSON.stringify(report, null, 2))
    return exitCode(report)
  } finally {
    await handle.close()
  }
}

/** Runs `main` and exits with its code when `moduleUrl` is the script node was started with. */
export function runIfEntry(moduleUrl: string, main: () => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    },
  )
}
