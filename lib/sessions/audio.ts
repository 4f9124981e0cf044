import 'server-only'
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm'
import { bookings, sessionRecordings, type SessionRecording } from '@/db/schema'
import type { Db } from '@/db/types'
import { recordAudit } from '@/lib/audit/service'
import { userFileCipher } from '@/lib/crypto'
import { dailyClient, DailyError } from '@/lib/integrations/daily'
import { gladiaClient, GladiaError } from '@/lib/integrations/gladia'
import { objectStorage } from '@/lib/integrations/storage'
import { log } from '@/lib/log'
import type { DiscardReason } from './discard-reasons'

/**
 * Session audio at rest (R14.3): every file in our storage is encrypted with the data key of the booking's client
 * (streamed, chunked AES-GCM, lib/crypto/file-stream.ts), so shredding that key makes it unreadable at once. It
 * is decrypted only to stream it to Gladia (with the client's transcription consent) and into the client's
 * export. Also here: throwing a session's audio away when a consent is withdrawn or was never given, and
 * deleting all audio of a client (the deletion flow calls deleteClientAudio).
 */

export class AudioTooLargeError extends Error {
  override name = 'AudioTooLargeError'
}

/** Passes a stream through, refusing more than `max` bytes; `count()` tells how many went through. */
export function limitStream(source: AsyncIterable<Uint8Array>, max: number) {
  let total = 0
  async function* limited() {
    for await (const chunk of source) {
      total += chunk.byteLength
      if (total > max) throw new AudioTooLargeError()
      yield chunk
    }
  }
  return { stream: limited(), count: () => total }
}

/**
 * Encrypts `source` for `ownerId` into `key` without holding it in memory; the plaintext size is returned. At most
 * `maxBytes` are accepted (AudioTooLargeError, nothing left in storage).
 */
export async function storeEncryptedAudio(
  db: Db,
  input: {
    ownerId: string
    key: string
    source: AsyncIterable<Uint8Array>
    contentType: string
    maxBytes: number
  },
): Promise<{ plainBytes: number }> {
  const storage = await objectStorage()
  const limited = limitStream(input.source, input.maxBytes)
  const sealed = await userFileCipher(db, input.ownerId).encrypt(limited.stream)
  try {
    // Stored as opaque bytes: the content type is in our row, not at the storage provider.
    await storage.putStream(input.key, sealed, 'application/octet-stream')
  } catch (error) {
    await storage.delete(input.key).catch(() => undefined)
    throw error
  }
  return { plainBytes: limited.count() }
}

/**
 * The plaintext of a stored recording as a stream (for Gladia and the client's export); null when the file is not
 * in storage. Throws KeyShreddedError for a shredded key, DecryptionError (at the latest when the stream ends)
 * for a changed, truncated or foreign file. Files stored before encryption (`encrypted_for` null) are read as
 * they are.
 */
export async function openRecordingAudio(
  db: Db,
  row: Pick<SessionRecording, 'storageKey' | 'encryptedFor'>,
): Promise<AsyncIterable<Uint8Array> | null> {
  if (!row.storageKey) return null
  const stored = await (await objectStorage()).getStream(row.storageKey)
  if (!stored) return null
  return row.encryptedFor ? userFileCipher(db, row.encryptedFor).decrypt(stored) : stored
}

export type { DiscardReason } from './discard-reasons'

type RemoteParts = Pick<
  SessionRecording,
  'id' | 'storageKey' | 'dailyRecordingId' | 'gladiaJobId' | 'storedAt'
>

/**
 * Deletes what exists of one recording outside this row: the Gladia job, the file in our storage, the copy at
 * Daily (while it may still be there). Already gone counts as deleted. Returns which parts are gone.
 */
async function deleteRemoteParts(row: RemoteParts) {
  let gladiaGone = !row.gladiaJobId
  if (row.gladiaJobId) {
    const gladia = gladiaClient()
    if (gladia) {
      try {
        await gladia.deleteJob(row.gladiaJobId)
        gladiaGone = true
      } catch (error) {
        gladiaGone = error instanceof GladiaError && error.status === 404
      }
    }
  }
  let fileGone = !row.storageKey
  if (row.storageKey) {
    try {
      await (await objectStorage()).delete(row.storageKey)
      fileGone = true
    } catch {
      fileGone = false
    }
  }
  // The pipeline deleted Daily's copy when it stored the file; before that it may still exist.
  let dailyGone = !row.dailyRecordingId || row.storedAt !== null
  if (!dailyGone) {
    const daily = dailyClient()
    if (daily) {
      try {
        await daily.deleteRecording(row.dailyRecordingId!)
        dailyGone = true
      } catch (error) {
        dailyGone = error instanceof DailyError && error.status === 404
      }
    }
  }
  return { gladiaGone, fileGone, dailyGone, all: gladiaGone && fileGone && dailyGone }
}

/**
 * Throws away the audio of one session (R5.3, R6; policy §6.2): every recording's Gladia job, stored file and
 * copy at Daily are deleted, queued and running work stops ('failed' with the reason; a transcript already made
 * stays). Used when the client withdraws recording or transcription consent, and for a recording that arrives
 * without recording consent. Audited per recording (`recording.discarded`). Returns how many were touched.
 */
export async function discardSessionAudio(
  db: Db,
  bookingId: string,
  reason: DiscardReason,
  now: Date,
): Promise<number> {
  const rows = await db
    .select()
    .from(sessionRecordings)
    .where(
      and(
        eq(sessionRecordings.bookingId, bookingId),
        or(
          isNotNull(sessionRecordings.storageKey),
          isNotNull(sessionRecordings.gladiaJobId),
          inArray(sessionRecordings.status, ['recording', 'downloading', 'stored', 'transcribing']),
        ),
      ),
    )
  for (const row of rows) await discardRecording(db, row, reason, now)
  return rows.length
}

/** One recording's part of discardSessionAudio (also the pipeline's, for a recording without consent). */
export async function discardRecording(
  db: Db,
  row: SessionRecording,
  reason: DiscardReason,
  now: Date,
): Promise<void> {
  const gone = await deleteRemoteParts(row)
  await db.transaction(async (tx) => {
    await tx
      .update(sessionRecordings)
      .set({
        // A finished transcription keeps its status; everything else stops here.
        ...(row.status === 'transcribed' ? {} : { status: 'failed' as const, error: reason }),
        ...(gone.fileGone ? { storageKey: null } : {}),
        ...(gone.gladiaGone ? { gladiaJobId: null } : {}),
        updatedAt: now,
      })
      .where(eq(sessionRecordings.id, row.id))
    await recordAudit(tx, {
      actor: null,
      action: 'recording.discarded',
      target: { type: 'session_recording', id: row.id },
      details: { bookingId: row.bookingId, source: row.source, reason, complete: gone.all },
    })
  })
  if (!gone.all)
    log.warn('recording.discard_incomplete', {
      recordingId: row.id,
      gladia: gone.gladiaGone,
      file: gone.fileGone,
      daily: gone.dailyGone,
    })
}

/**
 * Deletes all audio of a client (R10.2; the deletion flow calls it, again until `pending` is 0): for every
 * recording of their bookings, or encrypted with their key, the Gladia job, the stored file and the copy at
 * Daily are deleted, then the row. A part that could not be deleted keeps its row (and counts in `pending`), so
 * the next call tries again. Idempotent.
 */
export async function deleteClientAudio(
  db: Db,
  userId: string,
): Promise<{ deleted: number; pending: number }> {
  const rows = await db
    .select({ row: sessionRecordings })
    .from(sessionRecordings)
    .leftJoin(bookings, eq(bookings.id, sessionRecordings.bookingId))
    .where(or(eq(bookings.clientId, userId), eq(sessionRecordings.encryptedFor, userId)))
  let deleted = 0
  let pending = 0
  for (const { row } of rows) {
    const gone = await deleteRemoteParts(row)
    if (gone.all) {
      await db.delete(sessionRecordings).where(eq(sessionRecordings.id, row.id))
      deleted++
    } else {
      pending++
      await db
        .update(sessionRecordings)
        .set({
          ...(gone.fileGone ? { storageKey: null } : {}),
          ...(gone.gladiaGone ? { gladiaJobId: null } : {}),
        })
        .where(eq(sessionRecordings.id, row.id))
    }
  }
  if (deleted + pending > 0) log.info('recording.client_audio_deleted', { deleted, pending })
  return { deleted, pending }
}
