'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Button } from '@/components/ui/button'
import { Textarea } from '@/components/ui/input'
import type { QuestionSnapshot } from '@/db/schema/questionnaires'
import { idle } from '@/lib/http/action-state'
import { saveAnswersAction } from '@/lib/questionnaires/actions'

type Raw = Record<string, string | string[]>

const choice =
  'flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50'
const errorText = 'mt-2 text-sm font-medium text-red-700'

const asList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : [])
const asText = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))

/**
 * The client's answers to one assignment. Plain form fields and two submit buttons (draft / submit), so it works
 * without JavaScript. After bad input everything typed comes back, with an error summary on top that links to
 * each question and the message at the question itself.
 */
export function AnswerForm({
  assignmentId,
  questions,
  initial,
}: {
  assignmentId: string
  questions: QuestionSnapshot[]
  initial: Raw
}) {
  const t = useTranslations('questionnaires.client')
  const [state, action, pending] = useActionState(saveAnswersAction, idle)
  // After bad input every answer comes back (by question id; ticked boxes as lists).
  const values: Raw = state.values || state.lists ? { ...state.values, ...state.lists } : initial
  const errors = state.fieldErrors ?? {}
  const numbered = questions.map((q, i) => ({ q, number: i + 1 }))
  const withErrors = numbered.filter(({ q }) => errors[q.id])

  return (
    <form action={action} className="space-y-6" noValidate>
      <input type="hidden" name="assignmentId" value={assignmentId} />
      {state.status === 'error' && (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          {state.message}
        </div>
      )}
      {withErrors.length > 0 && (
        <div
          role="alert"
          aria-labelledby="answer-errors-title"
          className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          <h2 id="answer-errors-title" className="font-semibold">
            {t('errorSummary', { count: withErrors.length })}
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {withErrors.map(({ q, number }) => (
              <li key={q.id}>
                <a href={`#${fieldId(q)}`} className="underline">
                  {t('errorLink', { number, message: errors[q.id]! })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="text-sm text-muted">{t('requiredNote')}</p>
      <ol className="space-y-6">
        {numbered.map(({ q, number }) => (
          <li key={q.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
            <Question q={q} number={number} value={values[q.id]} error={errors[q.id]} />
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        {/* Draft first: pressing Enter in a field saves a draft, never submits by accident. */}
        <Button type="submit" name="intent" value="draft" variant="secondary" disabled={pending}>
          {pending ? t('saving') : t('saveDraft')}
        </Button>
        <Button type="submit" name="intent" value="submit" disabled={pending}>
          {t('submit')}
        </Button>
      </div>
    </form>
  )
}

/** The id the error summary links to: the text field, or the first choice of a group. */
function fieldId(q: QuestionSnapshot) {
  return q.kind === 'text' ? `q-${q.id}` : `q-${q.id}-0`
}

function Prompt({ q, number }: { q: QuestionSnapshot; number: number }) {
  const t = useTranslations('questionnaires.client')
  return (
    <>
      <span className="mr-1 text-muted">{number}.</span>
      {q.prompt}
      {q.required && (
        <>
          {' '}
          <span aria-hidden="true" className="text-red-700">
            *
          </span>
          <span className="sr-only">({t('requiredMark')})</span>
        </>
      )}
    </>
  )
}

function Question({
  q,
  number,
  value,
  error,
}: {
  q: QuestionSnapshot
  number: number
  value: string | string[] | undefined
  error: string | undefined
}) {
  const t = useTranslations('questionnaires.client')
  const name = `a.${q.id}`
  const errorId = `q-${q.id}-error`
  const invalid = error ? { 'aria-invalid': true as const } : {}
  const errorLine = error && (
    <p id={errorId} className={errorText}>
      {error}
    </p>
  )

  if (q.kind === 'text') {
    return (
      <div>
        <label htmlFor={`q-${q.id}`} className="block font-medium">
          <Prompt q={q} number={number} />
        </label>
        <Textarea
          id={`q-${q.id}`}
          name={name}
          defaultValue={asText(value)}
          rows={5}
          className="mt-2 min-h-32"
          aria-describedby={[`q-${q.id}-hint`, error ? errorId : null].filter(Boolean).join(' ')}
          {...(q.required ? { 'aria-required': true } : {})}
          {...invalid}
        />
        <p id={`q-${q.id}-hint`} className="mt-1 text-sm text-muted">
          {t('answerHint')}
        </p>
        {errorLine}
      </div>
    )
  }

  // Scale and single choice: radios; multiple choice: checkboxes. Each group is a fieldset with its legend.
  const options =
    q.kind === 'scale'
      ? Array.from({ length: q.scale!.max - q.scale!.min + 1 }, (_, i) => {
          const n = q.scale!.min + i
          const end = n === q.scale!.min ? q.scale!.minLabel : n === q.scale!.max ? q.scale!.maxLabel : null
          return { id: String(n), label: end ? `${n} – ${end}` : String(n) }
        })
      : q.options!
  const multiple = q.kind === 'multiple'
  const selected = new Set(asList(value))
  const withNone = !multiple && !q.required
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="font-medium">
        <Prompt q={q} number={number} />
      </legend>
      <div className={q.kind === 'scale' ? 'mt-3 flex flex-wrap gap-2' : 'mt-3 grid gap-2'}>
        {options.map((o, i) => (
          <label key={o.id} className={choice}>
            <input
              id={`q-${q.id}-${i}`}
              type={multiple ? 'checkbox' : 'radio'}
              name={name}
              value={o.id}
              defaultChecked={selected.has(o.id)}
              className="size-5 shrink-0"
              {...invalid}
            />
            <span>{o.label}</span>
          </label>
        ))}
        {withNone && (
          <label className={choice}>
            <input
              type="radio"
              name={name}
              value=""
              defaultChecked={selected.size === 0}
              className="size-5 shrink-0"
            />
            <span>{t('noAnswer')}</span>
          </label>
        )}
      </div>
      {errorLine}
    </fieldset>
  )
}
