import { getTranslations } from 'next-intl/server'
import type { QuestionSnapshot } from '@/db/schema/questionnaires'
import type { AnswerMap } from '@/lib/questionnaires/answer-rules'

/** Submitted answers, read-only: each question with the answer as the person chose or wrote it. */
export async function AnswerList({
  questions,
  answers,
  noAnswer,
}: {
  questions: QuestionSnapshot[]
  answers: AnswerMap
  noAnswer: string
}) {
  const t = await getTranslations('questionnaires.coach')
  return (
    <ol className="space-y-4">
      {questions.map((q, i) => {
        const value = answers[q.id]
        return (
          <li key={q.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
            <h3 className="font-medium">
              <span className="mr-1 text-muted">{i + 1}.</span>
              {q.prompt}
            </h3>
            <div className="mt-2">
              {value === undefined ? (
                <p className="text-muted italic">{noAnswer}</p>
              ) : q.kind === 'text' ? (
                <p className="whitespace-pre-wrap leading-relaxed">{String(value)}</p>
              ) : q.kind === 'scale' ? (
                <p>
                  <span className="text-lg font-semibold">{String(value)}</span>{' '}
                  <span className="text-sm text-muted">
                    ({t('scaleRange', { min: q.scale!.min, max: q.scale!.max })}
                    {q.scale!.minLabel ? `, ${q.scale!.min} = ${q.scale!.minLabel}` : ''}
                    {q.scale!.maxLabel ? `, ${q.scale!.max} = ${q.scale!.maxLabel}` : ''})
                  </span>
                </p>
              ) : (
                <ul className="list-disc pl-5">
                  {q
                    .options!.filter((o) => (Array.isArray(value) ? value : [value]).includes(o.id))
                    .map((o) => (
                      <li key={o.id}>{o.label}</li>
                    ))}
                </ul>
              )}
            </div>
          </li>
        )
      })}
    </ol>
  )
}
