import { getTranslations } from 'next-intl/server'
import { type AnalysisContent, LIST_SECTIONS, SECTION_KEYS } from '@/lib/ai/output'

/**
 * An AI result read-only, section by section (the coach's approved view and the client's shared summary). Only
 * ever gets content the caller may show: the client's page passes the approved, shared version, never a draft.
 */
export async function AnalysisContentView({
  content,
  headingLevel = 3,
  testId,
}: {
  content: AnalysisContent
  headingLevel?: 3 | 4
  testId?: string
}) {
  const t = await getTranslations('ai')
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <div className="space-y-4" data-testid={testId}>
      {SECTION_KEYS.map((key) => {
        const value = content[key]
        const items = LIST_SECTIONS.includes(key) ? (value as string[]) : null
        return (
          <div key={key} data-testid={`ai-read-${key}`}>
            <Heading className="font-semibold">{t(`sections.${key}`)}</Heading>
            {items ? (
              items.length === 0 ? (
                <p className="mt-1 text-muted">{t('noItems')}</p>
              ) : (
                <ul className="mt-1 list-disc space-y-1 pl-6">
                  {items.map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ul>
              )
            ) : (value as string).trim() === '' ? (
              <p className="mt-1 text-muted">{t('noItems')}</p>
            ) : (
              <p className="mt-1 max-w-prose whitespace-pre-wrap">{value as string}</p>
            )}
          </div>
        )
      })}
    </div>
  )
}
