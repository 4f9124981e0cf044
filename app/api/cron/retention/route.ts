import { getDb } from '@/db/client'
import { env } from '@/lib/env'
import { handleRetentionCron } from '@/lib/cron/retention'

// The job stops starting batches after 240 s (DEFAULT_BUDGET_MS) and resumes on the next run.
export const maxDuration = 300
export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  return handleRetentionCron(request, { db: getDb(), secret: env.CRON_SECRET, now: new Date() })
}
