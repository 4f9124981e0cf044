import { z } from 'zod'
import { LIST_SECTIONS, SECTION_KEYS, type SectionKey } from './output'

/**
 * What the AI forms post (R7.4). The limits mirror `analysisContentSchema` in output.ts so a bad value gets a
 * sentence at its field here instead of a failed parse in the service; nothing is written on bad input.
 */

export const MAX_SUMMARY = 20_000
export const MAX_NEXT_FOCUS = 5_000
export const MAX_ITEMS = 30
export const MAX_ITEM = 2_000

// A bad id, kind or section is not the coach's to fix: the form says the thing is gone (reload).
export const sourceKindSchema = z.enum(['transcript', 'questionnaire'], { error: 'ai.notFound' })
export const idSchema = z.uuid({ error: 'ai.notFound' })
export const sectionSchema = z.enum(SECTION_KEYS, { error: 'ai.notFound' })

export const requestFormSchema = z.object({ kind: sourceKindSchema, sourceId: idSchema })

/** The same line rule as the service: one item per line, leading bullets dropped, empty lines ignored. */
export function listItems(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.replace(/^\s*[-•*]\s*/, '').trim())
    .filter(Boolean)
}

export const isListSection = (section: SectionKey) => LIST_SECTIONS.includes(section)

type ValueError = { code: string; params?: { maximum: number } }

/** What is wrong with a value the section cannot take (an error code), or null when it is fine. */
export function sectionValueError(section: SectionKey, value: string): ValueError | null {
  if (isListSection(section)) {
    const items = listItems(value)
    if (items.length > MAX_ITEMS) return { code: 'ai.tooManyItems', params: { maximum: MAX_ITEMS } }
    if (items.some((item) => item.length > MAX_ITEM))
      return { code: 'ai.itemTooLong', params: { maximum: MAX_ITEM } }
    return null
  }
  const text = value.trim()
  if (section === 'summary') {
    if (text.length === 0) return { code: 'ai.summaryEmpty' }
    if (text.length > MAX_SUMMARY) return { code: 'ai.summaryTooLong', params: { maximum: MAX_SUMMARY } }
    return null
  }
  if (text.length > MAX_NEXT_FOCUS) return { code: 'ai.textTooLong', params: { maximum: MAX_NEXT_FOCUS } }
  return null
}

export const sectionFormSchema = z
  .object({ analysisId: idSchema, section: sectionSchema, value: z.string() })
  .superRefine((input, ctx) => {
    const error = sectionValueError(input.section, input.value)
    if (error) ctx.addIssue({ code: 'custom', path: ['value'], message: error.code, params: error.params })
  })

export const analysisFormSchema = z.object({ analysisId: idSchema, kind: sourceKindSchema })
export const shareFormSchema = analysisFormSchema.extend({
  shared: z.enum(['0', '1'], { error: 'ai.notFound' }),
})

/** A token the coach masks in the review (R7.7): a word or a few, as it appears in the outgoing text. */
export const maskFormSchema = analysisFormSchema.extend({
  token: z.string().trim().min(2, { error: 'ai.tokenTooShort' }).max(100, { error: 'ai.tokenTooLong' }),
})
export const reviewSettingSchema = z.object({ review: z.enum(['on', 'off'], { error: 'ai.notFound' }) })
