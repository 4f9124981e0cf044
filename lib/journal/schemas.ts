import { z } from 'zod'

export const entryKinds = ['journal', 'note', 'reflection'] as const
export type EntryKind = (typeof entryKinds)[number]

export const MAX_BODY = 50_000
export const MAX_TAGS = 10
export const PAGE_SIZE = 20

const moodSchema = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (v === '' || v === undefined || v === null) return null
    const n = typeof v === 'number' || typeof v === 'string' ? Number(v) : Number.NaN
    if (!Number.isInteger(n) || n < 1 || n > 5) {
      ctx.addIssue({ code: 'custom', message: 'Die Stimmung liegt zwischen 1 und 5 (oder keine Angabe).' })
      return z.NEVER
    }
    return n
  })

/** Tags arrive as one comma-separated field; normalised to lower case, unique, in input order. */
const tagsSchema = z
  .string()
  .max(600, { error: 'Zu viele Schlagworte.' })
  .default('')
  .transform((raw) => [
    ...new Set(
      raw
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .refine((tags) => tags.length <= MAX_TAGS, { error: `Höchstens ${MAX_TAGS} Schlagworte.` })
  .refine((tags) => tags.every((t) => t.length <= 40), { error: 'Ein Schlagwort hat höchstens 40 Zeichen.' })

export const entryInputSchema = z.object({
  kind: z.enum(entryKinds, { error: 'Bitte wähle eine Art: Tagebucheintrag, Notiz oder Reflexion.' }),
  title: z
    .string()
    .trim()
    .max(200, { error: 'Der Titel ist zu lang (höchstens 200 Zeichen).' })
    .default('')
    .transform((v) => (v === '' ? null : v)),
  body: z
    .string({ error: 'Bitte schreib etwas in den Eintrag.' })
    .trim()
    .min(1, { error: 'Bitte schreib etwas in den Eintrag.' })
    .max(MAX_BODY, { error: 'Der Eintrag ist zu lang (höchstens 50 000 Zeichen).' }),
  mood: moodSchema,
  tags: tagsSchema,
  promptId: z
    .union([z.literal(''), z.uuid({ error: 'Dieser Impuls wurde nicht gefunden.' })])
    .optional()
    .transform((v) => v || null),
})

export type EntryInput = z.output<typeof entryInputSchema>

export const entryIdSchema = z.uuid({ error: 'Dieser Eintrag wurde nicht gefunden.' })

export const promptIdSchema = z.uuid({ error: 'Dieser Impuls wurde nicht gefunden.' })

export const listFilterSchema = z.object({
  kind: z.enum(entryKinds).optional().catch(undefined),
  tag: z.string().trim().toLowerCase().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type ListFilter = z.output<typeof listFilterSchema>

export const promptInputSchema = z.object({
  clientId: z.uuid({ error: 'Diese Klientin / dieser Klient wurde nicht gefunden.' }),
  text: z
    .string()
    .trim()
    .min(1, { error: 'Bitte schreib einen Impuls.' })
    .max(2_000, { error: 'Der Impuls ist zu lang (höchstens 2000 Zeichen).' }),
})
