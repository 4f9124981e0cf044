import 'server-only'
import { eq } from 'drizzle-orm'
import { bookings, payments, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { sendEmail } from '@/lib/email'
import { bookingEmailIcs } from '@/lib/email/booking'
import type { BookingEmailData } from '@/lib/email/templates'
import { appUrl } from '@/lib/http/app-url'
import { log } from '@/lib/log'
import type { BookingPaymentListener } from '@/lib/payments/webhook'

/**
 * The booking e-mails (R3.4) in the client's language and zone. Each has an idempotency key, so a repeated call
 * (a replayed webhook, a retried action) sends nothing twice. Facts only — never coaching content (R12.2).
 * Sending never throws: a failure is recorded in the outbox and logged without addresses.
 */
async function load(db: Db, bookingId: string) {
  const [row] = await db
    .select({ booking: bookings, client: users })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.clientId))
    .where(eq(bookings.id, bookingId))
  if (!row) return null
  const { booking: b, client: c } = row
  const data: BookingEmailData = {
    name: c.name,
    sessionName: b.sessionName,
    startsAt: b.startsAt.toISOString(),
    durationMinutes: b.durationMinutes,
    mode: b.mode,
    timeZone: c.timeZone,
    appUrl: await appUrl(),
    bookingId: b.id,
  }
  return { booking: b, client: c, data }
}

async function guarded(kind: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn()
  } catch (error) {
    log.error('bookings.email_failed', { kind, error: error instanceof Error ? error.name : 'unknown' })
  }
}

/** Confirmation with the calendar invitation; after a reschedule the same event with a higher SEQUENCE. */
export async function sendBookingConfirmation(db: Db, bookingId: string, now: Date): Promise<void> {
  await guarded('confirmed', async () => {
    const loaded = await load(db, bookingId)
    if (!loaded) return
    const { booking, client, data } = loaded
    await sendEmail(db, {
      to: client.email,
      userId: client.id,
      locale: client.locale,
      template: 'booking-confirmed',
      data: { ...data, rescheduled: booking.sequence > 0 },
      idempotencyKey: `booking-confirmed/${booking.id}/${booking.sequence}`,
      attachments: [
        bookingEmailIcs(data, 'REQUEST', now, { locale: client.locale, sequence: booking.sequence }),
      ],
    })
  })
}

export async function sendBookingCancellation(
  db: Db,
  bookingId: string,
  now: Date,
  detail: { cancelledBy: 'client' | 'coach'; settlement: 'refund' | 'credit' | 'none' },
): Promise<void> {
  await guarded('cancelled', async () => {
    const loaded = await load(db, bookingId)
    if (!loaded) return
    const { booking, client, data } = loaded
    await sendEmail(db, {
      to: client.email,
      userId: client.id,
      locale: client.locale,
      template: 'booking-cancelled',
      data: { ...data, ...detail },
      idempotencyKey: `booking-cancelled/${booking.id}`,
      attachments: [
        bookingEmailIcs(data, 'CANCEL', now, { locale: client.locale, sequence: booking.sequence + 1 }),
      ],
    })
  })
}

/** Receipt for a paid booking (the invoice record is the payments row; this mail names amount and session). */
export async function sendPaymentReceipt(db: Db, paymentId: string): Promise<void> {
  await guarded('receipt', async () => {
    const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId))
    if (!payment?.bookingId) return
    const loaded = await load(db, payment.bookingId)
    if (!loaded) return
    const { client, data } = loaded
    await sendEmail(db, {
      to: client.email,
      userId: client.id,
      locale: client.locale,
      template: 'payment-receipt',
      data: { ...data, amountRappen: payment.amountRappen, currency: payment.currency },
      idempotencyKey: `payment-receipt/${payment.id}`,
    })
  })
}

/**
 * What bookings tells the client when a payment event changed a booking (lib/payments/webhook.ts says what
 * happened; the e-mails are ours): confirmation and receipt, or the cancellation after a lost slot.
 */
export const notifyBookingPayment: BookingPaymentListener = async (db, outcome, now) => {
  if (outcome.kind === 'confirmed') {
    // The receipt goes out even if the confirmation failed; the first failure is still reported.
    try {
      await sendBookingConfirmation(db, outcome.bookingId, now)
    } finally {
      await sendPaymentReceipt(db, outcome.paymentId)
    }
    return
  }
  await sendBookingCancellation(db, outcome.bookingId, now, {
    cancelledBy: 'client',
    settlement: outcome.refunded ? 'refund' : 'none',
  })
}
