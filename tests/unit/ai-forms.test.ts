import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FailureCode } from '@/lib/ai/pipeline'
import { SECTION_KEYS } from '@/lib/ai/output'
import { listItems, MAX_ITEM, MAX_ITEMS, sectionFormSchema, sectionValueError } from '@/lib/ai/schemas'
import type { AiFailure } from '@/lib/integrations/ai'
import { codeText } from '../helpers/error-text'

/** The sentence the coach reads for a section's value error (null: none). */
const said = (error: ReturnType<typeof sectionValueError>) => (error ? codeText(error) : null)

const FAILURES = [
  'not_configured',
  'consent_missing',
  'restricted',
  'source_missing',
  'leak',
  'timeout',
  'rate_limited',
  'provider_error',
  'invalid_output',
] as const satisfies readonly FailureCode[]
// Fails to compile when a failure code is added without a message here.
const allFailures: Exclude<FailureCode, (typeof FAILURES)[number]> extends never ? true : false = true
const OUTCOMES = [
  'ok',
  'timeout',
  'rate_limited',
  'provider_error',
  'invalid_output',
] as const satisfies readonly ('ok' | AiFailure)[]

const messages = (locale: 'de' | 'en') =>
  JSON.parse(readFileSync(join(process.cwd(), `lib/i18n/messages/${locale}.ai.json`), 'utf8')) as {
    ai: {
      failure: Record<string, string>
      sections: Record<string, string>
      transmissions: { outcomes: Record<string, string> }
    }
  }

describe('AI section forms (R7.4)', () => {
  it('splits list sections like the service: one item per line, bullets and empty lines dropped', () => {
    expect(listItems('Schlaf\n- Belastung \n\n• Grenzen\n * Ruhe')).toEqual([
      'Schlaf',
      'Belastung',
      'Grenzen',
      'Ruhe',
    ])
  })

  it('refuses an empty summary, too many or too long items, and too long text, with a sentence', () => {
    expect(said(sectionValueError('summary', '  \n '))).toBe('Die Zusammenfassung darf nicht leer sein.')
    expect(sectionValueError('summary', 'Gut.')).toBeNull()
    expect(sectionValueError('nextFocus', '')).toBeNull()
    expect(said(sectionValueError('nextFocus', 'x'.repeat(5_001)))).toMatch(/zu lang/)
    expect(sectionValueError('themes', '')).toBeNull()
    expect(
      said(sectionValueError('themes', Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `T${i}`).join('\n'))),
    ).toMatch(/Höchstens 30 Einträge/)
    expect(said(sectionValueError('actionItems', 'x'.repeat(MAX_ITEM + 1)))).toMatch(/zu lang/)
  })

  it('accepts only known sections and ids', () => {
    const analysisId = '00000000-0000-4000-8000-000000000000'
    expect(sectionFormSchema.safeParse({ analysisId, section: 'themes', value: 'a' }).success).toBe(true)
    expect(sectionFormSchema.safeParse({ analysisId, section: 'diagnosis', value: 'a' }).success).toBe(false)
    expect(sectionFormSchema.safeParse({ analysisId: 'x', section: 'themes', value: 'a' }).success).toBe(
      false,
    )
    const empty = sectionFormSchema.safeParse({ analysisId, section: 'summary', value: ' ' })
    expect(empty.success).toBe(false)
    expect(empty.error?.issues[0]?.path).toEqual(['value'])
  })
})

describe.each(['de', 'en'] as const)('AI messages (%s)', (locale) => {
  const ai = messages(locale).ai
  it('explain every failure code and name every section and transmission outcome', () => {
    expect(allFailures).toBe(true)
    for (const code of FAILURES) expect(ai.failure[code], code).toBeTruthy()
    for (const key of SECTION_KEYS) expect(ai.sections[key], key).toBeTruthy()
    for (const outcome of OUTCOMES) expect(ai.transmissions.outcomes[outcome], outcome).toBeTruthy()
  })

  it('the leak message says that nothing was sent', () => {
    expect(ai.failure.leak).toMatch(locale === 'de' ? /es wurde nichts gesendet/ : /nothing was sent/)
  })
})
