import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { QuestionForm, type QuestionValues } from '@/components/questionnaires/builder-forms'
import { Card } from '@/components/ui/card'
import { type QuestionKind, questionKinds } from '@/lib/questionnaires/schemas'

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

/** Add a question: the kind is picked with plain links (`?art=<kind>`), so it works without JavaScript. */
export async function AddQuestionCard({
  questionnaireId,
  kind,
}: {
  questionnaireId: string
  kind: QuestionKind
}) {
  const t = await getTranslations('questionnaires.coach')
  const kinds = await getTranslations('questionnaires.kinds')
  const base = `/coach/questionnaires/${questionnaireId}`
  return (
    <Card aria-labelledby="add-title" className="max-w-3xl space-y-4">
      <h2 id="add-title" className="text-lg font-semibold">
        {t('addTitle')}
      </h2>
      <nav aria-label={t('chooseKind')}>
        <ul className="flex flex-wrap gap-2">
          {questionKinds.map((k) => (
            <li key={k}>
              <Link
                href={`${base}?art=${k}#add-title`}
                aria-current={k === kind ? 'true' : undefined}
                className="inline-flex min-h-10 items-center rounded-md border border-brand-600 px-3 text-sm font-medium text-brand-700 aria-[current]:bg-brand-600 aria-[current]:text-white"
              >
                {kinds(k)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {/* A new kind is a new, empty form: the key remounts it. */}
      <QuestionForm
        key={kind}
        questionnaireId={questionnaireId}
        initial={blank(kind)}
        heading={t('addTitle')}
      />
    </Card>
  )
}
