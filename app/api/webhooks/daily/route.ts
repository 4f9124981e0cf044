import { after } from 'next/server'
import { getDb } from '@/db/client'
import { env } from '@/lib/env'
import { handleDailyWebhook } from '@/lib/sessions/daily-webhook'

export const dynamic = 'force-dynamic'
/** The pipeline (download, storage, Daily delete, Gladia upload) runs after the answer, within this budget. */
export const maxDuration = 300

export async function POST(request: Request) {
  return handleDailyWebhook(request, {
    db: getDb(),
    secret: env.DAILY_WEBHOOK_HMAC,
    prefix: env.VIDEO_ROOM_PREFIX,
    now: new Date(),
    defer: (task) => after(task),
  })
}
