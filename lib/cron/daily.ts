import 'server-only'
import type { Db } from '@/db/types'
import { type DeletionDeps, runDeletionRequests } from '@/lib/account/deletion-flow'
import { sendConsentRenewalReminders } from '@/lib/consent/expiry'
import { log } from '@/lib/log'
import { authorizeCron } from './guard'

export type DailyReport = {
  deletions: Awaited<ReturnType<typeof runDeletionRequests>>
  consentReminders: number
}

/**
 * The daily job (R10.2, R9): every open deletion request is retried until each place is done — so a deletion is
 * complete within its 30 days even when a provider is down for days — with an alert in the log when one nears its
 * deadline; then the reminders for consents that expire within 30 days (once per grant).
 */
export async function runDaily(db: Db, now: Date, deps: DeletionDeps = {}): Promise<DailyReport> {
  const deletions = await runDeletionRequests(db, now, deps)
  const consentReminders = await sendConsentRenewalReminders(db, now)
  log.info('cron.daily', { ...deletions, consentReminders })
  return { deletions, consentReminders }
}

/** GET /api/cron/daily: authorises the Vercel cron call, then runs the daily job. */
export async function handleDailyCron(
  request: Request,
  options: { db: Db; secret: string | undefined; now: Date; deps?: DeletionDeps },
): Promise<Response> {
  const auth = authorizeCron(request, options.secret)
  if (!auth.ok) return auth.response
  const report = await runDaily(options.db, options.now, options.deps)
  return Response.json(report)
}
