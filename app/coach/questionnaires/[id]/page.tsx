import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { AssignmentStatus } from '@/components/questionnaires/assignment-status'
import {
  AssignForm,
  CommandButton,
  QuestionForm,
  QuestionnaireMetaForm,
  type QuestionValues,
} from '@/components/questionnaires/builder-forms'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import type { QuestionnaireQuestion } from '@/db/schema'
import { listClientsOfCoach } from '@/lib/account/service'
import { requireRole } from '@/lib/auth'
import { orNotFound } from '@/lib/http/or-not-found'
import {
  deleteQuestionnaireAction,
  questionCommandAction,
  setArchivedAction,
} from '@/lib/questionnaires/actions'
import { type QuestionKind, questionKinds } from '@/lib/questionnaires/schemas'
import { getQuestionnaire, listAssignmentsOfQuestionnaire } from '@/lib/questionnaires/service'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('questionnaires.coach'))('title') }
}

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | undefined>>
}

const blank = (kind: QuestionKind): QuestionValues => ({
  kind,
  prompt: '',
  required: false,
  scaleMin: kind === 'scale' ? '1' : '',
  scaleMax: kind === 'scale' ? '5' : '',
  scaleMinLabel: '',
  scaleMaxLabel: '',
  options: '',
})

const valuesOf = (q: QuestionnaireQuestion): QuestionValues => ({
  kind: q.kind,
  prompt: q.prompt,
  required: q.required,
  scaleMin: q.scaleMin === null ? '' : String(q.scaleMin),
  scaleMax: q.scaleMax === null ? '' : String(q.scaleMax),
  scaleMinLabel: q.scaleMinLabel ?? '',
  scaleMaxLabel: q.scaleMaxLabel ?? '',
  options: (q.options ?? []).map((o) => o.label).join('\n'),
})

/**
 * One questionnaire: title, questions (edit, move, delete; add one of each kind), assign, who has it, archive.
 * `?frage=<id>` opens a question for editing and `?art=<kind>` picks the kind to add: plain links, no JS needed.
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
  const kinds = await getTranslations('questionnaires.kinds')
  const format = await getFormatter()
  const base = `/coach/questionnaires/${id}`
  const addKind = questionKinds.find((k) => k === flags.art) ?? 'text'
  const editing = questionnaire.questions.find((q) => q.id === flags.frage)
  const last = questionnaire.questions.length - 1

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
        {questionnaire.questions.length === 0 ? (
          <p className="text-muted">{t('questionsEmpty')}</p>
        ) : (
          <ol className="divide-y divide-slate-100">
            {questionnaire.questions.map((q, i) => {
              const number = i + 1
              const label = (action: string) => t('actionsFor', { action, number })
              return (
                <li key={q.id} id={`frage-${q.id}`} className="space-y-3 py-4">
                  {editing?.id === q.id ? (
                    <>
                      <h3 className="font-semibold">{t('editQuestion', { number })}</h3>
                      <QuestionForm
                        questionnaireId={id}
                        questionId={q.id}
                        initial={valuesOf(q)}
                        heading={t('editQuestion', { number })}
                        cancelHref={`${base}#frage-${q.id}`}
                      />
                    </>
                  ) : (
                    <>
                      <div>
                        <h3 className="font-medium">
                          <span className="mr-1 text-muted">{number}.</span>
                          {q.prompt}
                        </h3>
                        <p className="mt-1 flex flex-wrap gap-2 text-sm text-muted">
                          <Badge className="bg-brand-50 text-brand-800">{kinds(q.kind)}</Badge>
                          <Badge
                            className={
                              q.required ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-800'
                            }
                          >
                            {q.required ? t('required') : t('optional')}
                          </Badge>
                          {q.kind === 'scale' && (
                            <span>
                              {t('scaleRange', { min: q.scaleMin!, max: q.scaleMax! })}
                              {q.scaleMinLabel ? ` · ${q.scaleMin} = ${q.scaleMinLabel}` : ''}
                              {q.scaleMaxLabel ? ` · ${q.scaleMax} = ${q.scaleMaxLabel}` : ''}
                            </span>
                          )}
                        </p>
                        {q.options && (
                          <ul className="mt-2 list-disc pl-5 text-sm">
                            {q.options.map((o) => (
                              <li key={o.id}>{o.label}</li>
                            ))}
                          </ul>
                        )}
                      </div>
                      <div className="flex flex-wrap gap-1">
                        {i > 0 && (
                          <CommandButton
                            action={questionCommandAction}
                            fields={{ questionId: q.id, command: 'up' }}
                            label={t('moveUp')}
                            ariaLabel={label(t('moveUp'))}
                          />
                        )}
                        {i < last && (
                          <CommandButton
                            action={questionCommandAction}
                            fields={{ questionId: q.id, command: 'down' }}
                            label={t('moveDown')}
                            ariaLabel={label(t('moveDown'))}
                          />
                        )}
                        <Link
                          href={`${base}?frage=${q.id}#frage-${q.id}`}
                          aria-label={label(t('edit'))}
                          className="inline-flex min-h-10 items-center rounded-md px-4 text-sm font-medium text-brand-700 hover:bg-brand-50"
                        >
                          {t('edit')}
                        </Link>
                        <CommandButton
                          action={questionCommandAction}
                          fields={{ questionId: q.id, command: 'delete' }}
                          label={t('delete')}
                          ariaLabel={label(t('delete'))}
                        />
                      </div>
                    </>
                  )}
                </li>
              )
            })}
          </ol>
        )}
      </Card>

      <Card aria-labelledby="add-title" className="max-w-3xl space-y-4">
        <h2 id="add-title" className="text-lg font-semibold">
          {t('addTitle')}
        </h2>
        <nav aria-label={t('chooseKind')}>
          <ul className="flex flex-wrap gap-2">
            {questionKinds.map((kind) => (
              <li key={kind}>
                <Link
                  href={`${base}?art=${kind}#add-title`}
                  aria-current={kind === addKind ? 'true' : undefined}
                  className="inline-flex min-h-10 items-center rounded-md border border-brand-600 px-3 text-sm font-medium text-brand-700 aria-[current]:bg-brand-600 aria-[current]:text-white"
                >
                  {kinds(kind)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <QuestionForm key={addKind} questionnaireId={id} initial={blank(addKind)} heading={t('addTitle')} />
      </Card>

      <Card aria-labelledby="assign-title" className="max-w-3xl space-y-4">
        <div>
          <h2 id="assign-title" className="text-lg font-semibold">
            {t('assignTitle')}
          </h2>
          <p className="mt-1 text-sm text-muted">{t('assignIntro')}</p>
        </div>
        {questionnaire.archivedAt ? (
          <p>{t('assignArchived')}</p>
        ) : questionnaire.questions.length === 0 ? (
          <p>{t('assignNeedsQuestions')}</p>
        ) : clients.length === 0 ? (
          <p>{t('assignNoClients')}</p>
        ) : (
          <AssignForm
            fixed={{ name: 'questionnaireId', value: id }}
            choices={clients.map((c) => ({ id: c.id, label: c.name }))}
          />
        )}
      </Card>

      <Card aria-labelledby="assignments-title" className="space-y-3">
        <h2 id="assignments-title" className="text-lg font-semibold">
          {t('assignmentsTitle')}
        </h2>
        {assignments.length === 0 ? (
          <p className="text-muted">{t('assignmentsEmpty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {assignments.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <Link
                    href={`/coach/clients/${a.clientId}`}
                    className="font-medium text-brand-800 underline"
                  >
                    {a.clientName}
                  </Link>
                  <p className="text-sm text-muted">
                    {t('assignedOn', { date: format.dateTime(a.createdAt, { dateStyle: 'medium' }) })}
                  </p>
                </div>
                <AssignmentStatus item={a} clientId={a.clientId} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card aria-labelledby="manage-title" className="max-w-3xl space-y-3">
        <h2 id="manage-title" className="text-lg font-semibold">
          {t('manageTitle')}
        </h2>
        {questionnaire.assignmentCount > 0 ? (
          <>
            <p className="text-sm text-muted">{t('archiveHint')}</p>
            <CommandButton
              action={setArchivedAction}
              fields={{ questionnaireId: id, archived: questionnaire.archivedAt ? '0' : '1' }}
              label={questionnaire.archivedAt ? t('restore') : t('archive')}
              variant="secondary"
            />
          </>
        ) : (
          <>
            <p className="text-sm text-muted">{t('deleteHint')}</p>
            <details>
              <summary className="inline-flex min-h-10 cursor-pointer items-center font-medium text-red-800">
                {t('deleteQuestionnaire')}
              </summary>
              <div className="mt-2">
                <CommandButton
                  action={deleteQuestionnaireAction}
                  fields={{ questionnaireId: id }}
                  label={t('deleteConfirm')}
                  variant="danger"
                />
              </div>
            </details>
          </>
        )}
      </Card>
    </div>
  )
}
