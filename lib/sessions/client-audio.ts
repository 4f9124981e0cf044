import 'server-only'
import { and, inArray, isNotNull, sql } from 'drizzle-orm'
import { sessionRecordings } from '@/db/schema'
import type { Db } from '@/db/types'
import { objectStorage, type ObjectStorage } from '@/lib/integrations/storage'
import { log } from '@/lib/log'

/**
 * Deletes every stored audio file of a client's recordings (R10.2: in the deletion flow itself, not at the next
 * retention run) and clears `storage_key` for each file that is gone (the pipeline's invariant: set ⇔ the file is
 * in storage). Idempotent: a file already gone counts as deleted; a failed deletion keeps its key, so the daily
 * deletion run tries again. The one place the deletion flow touches audio files.
 */
export async function deleteClientAudio(
  db: Db,
  clientId: string,
  storage?: ObjectStorage,
): Promise<{ deleted: number; failed: number }> {
  const rows = await db
    .select({ id: sessionRecordings.id, storageKey: sessionRecordings.storageKey })
    .from(sessionRecordings)
    .where(
      and(
        isNotNull(sessionRecordings.storageKey),
        sql`${sessionRecordings.bookingId} IN (SELECT id FROM bookings WHERE client_id = ${clientId})`,
      ),
    )
  if (rows.length === 0) return { deleted: 0, failed: 0 }
  const store = storage ?? (await objectStorage())
  const gone: string[] = []
  for (const row of rows) {
    try {
      await store.delete(row.storageKey!)
      gone.push(row.id)
    } catch (error) {
      log.warn('sessions.client_audio_delete_failed', {
        recordingId: row.id,
        error: error instanceof Error ? error.name : 'unknown',
      })
    }
  }
  if (gone.length > 0)
    await db
      .update(sessionRecordings)
      .set({ storageKey: null, updatedAt: new Date() })
      .where(inArray(sessionRecordings.id, gone))
  return { deleted: gone.length, failed: rows.length - gone.length }
}
