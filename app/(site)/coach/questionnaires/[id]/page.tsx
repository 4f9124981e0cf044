import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { QuestionnaireMetaForm } from '@/components/questionnaires/builder-forms'
import { AddQuestionCard } from '@/components/questionnaires/editor/add-question'
import { AssignCard, AssignmentsCard } from '@/components/questionnaires/editor/assignments'
import { ManageCard } from '@/components/questionnaires/editor/manage'
import { QuestionItem } from '@/components/questionnaires/editor/question-item'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { listClientsOfCoach } from '@/lib/account/service'
import { requireRole } from '@/lib/auth'
import { orNotFound } from '@/lib/http/or-not-found'
import { questionKinds } from '@/lib/questionnaires/schemas'
import { getQuestionnaire, listAssignmentsOfQuestionnaire } from '@/lib/questionnaires/service'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('questionnaires.coach'))('title') }
}

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | undefined>>
}

/**
 * One questionnaire: title, questions (edit, move, delete; add one of each kind), assign, who has it, archive.
 * `?frage=<id>` opens a question for editing and `?art=<kind>` picks the kind to add: plain links, no JS needed.
 * The page loads and decides; each card lives in components/questionnaires/editor/.
 */
export default async function CoachQuestionnairePage({ params, searchParams }: Props) {
  const actor = await requireRole('coach')
  const { id } = await params
  const flags = await searchParams
  if (!z.uuid().safeParse(id).success) notFound()
  const db = getDb()
  const questionnaire = await orNotFound(getQuestionnaire(db, actor, id))
  const [assignments, clients] = await Promise.all([
    listAssignmentsOfQuestionnaire(db, actor, id),
    listClientsOfCoach(db, actor),
  ])
  const t = await getTranslations('questionnaires.coach')
  const { questions } = questionnaire

  return (
    <div className="space-y-6">
      <BackLink href="/coach/questionnaires">{t('back')}</BackLink>
      <div className="flex flex-wrap items-center gap-3">
        <PageTitle>{questionnaire.title}</PageTitle>
        {questionnaire.archivedAt && <Badge className="bg-slate-100 text-slate-800">{t('archived')}</Badge>}
      </div>
      {flags.erstellt && <Alert tone="success">{t('created')}</Alert>}
      {flags.hinzugefuegt && <Alert tone="success">{t('questionAdded')}</Alert>}
      {flags.geaendert && <Alert tone="success">{t('questionChanged')}</Alert>}
      {questionnaire.assignmentCount > 0 && <Alert>{t('snapshotNote')}</Alert>}

      <Card aria-labelledby="meta-title" className="max-w-3xl">
        <h2 id="meta-title" className="mb-4 text-lg font-semibold">
          {t('metaTitle')}
        </h2>
        <QuestionnaireMetaForm
          questionnaireId={id}
          initial={{ title: questionnaire.title, description: questionnaire.description ?? '' }}
        />
      </Card>

      <Card aria-labelledby="fragen" className="space-y-4">
        <h2 id="fragen" className="text-lg font-semibold">
          {t('questionsTitle')}
        </h2>
        {questions.length === 0 ? (
          <p className="text-muted">{t('questionsEmpty')}</p>
        ) : (
          <ol className="divide-y divide-slate-100">
            {questions.map((q, i) => (
              <li key={q.id} id={`frage-${q.id}`} className="space-y-3 py-4">
                <QuestionItem
                  questionnaireId={id}
                  question={q}
                  index={i}
                  isLast={i === questions.length - 1}
                  editing={q.id === flags.frage}
                />
              </li>
            ))}
          </ol>
        )}
      </Card>

      <AddQuestionCard questionnaireId={id} kind={questionKinds.find((k) => k === flags.art) ?? 'text'} />
      <AssignCard
        questionnaireId={id}
        archived={questionnaire.archivedAt !== null}
        hasQuestions={questions.length > 0}
        clients={clients}
      />
      <AssignmentsCard assignments={assignments} />
      <ManageCard
        questionnaireId={id}
        archived={questionnaire.archivedAt !== null}
        hasAssignments={questionnaire.assignmentCount > 0}
      />
    </div>
  )
}
