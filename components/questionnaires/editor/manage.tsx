import { getTranslations } from 'next-intl/server'
import { CommandButton } from '@/components/questionnaires/builder-forms'
import { Card } from '@/components/ui/card'
import { deleteQuestionnaireAction, setArchivedAction } from '@/lib/questionnaires/actions'

/**
 * Archive or delete. A questionnaire with assignments is only archived (the clients' snapshots and answers
 * refer to it); one without can be deleted, behind a disclosure so that it is not one click.
 */
export async function ManageCard(props: {
  questionnaireId: string
  archived: boolean
  hasAssignments: boolean
}) {
  const t = await getTranslations('questionnaires.coach')
  return (
    <Card aria-labelledby="manage-title" className="max-w-3xl space-y-3">
      <h2 id="manage-title" className="text-lg font-semibold">
        {t('manageTitle')}
      </h2>
      {props.hasAssignments ? (
        <>
          <p className="text-sm text-muted">{t('archiveHint')}</p>
          <CommandButton
            action={setArchivedAction}
            fields={{ questionnaireId: props.questionnaireId, archived: props.archived ? '0' : '1' }}
            label={props.archived ? t('restore') : t('archive')}
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
                fields={{ questionnaireId: props.questionnaireId }}
                label={t('deleteConfirm')}
                variant="danger"
              />
            </div>
          </details>
        </>
      )}
    </Card>
  )
}
