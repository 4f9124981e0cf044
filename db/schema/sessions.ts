import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { bookings } from './scheduling'
import { users } from './users'

/**
 * The private Daily room of a video booking (R5.1), created server-side once. Named `mialma-<env>-<bookingId>`
 * so webhooks of other environments on the same Daily domain can be told apart.
 */
export const videoRooms = pgTable('video_rooms', {
  bookingId: uuid('booking_id')
    .primaryKey()
    .references(() => bookings.id, { onDelete: 'cascade' }),
  roomName: text('room_name').notNull().unique(),
  roomUrl: text('room_url').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const recordingSource = pgEnum('recording_source', ['daily', 'upload'])
export const recordingStatus = pgEnum('recording_status', [
  'recording',
  'downloading',
  'stored',
  'transcribing',
  'transcribed',
  'failed',
])

/**
 * A session's audio (R5.4): a Daily cloud recording on its way into our storage, or a file the coach uploaded.
 * Tracks the pipeline recording → stored → transcribing → transcribed, with the error of a failed step for the
 * coach's retry. The file itself lives in storage under `storage_key`; kept 90 days (R11).
 */
export const sessionRecordings = pgTable(
  'session_recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    source: recordingSource('source').notNull(),
    status: recordingStatus('status').notNull(),
    dailyRecordingId: text('daily_recording_id').unique(),
    storageKey: text('storage_key'),
    /**
     * Whose data key the stored file is encrypted with (lib/crypto/file-stream.ts; the booking's client). Null
     * only for files stored before encryption at rest, which are read as they are.
     */
    encryptedFor: uuid('encrypted_for'),
    contentType: text('content_type'),
    sizeBytes: integer('size_bytes'),
    durationSeconds: integer('duration_seconds'),
    gladiaJobId: text('gladia_job_id').unique(),
    /** A short technical reason, shown to the coach with a retry; never content. */
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }),
    storedAt: timestamp('stored_at', { withTimezone: true }),
    transcribedAt: timestamp('transcribed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('session_recordings_booking_idx').on(t.bookingId),
    index('session_recordings_status_idx').on(t.status, t.updatedAt),
  ],
)

export const transcriptSource = pgEnum('transcript_source', ['gladia', 'upload'])

/**
 * The transcript of a session (R6.3): speaker-labelled segments as JSON, encrypted with the client's data key.
 * One per booking (a new upload replaces it). The client sees it only when the coach shares it.
 */
export const transcripts = pgTable(
  'transcripts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .unique()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    recordingId: uuid('recording_id').references(() => sessionRecordings.id, { onDelete: 'set null' }),
    source: transcriptSource('source').notNull(),
    /** Encrypted JSON: [{ speaker, start, end, text }] (seconds; start/end null for plain text). */
    segmentsEnc: text('segments_enc').notNull(),
    segmentCount: integer('segment_count').notNull(),
    language: text('language'),
    sharedWithClient: boolean('shared_with_client').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('transcripts_segments', sql`${t.segmentCount} >= 0`),
    index('transcripts_created_idx').on(t.createdAt),
    index('transcripts_recording_idx').on(t.recordingId),
    index('transcripts_created_by_idx').on(t.createdBy),
  ],
)

export type SessionRecording = typeof sessionRecordings.$inferSelect
export type Transcript = typeof transcripts.$inferSelect
