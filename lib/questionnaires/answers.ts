import { and, asc, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { type QuestionSnapshot, questionnaireAssignments } from '@/db/schema'
import { recordAudit, type RequestMeta } from '@/lib/audit/service'
import { type Actor, assertRole } from '@/lib/auth/types'
import { userCipher } from '@/lib/crypto'
import { AppError, ConflictError, type FieldError } from '@/lib/errors'
import { type AnswerMap, checkAnswers, openAnswers, type RawAnswers } from './answer-rules'
import { assignmentNotFound } from './assignments'
import type { AnswerIntent } from './schemas'

/**
 * The client's side (R8.1): their own assignments only (R14.1). Answers — drafts too — are encrypted with the
 * client's data key before they reach the database (R14.3). A submitted questionnaire is read-only.
 */
const own = (actor: Actor, assignmentId: string) =>
  and(eq(questionnaireAssignments.id, assignmentId), eq(questionnaireAssignments.clientId, actor.userId))

export class AlreadySubmittedError extends ConflictError {
  override name = 'AlreadySubmittedError'
  constructor() {
    super('questionnaires.alreadySubmitted')
  }
}

/** Bad answers: one message per question id; nothing was saved. */
export class AnswerValidationError extends AppError {
  override name = 'AnswerValidationError'
  constructor(readonly errors: Record<string, FieldError>) {
    super('questionnaires.checkAnswers', { fieldErrors: errors })
  }
}

export type ClientAssignmentItem = {
  id: string
  title: string
  dueDate: string | null
  createdAt: Date
  draftSavedAt: Date | null
  submittedAt: Date | null
}

/** Open ones first (earliest due date first, undated last), then submitted ones, newest first. */
export async function listAssignmentsForClient(
  db: Db,
  actor: Actor,
): Promise<{ open: ClientAssignmentItem[]; submitted: ClientAssignmentItem[] }> {
  assertRole(actor, 'client', 'questionnaires.clientsAnswer')
  const rows = await db
    .select({
      id: questionnaireAssignments.id,
      title: questionnaireAssignments.title,
      dueDate: questionnaireAssignments.dueDate,
      createdAt: questionnaireAssignments.createdAt,
      draftSavedAt: questionnaireAssignments.draftSavedAt,
      submittedAt: questionnaireAssignments.submittedAt,
    })
    .from(questionnaireAssignments)
    .where(eq(questionnaireAssignments.clientId, actor.userId))
    .orderBy(asc(questionnaireAssignments.dueDate), desc(questionnaireAssignments.createdAt))
  const submitted = rows
    .filter((r) => r.submittedAt)
    .sort((a, b) => b.submittedAt!.getTime() - a.submittedAt!.getTime())
  return { open: rows.filter((r) => !r.submittedAt), submitted }
}

export type ClientAssignmentView = {
  id: string
  title: string
  description: string | null
  questions: QuestionSnapshot[]
  answers: AnswerMap
  dueDate: string | null
  createdAt: Date
  draftSavedAt: Date | null
  submittedAt: Date | null
}

export async function getAssignmentForClient(
  db: Db,
  actor: Actor,
  assignmentId: string,
): Promise<ClientAssignmentView> {
  assertRole(actor, 'client', 'questionnaires.clientsAnswer')
  const [a] = await db.select().from(questionnaireAssignments).where(own(actor, assignmentId))
  if (!a) throw assignmentNotFound()
  const answers = a.answersEnc ? await openAnswers(userCipher(db, actor.userId), a.answersEnc) : {}
  return {
    id: a.id,
    title: a.title,
    description: a.description,
    questions: a.questions,
    answers,
    dueDate: a.dueDate,
    createdAt: a.createdAt,
    draftSavedAt: a.draftSavedAt,
    submittedAt: a.submittedAt,
  }
}

/**
 * Saves the client's answers as a draft, or submits them. A draft may leave questions open; a submission
 * needs every required one. Any bad value (too long, outside the scale, an option that does not exist) or a
 * missing required answer on submit → AnswerValidationError and nothing changes. The submission is audited;
 * after it the answers can't change any more (AlreadySubmittedError), also under two concurrent submits.
 */
export async function saveAnswers(
  db: Db,
  actor: Actor,
  input: { assignmentId: string; answers: RawAnswers; intent: AnswerIntent },
  now = new Date(),
  meta?: RequestMeta,
): Promise<{ submitted: boolean }> {
  assertRole(actor, 'client', 'questionnaires.clientsAnswer')
  const [current] = await db
    .select({
      questions: questionnaireAssignments.questions,
      submittedAt: questionnaireAssignments.submittedAt,
    })
    .from(questionnaireAssignments)
    .where(own(actor, input.assignmentId))
  if (!current) throw assignmentNotFound()
  if (current.submittedAt) throw new AlreadySubmittedError()
  const { answers, errors } = checkAnswers(current.questions, input.answers, input.intent)
  if (Object.keys(errors).length > 0) throw new AnswerValidationError(errors)
  const answersEnc = await userCipher(db, actor.userId).encrypt(JSON.stringify(answers))
  const submit = input.intent === 'submit'

  await db.transaction(async (tx) => {
    const updated = await tx
      .update(questionnaireAssignments)
      .set({ answersEnc, draftSavedAt: now, updatedAt: now, ...(submit ? { submittedAt: now } : {}) })
      .where(and(own(actor, input.assignmentId), isNull(questionnaireAssignments.submittedAt)))
      .returning({ id: questionnaireAssignments.id })
    if (updated.length === 0) throw new AlreadySubmittedError()
    if (submit)
      await recordAudit(tx, {
        actor,
        action: 'questionnaire.submitted',
        target: { type: 'questionnaire_assignment', id: input.assignmentId },
        details: { answered: Object.keys(answers).length, questions: current.questions.length },
        meta,
      })
  })
  return { submitted: submit }
}
