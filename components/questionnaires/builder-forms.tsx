'use client'

import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button, type ButtonProps } from '@/components/ui/button'
import { Field, Input, Select, Textarea } from '@/components/ui/input'
import { type ActionState, failed, idle, type ServerAction } from '@/lib/http/action-state'
import {
  assignAction,
  createQuestionnaireAction,
  saveQuestionAction,
  saveQuestionnaireMetaAction,
} from '@/lib/questionnaires/actions'
import type { QuestionKind } from '@/lib/questionnaires/schemas'

function StatusAlert({ state, savedText }: { state: ActionState; savedText?: string }) {
  const t = useTranslations('questionnaires.coach')
  if (state.status === 'ok' && savedText) return <Alert tone="success">{savedText}</Alert>
  if (state.status === 'invalid') return <Alert tone="error">{t('fixErrors')}</Alert>
  if (state.status === 'error') return <Alert tone="error">{state.message}</Alert>
  return null
}

/** Title and description: for a new questionnaire (no id) or an existing one. */
export function QuestionnaireMetaForm({
  questionnaireId,
  initial,
}: {
  questionnaireId?: string
  initial: { title: string; description: string }
}) {
  const t = useTranslations('questionnaires.coach')
  const [state, action, pending] = useActionState(
    questionnaireId ? saveQuestionnaireMetaAction : createQuestionnaireAction,
    idle,
  )
  const v = { ...initial, ...state.values }
  const err = state.fieldErrors ?? {}
  const prefix = questionnaireId ? 'meta' : 'new'
  return (
    <form action={action} className="space-y-4" noValidate>
      <StatusAlert state={state} savedText={t('saved')} />
      {questionnaireId && <input type="hidden" name="questionnaireId" value={questionnaireId} />}
      <Field id={`${prefix}-title`} label={t('fieldTitle')} error={err.title}>
        {(c) => <Input {...c} name="title" defaultValue={v.title} maxLength={200} />}
      </Field>
      <Field
        id={`${prefix}-description`}
        label={t('fieldDescription')}
        hint={t('descriptionHint')}
        error={err.description}
      >
        {(c) => (
          <Textarea {...c} name="description" defaultValue={v.description} rows={3} className="min-h-24" />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {questionnaireId ? (pending ? t('saving') : t('save')) : pending ? t('creating') : t('create')}
      </Button>
    </form>
  )
}

export type QuestionValues = {
  kind: QuestionKind
  prompt: string
  required: boolean
  scaleMin: string
  scaleMax: string
  scaleMinLabel: string
  scaleMaxLabel: string
  options: string
}

/** Add a question of one kind (no questionId) or edit one; the kind's own fields only. */
export function QuestionForm({
  questionnaireId,
  questionId,
  initial,
  heading,
  cancelHref,
}: {
  questionnaireId: string
  questionId?: string
  initial: QuestionValues
  heading: string
  cancelHref?: string
}) {
  const t = useTranslations('questionnaires.coach')
  const kinds = useTranslations('questionnaires.kinds')
  const [state, action, pending] = useActionState(saveQuestionAction, idle)
  const returned = state.values
  const v = {
    ...initial,
    ...(returned ?? {}),
    required: returned ? returned.required === 'on' : initial.required,
  }
  const err = state.fieldErrors ?? {}
  const id = (name: string) => `${questionId ?? 'add'}-${name}`
  const kind = initial.kind
  return (
    <form action={action} className="space-y-4" noValidate aria-label={heading}>
      <StatusAlert state={state} />
      <input type="hidden" name="questionnaireId" value={questionnaireId} />
      {questionId && <input type="hidden" name="questionId" value={questionId} />}
      <input type="hidden" name="kind" value={kind} />
      <p className="text-sm text-muted">{t('kindLabel', { kind: kinds(kind) })}</p>
      <Field id={id('prompt')} label={t('fieldPrompt')} error={err.prompt ?? err.kind}>
        {(c) => <Textarea {...c} name="prompt" defaultValue={v.prompt} rows={2} className="min-h-16" />}
      </Field>
      {kind === 'scale' && (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={id('scaleMin')} label={t('fieldScaleMin')} hint={t('scaleHint')} error={err.scaleMin}>
              {(c) => (
                <Input {...c} name="scaleMin" type="number" min={0} max={10} defaultValue={v.scaleMin} />
              )}
            </Field>
            <Field id={id('scaleMax')} label={t('fieldScaleMax')} error={err.scaleMax}>
              {(c) => (
                <Input {...c} name="scaleMax" type="number" min={0} max={10} defaultValue={v.scaleMax} />
              )}
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={id('scaleMinLabel')} label={t('fieldScaleMinLabel')} error={err.scaleMinLabel}>
              {(c) => <Input {...c} name="scaleMinLabel" defaultValue={v.scaleMinLabel} maxLength={60} />}
            </Field>
            <Field id={id('scaleMaxLabel')} label={t('fieldScaleMaxLabel')} error={err.scaleMaxLabel}>
              {(c) => <Input {...c} name="scaleMaxLabel" defaultValue={v.scaleMaxLabel} maxLength={60} />}
            </Field>
          </div>
        </>
      )}
      {(kind === 'single' || kind === 'multiple') && (
        <Field id={id('options')} label={t('fieldOptions')} hint={t('optionsHint')} error={err.options}>
          {(c) => <Textarea {...c} name="options" defaultValue={v.options} rows={5} className="min-h-28" />}
        </Field>
      )}
      <label className="flex min-h-10 items-center gap-2 text-sm">
        <input type="checkbox" name="required" defaultChecked={v.required} className="size-5" />
        {t('fieldRequired')}
      </label>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t('saving') : questionId ? t('save') : t('addQuestion')}
        </Button>
        {cancelHref && (
          <Button asChild variant="ghost">
            <Link href={cancelHref}>{t('cancel')}</Link>
          </Button>
        )}
      </div>
    </form>
  )
}

/**
 * One button that posts hidden fields to an action (move, delete, archive …); an error shows under it.
 * Works without JavaScript like every form here.
 */
export function CommandButton<T>({
  action,
  fields,
  label,
  ariaLabel,
  variant = 'ghost',
}: {
  action: ServerAction<T>
  fields: Record<string, string>
  label: string
  ariaLabel?: string
  variant?: ButtonProps['variant']
}) {
  const [state, formAction, pending] = useActionState(action, idle)
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending} aria-label={ariaLabel}>
        {label}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}

/**
 * Assign a questionnaire: on the questionnaire page the coach picks a client, on the client page a
 * questionnaire; the fixed one travels as a hidden field.
 */
export function AssignForm({
  fixed,
  choices,
}: {
  fixed: { name: 'questionnaireId' | 'clientId'; value: string }
  choices: { id: string; label: string }[]
}) {
  const t = useTranslations('questionnaires.coach')
  const [state, action, pending] = useActionState(assignAction, idle)
  const chooseName = fixed.name === 'clientId' ? 'questionnaireId' : 'clientId'
  const v = { [chooseName]: '', dueDate: '', ...state.values }
  const err = state.fieldErrors ?? {}
  return (
    <form action={action} className="space-y-4" noValidate>
      <StatusAlert state={state} savedText={t('assigned')} />
      <input type="hidden" name={fixed.name} value={fixed.value} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id={`assign-${chooseName}`}
          label={chooseName === 'clientId' ? t('fieldClient') : t('fieldQuestionnaire')}
          error={err[chooseName]}
        >
          {(c) => (
            <Select {...c} name={chooseName} defaultValue={v[chooseName]}>
              <option value="">{t('choose')}</option>
              {choices.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="assign-dueDate" label={t('fieldDueDate')} error={err.dueDate}>
          {(c) => <Input {...c} name="dueDate" type="date" defaultValue={v.dueDate} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('assigning') : t('assign')}
      </Button>
    </form>
  )
}
