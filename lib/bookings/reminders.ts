import 'server-only'
import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm'
import { bookings, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { env } from '@/lib/env'
import { sendEmail } from '@/lib/email'
import { log } from '@/lib/log'

const DAY_MS = 24 * 60 * 60 * 1000

export type ReminderRun = { due: number; sent: number; failed: number }

/**
 * R3.4: the reminder e-mail about 24 h before a confirmed booking. Picks confirmed bookings starting within
 * (now, now + 24 h] that have no reminder yet, oldest start first, at most `limit` per run (bounded; the next
 * run takes the rest). Each one is claimed in its own transaction by setting reminder_sent_at only if it is
 * still NULL and the booking still confirmed, so concurrent or repeated runs send it once; the idempotency key
 * `booking-reminder/<id>` is a second safety net (also passed to Resend). A failed send clears the claim again
 * and the next run retries. Logs counts only.
 */
export async function sendDueReminders(
  db: Db,
  now: Date,
  options: { limit?: number } = {},
): Promise<ReminderRun> {
  const limit = Math.max(1, Math.min(options.limit ?? 200, 1000))
  const candidates = await db
    .select({
      id: bookings.id,
      clientId: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      timeZone: users.timeZone,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.clientId))
    .where(
      and(
        eq(bookings.status, 'confirmed'),
        isNull(bookings.reminderSentAt),
        gt(bookings.startsAt, now),
        lte(bookings.startsAt, new Date(now.getTime() + DAY_MS)),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(limit)

  const run: ReminderRun = { due: candidates.length, sent: 0, failed: 0 }
  for (const c of candidates) {
    try {
      const outcome = await db.transaction(async (tx) => {
        const [claimed] = await tx
          .update(bookings)
          .set({ reminderSentAt: now })
          .where(
            and(eq(bookings.id, c.id), isNull(bookings.reminderSentAt), eq(bookings.status, 'confirmed')),
          )
          .returning({
            id: bookings.id,
            sessionName: bookings.sessionName,
            startsAt: bookings.startsAt,
            durationMinutes: bookings.durationMinutes,
            mode: bookings.mode,
          })
        if (!claimed) return 'skipped' as const
        const result = await sendEmail(tx, {
          to: c.email,
          userId: c.clientId,
          locale: c.locale,
          template: 'booking-reminder',
          data: {
            name: c.name,
            sessionName: claimed.sessionName,
            startsAt: claimed.startsAt.toISOString(),
            durationMinutes: claimed.durationMinutes,
            mode: claimed.mode,
            timeZone: c.timeZone,
            appUrl: env.APP_URL,
            bookingId: claimed.id,
          },
          idempotencyKey: `booking-reminder/${claimed.id}`,
        })
        if (result.ok) return 'sent' as const
        // Keep the failed outbox row, release the claim: the next run retries.
        await tx.update(bookings).set({ reminderSentAt: null }).where(eq(bookings.id, claimed.id))
        return 'failed' as const
      })
      if (outcome === 'sent') run.sent++
      else if (outcome === 'failed') run.failed++
    } catch {
      // The transaction rolled back, so the claim is gone too; retried next run.
      run.failed++
    }
  }
  log.info('cron.booking-reminders', run)
  return run
}
