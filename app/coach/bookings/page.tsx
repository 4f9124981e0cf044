import type { Metadata } from 'next'
import { getFormatter, getTranslations } from 'next-intl/server'
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
  const format = await getFormatter()
  return (
    <div className="space-y-6">
      <ScheduleNav />
      <PageTitle>{t('title')}</PageTitle>
      {upcoming.length === 0 ? (
        <EmptyState title={t('upcoming')} body={t('empty')} />
      ) : (
        <DataTable label={t('upcoming')} columns={[t('when'), t('client'), t('session'), t('status')]}>
          {upcoming.map((b) => (
            <Row key={b.id}>
              <Cell className="whitespace-nowrap">
                {format.dateTime(b.startsAt, {
                  weekday: 'short',
                  day: 'numeric',
                  month: 'long',
                  hour: '2-digit',
                  minute: '2-digit',
                })}
              </Cell>
              <Cell>{b.clientName ?? '—'}</Cell>
              <Cell>{b.sessionName}</Cell>
              <Cell>{t(`statuses.${b.status}`)}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </div>
  )
}
