import { and, asc, eq } from 'drizzle-orm'
import { bookings } from '@/db/schema'
import { afterTime, cursorText, type ExportSection, keyset, type TimeCursor } from '@/lib/export/section'

/** The bookings' part of the data export (R10.1): every appointment, also cancelled and past ones. */
export const bookingExport: ExportSection = {
  key: 'bookings',
  kind: 'list',
  title: { de: 'Termine und Buchungen', en: 'Appointments and bookings' },
  description: 'Alle deine Termine, auch abgesagte und vergangene.',
  fields: {
    id: 'Kennung der Buchung.',
    session_name: 'Sitzungsart, wie sie gebucht wurde.',
    mode: 'video (Videositzung) oder in_person (vor Ort).',
    duration_minutes: 'Dauer in Minuten.',
    price_rappen: 'Preis in Rappen (CHF × 100).',
    starts_at: 'Beginn (ISO 8601, UTC).',
    ends_at: 'Ende (ISO 8601, UTC).',
    status: 'pending (Zahlung offen), confirmed, cancelled oder expired.',
    payment_method: 'checkout (Kartenzahlung) oder credit (Guthaben aus einem Abo).',
    cancelled_at: 'Abgesagt am (leer: nicht abgesagt).',
    cancelled_by: 'Wer abgesagt hat: client oder coach.',
    created_at: 'Gebucht am.',
  },
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
