'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { AuthorizationError } from '@/lib/auth/types'
import { KeyShreddedError } from '@/lib/crypto'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { firstFieldErrors, formText } from '@/lib/http/form'
import { getRequestMeta } from '@/lib/http/request-meta'
import { log } from '@/lib/log'
import { AnswerValidationError, saveAnswers } from './answers'
import { assignQuestionnaire } from './assignments'
import {
  addQuestion,
  createQuestionnaire,
  deleteQuestion,
  deleteQuestionnaire,
  moveQuestion,
  setQuestionnaireArchived,
  updateQuestion,
  updateQuestionnaire,
} from './builder'
import {
  assignInputSchema,
  idSchema,
  intentSchema,
  MAX_ANSWER,
  moveSchema,
  questionInputSchema,
  questionnaireMetaSchema,
} from './schemas'

export type FormState = {
  status: 'idle' | 'saved' | 'invalid' | 'error'
  message?: string
  values?: Record<string, string>
  fieldErrors?: Record<string, string | undefined>
}

/** A clear sentence for the person; details stay out of the response and the logs (R13.1). */
function failure(error: unknown, values?: Record<string, string>): FormState {
  if (
    error instanceof NotFoundError ||
    error instanceof ConflictError ||
    error instanceof AuthorizationError ||
    error instanceof KeyShreddedError
  )
    return { status: 'error', message: error.message, values }
  log.error('questionnaires.action_failed', { error: error instanceof Error ? error.name : 'unknown' })
  return { status: 'error', message: 'Das hat nicht geklappt. Bitte versuche es noch einmal.', values }
}

const notFound = () => new NotFoundError('Dieser Fragebogen wurde nicht gefunden.')
const pick = (form: FormData, keys: string[]) => Object.fromEntries(keys.map((k) => [k, formText(form, k)]))

export async function createQuestionnaireAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const values = pick(form, ['title', 'description'])
  const parsed = questionnaireMetaSchema.safeParse(values)
  if (!parsed.success) return { status: 'invalid', values, fieldErrors: firstFieldErrors(parsed.error) }
  let id: string
  try {
    ;({ id } = await createQuestionnaire(getDb(), actor, parsed.data))
  } catch (error) {
    return failure(error, values)
  }
  revalidatePath('/coach/questionnaires')
  redirect(`/coach/questionnaires/${id}?erstellt=1`)
}

export async function saveQuestionnaireMetaAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const values = pick(form, ['title', 'description'])
  const parsed = questionnaireMetaSchema.safeParse(values)
  if (!parsed.success) return { status: 'invalid', values, fieldErrors: firstFieldErrors(parsed.error) }
  const id = idSchema.safeParse(formText(form, 'questionnaireId'))
  try {
    if (!id.success) throw notFound()
    await updateQuestionnaire(getDb(), actor, { id: id.data, ...parsed.data })
  } catch (error) {
    return failure(error, values)
  }
  revalidatePath('/coach/questionnaires', 'layout')
  return { status: 'saved', values }
}

const questionFields = [
  'kind',
  'prompt',
  'required',
  'scaleMin',
  'scaleMax',
  'scaleMinLabel',
  'scaleMaxLabel',
  'options',
]

/** Adds a question (no questionId) or edits one. Bad input keeps what was typed and changes nothing. */
export async function saveQuestionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const values = pick(form, questionFields)
  const parsed = questionInputSchema.safeParse(values)
  if (!parsed.success) return { status: 'invalid', values, fieldErrors: firstFieldErrors(parsed.error) }
  const questionnaireId = idSchema.safeParse(formText(form, 'questionnaireId'))
  const rawQuestionId = formText(form, 'questionId')
  try {
    if (!questionnaireId.success) throw notFound()
    if (rawQuestionId) {
      const questionId = idSchema.safeParse(rawQuestionId)
      if (!questionId.success) throw new NotFoundError('Diese Frage wurde nicht gefunden.')
      await updateQuestion(getDb(), actor, { questionId: questionId.data, question: parsed.data })
    } else {
      await addQuestion(getDb(), actor, { questionnaireId: questionnaireId.data, question: parsed.data })
    }
  } catch (error) {
    return failure(error, values)
  }
  revalidatePath('/coach/questionnaires', 'layout')
  redirect(
    `/coach/questionnaires/${questionnaireId.data}?${rawQuestionId ? 'geaendert' : 'hinzugefuegt'}=1#fragen`,
  )
}

/** Move a question up or down, or delete it: one small form per button. */
export async function questionCommandAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const questionId = idSchema.safeParse(formText(form, 'questionId'))
  const command = formText(form, 'command')
  try {
    if (!questionId.success) throw new NotFoundError('Diese Frage wurde nicht gefunden.')
    if (command === 'delete') await deleteQuestion(getDb(), actor, { questionId: questionId.data })
    else {
      const direction = moveSchema.safeParse(command)
      if (!direction.success) throw new NotFoundError('Diese Aktion gibt es nicht.')
      await moveQuestion(getDb(), actor, { questionId: questionId.data, direction: direction.data })
    }
  } catch (error) {
    return failure(error)
  }
  revalidatePath('/coach/questionnaires', 'layout')
  return { status: 'saved' }
}

export async function setArchivedAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const id = idSchema.safeParse(formText(form, 'questionnaireId'))
  try {
    if (!id.success) throw notFound()
    await setQuestionnaireArchived(getDb(), actor, {
      questionnaireId: id.data,
      archived: formText(form, 'archived') === '1',
    })
  } catch (error) {
    return failure(error)
  }
  revalidatePath('/coach/questionnaires', 'layout')
  return { status: 'saved' }
}

export async function deleteQuestionnaireAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const id = idSchema.safeParse(formText(form, 'questionnaireId'))
  try {
    if (!id.success) throw notFound()
    await deleteQuestionnaire(getDb(), actor, { questionnaireId: id.data })
  } catch (error) {
    return failure(error)
  }
  revalidatePath('/coach/questionnaires', 'layout')
  redirect('/coach/questionnaires?geloescht=1')
}

/** Assign a questionnaire to one of the coach's clients (from the questionnaire or from the client page). */
export async function assignAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const values = pick(form, ['questionnaireId', 'clientId', 'dueDate'])
  const parsed = assignInputSchema.safeParse(values)
  if (!parsed.success) return { status: 'invalid', values, fieldErrors: firstFieldErrors(parsed.error) }
  try {
    await assignQuestionnaire(getDb(), actor, parsed.data, new Date(), await getRequestMeta())
  } catch (error) {
    return failure(error, values)
  }
  revalidatePath(`/coach/clients/${parsed.data.clientId}`)
  revalidatePath(`/coach/questionnaires/${parsed.data.questionnaireId}`)
  return { status: 'saved' }
}

export type AnswerFormState = {
  status: 'idle' | 'invalid' | 'error'
  message?: string
  values?: Record<string, string | string[]>
  fieldErrors?: Record<string, string>
  /** When the action answered: a new value remounts the form with the returned values. */
  at?: number
}

/** Answer fields are named `a.<questionId>`; a multiple choice sends the name once per ticked option. */
const ANSWER_PREFIX = 'a.'
const MAX_FIELDS = 200
/** What is echoed back after bad input: enough to keep every valid answer and show a too-long one. */
const ECHO_LIMIT = MAX_ANSWER * 2

function answersFrom(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(form.keys())) {
    if (!key.startsWith(ANSWER_PREFIX) || Object.keys(out).length >= MAX_FIELDS) continue
    const all = form
      .getAll(key)
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.slice(0, ECHO_LIMIT))
    out[key.slice(ANSWER_PREFIX.length)] = all.length === 1 ? all[0]! : all.slice(0, 50)
  }
  return out
}

/**
 * Save a draft or submit (the pressed button's `intent`). Bad input: every answer typed comes back with one
 * message at each question that needs attention, and nothing is saved.
 */
export async function saveAnswersAction(_prev: AnswerFormState, form: FormData): Promise<AnswerFormState> {
  const actor = await requireRole('client')
  const values = answersFrom(form)
  const intent = intentSchema.parse(formText(form, 'intent'))
  const assignmentId = idSchema.safeParse(formText(form, 'assignmentId'))
  try {
    if (!assignmentId.success) throw notFound()
    await saveAnswers(
      getDb(),
      actor,
      { assignmentId: assignmentId.data, answers: values, intent },
      new Date(),
      await getRequestMeta(),
    )
  } catch (error) {
    if (error instanceof AnswerValidationError)
      return { status: 'invalid', values, fieldErrors: error.errors, message: error.message, at: Date.now() }
    const { message } = failure(error)
    return { status: 'error', values, message, at: Date.now() }
  }
  revalidatePath('/questionnaires')
  redirect(`/questionnaires/${assignmentId.data}?${intent === 'submit' ? 'abgeschickt' : 'gespeichert'}=1`)
}
