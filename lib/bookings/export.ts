import { and, asc, eq } from 'drizzle-orm'
import { bookings } from '@/db/schema'
import { afterTime, cursorText, type ExportSection, keyset, type TimeCursor } from '@/lib/export/section'

/** The bookings' part of the data export (R10.1): every appointment, also cancelled and past ones. */
export const bookingExport: ExportSection = {
  key: 'bookings',
  kind: 'list',
  fields: [
    'id',
    'session_name',
    'mode',
    'duration_minutes',
    'price_rappen',
    'starts_at',
    'ends_at',
    'status',
    'payment_method',
    'cancelled_at',
    'cancelled_by',
    'created_at',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'bookings',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({ b: bookings, at: cursorText(bookings.startsAt) })
          .from(bookings)
          .where(and(eq(bookings.clientId, ctx.userId), afterTime(bookings.startsAt, bookings.id, after)))
          .orderBy(asc(bookings.startsAt), asc(bookings.id))
          .limit(limit),
      (r) => ({ at: r.at, id: r.b.id }),
      (rows) =>
        rows.map(({ b }) => ({
          id: b.id,
          session_name: b.sessionName,
          mode: b.mode,
          duration_minutes: b.durationMinutes,
          price_rappen: b.priceRappen,
          starts_at: b.startsAt,
          ends_at: b.endsAt,
          status: b.status,
          payment_method: b.paymentMethod,
          cancelled_at: b.cancelledAt,
          cancelled_by: b.cancelledBy,
          created_at: b.createdAt,
        })),
    ),
}
