import 'server-only'
import type { Db } from '@/db/types'
import { releaseAcuityAppointments } from '@/lib/bookings/acuity-sync'
import { expireStaleHolds } from '@/lib/bookings/hold'
import { sendDueReminders } from '@/lib/bookings/reminders'
import { retryOwedRefunds } from '@/lib/payments/refunds'
import { authorizeCron } from './guard'

/**
 * GET /api/cron/booking-reminders (hourly): authorises the Vercel cron call, releases payment holds that ran
 * out (bookings also release them under the coach's lock; this keeps the lists tidy), cancels at Acuity what
 * is owed there (R3.5: lapsed holds, cancellations that could not reach Acuity), retries refunds that could not
 * reach Stripe, then sends due reminders.
 */
export async function handleBookingRemindersCron(
  request: Request,
  options: { db: Db; secret: string | undefined; now: Date },
): Promise<Response> {
  const auth = authorizeCron(request, options.secret)
  if (!auth.ok) return auth.response
  const released = await expireStaleHolds(options.db, options.now)
  await releaseAcuityAppointments(options.db, options.now)
  const refunds = await retryOwedRefunds(options.db)
  const run = await sendDueReminders(options.db, options.now)
  return Response.json({ ...run, holdsReleased: released.length, refundsRetried: refunds.refunded })
}
