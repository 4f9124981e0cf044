import { getDb } from '@/db/client'
import { env } from '@/lib/env'
import { handleDailyCron } from '@/lib/cron/daily'

// Remote deletions are a handful of API calls per open request; far below Vercel's limit.
export const maxDuration = 300
export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  return handleDailyCron(request, { db: getDb(), secret: env.CRON_SECRET, now: new Date() })
}
