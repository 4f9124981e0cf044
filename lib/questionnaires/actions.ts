'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { formText, optionalId, switchField } from '@/lib/http/form'
import { action } from '@/lib/http/action'
import { saveAnswers } from './answers'
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
  intentSchema,
  MAX_ANSWER,
  questionInputSchema,
  questionnaireMetaSchema,
} from './schemas'

const questionnaireIdSchema = z.uuid({ error: 'questionnaires.notFound' })
const questionIdSchema = z.uuid({ error: 'questionnaires.questionNotFound' })
const pick = (form: FormData, keys: string[]) => Object.fromEntries(keys.map((k) => [k, formText(form, k)]))

export const createQuestionnaireAction = action(
  { name: 'questionnaires.create', access: 'coach', schema: questionnaireMetaSchema },
  async ({ input, actor, db }) => {
    const { id } = await createQuestionnaire(db, actor, input)
    revalidatePath('/coach/questionnaires')
    redirect(`/coach/questionnaires/${id}?erstellt=1`)
  },
)

export const saveQuestionnaireMetaAction = action(
  {
    name: 'questionnaires.saveMeta',
    access: 'coach',
    schema: questionnaireMetaSchema.extend({ questionnaireId: questionnaireIdSchema }),
    hidden: ['questionnaireId'],
  },
  async ({ input: { questionnaireId, ...meta }, actor, db }) => {
    await updateQuestionnaire(db, actor, { id: questionnaireId, ...meta })
    revalidatePath('/coach/questionnaires', 'layout')
  },
)

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
const questionTarget = z.object({
  questionnaireId: questionnaireIdSchema,
  questionId: optionalId(questionIdSchema),
})

/** Adds a question (no questionId) or edits one. Bad input keeps what was typed and changes nothing. */
export const saveQuestionAction = action(
  {
    name: 'questionnaires.saveQuestion',
    access: 'coach',
    schema: z.intersection(questionTarget, questionInputSchema),
    input: (form) => pick(form, [...questionFields, 'questionnaireId', 'questionId']),
    hidden: ['questionnaireId', 'questionId'],
  },
  async ({ input, actor, db }) => {
    const { questionnaireId, questionId } = input
    // The question's own columns are picked by the service; the two ids ride along unused.
    if (questionId) await updateQuestion(db, actor, { questionId, question: input })
    else await addQuestion(db, actor, { questionnaireId, question: input })
    revalidatePath('/coach/questionnaires', 'layout')
    redirect(`/coach/questionnaires/${questionnaireId}?${questionId ? 'geaendert' : 'hinzugefuegt'}=1#fragen`)
  },
)

/** Move a question up or down, or delete it: one small form per button. */
export const questionCommandAction = action(
  {
    name: 'questionnaires.questionCommand',
    access: 'coach',
    schema: z.object({
      questionId: questionIdSchema,
      command: z.enum(['delete', 'up', 'down'], { error: 'questionnaires.unknownCommand' }),
    }),
  },
  async ({ input: { questionId, command }, actor, db }) => {
    if (command === 'delete') await deleteQuestion(db, actor, { questionId })
    else await moveQuestion(db, actor, { questionId, direction: command })
    revalidatePath('/coach/questionnaires', 'layout')
  },
)

export const setArchivedAction = action(
  {
    name: 'questionnaires.setArchived',
    access: 'coach',
    schema: z.object({
      questionnaireId: questionnaireIdSchema,
      archived: switchField,
    }),
  },
  async ({ input, actor, db }) => {
    await setQuestionnaireArchived(db, actor, input)
    revalidatePath('/coach/questionnaires', 'layout')
  },
)

export const deleteQuestionnaireAction = action(
  {
    name: 'questionnaires.delete',
    access: 'coach',
    schema: z.object({ questionnaireId: questionnaireIdSchema }),
  },
  async ({ input, actor, db }) => {
    await deleteQuestionnaire(db, actor, input)
    revalidatePath('/coach/questionnaires', 'layout')
    redirect('/coach/questionnaires?geloescht=1')
  },
)

/** Assign a questionnaire to one of the coach's clients (from the questionnaire or from the client page). */
export const assignAction = action(
  { name: 'questionnaires.assign', access: 'coach', schema: assignInputSchema },
  async ({ input, actor, db, meta }) => {
    await assignQuestionnaire(db, actor, input, new Date(), meta)
    revalidatePath(`/coach/clients/${input.clientId}`)
    revalidatePath(`/coach/questionnaires/${input.questionnaireId}`)
  },
)

/** Answer fields are named `a.<questionId>`; a multiple choice sends the name once per ticked option. */
const ANSWER_PREFIX = 'a.'
const MAX_FIELDS = 200
/** What is echoed back after bad input: enough to keep every valid answer and show a too-long one. */
const ECHO_LIMIT = MAX_ANSWER * 2

/** The answers by question id (a list for a multiple choice), next to the assignment and the pressed button. */
function answerInput(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(form.keys())) {
    if (!key.startsWith(ANSWER_PREFIX) || Object.keys(out).length >= MAX_FIELDS) continue
    const all = form
      .getAll(key)
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.slice(0, ECHO_LIMIT))
    out[key.slice(ANSWER_PREFIX.length)] = all.length === 1 ? all[0]! : all.slice(0, 50)
  }
  return { ...out, assignmentId: formText(form, 'assignmentId'), intent: formText(form, 'intent') }
}

const answersSchema = z
  .object({ assignmentId: questionnaireIdSchema, intent: intentSchema })
  .catchall(z.union([z.string(), z.array(z.string())]))

/**
 * Save a draft or submit (the pressed button's `intent`). Bad input: every answer typed comes back with one
 * message at each question that needs attention (AnswerValidationError), and nothing is saved.
 */
export const saveAnswersAction = action(
  {
    name: 'questionnaires.saveAnswers',
    access: 'client',
    schema: answersSchema,
    input: answerInput,
    hidden: ['assignmentId'],
  },
  async ({ input: { assignmentId, intent, ...answers }, actor, db, meta }) => {
    await saveAnswers(db, actor, { assignmentId, answers, intent }, new Date(), meta)
    revalidatePath('/questionnaires')
    redirect(`/questionnaires/${assignmentId}?${intent === 'submit' ? 'abgeschickt' : 'gespeichert'}=1`)
  },
)
