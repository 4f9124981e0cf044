import 'server-only'
import { and, eq, inArray } from 'drizzle-orm'
import { aiAnalyses } from '@/db/schema'
import type { Db } from '@/db/types'
import type { Purpose } from '@/lib/consent/schemas'

/** Which analyses a consent purpose gates (R7.1): C3 gates both kinds. */
const KINDS: Record<Purpose, ('transcript' | 'questionnaire')[]> = {
  ai_transcripts: ['transcript'],
  ai_questionnaires: ['questionnaire'],
  ai_external_provider: ['transcript', 'questionnaire'],
}

/**
 * Consent withdrawn: the client's queued work for that purpose is cancelled at once (R7.1). Work already running
 * re-checks consent right before sending, so it stops too.
 */
export async function cancelQueuedAnalyses(db: Db, clientId: string, purpose: Purpose, now = new Date()) {
  const rows = await db
    .update(aiAnalyses)
    .set({ status: 'cancelled', failureCode: 'consent_missing', missingConsents: [purpose], updatedAt: now })
    .where(
      and(
        eq(aiAnalyses.clientId, clientId),
        eq(aiAnalyses.status, 'queued'),
        inArray(aiAnalyses.sourceKind, KINDS[purpose]),
      ),
    )
    .returning({ id: aiAnalyses.id })
  return rows.length
}
