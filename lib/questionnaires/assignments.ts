import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import type { Db } from '@/db/types'
import {
  type QuestionSnapshot,
  questionnaireAssignments,
  questionnaireQuestions,
  questionnaires,
  users,
} from '@/db/schema'
import { recordAudit, type RequestMeta } from '@/lib/audit/service'
import { type Actor, assertRole } from '@/lib/auth/types'
import { userCipher } from '@/lib/crypto'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { type AnswerMap, answerText, openAnswers } from './answer-rules'
import { questionnaireNotFound } from './builder'
import { sendQuestionnaireAssigned } from './emails'
import { snapshotQuestions } from './snapshot'
import type { AssignInput } from './schemas'

/**
 * The coach's side of assignments (R8.1): send a template to one of the coach's own clients, see which are
 * open or answered, read submitted answers (each view audited, R13.2). Drafts stay the client's own: the coach
 * learns only "open" or "submitted". Another coach's client or assignment is "not found" (R14.1).
 */

export const assignmentNotFound = () => new NotFoundError('questionnaires.notFound')
const clientNotFound = () => new NotFoundError('clientNotFound')

/** The date in the practice's zone as YYYY-MM-DD (due dates are calendar days there). */
export function practiceDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich' }).format(at)
}

/**
 * Assigns a template to one of the coach's clients, optionally due on a day (today or later). The title,
 * description and questions are copied into the assignment now: editing the template later changes nothing
 * for this client. The client gets a content-free "new questionnaire" e-mail (R12.2).
 */
export async function assignQuestionnaire(
  db: Db,
  actor: Actor,
  input: AssignInput,
  now = new Date(),
  meta?: RequestMeta,
): Promise<{ id: string }> {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  if (input.dueDate && input.dueDate < practiceDate(now)) throw new ConflictError('questionnaires.dueInPast')
  const [client] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, input.clientId), eq(users.coachId, actor.userId), eq(users.role, 'client')))
  if (!client) throw clientNotFound()

  const assignment = await db.transaction(async (tx) => {
    const [template] = await tx
      .select()
      .from(questionnaires)
      .where(and(eq(questionnaires.id, input.questionnaireId), eq(questionnaires.coachId, actor.userId)))
      .for('share')
    if (!template) throw questionnaireNotFound()
    if (template.archivedAt) throw new ConflictError('questionnaires.archived')
    const questions = await tx
      .select()
      .from(questionnaireQuestions)
      .where(eq(questionnaireQuestions.questionnaireId, template.id))
      .orderBy(asc(questionnaireQuestions.position))
    if (questions.length === 0) throw new ConflictError('questionnaires.noQuestions')
    const [row] = await tx
      .insert(questionnaireAssignments)
      .values({
        questionnaireId: template.id,
        coachId: actor.userId,
        clientId: client.id,
        title: template.title,
        description: template.description,
        questions: snapshotQuestions(questions),
        dueDate: input.dueDate,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: questionnaireAssignments.id })
    await recordAudit(tx, {
      actor,
      action: 'questionnaire.assigned',
      target: { type: 'questionnaire_assignment', id: row!.id },
      details: { clientId: client.id, questionnaireId: template.id, questionCount: questions.length },
      meta,
    })
    return row!
  })
  await sendQuestionnaireAssigned(db, assignment.id)
  return assignment
}

export type CoachAssignmentItem = {
  id: string
  title: string
  dueDate: string | null
  createdAt: Date
  submittedAt: Date | null
  coachViewedAt: Date | null
}

const coachListColumns = {
  id: questionnaireAssignments.id,
  title: questionnaireAssignments.title,
  dueDate: questionnaireAssignments.dueDate,
  createdAt: questionnaireAssignments.createdAt,
  submittedAt: questionnaireAssignments.submittedAt,
  coachViewedAt: questionnaireAssignments.coachViewedAt,
}

/** One of the coach's clients: their assignments from this coach, newest first (no answers, no drafts). */
export async function listAssignmentsForClientOfCoach(
  db: Db,
  actor: Actor,
  clientId: string,
): Promise<CoachAssignmentItem[]> {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  const [client] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clientId), eq(users.coachId, actor.userId), eq(users.role, 'client')))
  if (!client) throw clientNotFound()
  return db
    .select(coachListColumns)
    .from(questionnaireAssignments)
    .where(
      and(
        eq(questionnaireAssignments.clientId, clientId),
        eq(questionnaireAssignments.coachId, actor.userId),
      ),
    )
    .orderBy(desc(questionnaireAssignments.createdAt))
}

/** Who got one template, newest first, with the client's name. */
export async function listAssignmentsOfQuestionnaire(db: Db, actor: Actor, questionnaireId: string) {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  return db
    .select({ ...coachListColumns, clientId: users.id, clientName: users.name })
    .from(questionnaireAssignments)
    .innerJoin(users, eq(users.id, questionnaireAssignments.clientId))
    .where(
      and(
        eq(questionnaireAssignments.questionnaireId, questionnaireId),
        eq(questionnaireAssignments.coachId, actor.userId),
        eq(users.coachId, actor.userId),
      ),
    )
    .orderBy(desc(questionnaireAssignments.createdAt))
}

/** Submitted answers the coach has not opened yet (for /coach), oldest submission first. */
export async function listNewAnswersForCoach(db: Db, actor: Actor) {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  return db
    .select({
      id: questionnaireAssignments.id,
      title: questionnaireAssignments.title,
      submittedAt: questionnaireAssignments.submittedAt,
      clientId: users.id,
      clientName: users.name,
    })
    .from(questionnaireAssignments)
    .innerJoin(users, eq(users.id, questionnaireAssignments.clientId))
    .where(
      and(
        eq(questionnaireAssignments.coachId, actor.userId),
        eq(users.coachId, actor.userId),
        isNotNull(questionnaireAssignments.submittedAt),
        isNull(questionnaireAssignments.coachViewedAt),
      ),
    )
    .orderBy(asc(questionnaireAssignments.submittedAt))
}

/** A submitted assignment of one of the coach's current clients; anything else is "not found". */
async function submittedOfCoach(db: Db, actor: Actor, assignmentId: string, clientId?: string) {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  const [row] = await db
    .select({ assignment: questionnaireAssignments, clientName: users.name, clientLocale: users.locale })
    .from(questionnaireAssignments)
    .innerJoin(users, eq(users.id, questionnaireAssignments.clientId))
    .where(
      and(
        eq(questionnaireAssignments.id, assignmentId),
        eq(questionnaireAssignments.coachId, actor.userId),
        eq(users.coachId, actor.userId),
        isNotNull(questionnaireAssignments.submittedAt),
        clientId ? eq(questionnaireAssignments.clientId, clientId) : undefined,
      ),
    )
  if (!row?.assignment.answersEnc) throw assignmentNotFound()
  return row
}

async function openClientAnswers(db: Db, clientId: string, answersEnc: string): Promise<AnswerMap> {
  return openAnswers(userCipher(db, clientId), answersEnc)
}

export type SubmittedAnswersView = {
  id: string
  clientId: string
  clientName: string
  title: string
  description: string | null
  questions: QuestionSnapshot[]
  answers: AnswerMap
  dueDate: string | null
  submittedAt: Date
}

/**
 * The coach reads one submitted questionnaire (of `clientId`, when the page names one). Every view is written to
 * the audit log (R13.2) and the first one takes it off the "new answers" list.
 */
export async function viewSubmittedAnswers(
  db: Db,
  actor: Actor,
  input: { assignmentId: string; clientId?: string },
  now = new Date(),
  meta?: RequestMeta,
): Promise<SubmittedAnswersView> {
  const { assignment: a, clientName } = await submittedOfCoach(db, actor, input.assignmentId, input.clientId)
  const answers = await openClientAnswers(db, a.clientId, a.answersEnc!)
  await db.transaction(async (tx) => {
    await tx
      .update(questionnaireAssignments)
      .set({ coachViewedAt: now })
      .where(and(eq(questionnaireAssignments.id, a.id), isNull(questionnaireAssignments.coachViewedAt)))
    await recordAudit(tx, {
      actor,
      action: 'questionnaire.answers_viewed',
      target: { type: 'questionnaire_assignment', id: a.id },
      details: { clientId: a.clientId },
      meta,
    })
  })
  return {
    id: a.id,
    clientId: a.clientId,
    clientName,
    title: a.title,
    description: a.description,
    questions: a.questions,
    answers,
    dueDate: a.dueDate,
    submittedAt: a.submittedAt!,
  }
}

export type AnswersForAnalysis = {
  clientId: string
  questionnaireTitle: string
  items: { question: string; answerText: string }[]
  language: 'de' | 'en'
}

/**
 * A submitted questionnaire as plain question/answer pairs for the AI analysis (R7, R8.1): the coach of the
 * client only. Unanswered optional questions come with an empty answerText. `language` is the client's profile
 * language. Not audited here: the caller sends it on and records that transmission itself; consent (C2 + C3)
 * is the caller's check at the moment of sending.
 */
export async function getSubmittedAnswersForAnalysis(
  db: Db,
  actor: Actor,
  assignmentId: string,
): Promise<AnswersForAnalysis> {
  const { assignment: a, clientLocale } = await submittedOfCoach(db, actor, assignmentId)
  const answers = await openClientAnswers(db, a.clientId, a.answersEnc!)
  return {
    clientId: a.clientId,
    questionnaireTitle: a.title,
    items: a.questions.map((q) => ({
      question: q.prompt,
      answerText: answerText(q, answers[q.id], clientLocale),
    })),
    language: clientLocale,
  }
}
