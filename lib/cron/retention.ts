import 'server-only'
import type { Db } from '@/db/types'
import { runRetention, type RetentionOptions } from '@/cron/retention/run'
import { authorizeCron } from './guard'

/**
 * GET /api/cron/retention (R11.2): Vercel cron, monthly. Authorised before anything runs; answers the run's
 * report (counts per class only). A run that finds another one working answers 200 with status 'skipped'.
 */
export async function handleRetentionCron(
  request: Request,
  options: { db: Db; secret: string | undefined; now: Date } & Omit<RetentionOptions, 'now' | 'dryRun'>,
): Promise<Response> {
  const auth = authorizeCron(request, options.secret)
  if (!auth.ok) return auth.response
  const { db, secret: _secret, ...runOptions } = options
  const report = await runRetention(db, runOptions)
  return Response.json(report, { status: report.status === 'failed' ? 500 : 200 })
}
