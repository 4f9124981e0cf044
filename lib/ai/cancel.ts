import 'server-only'
import { and, eq, inArray } from 'drizzle-orm'
import { aiAnalyses } from '@/db/schema'
import type { Db } from '@/db/types'
import type { RequestMeta } from '@/lib/audit/service'
import type { Actor } from '@/lib/auth/types'
import type { ConsentChange, Purpose } from '@/lib/consent/schemas'
import { setConsent } from '@/lib/consent/service'
import { REQUIRED_CONSENTS, type SourceKind } from './pipeline'

/** Which analyses a consent purpose gates (R7.1), read from the one map of what each kind needs: C3 gates both. */
const kindsGatedBy = (purpose: Purpose): SourceKind[] =>
  (Object.keys(REQUIRED_CONSENTS) as SourceKind[]).filter((kind) => REQUIRED_CONSENTS[kind].includes(purpose))

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
        inArray(aiAnalyses.sourceKind, kindsGatedBy(purpose)),
      ),
    )
    .returning({ id: aiAnalyses.id })
  return rows.length
}

/**
 * A consent change as the client makes it: the ledger first (lib/consent), then, on a withdrawal, the AI work that
 * consent gated is cancelled at once. The consent domain knows nothing of AI; this is the one place joining them.
 */
export async function changeConsent(db: Db, actor: Actor, input: ConsentChange, meta: RequestMeta) {
  const result = await setConsent(db, actor, input, meta)
  if (!input.granted) await cancelQueuedAnalyses(db, actor.userId, input.purpose)
  return result
}
