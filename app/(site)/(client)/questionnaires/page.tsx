import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { listAssignmentsForClient, practiceDate } from '@/lib/questionnaires/service'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('questionnaires.client'))('title') }
}

/** The client's questionnaires: open ones (with due dates) and submitted ones (R8.1). */
export default async function QuestionnairesPage() {
  const actor = await requireRole('client')
  const { open, submitted } = await listAssignmentsForClient(getDb(), actor)
  const t = await getTranslations('questionnaires.client')
  const format = await getFormatter()
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: 'long' })
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium' })
  const today = practiceDate(new Date())

  return (
    <div className="space-y-6">
      <div>
        <PageTitle>{t('title')}</PageTitle>
        <p className="mt-2 max-w-prose text-muted">{t('intro')}</p>
      </div>
      {open.length === 0 && submitted.length === 0 ? (
        <Card>
          <p className="text-muted">{t('empty')}</p>
        </Card>
      ) : (
        <>
          <Card aria-labelledby="open-title">
            <h2 id="open-title" className="text-lg font-semibold">
              {t('openTitle')}
            </h2>
            {open.length === 0 ? (
              <p className="mt-2 text-muted">{t('openEmpty')}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100">
                {open.map((a) => {
                  const action = a.draftSavedAt ? t('continue') : t('start')
                  return (
                    <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                      <div className="space-y-1">
                        <p className="font-medium">{a.title}</p>
                        <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
                          {a.dueDate && <span>{t('due', { date: day(a.dueDate) })}</span>}
                          {a.dueDate && a.dueDate < today && (
                            <Badge className="bg-red-100 text-red-900">{t('overdue')}</Badge>
                          )}
                          <span>
                            {a.draftSavedAt
                              ? t('draftSaved', { date: date(a.draftSavedAt) })
                              : t('assignedOn', { date: date(a.createdAt) })}
                          </span>
                        </p>
                      </div>
                      <Link
                        href={`/questionnaires/${a.id}`}
                        aria-label={t('openItem', { action, title: a.title })}
                        className="inline-flex min-h-10 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
                      >
                        {action}
                      </Link>
                    </li>
                  )
                })}
              </ul>
            )}
          </Card>
          <Card aria-labelledby="submitted-title">
            <h2 id="submitted-title" className="text-lg font-semibold">
              {t('submittedTitle')}
            </h2>
            {submitted.length === 0 ? (
              <p className="mt-2 text-muted">{t('submittedEmpty')}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100">
                {submitted.map((a) => (
                  <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                    <div className="space-y-1">
                      <p className="font-medium">{a.title}</p>
                      <p className="text-sm text-muted">{t('readOnly', { date: date(a.submittedAt!) })}</p>
                    </div>
                    <Link
                      href={`/questionnaires/${a.id}`}
                      aria-label={t('openItem', { action: t('view'), title: a.title })}
                      className="text-brand-700 underline"
                    >
                      {t('view')}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </div>
  )
}
