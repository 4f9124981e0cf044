import { z } from 'zod'

export const questionKinds = ['text', 'scale', 'single', 'multiple'] as const
export type QuestionKind = (typeof questionKinds)[number]

export const MAX_TITLE = 200
export const MAX_DESCRIPTION = 2_000
export const MAX_PROMPT = 1_000
export const MAX_QUESTIONS = 50
export const MAX_OPTIONS = 20
export const MAX_OPTION = 200
export const MAX_SCALE_LABEL = 60
export const MAX_ANSWER = 10_000
export const SCALE_LOWEST = 0
export const SCALE_HIGHEST = 10

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { error: message })
    .default('')
    .transform((v) => (v === '' ? null : v))

export const questionnaireMetaSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, { error: 'questionnaires.titleRequired' })
    .max(MAX_TITLE, { error: 'questionnaires.titleTooLong' }),
  description: optionalText(MAX_DESCRIPTION, 'questionnaires.descriptionTooLong'),
})
export type QuestionnaireMeta = z.output<typeof questionnaireMetaSchema>

const bounds = {
  min: { required: 'questionnaires.scaleMinRequired', range: 'questionnaires.scaleMinRange' },
  max: { required: 'questionnaires.scaleMaxRequired', range: 'questionnaires.scaleMaxRange' },
} as const

const scaleBound = (which: keyof typeof bounds) =>
  z
    .string()
    .trim()
    .min(1, { error: bounds[which].required })
    .transform((v, ctx) => {
      const n = Number(v)
      if (!Number.isInteger(n) || n < SCALE_LOWEST || n > SCALE_HIGHEST) {
        ctx.addIssue({
          code: 'custom',
          message: bounds[which].range,
          params: { lowest: SCALE_LOWEST, highest: SCALE_HIGHEST },
        })
        return z.NEVER
      }
      return n
    })

/** Options arrive as one textarea, one option a line; blank lines are dropped. */
const optionsSchema = z
  .string()
  .max(MAX_OPTIONS * (MAX_OPTION + 2), { error: 'questionnaires.optionsTooLong' })
  .default('')
  .transform((raw) =>
    raw
      .split(/\r?\n/)
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .refine((o) => o.length >= 2, { error: 'questionnaires.optionsTooFew' })
  .refine((o) => o.length <= MAX_OPTIONS, {
    error: 'questionnaires.optionsTooMany',
    params: { maximum: MAX_OPTIONS },
  })
  .refine((o) => o.every((x) => x.length <= MAX_OPTION), {
    error: 'questionnaires.optionTooLong',
    params: { maximum: MAX_OPTION },
  })
  .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, {
    error: 'questionnaires.optionsDuplicate',
  })

const base = {
  prompt: z
    .string()
    .trim()
    .min(1, { error: 'questionnaires.promptRequired' })
    .max(MAX_PROMPT, { error: 'questionnaires.promptTooLong' }),
  required: z
    .string()
    .default('')
    .transform((v) => v === 'on' || v === '1' || v === 'true'),
}

/** One question from the builder form; which fields count depends on the kind. */
export const questionInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('text'), ...base }),
    z
      .object({
        kind: z.literal('scale'),
        ...base,
        scaleMin: scaleBound('min'),
        scaleMax: scaleBound('max'),
        scaleMinLabel: optionalText(MAX_SCALE_LABEL, 'questionnaires.scaleLabelTooLong'),
        scaleMaxLabel: optionalText(MAX_SCALE_LABEL, 'questionnaires.scaleLabelTooLong'),
      })
      .refine((q) => q.scaleMin < q.scaleMax, {
        error: 'questionnaires.scaleOrder',
        path: ['scaleMax'],
      }),
    z.object({ kind: z.literal('single'), ...base, options: optionsSchema }),
    z.object({ kind: z.literal('multiple'), ...base, options: optionsSchema }),
  ],
  { error: 'questionnaires.kindRequired' },
)
export type QuestionInput = z.output<typeof questionInputSchema>

export const assignInputSchema = z.object({
  questionnaireId: z.uuid({ error: 'questionnaires.questionnaireRequired' }),
  clientId: z.uuid({ error: 'questionnaires.clientRequired' }),
  dueDate: z
    .union([z.literal(''), z.iso.date({ error: 'questionnaires.dueDateInvalid' })])
    .default('')
    .transform((v) => (v === '' ? null : v)),
})
export type AssignInput = z.output<typeof assignInputSchema>

export const idSchema = z.uuid()
export const moveSchema = z.enum(['up', 'down'])
export const intentSchema = z.enum(['draft', 'submit']).catch('draft')
export type AnswerIntent = z.output<typeof intentSchema>
