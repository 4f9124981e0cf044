import { and, asc, eq, isNotNull } from 'drizzle-orm'
import { bookings, sessionRecordings, transcripts } from '@/db/schema'
import type { Db } from '@/db/types'
import {
  afterTime,
  cursorText,
  type ExportContext,
  type ExportFile,
  type ExportSection,
  keyset,
  type TimeCursor,
} from '@/lib/export/section'
import { openRecordingAudio } from './audio'
import { openSegments } from './transcript-store'

/** The sessions' part of the data export (R10.1): transcripts (decrypted) and recordings (listed, and as files). */

/**
 * A recording's audio for the client's own export, streamed and decrypted with the client's data key
 * (./audio.ts; a file stored before encryption at rest is read as it is); null when the file is no longer in
 * storage. The one place the export reads audio. A file of someone else is refused (the export is the own).
 */
export async function readRecordingForExport(
  db: Db,
  clientId: string,
  recording: { storageKey: string; encryptedFor: string | null },
): Promise<AsyncIterable<Uint8Array> | null> {
  if (recording.encryptedFor && recording.encryptedFor !== clientId) return null
  return openRecordingAudio(db, recording)
}

export const transcriptExport: ExportSection = {
  key: 'transcripts',
  kind: 'list',
  fields: [
    'id',
    'booking_id',
    'session_name',
    'session_starts_at',
    'source',
    'language',
    'shared_with_you',
    'segments',
    'created_at',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'transcripts',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({
            t: transcripts,
            sessionName: bookings.sessionName,
            startsAt: bookings.startsAt,
            at: cursorText(bookings.startsAt),
          })
          .from(transcripts)
          .innerJoin(bookings, eq(bookings.id, transcripts.bookingId))
          .where(and(eq(bookings.clientId, ctx.userId), afterTime(bookings.startsAt, transcripts.id, after)))
          .orderBy(asc(bookings.startsAt), asc(transcripts.id))
          .limit(limit),
      (r) => ({ at: r.at, id: r.t.id }),
      (rows) =>
        Promise.all(
          rows.map(async ({ t, sessionName, startsAt }) => ({
            id: t.id,
            booking_id: t.bookingId,
            session_name: sessionName,
            session_starts_at: startsAt,
            source: t.source,
            language: t.language,
            shared_with_you: t.sharedWithClient,
            segments: await openSegments(ctx.cipher, t.segmentsEnc),
            created_at: t.createdAt,
          })),
        ),
    ),
}

type RecordingRow = {
  r: typeof sessionRecordings.$inferSelect
  sessionName: string
  startsAt: Date
  at: string
}

/** The client's recordings, page by page (keyset on the recording's creation time). */
function recordingPages(ctx: ExportContext, after: TimeCursor | null, limit: number, withFileOnly: boolean) {
  return ctx.db
    .select({
      r: sessionRecordings,
      sessionName: bookings.sessionName,
      startsAt: bookings.startsAt,
      at: cursorText(sessionRecordings.createdAt),
    })
    .from(sessionRecordings)
    .innerJoin(bookings, eq(bookings.id, sessionRecordings.bookingId))
    .where(
      and(
        eq(bookings.clientId, ctx.userId),
        withFileOnly ? isNotNull(sessionRecordings.storageKey) : undefined,
        afterTime(sessionRecordings.createdAt, sessionRecordings.id, after),
      ),
    )
    .orderBy(asc(sessionRecordings.createdAt), asc(sessionRecordings.id))
    .limit(limit)
}

/** Where a recording's audio sits in the zip: `recordings/<id>.<extension of the stored file>`. */
export function recordingExportPath(id: string, storageKey: string): string {
  const ext = /\.([a-z0-9]{1,5})$/.exec(storageKey)?.[1] ?? 'bin'
  return `recordings/${id}.${ext}`
}

export const recordingExport: ExportSection = {
  key: 'recordings',
  kind: 'list',
  fields: [
    'id',
    'booking_id',
    'session_name',
    'session_starts_at',
    'source',
    'status',
    'content_type',
    'size_bytes',
    'duration_seconds',
    'file',
    'started_at',
    'stored_at',
    'transcribed_at',
    'created_at',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'recordings',
      (after: TimeCursor | null, limit) => recordingPages(ctx, after, limit, false),
      (row: RecordingRow) => ({ at: row.at, id: row.r.id }),
      (rows) =>
        rows.map(({ r, sessionName, startsAt }) => ({
          id: r.id,
          booking_id: r.bookingId,
          session_name: sessionName,
          session_starts_at: startsAt,
          source: r.source,
          status: r.status,
          content_type: r.contentType,
          size_bytes: r.sizeBytes,
          duration_seconds: r.durationSeconds,
          file: r.storageKey ? recordingExportPath(r.id, r.storageKey) : null,
          started_at: r.startedAt,
          stored_at: r.storedAt,
          transcribed_at: r.transcribedAt,
          created_at: r.createdAt,
        })),
    ),
  async *files(ctx) {
    let after: TimeCursor | null = null
    for (;;) {
      const rows = await recordingPages(ctx, after, ctx.pageSize, true)
      for (const { r } of rows) {
        const storageKey = r.storageKey!
        const encryptedFor = r.encryptedFor
        yield {
          path: recordingExportPath(r.id, storageKey),
          open: () => readRecordingForExport(ctx.db, ctx.userId, { storageKey, encryptedFor }),
        } satisfies ExportFile
      }
      if (rows.length < ctx.pageSize) return
      after = { at: rows[rows.length - 1]!.at, id: rows[rows.length - 1]!.r.id }
    }
  },
}
