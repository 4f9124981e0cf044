import { getDb } from '@/db/client'
import { env } from '@/lib/env'
import { handleBookingRemindersCron } from '@/lib/cron/booking-reminders'

export const maxDuration = 60
export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  return handleBookingRemindersCron(request, { db: getDb(), secret: env.CRON_SECRET, now: new Date() })
}
