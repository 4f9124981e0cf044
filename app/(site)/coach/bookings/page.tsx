import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { CancelArea, CancelBooking } from '@/components/bookings/client/cancel'
import { ScheduleNav } from '@/components/bookings/schedule-nav'
import { PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { listUpcomingBookingsForCoach } from '@/lib/bookings/queries'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('schedule'))('bookings.title') }
}

export default async function CoachBookingsPage() {
  const actor = await requireRole('coach')
  const upcoming = await listUpcomingBookingsForCoach(getDb(), actor)
  const t = await getTranslations('schedule.bookings')
  const tc = await getTranslations('clientBookings')
  const tVideo = await getTranslations('video')
  const format = await getBookingFormat(actor.timeZone)
  const now = new Date()
  return (
    <div className="space-y-6">
      <ScheduleNav />
      <PageTitle>{t('title')}</PageTitle>
      {/* The result of a cancellation stays visible after its row has left the list. */}
      <CancelArea audience="coach">
        {upcoming.length === 0 ? (
          <EmptyState title={t('upcoming')} body={t('empty')} />
        ) : (
          <DataTable
            label={t('upcoming')}
            columns={[t('when'), t('client'), t('session'), t('status'), tc('coach.actions')]}
          >
            {upcoming.map((b) => {
              const when = format.when(b.startsAt)
              const client = b.clientName ?? tc('coach.unknownClient')
              return (
                <Row key={b.id}>
                  <Cell className="whitespace-nowrap">{when}</Cell>
                  <Cell>{b.clientName ?? '—'}</Cell>
                  <Cell>{b.sessionName}</Cell>
                  <Cell>{t(`statuses.${b.status}`)}</Cell>
                  <Cell>
                    {b.mode === 'video' && b.status === 'confirmed' && (
                      <Link
                        href={`/sessions/${b.id}`}
                        aria-label={tVideo('linkFor', { when })}
                        className="mr-3 inline-flex min-h-6 items-center font-medium text-brand-700 underline"
                      >
                        {tVideo('link')}
                      </Link>
                    )}
                    {b.startsAt > now && (
                      <CancelBooking
                        bookingId={b.id}
                        intent={b.status === 'pending' ? 'release' : 'cancel'}
                        label={b.status === 'pending' ? tc('coach.release') : tc('coach.cancel')}
                        question={
                          b.status === 'pending'
                            ? tc('coach.releaseQuestion', { client, when })
                            : tc('coach.cancelQuestion', { client, when })
                        }
                        name={`${when}, ${client}`}
                      />
                    )}
                  </Cell>
                </Row>
              )
            })}
          </DataTable>
        )}
      </CancelArea>
    </div>
  )
}
