import { and, asc, eq } from 'drizzle-orm'
import { questionnaireAssignments } from '@/db/schema'
import { afterTime, cursorText, type ExportSection, keyset, type TimeCursor } from '@/lib/export/section'
import { openAnswers } from './answer-rules'

/** The questionnaires' part of the data export (R10.1): every assignment with its questions and the answers. */
export const questionnaireExport: ExportSection = {
  key: 'questionnaires',
  kind: 'list',
  fields: [
    'id',
    'title',
    'description',
    'due_date',
    'assigned_at',
    'draft_saved_at',
    'submitted_at',
    'answers',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'questionnaires',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({ a: questionnaireAssignments, at: cursorText(questionnaireAssignments.createdAt) })
          .from(questionnaireAssignments)
          .where(
            and(
              eq(questionnaireAssignments.clientId, ctx.userId),
              afterTime(questionnaireAssignments.createdAt, questionnaireAssignments.id, after),
            ),
          )
          .orderBy(asc(questionnaireAssignments.createdAt), asc(questionnaireAssignments.id))
          .limit(limit),
      (r) => ({ at: r.at, id: r.a.id }),
      (rows) =>
        Promise.all(
          rows.map(async ({ a }) => {
            const map = a.answersEnc ? await openAnswers(ctx.cipher, a.answersEnc) : {}
            return {
              id: a.id,
              title: a.title,
              description: a.description,
              due_date: a.dueDate,
              assigned_at: a.createdAt,
              draft_saved_at: a.draftSavedAt,
              submitted_at: a.submittedAt,
              answers: a.questions.map((q) => {
                const value = map[q.id]
                const label = (id: string) => q.options?.find((o) => o.id === id)?.label ?? id
                return {
                  question_id: q.id,
                  kind: q.kind,
                  prompt: q.prompt,
                  answer:
                    value === undefined
                      ? null
                      : Array.isArray(value)
                        ? value.map(label)
                        : q.kind === 'single' && typeof value === 'string'
                          ? label(value)
                          : value,
                }
              }),
            }
          }),
        ),
    ),
}
