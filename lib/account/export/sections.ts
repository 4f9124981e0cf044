import { accountExport } from '@/lib/account/account-export'
import { aiAnalysisExport, aiTransmissionExport } from '@/lib/ai/export'
import { auditExport } from '@/lib/audit/export'
import { bookingExport } from '@/lib/bookings/export'
import { consentExport } from '@/lib/consent/export'
import type { ExportSection } from '@/lib/export/section'
import { journalExport, journalPromptExport } from '@/lib/journal/export'
import { creditExport, paymentExport, subscriptionExport } from '@/lib/payments/export'
import { questionnaireExport } from '@/lib/questionnaires/export'
import { recordingExport, transcriptExport } from '@/lib/sessions/export'

export {
  DEFAULT_PAGE_SIZE,
  type ExportContext,
  type ExportFile,
  type ExportRow,
  type ExportSection,
} from '@/lib/export/section'

/**
 * The categories of the data export (R10.1), in the order they appear. Each domain owns its section(s) in
 * `lib/<domain>/export.ts` — what it holds, the documented fields and a keyset-paged reader of the client's own rows,
 * decrypted with the domain's own code; this list only puts them in order for the JSON, zip and PDF.
 */
export const exportSections: readonly ExportSection[] = [
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
