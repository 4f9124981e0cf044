import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { users } from '@/db/schema'
import type { Db } from '@/db/types'
import { type RequestMeta, recordAudit } from '@/lib/audit/service'
import { type Actor, AuthorizationError } from '@/lib/auth/types'

/**
 * Restriction of processing (R10.3, Art. 18 DSGVO): while `users.processing_restricted_at` is set, the client's
 * data is only stored — no AI processing (the AI pipeline asks `isProcessingRestricted`) and no new recordings
 * (lib/sessions/video.ts refuses to start one). Everything else (journal, bookings, export, deletion) works.
 */

/** Whether the client restricted processing. Fails closed: an unknown or deleted account counts as restricted. */
export async function isProcessingRestricted(db: Db, clientId: string): Promise<boolean> {
  const [row] = await db
    .select({ at: users.processingRestrictedAt, deletedAt: users.deletionRequestedAt })
    .from(users)
    .where(eq(users.id, clientId))
  return !row || row.at !== null || row.deletedAt !== null
}

/** The client's own state for the settings page: since when processing is restricted, or null. */
export async function processingRestrictedSince(db: Db, actor: Actor): Promise<Date | null> {
  if (actor.role !== 'client') throw new AuthorizationError()
  const [row] = await db
    .select({ at: users.processingRestrictedAt })
    .from(users)
    .where(eq(users.id, actor.userId))
  return row?.at ?? null
}

/**
 * The client switches the restriction on or off (their own account only). Audited as account.restricted /
 * account.unrestricted, written last in the transaction; switching to the state it already has writes nothing.
 */
export async function setProcessingRestriction(
  db: Db,
  actor: Actor,
  input: { restricted: boolean },
  now = new Date(),
  meta?: RequestMeta,
): Promise<{ changed: boolean }> {
  if (actor.role !== 'client') throw new AuthorizationError('account.restrictionClientsOnly')
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ processingRestrictedAt: input.restricted ? now : null, updatedAt: now })
      .where(
        and(
          eq(users.id, actor.userId),
          isNull(users.deletionRequestedAt),
          input.restricted ? isNull(users.processingRestrictedAt) : isNotNull(users.processingRestrictedAt),
        ),
      )
      .returning({ id: users.id })
    if (updated.length === 0) return { changed: false }
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: input.restricted ? 'account.restricted' : 'account.unrestricted',
      target: { type: 'user', id: actor.userId },
      meta,
    })
    return { changed: true }
  })
}
