import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { AssignmentStatus } from '@/components/questionnaires/assignment-status'
import { AssignForm } from '@/components/questionnaires/builder-forms'
import { Card } from '@/components/ui/card'
import type { listAssignmentsOfQuestionnaire } from '@/lib/questionnaires/service'

type Assignment = Awaited<ReturnType<typeof listAssignmentsOfQuestionnaire>>[number]

/** Assign the questionnaire to a client — or say why that is not possible yet. */
export async function AssignCard(props: {
  questionnaireId: string
  archived: boolean
  hasQuestions: boolean
  clients: { id: string; name: string }[]
}) {
  const t = await getTranslations('questionnaires.coach')
  return (
    <Card aria-labelledby="assign-title" className="max-w-3xl space-y-4">
      <div>
        <h2 id="assign-title" className="text-lg font-semibold">
          {t('assignTitle')}
        </h2>
        <p className="mt-1 text-sm text-muted">{t('assignIntro')}</p>
      </div>
      {props.archived ? (
        <p>{t('assignArchived')}</p>
      ) : !props.hasQuestions ? (
        <p>{t('assignNeedsQuestions')}</p>
      ) : props.clients.length === 0 ? (
        <p>{t('assignNoClients')}</p>
      ) : (
        <AssignForm
          fixed={{ name: 'questionnaireId', value: props.questionnaireId }}
          choices={props.clients.map((c) => ({ id: c.id, label: c.name }))}
        />
      )}
    </Card>
  )
}

/** Who has the questionnaire, since when, and how far they are. */
export async function AssignmentsCard({ assignments }: { assignments: Assignment[] }) {
  const t = await getTranslations('questionnaires.coach')
  const format = await getFormatter()
  return (
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
                <Link href={`/coach/clients/${a.clientId}`} className="font-medium text-brand-800 underline">
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
  )
}
