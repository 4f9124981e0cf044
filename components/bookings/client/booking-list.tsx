import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import type { BookingFormat } from './booking-format'

export type ListedBooking = {
  id: string
  startsAt: Date
  sessionName: string
  durationMinutes: number
  mode: 'video' | 'in_person'
  status: 'pending' | 'confirmed' | 'cancelled' | 'expired'
  holdExpiresAt: Date | null
  cancelledBy: string | null
}

const tones = {
  ok: 'bg-green-100 text-green-900',
  open: 'bg-amber-100 text-amber-900',
  off: 'bg-slate-100 text-slate-800',
} as const

/** What a booking's badge says: upcoming "Bestätigt" / "Zahlung offen – reserviert bis 14:35", past ones marked. */
export async function bookingStatus(b: ListedBooking, format: BookingFormat, past: boolean) {
  const t = await getTranslations('clientBookings.status')
  if (b.status === 'cancelled')
    return { text: b.cancelledBy === 'coach' ? t('cancelledByCoach') : t('cancelled'), tone: tones.off }
  if (b.status === 'expired') return { text: t('expired'), tone: tones.off }
  if (b.status === 'pending')
    return past || !b.holdExpiresAt
      ? { text: t('unpaid'), tone: tones.off }
      : { text: t('pending', { time: format.time(b.holdExpiresAt) }), tone: tones.open }
  return past ? { text: t('done'), tone: tones.off } : { text: t('confirmed'), tone: tones.ok }
}

export async function BookingList({
  bookings,
  format,
  past,
  label,
}: {
  bookings: ListedBooking[]
  format: BookingFormat
  past: boolean
  label: string
}) {
  const t = await getTranslations('clientBookings')
  const items = await Promise.all(
    bookings.map(async (b) => ({ b, status: await bookingStatus(b, format, past) })),
  )
  return (
    <ul className="space-y-3" aria-label={label}>
      {items.map(({ b, status }) => (
        <li
          key={b.id}
          className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        >
          <div>
            <Link href={`/bookings/${b.id}`} className="font-semibold text-brand-800 underline">
              {format.when(b.startsAt)}
            </Link>
            <p className="mt-1 text-sm text-muted">
              {b.sessionName} · {t('minutes', { minutes: b.durationMinutes })} ·{' '}
              {b.mode === 'video' ? t('modeVideo') : t('modeInPerson')}
            </p>
          </div>
          <Badge className={status.tone}>{status.text}</Badge>
        </li>
      ))}
    </ul>
  )
}
