import { getFormatter, getTranslations } from 'next-intl/server'
import { Card } from '@/components/ui/card'
import type { Db } from '@/db/types'
import type { Actor } from '@/lib/auth/types'
import { listAssignableQuestionnaires, listAssignmentsForClientOfCoach } from '@/lib/questionnaires/service'
import { AssignmentStatus } from './assignment-status'
import { AssignForm } from './builder-forms'

/** On the coach's client page: assign a questionnaire and see this person's questionnaires (R8.1). */
export async function ClientQuestionnairesSection({
  db,
  actor,
  clientId,
}: {
  db: Db
  actor: Actor
  clientId: string
}) {
  const [assignments, assignable] = await Promise.all([
    listAssignmentsForClientOfCoach(db, actor, clientId),
    listAssignableQuestionnaires(db, actor),
  ])
  const t = await getTranslations('questionnaires.coach')
  const format = await getFormatter()
  return (
    <Card aria-labelledby="questionnaires-title" className="space-y-4">
      <h2 id="questionnaires-title" className="text-lg font-semibold">
        {t('clientSectionTitle')}
      </h2>
      {assignable.length === 0 ? (
        <p className="text-sm text-muted">{t('assignNoQuestionnaires')}</p>
      ) : (
        <AssignForm
          fixed={{ name: 'clientId', value: clientId }}
          choices={assignable.map((q) => ({ id: q.id, label: q.title }))}
        />
      )}
      {assignments.length === 0 ? (
        <p className="text-muted">{t('clientSectionEmpty')}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {assignments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-medium">{a.title}</p>
                <p className="text-sm text-muted">
                  {t('assignedOn', { date: format.dateTime(a.createdAt, { dateStyle: 'medium' }) })}
                </p>
              </div>
              <AssignmentStatus item={a} clientId={clientId} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
