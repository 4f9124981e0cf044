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

/** A German sentence for a value the section cannot take, or null when it is fine. */
export function sectionValueError(section: SectionKey, value: string): string | null {
  if (isListSection(section)) {
    const items = listItems(value)
    if (items.length > MAX_ITEMS) return `Höchstens ${MAX_ITEMS} Einträge, einer pro Zeile.`
    if (items.some((item) => item.length > MAX_ITEM))
      return `Ein Eintrag ist zu lang (höchstens ${MAX_ITEM} Zeichen pro Zeile).`
    return null
  }
  const text = value.trim()
  if (section === 'summary') {
    if (text.length === 0) return 'Die Zusammenfassung darf nicht leer sein.'
    if (text.length > MAX_SUMMARY)
      return `Die Zusammenfassung ist zu lang (höchstens ${MAX_SUMMARY} Zeichen).`
    return null
  }
  if (text.length > MAX_NEXT_FOCUS) return `Der Text ist zu lang (höchstens ${MAX_NEXT_FOCUS} Zeichen).`
  return null
}

export const sectionFormSchema = z
  .object({ analysisId: idSchema, section: sectionSchema, value: z.string() })
  .superRefine((input, ctx) => {
    const error = sectionValueError(input.section, input.value)
    if (error) ctx.addIssue({ code: 'custom', path: ['value'], message: error })
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
