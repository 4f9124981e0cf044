import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { AnswerForm } from '@/components/questionnaires/answer-form'
import { AnswerList } from '@/components/questionnaires/answer-list'
import { Alert } from '@/components/ui/alert'
import { PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { orNotFound } from '@/lib/http/or-not-found'
import { answersToRaw } from '@/lib/questionnaires/answer-rules'
import { getAssignmentForClient } from '@/lib/questionnaires/service'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('questionnaires.client'))('title') }
}

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | undefined>>
}

/** Answer one questionnaire (draft or submit); once submitted, the answers read-only. */
export default async function QuestionnaireAnswerPage({ params, searchParams }: Props) {
  const actor = await requireRole('client')
  const { id } = await params
  const flags = await searchParams
  if (!z.uuid().safeParse(id).success) notFound()
  const view = await orNotFound(getAssignmentForClient(getDb(), actor, id))
  const t = await getTranslations('questionnaires.client')
  const format = await getFormatter()
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: 'long' })

  return (
    <div className="space-y-6">
      <BackLink href="/questionnaires">{t('back')}</BackLink>
      {flags.gespeichert && !view.submittedAt && <Alert tone="success">{t('draftSavedNotice')}</Alert>}
      {flags.abgeschickt && view.submittedAt && <Alert tone="success">{t('submittedNotice')}</Alert>}
      <div>
        <PageTitle>{view.title}</PageTitle>
        {view.dueDate && !view.submittedAt && (
          <p className="mt-1 text-sm text-muted">{t('due', { date: day(view.dueDate) })}</p>
        )}
        {view.description && <p className="mt-3 max-w-prose whitespace-pre-wrap">{view.description}</p>}
      </div>
      {view.submittedAt ? (
        <section aria-labelledby="answers-title" className="space-y-3">
          <Alert>
            {t('readOnly', {
              date: format.dateTime(view.submittedAt, { dateStyle: 'long', timeStyle: 'short' }),
            })}
          </Alert>
          <h2 id="answers-title" className="text-lg font-semibold">
            {t('yourAnswers')}
          </h2>
          <AnswerList questions={view.questions} answers={view.answers} noAnswer={t('noAnswer')} />
        </section>
      ) : (
        <AnswerForm assignmentId={view.id} questions={view.questions} initial={answersToRaw(view.answers)} />
      )}
    </div>
  )
}
