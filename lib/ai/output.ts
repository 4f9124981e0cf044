import { z } from 'zod'
import type { UserCipher } from '@/lib/crypto'

/**
 * The structured result of a summary or analysis (R7.3): the model answers in this shape, we validate it, and the
 * coach edits it section by section. The same sections serve sessions and questionnaires.
 */
export const SECTION_KEYS = [
  'summary',
  'themes',
  'clientGoals',
  'actionItems',
  'openQuestions',
  'nextFocus',
] as const
export type SectionKey = (typeof SECTION_KEYS)[number]

const item = z.string().trim().min(1).max(2_000)
export const analysisContentSchema = z.object({
  summary: z.string().trim().min(1).max(20_000),
  themes: z.array(item).max(30),
  clientGoals: z.array(item).max(30),
  actionItems: z.array(item).max(30),
  openQuestions: z.array(item).max(30),
  nextFocus: z.string().trim().max(5_000),
})
export type AnalysisContent = z.infer<typeof analysisContentSchema>

/** A stored draft or approved version, decrypted with the client's key and checked. */
export async function openAnalysisContent(cipher: UserCipher, contentEnc: string): Promise<AnalysisContent> {
  return analysisContentSchema.parse(JSON.parse(await cipher.decrypt(contentEnc)))
}

/** The JSON schema sent with the request (strict: every field required, nothing else allowed). */
export const analysisJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...SECTION_KEYS],
  properties: {
    summary: { type: 'string', description: 'Kurze Zusammenfassung in der Sprache des Textes' },
    themes: { type: 'array', items: { type: 'string' } },
    clientGoals: { type: 'array', items: { type: 'string' } },
    actionItems: { type: 'array', items: { type: 'string' } },
    openQuestions: { type: 'array', items: { type: 'string' } },
    nextFocus: { type: 'string' },
  },
} as const

/** List sections are edited as one item per line. */
export const LIST_SECTIONS: readonly SectionKey[] = ['themes', 'clientGoals', 'actionItems', 'openQuestions']

export function parseModelOutput(raw: string): AnalysisContent | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return null
  }
  const result = analysisContentSchema.safeParse(parsed)
  return result.success ? result.data : null
}
