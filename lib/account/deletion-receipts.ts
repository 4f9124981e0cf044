import 'server-only'
import { desc, eq } from 'drizzle-orm'
import { deletionRequests } from '@/db/schema'
import type { Db } from '@/db/types'
import { type Actor, assertRole } from '@/lib/auth/types'
import { receiptPlaces } from './deletion-flow'

/**
 * The coach's deletion receipts (R10.2): for each deleted client, who started it, when, the deadline and each
 * place with the time the data was removed there — ids and times only, no name or content (the client's name is
 * gone with the account; the coach recognises the request by its date).
 */
export async function listDeletionReceipts(db: Db, actor: Actor, limit = 200) {
  assertRole(actor, 'coach')
  const rows = await db
    .select()
    .from(deletionRequests)
    .where(eq(deletionRequests.coachId, actor.userId))
    .orderBy(desc(deletionRequests.requestedAt))
    .limit(limit)
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    requestedAt: r.requestedAt,
    deadlineAt: r.deadlineAt,
    completedAt: r.completedAt,
    receiptSentAt: r.receiptSentAt,
    places: receiptPlaces(r).map((p) => ({ ...p, at: p.at ? new Date(p.at) : null })),
  }))
}

export type DeletionReceipt = Awaited<ReturnType<typeof listDeletionReceipts>>[number]
