import type { Metadata } from 'next'
import { BackLink } from '@/components/ui/back-link'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { AnalysisPanel } from '@/components/ai/analysis-panel'
import { AnswerList } from '@/components/questionnaires/answer-list'
import { Alert } from '@/components/ui/alert'
import { PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { isUnreadable } from '@/lib/account/unreadable'
import { getAnalysisForCoach } from '@/lib/ai/service'
import { requireRole } from '@/lib/auth'
import { NotFoundError } from '@/lib/errors'
import { orNotFound } from '@/lib/http/or-not-found'
import { getRequestMeta } from '@/lib/http/request-meta'
import { viewSubmittedAnswers } from '@/lib/questionnaires/service'

// The AI analysis runs inside the request (the pipeline's timeout stays below this).
export const maxDuration = 60

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('questionnaires.coach'))('answersTitle') }
}

type Props = {
  params: Promise<{ id: string; assignmentId: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

/** One submitted questionnaire of one of the coach's clients; every view is audited (R13.2). */
export default async function CoachAnswersPage({ params, searchParams }: Props) {
  const actor = await requireRole('coach')
  const { id, assignmentId } = await params
  if (!z.uuid().safeParse(id).success || !z.uuid().safeParse(assignmentId).success) notFound()
  const db = getDb()
  // R10.2: a deleted client's answers are noise (key shredded): "not found", never a crash.
  const view = await orNotFound(
    viewSubmittedAnswers(db, actor, { assignmentId, clientId: id }, new Date(), await getRequestMeta()).catch(
      (error: unknown) => {
        if (isUnreadable(error)) throw new NotFoundError()
        throw error
      },
    ),
  )
  const analysis = await getAnalysisForCoach(
    db,
    actor,
    { kind: 'questionnaire', assignmentId },
    new Date(),
    await getRequestMeta(),
  )
  const editing = (await searchParams).ki === 'bearbeiten'
  const t = await getTranslations('questionnaires.coach')
  const format = await getFormatter()
  return (
    <div className="space-y-6">
      <BackLink href={`/coach/clients/${view.clientId}`}>
        {t('backToClient', { name: view.clientName })}
      </BackLink>
      <Alert>{t('viewNotice')}</Alert>
      <div>
        <PageTitle>{view.title}</PageTitle>
        <p className="mt-1 text-sm text-muted">
          {view.clientName} ·{' '}
          {t('submittedOn', {
            date: format.dateTime(view.submittedAt, { dateStyle: 'long', timeStyle: 'short' }),
          })}
        </p>
        {view.description && <p className="mt-3 max-w-prose whitespace-pre-wrap">{view.description}</p>}
      </div>
      <section aria-labelledby="answers-title" className="space-y-3">
        <h2 id="answers-title" className="text-lg font-semibold">
          {t('answersTitle')}
        </h2>
        <AnswerList questions={view.questions} answers={view.answers} noAnswer={t('noAnswer')} />
      </section>
      <AnalysisPanel
        kind="questionnaire"
        sourceId={assignmentId}
        view={analysis}
        editing={editing}
        basePath={`/coach/clients/${view.clientId}/questionnaires/${assignmentId}`}
      />
    </div>
  )
}
