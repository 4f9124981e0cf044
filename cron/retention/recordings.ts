import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm'
import { sessionRecordings } from '@/db/schema'
import { DailyError, type DailyClient } from '@/lib/integrations/daily'
import type { ObjectStorage } from '@/lib/integrations/storage'
import { log } from '@/lib/log'
import { countStep, runBatch, type BatchContext } from './batch'

export type RecordingRemotes = { storage: () => Promise<ObjectStorage>; daily: DailyClient | null }

export type RecordingsResult = { affected: number; done: boolean; pending: number }

type Candidate = {
  id: string
  createdAt: Date
  source: 'daily' | 'upload'
  storageKey: string | null
  dailyRecordingId: string | null
  storedAt: Date | null
}

/** Remote deletions at once per batch: enough to overlap network latency, few enough to be gentle. */
const PARALLEL = 8

/**
 * Recordings (R11: 90 days; R10.2 for a deleted account): the file in our storage and, if it may still be there,
 * the recording at Daily are deleted first; the row goes only when both are gone. A failed remote deletion keeps
 * the row (and says so in `pending`), so the next run tries again — nothing is forgotten. A file already deleted
 * in storage clears `storage_key` at once (the pipeline's invariant: set ⇔ the file is in storage).
 * The copy at Daily was deleted by the pipeline when `stored_at` is set; before that it may still exist.
 */
export async function purgeRecordings(
  ctx: BatchContext,
  where: SQL,
  remotes: RecordingRemotes,
): Promise<RecordingsResult> {
  if (ctx.dryRun)
    return { affected: await countStep(ctx.db, { table: sessionRecordings, where }), done: true, pending: 0 }
  let affected = 0
  let pending = 0
  // Rows that failed stay behind; the cursor (created_at, id) moves past them so a batch never repeats.
  let cursor: { createdAt: Date; id: string } | null = null
  for (;;) {
    if (!(await ctx.allow())) return { affected, done: false, pending }
    const after: SQL | undefined = cursor
      ? or(
          gt(sessionRecordings.createdAt, cursor.createdAt),
          and(eq(sessionRecordings.createdAt, cursor.createdAt), gt(sessionRecordings.id, cursor.id)),
        )
      : undefined
    const batch: Candidate[] = await ctx.db
      .select({
        id: sessionRecordings.id,
        createdAt: sessionRecordings.createdAt,
        source: sessionRecordings.source,
        storageKey: sessionRecordings.storageKey,
        dailyRecordingId: sessionRecordings.dailyRecordingId,
        storedAt: sessionRecordings.storedAt,
      })
      .from(sessionRecordings)
      .where(after ? and(where, after) : where)
      .orderBy(asc(sessionRecordings.createdAt), asc(sessionRecordings.id))
      .limit(ctx.batchSize)
    if (batch.length === 0) return { affected, done: true, pending }
    const last = batch[batch.length - 1]!
    cursor = { createdAt: last.createdAt, id: last.id }

    const gone: string[] = []
    const fileGone: string[] = []
    const storage = batch.some((r) => r.storageKey) ? await remotes.storage() : null
    for (let i = 0; i < batch.length; i += PARALLEL) {
      await Promise.all(
        batch.slice(i, i + PARALLEL).map(async (row) => {
          const outcome = await deleteRemote(row, storage, remotes.daily)
          if (outcome.fileDeleted) fileGone.push(row.id)
          if (outcome.ok) gone.push(row.id)
          else {
            pending++
            log.warn('retention.recording_kept', { recordingId: row.id, reason: outcome.reason })
          }
        }),
      )
    }
    const keptButFileGone = fileGone.filter((id) => !gone.includes(id))
    if (keptButFileGone.length > 0)
      await ctx.db
        .update(sessionRecordings)
        .set({ storageKey: null })
        .where(inArray(sessionRecordings.id, keptButFileGone))
    // The rows whose remote copies are gone, with the batch's audit entry, as every class does (runBatch).
    if (gone.length > 0)
      affected += await runBatch(
        ctx,
        { table: sessionRecordings, where },
        inArray(sessionRecordings.id, gone),
      )
    if (batch.length < ctx.batchSize) return { affected, done: true, pending }
  }
}

async function deleteRemote(
  row: Candidate,
  storage: ObjectStorage | null,
  daily: DailyClient | null,
): Promise<{ ok: boolean; fileDeleted: boolean; reason?: string }> {
  let fileDeleted = false
  if (row.storageKey && storage) {
    try {
      await storage.delete(row.storageKey)
      fileDeleted = true
    } catch {
      return { ok: false, fileDeleted, reason: 'storage_delete_failed' }
    }
  }
  const mayBeAtDaily = row.source === 'daily' && row.dailyRecordingId !== null && row.storedAt === null
  if (mayBeAtDaily) {
    if (!daily) return { ok: false, fileDeleted, reason: 'daily_not_configured' }
    try {
      await daily.deleteRecording(row.dailyRecordingId!)
    } catch (error) {
      // Already gone at Daily counts as deleted.
      if (!(error instanceof DailyError && error.status === 404))
        return { ok: false, fileDeleted, reason: 'daily_delete_failed' }
    }
  }
  return { ok: true, fileDeleted }
}

/** Recordings whose booking belongs to one of these clients (account deletion; `clients`: a uuid[] expression). */
export const recordingsOfClients = (clients: SQL): SQL =>
  sql`${sessionRecordings.bookingId} IN (SELECT id FROM bookings WHERE client_id = ANY(${clients}))`
