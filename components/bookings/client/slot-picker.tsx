import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { Button } from '@/components/ui/button'
import type { Slot } from '@/lib/bookings/slots'
import type { BookingFormat } from './booking-format'

const DAYS_PER_PAGE = 14
const DAY = 86_400_000

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)

/** A `from` query value, if it is a real civil date; anything else means "from the start". */
export function parseFromDate(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  return Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? undefined : value
}

/**
 * Free slots grouped by the client's local day, fourteen days at a time from the first day with a free slot
 * on or after `from`; "Weitere Tage" jumps to the next day that has one.
 */
export async function SlotPicker({
  groups,
  format,
  from,
  slotHref,
  pageHref,
}: {
  groups: { date: string; slots: Slot[] }[]
  format: BookingFormat
  from?: string
  slotHref: (slot: Slot) => string
  pageHref: (from?: string) => string
}) {
  const t = await getTranslations('clientBookings.slots')
  const first = groups.find((g) => !from || g.date >= from)?.date
  const end = first ? addDays(first, DAYS_PER_PAGE) : undefined
  const shown = first && end ? groups.filter((g) => g.date >= first && g.date < end) : []
  const next = end ? groups.find((g) => g.date >= end)?.date : undefined
  const paged = from !== undefined && groups[0] !== undefined && from > groups[0].date

  return (
    <div className="space-y-5">
      <p className="text-sm text-muted">{t('zone', { zone: format.zone })}</p>
      {shown.length === 0 ? (
        <p>{t('noMore')}</p>
      ) : (
        shown.map((g) => (
          <section key={g.date} aria-labelledby={`day-${g.date}`}>
            <h3 id={`day-${g.date}`} className="font-semibold">
              {format.day(g.date)}
            </h3>
            <ul className="mt-2 flex flex-wrap gap-2">
              {g.slots.map((s) => {
                const time = format.time(s.start)
                return (
                  <li key={s.start.toISOString()}>
                    <Button asChild variant="secondary" className="min-w-20">
                      <Link href={slotHref(s)} aria-label={`${time}, ${format.day(g.date)}`}>
                        {time}
                      </Link>
                    </Button>
                  </li>
                )
              })}
            </ul>
          </section>
        ))
      )}
      {(next || paged) && (
        <nav aria-label={t('pagesLabel')} className="flex flex-wrap gap-3">
          {paged && (
            <Button asChild variant="ghost">
              <Link href={pageHref()}>{t('first')}</Link>
            </Button>
          )}
          {next && (
            <Button asChild variant="secondary">
              <Link href={pageHref(next)}>{t('more')}</Link>
            </Button>
          )}
        </nav>
      )}
    </div>
  )
}
