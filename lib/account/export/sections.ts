import { createTranslator } from 'next-intl'
import { accountExport } from '@/lib/account/account-export'
import { aiAnalysisExport, aiTransmissionExport } from '@/lib/ai/export'
import { auditExport } from '@/lib/audit/export'
import { bookingExport } from '@/lib/bookings/export'
import { consentExport } from '@/lib/consent/export'
import type { ExportSection } from '@/lib/export/section'
import deMessages from '@/lib/i18n/messages/de.export.json'
import enMessages from '@/lib/i18n/messages/en.export.json'
import { intlLocale } from '@/lib/i18n/locale'
import { journalExport, journalPromptExport } from '@/lib/journal/export'
import { creditExport, paymentExport, subscriptionExport } from '@/lib/payments/export'
import { questionnaireExport } from '@/lib/questionnaires/export'
import { recordingExport, transcriptExport } from '@/lib/sessions/export'

export { DEFAULT_PAGE_SIZE, type ExportContext, type ExportFile, type ExportRow } from '@/lib/export/section'

export type ExportLocale = 'de' | 'en'

/**
 * The categories of the data export (R10.1), in the order they appear. Each domain owns its section(s) in
 * `lib/<domain>/export.ts` — the field names and a keyset-paged reader of the client's own rows, decrypted with the
 * domain's own code; this list only puts them in order for the JSON, zip and PDF.
 */
const sections: readonly ExportSection[] = [
  accountExport,
  bookingExport,
  aiAnalysisExport,
  questionnaireExport,
  journalExport,
  journalPromptExport,
  transcriptExport,
  recordingExport,
  subscriptionExport,
  creditExport,
  paymentExport,
  consentExport,
  aiTransmissionExport,
  auditExport,
]

/** A section with its words in one language: title, description and field name → meaning (CSV column order). */
export type LabelledSection = Omit<ExportSection, 'fields'> & {
  title: string
  description: string
  fields: Record<string, string>
}

// The export's words come through next-intl like every other text (one i18n path, issue 17), in the language of the
// client's account; built once per language (the catalogue is small and fixed).
const translators = {
  de: createTranslator({ locale: intlLocale('de'), messages: deMessages, namespace: 'export' }),
  en: createTranslator({ locale: intlLocale('en'), messages: enMessages, namespace: 'export' }),
}

/** The export's words (`export.*`) in one language. */
export function exportWords(locale: ExportLocale) {
  return translators[locale]
}

// Section keys are data here, so next-intl's typed keys cannot check them statically; a missing word would show as
// its key (tests/unit/export-words.test.ts checks that every field has its words in both languages).
const word = (locale: ExportLocale, key: string) => exportWords(locale)(key as never)

export function labelledSections(locale: ExportLocale): readonly LabelledSection[] {
  return sections.map((s) => ({
    ...s,
    title: word(locale, `sections.${s.key}.title`),
    description: word(locale, `sections.${s.key}.description`),
    fields: Object.fromEntries(s.fields.map((f) => [f, word(locale, `sections.${s.key}.fields.${f}`)])),
  }))
}

const labelled = { de: labelledSections('de'), en: labelledSections('en') }

/** The sections with their words in the given language (German by default). */
export const sectionsIn = (locale: ExportLocale) => labelled[locale]

/** The sections with German words (the product's first language). */
export const exportSections = labelled.de
