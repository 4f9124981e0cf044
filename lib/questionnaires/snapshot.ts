import type { QuestionSnapshot, QuestionnaireQuestion } from '@/db/schema'

/** The questions as they are now, frozen for one assignment. */
export function snapshotQuestions(rows: QuestionnaireQuestion[]): QuestionSnapshot[] {
  return rows.map((q) => ({
    id: q.id,
    kind: q.kind,
    prompt: q.prompt,
    required: q.required,
    ...(q.kind === 'scale'
      ? {
          scale: {
            min: q.scaleMin!,
            max: q.scaleMax!,
            minLabel: q.scaleMinLabel,
            maxLabel: q.scaleMaxLabel,
          },
        }
      : {}),
    ...(q.kind === 'single' || q.kind === 'multiple' ? { options: q.options ?? [] } : {}),
  }))
}
