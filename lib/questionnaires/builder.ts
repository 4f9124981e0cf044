import { randomUUID } from 'node:crypto'
import { and, asc, count, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '@/db/types'
import {
  type QuestionOption,
  questionnaireAssignments,
  questionnaireQuestions,
  questionnaires,
} from '@/db/schema'
import { type Actor, assertRole } from '@/lib/auth/types'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { MAX_QUESTIONS, type QuestionInput, type QuestionnaireMeta } from './schemas'

/**
 * The coach's questionnaire templates (R8.1). A coach reaches only their own templates; another coach's id is
 * "not found" (R14.1). Templates can be edited at any time: an assignment carries its own copy of the questions
 * (see assignments.ts), so an edit here never changes what a client was asked or answered.
 */
export const questionnaireNotFound = () => new NotFoundError('questionnaires.notFound')
const questionNotFound = () => new NotFoundError('questionnaires.questionNotFound')

/** The coach's own template, locked for the rest of the transaction when `tx` edits it. */
async function ownQuestionnaire(db: Db, actor: Actor, questionnaireId: string, lock = false) {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  const query = db
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.id, questionnaireId), eq(questionnaires.coachId, actor.userId)))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw questionnaireNotFound()
  return row
}

/** A question of one of the coach's own templates, with its template locked. */
async function ownQuestion(tx: Db, actor: Actor, questionId: string) {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  const [row] = await tx
    .select({ question: questionnaireQuestions })
    .from(questionnaireQuestions)
    .innerJoin(questionnaires, eq(questionnaires.id, questionnaireQuestions.questionnaireId))
    .where(and(eq(questionnaireQuestions.id, questionId), eq(questionnaires.coachId, actor.userId)))
  if (!row) throw questionNotFound()
  await ownQuestionnaire(tx, actor, row.question.questionnaireId, true)
  return row.question
}

export type QuestionnaireListItem = {
  id: string
  title: string
  archivedAt: Date | null
  questionCount: number
  assignmentCount: number
  updatedAt: Date
}

/** The coach's templates, active first, newest change first. */
export async function listQuestionnaires(db: Db, actor: Actor): Promise<QuestionnaireListItem[]> {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  const rows = await db
    .select({
      id: questionnaires.id,
      title: questionnaires.title,
      archivedAt: questionnaires.archivedAt,
      updatedAt: questionnaires.updatedAt,
      // Spelled out: inside a select list drizzle leaves column names unqualified.
      questionCount: sql<number>`(select count(*)::int from questionnaire_questions qq where qq.questionnaire_id = "questionnaires"."id")`,
      assignmentCount: sql<number>`(select count(*)::int from questionnaire_assignments qa where qa.questionnaire_id = "questionnaires"."id")`,
    })
    .from(questionnaires)
    .where(eq(questionnaires.coachId, actor.userId))
    .orderBy(sql`${questionnaires.archivedAt} is not null`, desc(questionnaires.updatedAt))
  return rows.map((r) => ({
    ...r,
    questionCount: Number(r.questionCount),
    assignmentCount: Number(r.assignmentCount),
  }))
}

export async function createQuestionnaire(
  db: Db,
  actor: Actor,
  input: QuestionnaireMeta,
): Promise<{ id: string }> {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  const [row] = await db
    .insert(questionnaires)
    .values({ coachId: actor.userId, title: input.title, description: input.description })
    .returning({ id: questionnaires.id })
  return { id: row!.id }
}

/** One template with its questions in order and how often it was assigned. */
export async function getQuestionnaire(db: Db, actor: Actor, questionnaireId: string) {
  const questionnaire = await ownQuestionnaire(db, actor, questionnaireId)
  const [questions, [assigned]] = await Promise.all([
    db
      .select()
      .from(questionnaireQuestions)
      .where(eq(questionnaireQuestions.questionnaireId, questionnaireId))
      .orderBy(asc(questionnaireQuestions.position)),
    db
      .select({ n: count() })
      .from(questionnaireAssignments)
      .where(eq(questionnaireAssignments.questionnaireId, questionnaireId)),
  ])
  return { ...questionnaire, questions, assignmentCount: assigned?.n ?? 0 }
}

export async function updateQuestionnaire(
  db: Db,
  actor: Actor,
  input: QuestionnaireMeta & { id: string },
  now = new Date(),
): Promise<void> {
  await ownQuestionnaire(db, actor, input.id)
  await db
    .update(questionnaires)
    .set({ title: input.title, description: input.description, updatedAt: now })
    .where(and(eq(questionnaires.id, input.id), eq(questionnaires.coachId, actor.userId)))
}

/** Keeps the id of an option whose label stays (case-insensitively), so a relabelled list stays recognisable. */
function withOptionIds(labels: string[], previous: QuestionOption[] | null): QuestionOption[] {
  const byLabel = new Map((previous ?? []).map((o) => [o.label.toLowerCase(), o.id]))
  return labels.map((label) => ({ id: byLabel.get(label.toLowerCase()) ?? randomUUID().slice(0, 8), label }))
}

function questionColumns(input: QuestionInput, previous: QuestionOption[] | null) {
  return {
    kind: input.kind,
    prompt: input.prompt,
    required: input.required,
    scaleMin: input.kind === 'scale' ? input.scaleMin : null,
    scaleMax: input.kind === 'scale' ? input.scaleMax : null,
    scaleMinLabel: input.kind === 'scale' ? input.scaleMinLabel : null,
    scaleMaxLabel: input.kind === 'scale' ? input.scaleMaxLabel : null,
    options:
      input.kind === 'single' || input.kind === 'multiple' ? withOptionIds(input.options, previous) : null,
  }
}

/** Adds a question at the end. */
export async function addQuestion(
  db: Db,
  actor: Actor,
  input: { questionnaireId: string; question: QuestionInput },
  now = new Date(),
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    await ownQuestionnaire(tx, actor, input.questionnaireId, true)
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(questionnaireQuestions)
      .where(eq(questionnaireQuestions.questionnaireId, input.questionnaireId))
    if (n >= MAX_QUESTIONS)
      throw new ConflictError('questionnaires.tooManyQuestions', { params: { maximum: MAX_QUESTIONS } })
    const [row] = await tx
      .insert(questionnaireQuestions)
      .values({
        questionnaireId: input.questionnaireId,
        position: n,
        ...questionColumns(input.question, null),
      })
      .returning({ id: questionnaireQuestions.id })
    await touch(tx, input.questionnaireId, now)
    return { id: row!.id }
  })
}

export async function updateQuestion(
  db: Db,
  actor: Actor,
  input: { questionId: string; question: QuestionInput },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await ownQuestion(tx, actor, input.questionId)
    await tx
      .update(questionnaireQuestions)
      .set(questionColumns(input.question, current.options))
      .where(eq(questionnaireQuestions.id, current.id))
    await touch(tx, current.questionnaireId, now)
  })
}

/** Swaps the question with its neighbour above or below; at the edge nothing changes. */
export async function moveQuestion(
  db: Db,
  actor: Actor,
  input: { questionId: string; direction: 'up' | 'down' },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await ownQuestion(tx, actor, input.questionId)
    const up = input.direction === 'up'
    const [neighbour] = await tx
      .select()
      .from(questionnaireQuestions)
      .where(
        and(
          eq(questionnaireQuestions.questionnaireId, current.questionnaireId),
          up
            ? lt(questionnaireQuestions.position, current.position)
            : gt(questionnaireQuestions.position, current.position),
        ),
      )
      .orderBy(up ? desc(questionnaireQuestions.position) : asc(questionnaireQuestions.position))
      .limit(1)
    if (!neighbour) return
    await tx
      .update(questionnaireQuestions)
      .set({ position: neighbour.position })
      .where(eq(questionnaireQuestions.id, current.id))
    await tx
      .update(questionnaireQuestions)
      .set({ position: current.position })
      .where(eq(questionnaireQuestions.id, neighbour.id))
    await touch(tx, current.questionnaireId, now)
  })
}

/** Removes a question from the template (assignments keep their copy) and closes the gap in the order. */
export async function deleteQuestion(
  db: Db,
  actor: Actor,
  input: { questionId: string },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await ownQuestion(tx, actor, input.questionId)
    await tx.delete(questionnaireQuestions).where(eq(questionnaireQuestions.id, current.id))
    await tx
      .update(questionnaireQuestions)
      .set({ position: sql`${questionnaireQuestions.position} - 1` })
      .where(
        and(
          eq(questionnaireQuestions.questionnaireId, current.questionnaireId),
          gt(questionnaireQuestions.position, current.position),
        ),
      )
    await touch(tx, current.questionnaireId, now)
  })
}

/** Archived templates can't be assigned any more; their assignments stay as they are. Restoring undoes it. */
export async function setQuestionnaireArchived(
  db: Db,
  actor: Actor,
  input: { questionnaireId: string; archived: boolean },
  now = new Date(),
): Promise<void> {
  await ownQuestionnaire(db, actor, input.questionnaireId)
  await db
    .update(questionnaires)
    .set({ archivedAt: input.archived ? now : null, updatedAt: now })
    .where(eq(questionnaires.id, input.questionnaireId))
}

export class AlreadyAssignedError extends ConflictError {
  override name = 'AlreadyAssignedError'
  constructor() {
    super('questionnaires.assignedCannotDelete')
  }
}

/** Deletes a template that was never assigned; once assigned it can only be archived. */
export async function deleteQuestionnaire(
  db: Db,
  actor: Actor,
  input: { questionnaireId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await ownQuestionnaire(tx, actor, input.questionnaireId, true)
    const [assigned] = await tx
      .select({ id: questionnaireAssignments.id })
      .from(questionnaireAssignments)
      .where(eq(questionnaireAssignments.questionnaireId, input.questionnaireId))
      .limit(1)
    if (assigned) throw new AlreadyAssignedError()
    await tx.delete(questionnaires).where(eq(questionnaires.id, input.questionnaireId))
  })
}

/** Active templates with at least one question: what can be assigned. */
export async function listAssignableQuestionnaires(db: Db, actor: Actor) {
  assertRole(actor, 'coach', 'questionnaires.coachOnly')
  return db
    .select({ id: questionnaires.id, title: questionnaires.title })
    .from(questionnaires)
    .where(
      and(
        eq(questionnaires.coachId, actor.userId),
        isNull(questionnaires.archivedAt),
        sql`exists (select 1 from questionnaire_questions qq where qq.questionnaire_id = "questionnaires"."id")`,
      ),
    )
    .orderBy(asc(questionnaires.title))
}

async function touch(tx: Db, questionnaireId: string, now: Date) {
  await tx.update(questionnaires).set({ updatedAt: now }).where(eq(questionnaires.id, questionnaireId))
}
