import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './users'

export const questionKind = pgEnum('questionnaire_question_kind', ['text', 'scale', 'single', 'multiple'])

export type QuestionOption = { id: string; label: string }

/**
 * A coach's questionnaire template (R8.1). Title, description and question texts are the coach's own words,
 * not client content: plaintext. Once assigned it can only be archived, not deleted; editing it never touches
 * an assignment, which carries its own snapshot of the questions (see questionnaireAssignments).
 */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('questionnaires_coach_idx').on(t.coachId, t.archivedAt)],
)

/** The questions of a template, ordered by `position` (0-based, gap-free per questionnaire). */
export const questionnaireQuestions = pgTable(
  'questionnaire_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: questionKind('kind').notNull(),
    prompt: text('prompt').notNull(),
    required: boolean('required').notNull().default(false),
    scaleMin: integer('scale_min'),
    scaleMax: integer('scale_max'),
    scaleMinLabel: text('scale_min_label'),
    scaleMaxLabel: text('scale_max_label'),
    /** Choice questions: [{ id, label }], the id stable across edits of the label. */
    options: jsonb('options').$type<QuestionOption[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('questionnaire_questions_order_idx').on(t.questionnaireId, t.position),
    check(
      'questionnaire_questions_scale',
      sql`${t.kind} <> 'scale' OR (${t.scaleMin} IS NOT NULL AND ${t.scaleMax} IS NOT NULL AND ${t.scaleMin} < ${t.scaleMax})`,
    ),
  ],
)

/**
 * The frozen form of a question inside an assignment: what the client saw and answered. Answers refer to
 * `id` (and option ids), which never change after the assignment is made.
 */
export type QuestionSnapshot = {
  id: string
  kind: 'text' | 'scale' | 'single' | 'multiple'
  prompt: string
  required: boolean
  scale?: { min: number; max: number; minLabel: string | null; maxLabel: string | null }
  options?: QuestionOption[]
}

/**
 * One questionnaire sent to one client (R8.1). The questions are copied into `questions` when it is assigned,
 * so a later edit of the template can never change what a submitted answer refers to. Answers (draft and
 * submitted) are one encrypted JSON document under the client's data key (R14.3): shredding the key shreds
 * them. The coach sees answers only after `submitted_at`; `coach_viewed_at` drives "new answers" on /coach.
 */
export const questionnaireAssignments = pgTable(
  'questionnaire_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id').references(() => questionnaires.id, { onDelete: 'set null' }),
    coachId: uuid('coach_id').references(() => users.id, { onDelete: 'set null' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    questions: jsonb('questions').$type<QuestionSnapshot[]>().notNull(),
    dueDate: date('due_date'),
    /** Encrypted JSON { [questionId]: string | number | string[] }; null until the first save. */
    answersEnc: text('answers_enc'),
    draftSavedAt: timestamp('draft_saved_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    coachViewedAt: timestamp('coach_viewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('questionnaire_assignments_client_idx').on(t.clientId, t.createdAt),
    index('questionnaire_assignments_coach_idx').on(t.coachId, t.submittedAt),
    index('questionnaire_assignments_template_idx').on(t.questionnaireId),
    check(
      'questionnaire_assignments_submitted_answers',
      sql`${t.submittedAt} IS NULL OR ${t.answersEnc} IS NOT NULL`,
    ),
  ],
)

export type Questionnaire = typeof questionnaires.$inferSelect
export type QuestionnaireQuestion = typeof questionnaireQuestions.$inferSelect
export type QuestionnaireAssignment = typeof questionnaireAssignments.$inferSelect
