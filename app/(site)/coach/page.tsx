import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { listClientsOfCoach } from '@/lib/account/service'
import { draftsForCoach } from '@/lib/ai/service'
import { requireRole } from '@/lib/auth'
import { listNewlySharedEntries } from '@/lib/journal/coach'
import { listUpcomingBookingsForCoach } from '@/lib/bookings/queries'
import { localDateInZone } from '@/lib/bookings/slots'
import { listNewAnswersForCoach } from '@/lib/questionnaires/service'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('coach'))('overviewTitle') }
}

const ZONE = 'Europe/Zurich'

export default async function CoachHome() {
  const actor = await requireRole('coach')
  const db = getDb()
  const now = new Date()
  const [clients, upcoming, newAnswers, drafts, sharedEntries] = await Promise.all([
    listClientsOfCoach(db, actor),
    listUpcomingBookingsForCoach(db, actor, now, 10),
    listNewAnswersForCoach(db, actor),
    draftsForCoach(db, actor),
    listNewlySharedEntries(db, actor),
  ])
  const t = await getTranslations('coach')
  const tq = await getTranslations('questionnaires.coach')
  const tAi = await getTranslations('ai.home')
  const draftHref = (d: (typeof drafts)[number]) =>
    d.kind === 'transcript'
      ? `/coach/sessions/${d.bookingId}#ki`
      : `/coach/clients/${d.clientId}/questionnaires/${d.assignmentId}#ki`
  const format = await getFormatter()
  const today = localDateInZone(now, ZONE)
  const todays = upcoming.filter((b) => localDateInZone(b.startsAt, ZONE) === today)
  const next = upcoming.filter((b) => localDateInZone(b.startsAt, ZONE) !== today).slice(0, 5)
  const line = (b: (typeof upcoming)[number], withDay: boolean) => (
    <li key={b.id} className="py-2">
      <span className="font-medium">
        {format.dateTime(
          b.startsAt,
          withDay
            ? { weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }
            : { hour: '2-digit', minute: '2-digit' },
        )}
      </span>{' '}
      · {b.clientName ?? '—'} · {b.sessionName}
    </li>
  )

  return (
    <div className="space-y-6">
      <PageTitle>{t('welcome', { name: actor.name })}</PageTitle>
      <div className="grid gap-4 md:grid-cols-2">
        <Card aria-labelledby="today-title">
          <h2 id="today-title" className="text-lg font-semibold">
            {t('todayTitle')}
          </h2>
          {todays.length === 0 ? (
            <p className="mt-2 text-muted">{t('todayEmpty')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">{todays.map((b) => line(b, false))}</ul>
          )}
        </Card>
        <Card aria-labelledby="next-title">
          <h2 id="next-title" className="text-lg font-semibold">
            {t('nextTitle')}
          </h2>
          {next.length === 0 ? (
            <p className="mt-2 text-muted">{t('nextEmpty')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">{next.map((b) => line(b, true))}</ul>
          )}
          <Link href="/coach/bookings" className="mt-3 inline-block text-brand-700 underline">
            {t('allBookings')}
          </Link>
        </Card>
        <Card aria-labelledby="new-answers-title">
          <h2 id="new-answers-title" className="text-lg font-semibold">
            {tq('homeTitle')}
          </h2>
          {newAnswers.length === 0 ? (
            <p className="mt-2 text-muted">{tq('homeEmpty')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">
              {newAnswers.map((a) => (
                <li key={a.id} className="py-2">
                  <Link
                    href={`/coach/clients/${a.clientId}/questionnaires/${a.id}`}
                    className="text-brand-700 underline"
                  >
                    {tq('homeItem', { client: a.clientName, title: a.title })}
                  </Link>{' '}
                  <span className="text-sm text-muted">
                    · {format.dateTime(a.submittedAt!, { day: 'numeric', month: 'long' })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="shared-entries-title">
          <h2 id="shared-entries-title" className="text-lg font-semibold">
            {t('sharedTitle')}
          </h2>
          {sharedEntries.length === 0 ? (
            <p className="mt-2 text-muted">{t('sharedEmpty')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">
              {sharedEntries.map((e) => (
                <li key={e.id} className="py-2">
                  <Link
                    href={`/coach/clients/${e.clientId}/entries/${e.id}`}
                    className="text-brand-700 underline"
                  >
                    {e.title ?? t('sharedUntitled', { kind: e.kind })}
                  </Link>{' '}
                  <span className="text-sm text-muted">
                    · {e.clientName} · {format.dateTime(e.sharedAt!, { day: 'numeric', month: 'long' })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="ai-drafts-title" data-testid="ai-drafts">
          <h2 id="ai-drafts-title" className="text-lg font-semibold">
            {tAi('title')}
          </h2>
          {drafts.length === 0 ? (
            <p className="mt-2 text-muted">{tAi('empty')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">
              {drafts.map((d) => (
                <li key={d.id} className="py-2">
                  <Link href={draftHref(d)} className="text-brand-700 underline">
                    {tAi('item', { kind: d.kind, client: d.clientName })}
                  </Link>{' '}
                  <span className="text-sm text-muted">
                    ·{' '}
                    {tAi('updated', {
                      date: format.dateTime(d.updatedAt, { day: 'numeric', month: 'long' }),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">{t('clientsTitle')}</h2>
          <p className="mt-2">
            <Link href="/coach/clients" className="text-brand-700 underline">
              {t('clientCount', { count: clients.length })}
            </Link>
          </p>
        </Card>
      </div>
    </div>
  )
}
