import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { BookingList } from '@/components/bookings/client/booking-list'
import { Button } from '@/components/ui/button'
import { Card, PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { listClientBookings } from '@/lib/bookings/booking'
import { creditBalances } from '@/lib/payments/credits'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('clientBookings'))('title') }
}

export default async function BookingsPage() {
  const actor = await requireRole('client')
  const db = getDb()
  const now = new Date()
  const [{ upcoming, past, cutoffHours }, credits] = await Promise.all([
    listClientBookings(db, actor, now),
    creditBalances(db, actor.userId, now),
  ])
  const t = await getTranslations('clientBookings')
  const format = await getBookingFormat(actor.timeZone)

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageTitle>{t('title')}</PageTitle>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="secondary">
            <Link href="/bookings/plan">{t('planLink')}</Link>
          </Button>
          <Button asChild>
            <Link href="/bookings/new">{t('bookNew')}</Link>
          </Button>
        </div>
      </div>

      {credits.length > 0 && (
        <Card aria-labelledby="credits-title" className="space-y-3">
          <h2 id="credits-title" className="text-lg font-semibold">
            {t('credits.title')}
          </h2>
          <ul className="space-y-1">
            {credits.map((c) => (
              <li key={c.sessionTypeId}>
                {t('credits.line', {
                  name: c.sessionName,
                  count: c.remaining,
                  until: format.date(c.nextExpiry),
                })}
              </li>
            ))}
          </ul>
          <Link href="/bookings/plan" className="inline-block text-brand-700 underline">
            {t('planLink')}
          </Link>
        </Card>
      )}

      <section aria-labelledby="upcoming-title" className="space-y-3">
        <h2 id="upcoming-title" className="text-xl font-semibold">
          {t('upcoming')}
        </h2>
        {upcoming.length === 0 ? (
          <EmptyState title={t('upcomingEmptyTitle')} body={t('upcomingEmpty')} />
        ) : (
          <>
            <p className="text-sm text-muted">{t('cutoffHint', { hours: cutoffHours })}</p>
            <BookingList bookings={upcoming} format={format} past={false} label={t('upcoming')} />
          </>
        )}
      </section>

      <section aria-labelledby="past-title" className="space-y-3">
        <h2 id="past-title" className="text-xl font-semibold">
          {t('past')}
        </h2>
        {past.length === 0 ? (
          <p className="text-muted">{t('pastEmpty')}</p>
        ) : (
          <BookingList bookings={past} format={format} past label={t('past')} />
        )}
      </section>
    </div>
  )
}
