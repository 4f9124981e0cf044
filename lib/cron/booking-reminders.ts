import 'server-only'
import type { Db } from '@/db/types'
import { sendDueReminders } from '@/lib/bookings/reminders'
import { authorizeCron } from './guard'

/** GET /api/cron/booking-reminders (hourly): authorises the Vercel cron call, then sends due reminders (R3.4). */
export async function handleBookingRemindersCron(
  request: Request,
  options: { db: Db; secret: string | undefined; now: Date },
): Promise<Response> {
  const auth = authorizeCron(request, options.secret)
  if (!auth.ok) return auth.response
  const run = await sendDueReminders(options.db, options.now)
  return Response.json(run)
}
