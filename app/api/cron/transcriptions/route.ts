import { getDb } from '@/db/client'
import { env } from '@/lib/env'
import { handleTranscriptionsCron } from '@/lib/cron/transcriptions'

export const maxDuration = 300
export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  return handleTranscriptionsCron(request, { db: getDb(), secret: env.CRON_SECRET, now: new Date() })
}
