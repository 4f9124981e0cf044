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
    .min(1, { error: 'Bitte gib dem Fragebogen einen Titel.' })
    .max(MAX_TITLE, { error: `Der Titel ist zu lang (höchstens ${MAX_TITLE} Zeichen).` }),
  description: optionalText(
    MAX_DESCRIPTION,
    `Die Beschreibung ist zu lang (höchstens ${MAX_DESCRIPTION} Zeichen).`,
  ),
})
export type QuestionnaireMeta = z.output<typeof questionnaireMetaSchema>

const scaleBound = (label: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `Bitte gib den ${label} Wert der Skala an.` })
    .transform((v, ctx) => {
      const n = Number(v)
      if (!Number.isInteger(n) || n < SCALE_LOWEST || n > SCALE_HIGHEST) {
        ctx.addIssue({
          code: 'custom',
          message: `Der ${label} Wert ist eine ganze Zahl von ${SCALE_LOWEST} bis ${SCALE_HIGHEST}.`,
        })
        return z.NEVER
      }
      return n
    })

/** Options arrive as one textarea, one option a line; blank lines are dropped. */
const optionsSchema = z
  .string()
  .max(MAX_OPTIONS * (MAX_OPTION + 2), { error: 'Zu viele oder zu lange Antwortmöglichkeiten.' })
  .default('')
  .transform((raw) =>
    raw
      .split(/\r?\n/)
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .refine((o) => o.length >= 2, {
    error: 'Bitte gib mindestens zwei Antwortmöglichkeiten an (eine pro Zeile).',
  })
  .refine((o) => o.length <= MAX_OPTIONS, { error: `Höchstens ${MAX_OPTIONS} Antwortmöglichkeiten.` })
  .refine((o) => o.every((x) => x.length <= MAX_OPTION), {
    error: `Eine Antwortmöglichkeit hat höchstens ${MAX_OPTION} Zeichen.`,
  })
  .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, {
    error: 'Jede Antwortmöglichkeit darf nur einmal vorkommen.',
  })

const base = {
  prompt: z
    .string()
    .trim()
    .min(1, { error: 'Bitte schreib die Frage.' })
    .max(MAX_PROMPT, { error: `Die Frage ist zu lang (höchstens ${MAX_PROMPT} Zeichen).` }),
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
        scaleMin: scaleBound('kleinsten'),
        scaleMax: scaleBound('grössten'),
        scaleMinLabel: optionalText(MAX_SCALE_LABEL, `Höchstens ${MAX_SCALE_LABEL} Zeichen.`),
        scaleMaxLabel: optionalText(MAX_SCALE_LABEL, `Höchstens ${MAX_SCALE_LABEL} Zeichen.`),
      })
      .refine((q) => q.scaleMin < q.scaleMax, {
        error: 'Der grösste Wert muss grösser sein als der kleinste.',
        path: ['scaleMax'],
      }),
    z.object({ kind: z.literal('single'), ...base, options: optionsSchema }),
    z.object({ kind: z.literal('multiple'), ...base, options: optionsSchema }),
  ],
  { error: 'Bitte wähle eine Fragenart.' },
)
export type QuestionInput = z.output<typeof questionInputSchema>

export const assignInputSchema = z.object({
  questionnaireId: z.uuid({ error: 'Bitte wähle einen Fragebogen.' }),
  clientId: z.uuid({ error: 'Bitte wähle eine Klientin oder einen Klienten.' }),
  dueDate: z
    .union([z.literal(''), z.iso.date({ error: 'Bitte gib ein gültiges Datum an (TT.MM.JJJJ).' })])
    .default('')
    .transform((v) => (v === '' ? null : v)),
})
export type AssignInput = z.output<typeof assignInputSchema>

export const idSchema = z.uuid()
export const moveSchema = z.enum(['up', 'down'])
export const intentSchema = z.enum(['draft', 'submit']).catch('draft')
export type AnswerIntent = z.output<typeof intentSchema>
