import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { type CoachSessionRow, listCoachSessions } from '@/lib/sessions/sessions'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sessions'))('list.title') }
}

/** The coach's confirmed sessions (R6.3): past and upcoming, each with its recording and transcript state. */
export default async function CoachSessionsPage() {
  const actor = await requireRole('coach')
  const { past, upcoming } = await listCoachSessions(getDb(), actor, new Date())
  const t = await getTranslations('sessions')
  const format = await getBookingFormat(actor.timeZone)

  const table = (label: string, rows: CoachSessionRow[]) => (
    <DataTable
      label={label}
      columns={[t('list.when'), t('list.client'), t('list.type'), t('list.recording'), t('list.transcript')]}
    >
      {rows.map((s) => (
        <Row key={s.id}>
          <Cell className="whitespace-nowrap">
            <Link href={`/coach/sessions/${s.id}`} className="text-brand-700 underline">
              {format.when(s.startsAt)}
            </Link>
          </Cell>
          <Cell>{s.clientName ?? t('unknownClient')}</Cell>
          <Cell>
            {s.sessionName} · {t(`mode.${s.mode}`)}
          </Cell>
          <Cell>{s.recording ? t(`recordingStatus.${s.recording.status}`) : t('recordingNone')}</Cell>
          <Cell>
            {s.transcript
              ? t('transcriptState', {
                  count: s.transcript.segmentCount,
                  shared: String(s.transcript.sharedWithClient),
                })
              : t('transcriptNone')}
          </Cell>
        </Row>
      ))}
    </DataTable>
  )

  return (
    <div className="space-y-6">
      <PageTitle>{t('list.title')}</PageTitle>
      <p className="max-w-prose text-muted">{t('list.intro')}</p>
      {past.length === 0 && upcoming.length === 0 ? (
        <EmptyState title={t('list.emptyTitle')} body={t('list.emptyBody')} />
      ) : (
        <>
          <section className="space-y-3" aria-labelledby="sessions-past">
            <h2 id="sessions-past" className="text-lg font-semibold">
              {t('list.past')}
            </h2>
            {past.length === 0 ? (
              <p className="text-muted">{t('list.noPast')}</p>
            ) : (
              table(t('list.past'), past)
            )}
          </section>
          <section className="space-y-3" aria-labelledby="sessions-upcoming">
            <h2 id="sessions-upcoming" className="text-lg font-semibold">
              {t('list.upcoming')}
            </h2>
            {upcoming.length === 0 ? (
              <p className="text-muted">{t('list.noUpcoming')}</p>
            ) : (
              table(t('list.upcoming'), upcoming)
            )}
          </section>
        </>
      )}
    </div>
  )
}
