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
      ctx.addIssue({ code: 'custom', message: 'journal.moodRange' })
      return z.NEVER
    }
    return n
  })

/** Tags arrive as one comma-separated field; normalised to lower case, unique, in input order. */
const tagsSchema = z
  .string()
  .max(600, { error: 'journal.tagsTooLong' })
  .default('')
  .transform((raw) => [
    ...new Set(
      raw
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .refine((tags) => tags.length <= MAX_TAGS, { error: 'journal.tooManyTags', params: { maximum: MAX_TAGS } })
  .refine((tags) => tags.every((t) => t.length <= 40), {
    error: 'journal.tagTooLong',
    params: { maximum: 40 },
  })

export const entryInputSchema = z.object({
  kind: z.enum(entryKinds, { error: 'journal.kindRequired' }),
  title: z
    .string()
    .trim()
    .max(200, { error: 'journal.titleTooLong' })
    .default('')
    .transform((v) => (v === '' ? null : v)),
  body: z
    .string({ error: 'journal.bodyRequired' })
    .trim()
    .min(1, { error: 'journal.bodyRequired' })
    .max(MAX_BODY, { error: 'journal.bodyTooLong' }),
  mood: moodSchema,
  tags: tagsSchema,
  promptId: z
    .union([z.literal(''), z.uuid({ error: 'journal.promptNotFound' })])
    .optional()
    .transform((v) => v || null),
})

export type EntryInput = z.output<typeof entryInputSchema>

export const entryIdSchema = z.uuid({ error: 'journal.entryNotFound' })

export const promptIdSchema = z.uuid({ error: 'journal.promptNotFound' })

export const listFilterSchema = z.object({
  kind: z.enum(entryKinds).optional().catch(undefined),
  tag: z.string().trim().toLowerCase().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type ListFilter = z.output<typeof listFilterSchema>

export const promptInputSchema = z.object({
  clientId: z.uuid({ error: 'clientNotFound' }),
  text: z
    .string()
    .trim()
    .min(1, { error: 'journal.promptRequired' })
    .max(2_000, { error: 'journal.promptTooLong' }),
})
