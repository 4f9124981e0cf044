import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { CommandButton, QuestionForm, type QuestionValues } from '@/components/questionnaires/builder-forms'
import { Badge } from '@/components/ui/badge'
import type { QuestionnaireQuestion } from '@/db/schema'
import { questionCommandAction } from '@/lib/questionnaires/actions'

/** The values of a stored question as the question form edits them. */
export const valuesOf = (q: QuestionnaireQuestion): QuestionValues => ({
  kind: q.kind,
  prompt: q.prompt,
  required: q.required,
  scaleMin: q.scaleMin === null ? '' : String(q.scaleMin),
  scaleMax: q.scaleMax === null ? '' : String(q.scaleMax),
  scaleMinLabel: q.scaleMinLabel ?? '',
  scaleMaxLabel: q.scaleMaxLabel ?? '',
  options: (q.options ?? []).map((o) => o.label).join('\n'),
})

type Props = {
  questionnaireId: string
  question: QuestionnaireQuestion
  /** 0-based position and whether it is the last: which move buttons make sense. */
  index: number
  isLast: boolean
  editing: boolean
}

/** One question of the editor: shown with its commands, or (`?frage=<id>`) as its edit form. */
export async function QuestionItem({ questionnaireId, question: q, index, isLast, editing }: Props) {
  const t = await getTranslations('questionnaires.coach')
  const kinds = await getTranslations('questionnaires.kinds')
  const base = `/coach/questionnaires/${questionnaireId}`
  const number = index + 1
  const label = (action: string) => t('actionsFor', { action, number })

  if (editing) {
    return (
      <>
        <h3 className="font-semibold">{t('editQuestion', { number })}</h3>
        <QuestionForm
          questionnaireId={questionnaireId}
          questionId={q.id}
          initial={valuesOf(q)}
          heading={t('editQuestion', { number })}
          cancelHref={`${base}#frage-${q.id}`}
        />
      </>
    )
  }
  return (
    <>
      <div>
        <h3 className="font-medium">
          <span className="mr-1 text-muted">{number}.</span>
          {q.prompt}
        </h3>
        <p className="mt-1 flex flex-wrap gap-2 text-sm text-muted">
          <Badge className="bg-brand-50 text-brand-800">{kinds(q.kind)}</Badge>
          <Badge className={q.required ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-800'}>
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
        {index > 0 && (
          <CommandButton
            action={questionCommandAction}
            fields={{ questionId: q.id, command: 'up' }}
            label={t('moveUp')}
            ariaLabel={label(t('moveUp'))}
          />
        )}
        {!isLast && (
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
  )
}
