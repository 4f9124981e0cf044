import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, bookings, recordingConsents, sessionRecordings, transcripts } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { AuthorizationError } from '@/lib/auth/types'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { localStorage, setStorageForTests } from '@/lib/integrations/storage'
import { transcriptionConsentText } from '@/lib/consent/texts'
import {
  getCoachSession,
  listCoachSessions,
  readTranscript,
  setTranscriptShared,
  uploadTranscript,
} from '@/lib/sessions/sessions'
import { moveSessionIntoPast } from '@/lib/sessions/local-past-session'
import { TranscriptParseError } from '@/lib/sessions/transcript-parse'
import { MAX_AUDIO_BYTES, UnsupportedUploadError } from '@/lib/sessions/upload-file'
import { createTestDb } from '../helpers/db'
import { actorOf, countRows, createUser, insertBooking, rejection } from '../helpers/fixtures'
import { messageOf } from '../helpers/error-text'

// Sessions of these tests have taken place (uploads are refused before a session starts): before the real now.
const NOW = new Date()
const HOUR = 3_600_000
const meta = { ip: '203.0.113.7', userAgent: 'vitest' }
const utf8 = (text: string) => new TextEncoder().encode(text)

const SECRET = 'Ich habe Angst vor dem Gespräch mit meiner Schwester'
const VTT = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:04.000',
  '<v Andrea>Was beschäftigt dich?</v>',
  '',
  '00:01:05.500 --> 00:01:09.000',
  `<v Lea>${SECRET}.</v>`,
  '',
].join('\n')

let handle: DbHandle
let db: Db
let storageDir: string

async function world() {
  const coachRow = await createUser(db, { role: 'coach' })
  const clientRow = await createUser(db, { role: 'client', coachId: coachRow.id })
  return { coach: actorOf(coachRow), client: actorOf(clientRow), coachRow, clientRow }
}

let slot = 0
/** A booking of the coach with the client; each one an hour apart (the exclusion constraint). */
async function booking(
  coachId: string,
  clientId: string | null,
  options: { status?: 'confirmed' | 'pending' | 'cancelled'; startsAt?: Date } = {},
) {
  const startsAt = options.startsAt ?? new Date(NOW.getTime() - (++slot + 24) * 2 * HOUR)
  return insertBooking(db, {
    coachId,
    clientId,
    startsAt,
    mode: 'in_person',
    status: options.status ?? 'confirmed',
  })
}

const vttFile = (text = VTT) => ({ name: 'sitzung.vtt', type: 'text/vtt', bytes: utf8(text) })

async function auditRows(action: string, targetId?: string) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.action, action), targetId === undefined ? undefined : eq(auditLog.targetId, targetId)),
    )
}

function storedFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    )
  return walk(storageDir)
}

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
})
afterAll(async () => {
  setStorageForTests(null)
  await handle?.close()
})
beforeEach(() => {
  storageDir = mkdtempSync(join(tmpdir(), 'mialma-storage-'))
  setStorageForTests(localStorage(storageDir))
  return () => rmSync(storageDir, { recursive: true, force: true })
})

describe('uploading a transcript', () => {
  it('stores a VTT encrypted; the coach reads it with speakers and times, each view audited', async () => {
    const { coach, coachRow, clientRow } = await world()
    const b = await booking(coachRow.id, clientRow.id)

    const result = await uploadTranscript(db, coach, b.id, vttFile(), meta)
    expect(result).toMatchObject({ kind: 'transcript', segmentCount: 2 })

    const [row] = await db.select().from(transcripts).where(eq(transcripts.bookingId, b.id))
    expect(row).toMatchObject({ source: 'upload', segmentCount: 2, sharedWithClient: false })
    expect(row!.createdBy).toBe(coach.userId)
    expect(row!.segmentsEnc).not.toContain('Schwester')
    expect(row!.segmentsEnc).not.toContain('Lea')
    const [saved] = await auditRows('transcript.saved', row!.id)
    expect(saved).toMatchObject({ actorId: coach.userId })
    expect(JSON.stringify(saved!.details)).not.toContain('Schwester')

    const view = await readTranscript(db, coach, b.id, meta)
    expect(view.segments).toEqual([
      { speaker: 'Andrea', start: 1, end: 4, text: 'Was beschäftigt dich?' },
      { speaker: 'Lea', start: 65.5, end: 69, text: `${SECRET}.` },
    ])
    await readTranscript(db, coach, b.id, meta)
    const views = await auditRows('transcript.viewed', row!.id)
    expect(views).toHaveLength(2)
    expect(views[0]).toMatchObject({ actorId: coach.userId, ipTruncated: '203.0.113.0' })

    const session = await getCoachSession(db, coach, b.id)
    expect(session.transcript).toMatchObject({ segmentCount: 2, sharedWithClient: false })
    expect(session.canUpload).toBe(true)
  })

  it('stores plain text and SRT; a new upload replaces the transcript and unshares it', async () => {
    const { coach, coachRow, clientRow } = await world()
    const b = await booking(coachRow.id, clientRow.id)
    await uploadTranscript(db, coach, b.id, {
      name: 'notizen.txt',
      type: 'text/plain',
      bytes: utf8('Andrea: Hallo\nLea: Hoi'),
    })
    expect((await readTranscript(db, coach, b.id)).segments.map((s) => s.speaker)).toEqual(['Andrea', 'Lea'])
    await setTranscriptShared(db, coach, b.id, true)
    await uploadTranscript(db, coach, b.id, {
      name: 'sitzung.srt',
      type: '',
      bytes: utf8('1\n00:00:01,000 --> 00:00:02,000\nLea: Neu\n'),
    })
    const view = await readTranscript(db, coach, b.id)
    expect(view.segments).toEqual([{ speaker: 'Lea', start: 1, end: 2, text: 'Neu' }])
    expect(view.sharedWithClient).toBe(false)
    expect(await countRows(db, transcripts)).toBeGreaterThanOrEqual(1)
    expect((await db.select().from(transcripts).where(eq(transcripts.bookingId, b.id))).length).toBe(1)
  })

  it('R6.3 refused before the session has started (nothing stored); from its start on it works; not for a pending or cancelled one', async () => {
    const { coach, coachRow, clientRow } = await world()
    const startsAt = new Date(Date.now() + 48 * HOUR)
    const upcoming = await booking(coachRow.id, clientRow.id, { startsAt })
    for (const file of [vttFile(), { name: 'a.ogg', type: 'audio/ogg', bytes: utf8('OggS') }]) {
      const error = await rejection(uploadTranscript(db, coach, upcoming.id, file))
      expect(error).toBeInstanceOf(ConflictError)
      expect(messageOf(error)).toBe(
        'Diese Sitzung hat noch nicht begonnen. Ein Transkript oder eine Aufnahme kann erst ab ihrem Beginn hochgeladen werden.',
      )
    }
    expect(await db.select().from(transcripts).where(eq(transcripts.bookingId, upcoming.id))).toEqual([])
    expect(
      await db.select().from(sessionRecordings).where(eq(sessionRecordings.bookingId, upcoming.id)),
    ).toEqual([])
    expect(storedFiles()).toEqual([])
    expect((await getCoachSession(db, coach, upcoming.id)).canUpload).toBe(false)
    expect(await getCoachSession(db, coach, upcoming.id, startsAt)).toMatchObject({
      started: true,
      canUpload: true,
    })
    await uploadTranscript(db, coach, upcoming.id, vttFile(), meta, startsAt)

    for (const status of ['pending', 'cancelled'] as const) {
      const b = await booking(coachRow.id, clientRow.id, { status })
      expect(await rejection(uploadTranscript(db, coach, b.id, vttFile()))).toBeInstanceOf(ConflictError)
      expect(await db.select().from(transcripts).where(eq(transcripts.bookingId, b.id))).toEqual([])
    }
  })
})

describe('who may upload and read', () => {
  it('another coach, a client, a forged id: NotFound (or refused) and nothing stored', async () => {
    const { coach, client, coachRow, clientRow } = await world()
    const other = await world()
    const b = await booking(coachRow.id, clientRow.id)
    const before = await countRows(db, transcripts)
    const audits = await countRows(db, auditLog)

    expect(await rejection(uploadTranscript(db, other.coach, b.id, vttFile()))).toBeInstanceOf(NotFoundError)
    expect(await rejection(uploadTranscript(db, client, b.id, vttFile()))).toBeInstanceOf(AuthorizationError)
    expect(
      await rejection(uploadTranscript(db, coach, '00000000-0000-4000-8000-000000000000', vttFile())),
    ).toBeInstanceOf(NotFoundError)
    expect(await rejection(getCoachSession(db, other.coach, b.id))).toBeInstanceOf(NotFoundError)
    expect(await countRows(db, transcripts)).toBe(before)
    expect(await countRows(db, auditLog)).toBe(audits)

    await uploadTranscript(db, coach, b.id, vttFile())
    const viewsBefore = (await auditRows('transcript.viewed')).length
    expect(await rejection(readTranscript(db, other.coach, b.id))).toBeInstanceOf(NotFoundError)
    expect(await rejection(readTranscript(db, other.client, b.id))).toBeInstanceOf(NotFoundError)
    expect(await rejection(setTranscriptShared(db, other.coach, b.id, true))).toBeInstanceOf(NotFoundError)
    expect(await rejection(setTranscriptShared(db, client, b.id, true))).toBeInstanceOf(AuthorizationError)
    expect((await auditRows('transcript.viewed')).length).toBe(viewsBefore)
    const [row] = await db.select().from(transcripts).where(eq(transcripts.bookingId, b.id))
    expect(row!.sharedWithClient).toBe(false)
  })

  it('the client reads their transcript only while the coach shares it; sharing is audited', async () => {
    const { coach, client, coachRow, clientRow } = await world()
    const b = await booking(coachRow.id, clientRow.id)
    await uploadTranscript(db, coach, b.id, vttFile())
    expect(await rejection(readTranscript(db, client, b.id))).toBeInstanceOf(NotFoundError)

    expect(await setTranscriptShared(db, coach, b.id, true, meta)).toEqual({ shared: true })
    const view = await readTranscript(db, client, b.id)
    expect(view.segments[1]!.text).toBe(`${SECRET}.`)
    const [row] = await db.select().from(transcripts).where(eq(transcripts.bookingId, b.id))
    expect(await auditRows('transcript.shared', row!.id)).toHaveLength(1)
    // The client's own reading is not a coach view.
    expect(await auditRows('transcript.viewed', row!.id)).toHaveLength(0)

    await setTranscriptShared(db, coach, b.id, true) // unchanged: no second entry
    expect(await auditRows('transcript.shared', row!.id)).toHaveLength(1)
    await setTranscriptShared(db, coach, b.id, false, meta)
    expect(await auditRows('transcript.unshared', row!.id)).toHaveLength(1)
    expect(await rejection(readTranscript(db, client, b.id))).toBeInstanceOf(NotFoundError)
  })

  it('sharing a session without a transcript is NotFound', async () => {
    const { coach, coachRow, clientRow } = await world()
    const b = await booking(coachRow.id, clientRow.id)
    expect(await rejection(setTranscriptShared(db, coach, b.id, true))).toBeInstanceOf(NotFoundError)
    expect(await rejection(readTranscript(db, coach, b.id))).toBeInstanceOf(NotFoundError)
  })
})

describe('bad files: a clear error, nothing stored', () => {
  const bad: [string, { name: string; type: string; bytes: Uint8Array }, unknown, RegExp][] = [
    [
      'binary',
      { name: 'x.txt', type: 'text/plain', bytes: new Uint8Array([0x41, 0, 0xff, 0xfe, 1, 2]) },
      TranscriptParseError,
      /UTF-8|Binärdaten/,
    ],
    [
      'too big',
      { name: 'x.vtt', type: 'text/vtt', bytes: new Uint8Array(2 * 1024 * 1024 + 1).fill(0x41) },
      UnsupportedUploadError,
      /grösser als 2 MB/,
    ],
    ['empty', { name: 'x.vtt', type: 'text/vtt', bytes: new Uint8Array() }, UnsupportedUploadError, /leer/],
    [
      'malformed VTT',
      { name: 'x.vtt', type: 'text/vtt', bytes: utf8('WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nx\n') },
      TranscriptParseError,
      /^Zeile 3: Das Ende/,
    ],
    [
      'no WEBVTT header',
      { name: 'x.vtt', type: 'text/vtt', bytes: utf8('Hallo\n') },
      TranscriptParseError,
      /^Zeile 1/,
    ],
    [
      'an image',
      { name: 'foto.png', type: 'image/png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
      UnsupportedUploadError,
      /kann nicht verwendet werden/,
    ],
    [
      'an image renamed to .mp3',
      {
        name: 'foto.mp3',
        type: 'audio/mpeg',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49]),
      },
      UnsupportedUploadError,
      /keine Audiodatei/,
    ],
    [
      'a PDF',
      { name: 'x.pdf', type: 'application/pdf', bytes: utf8('%PDF-1.4') },
      UnsupportedUploadError,
      /.+/,
    ],
  ]

  it.each(bad)('%s', async (_, file, errorClass, message) => {
    const { coach, coachRow, clientRow } = await world()
    const b = await booking(coachRow.id, clientRow.id)
    const counts = await Promise.all([transcripts, sessionRecordings, auditLog].map((t) => countRows(db, t)))
    const error = await rejection(uploadTranscript(db, coach, b.id, file, meta))
    expect(error).toBeInstanceOf(errorClass)
    expect(messageOf(error)).toMatch(message)
    expect(
      await Promise.all([transcripts, sessionRecordings, auditLog].map((t) => countRows(db, t))),
    ).toEqual(counts)
    expect(storedFiles()).toEqual([])
  })

  it('audio over 25 MB is refused before anything is read or stored', async () => {
    const { coach, coachRow, clientRow } = await world()
    const b = await booking(coachRow.id, clientRow.id)
    const huge = new Uint8Array(MAX_AUDIO_BYTES + 1)
    huge.set(utf8('OggS'))
    const error = await rejection(
      uploadTranscript(db, coach, b.id, { name: 'a.ogg', type: 'audio/ogg', bytes: huge }),
    )
    expect(messageOf(error)).toMatch(/grösser als 25 MB/)
    expect(await db.select().from(sessionRecordings).where(eq(sessionRecordings.bookingId, b.id))).toEqual([])
    expect(storedFiles()).toEqual([])
  })
})

/** Since #15 audio is kept only with the client's consent to transcription of that session (policy §6.2). */
async function allowTranscription(bookingId: string, userId: string) {
  await db.insert(recordingConsents).values({
    bookingId,
    userId,
    kind: 'transcription',
    granted: true,
    textVersion: transcriptionConsentText.version,
    textSha256: 'test',
    locale: 'de',
  })
}

describe('uploading audio', () => {
  it('R6 policy §6.2 without the client’s transcription consent no audio is kept', async () => {
    const { coach, coachRow, clientRow } = await world()
    const b = await booking(coachRow.id, clientRow.id)
    const audio = new Uint8Array([...utf8('ID3'), 4, 0, 0, 0, 0, 0, 0, 0, 0])
    const error = await rejection(
      uploadTranscript(db, coach, b.id, { name: 'a.mp3', type: 'audio/mpeg', bytes: audio }),
    )
    expect((error as { code?: string }).code).toBe('sessions.upload.noTranscriptionConsent')
    expect(await db.select().from(sessionRecordings).where(eq(sessionRecordings.bookingId, b.id))).toEqual([])
    expect(storedFiles()).toEqual([])
  })

  it('keeps the file in storage and records it as stored for the transcription pipeline', async () => {
    const { coach, coachRow, clientRow } = await world()
    const b = await booking(coachRow.id, clientRow.id)
    await allowTranscription(b.id, clientRow.id)
    // A minimal WebM (EBML header) as Chrome labels it.
    const audio = new Uint8Array([
      0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 7, 7,
    ])
    const result = await uploadTranscript(
      db,
      coach,
      b.id,
      { name: 'Sitzung 1.webm', type: 'video/webm', bytes: audio },
      meta,
    )
    expect(result.kind).toBe('recording')
    const [row] = await db.select().from(sessionRecordings).where(eq(sessionRecordings.bookingId, b.id))
    expect(row).toMatchObject({
      source: 'upload',
      status: 'stored',
      contentType: 'audio/webm',
      sizeBytes: audio.byteLength,
    })
    expect(row!.storageKey).toMatch(new RegExp(`^recordings/${b.id}/[0-9a-f-]{36}\\.webm$`))
    expect(storedFiles()).toEqual([join(storageDir, row!.storageKey!)])
    expect(await auditRows('recording.stored', row!.id)).toHaveLength(1)

    const session = await getCoachSession(db, coach, b.id)
    expect(session.recordings.map((r) => r.status)).toEqual(['stored'])
    expect(session.transcript).toBeNull()
  })

  it('by extension when the browser sends no type (m4a, wav, mp3)', async () => {
    const { coach, coachRow, clientRow } = await world()
    const b = await booking(coachRow.id, clientRow.id)
    await allowTranscription(b.id, clientRow.id)
    const m4a = new Uint8Array([0, 0, 0, 0x20, ...utf8('ftypM4A '), 0, 0])
    await uploadTranscript(db, coach, b.id, { name: 'a.m4a', type: '', bytes: m4a })
    const wav = new Uint8Array([...utf8('RIFF'), 0, 0, 0, 0, ...utf8('WAVE'), 0])
    await uploadTranscript(db, coach, b.id, { name: 'a.wav', type: 'application/octet-stream', bytes: wav })
    const mp3 = new Uint8Array([...utf8('ID3'), 4, 0, 0, 0, 0, 0, 0, 0, 0])
    await uploadTranscript(db, coach, b.id, { name: 'a.mp3', type: 'audio/mpeg', bytes: mp3 })
    const rows = await db.select().from(sessionRecordings).where(eq(sessionRecordings.bookingId, b.id))
    expect(rows.map((r) => r.contentType).sort()).toEqual(['audio/mp4', 'audio/mpeg', 'audio/wav'])
    expect(storedFiles()).toHaveLength(3)
  })
})

describe('the coach list', () => {
  it('past and upcoming confirmed sessions with transcript and latest recording status; own only', async () => {
    const { coach, coachRow, clientRow } = await world()
    const other = await world()
    const now = new Date()
    const past = await booking(coachRow.id, clientRow.id, { startsAt: new Date(now.getTime() - 5 * HOUR) })
    const next = await booking(coachRow.id, clientRow.id, { startsAt: new Date(now.getTime() + 5 * HOUR) })
    await booking(coachRow.id, clientRow.id, {
      status: 'cancelled',
      startsAt: new Date(now.getTime() - 9 * HOUR),
    })
    await booking(other.coachRow.id, other.clientRow.id, { startsAt: new Date(now.getTime() - 3 * HOUR) })
    await uploadTranscript(db, coach, past.id, vttFile())
    await db.insert(sessionRecordings).values([
      {
        bookingId: past.id,
        source: 'daily',
        status: 'failed',
        error: 'download 404',
        createdAt: new Date(now.getTime() - 2 * HOUR),
      },
      {
        bookingId: past.id,
        source: 'daily',
        status: 'transcribing',
        createdAt: new Date(now.getTime() - HOUR),
      },
    ])

    const list = await listCoachSessions(db, coach, now)
    expect(list.past.map((s) => s.id)).toEqual([past.id])
    expect(list.upcoming.map((s) => s.id)).toEqual([next.id])
    expect(list.past[0]).toMatchObject({
      clientName: clientRow.name,
      transcript: { segmentCount: 2, sharedWithClient: false },
      recording: { status: 'transcribing' },
    })
    expect(list.upcoming[0]).toMatchObject({ transcript: null, recording: null })
    expect(await rejection(listCoachSessions(db, actorOf(clientRow), now))).toBeInstanceOf(AuthorizationError)
  })
})

describe('R6.3 local mode: an upcoming session moved into the past to try the upload', () => {
  it('takes the latest free quarter hour before now (no overlap), keeps length and buffers; own sessions only', async () => {
    const { coach, coachRow, clientRow } = await world()
    const other = await world()
    const now = new Date()
    const quarter = Math.floor(now.getTime() / (15 * 60_000)) * 15 * 60_000
    // A session that ended at the last quarter hour: the moved one must end before it starts.
    const blocking = await booking(coachRow.id, clientRow.id, { startsAt: new Date(quarter - HOUR) })
    const upcoming = await booking(coachRow.id, clientRow.id, {
      startsAt: new Date(now.getTime() + 72 * HOUR),
    })
    expect(await rejection(moveSessionIntoPast(db, other.coach, upcoming.id, now))).toBeInstanceOf(
      NotFoundError,
    )

    const { startsAt } = await moveSessionIntoPast(db, coach, upcoming.id, now)
    const [moved] = await db.select().from(bookings).where(eq(bookings.id, upcoming.id))
    expect(moved!.endsAt.getTime() - moved!.startsAt.getTime()).toBe(
      upcoming.endsAt.getTime() - upcoming.startsAt.getTime(),
    )
    expect(moved!.startsAt).toEqual(startsAt)
    expect(moved!.blockedUntil.getTime()).toBeLessThanOrEqual(blocking.blockedFrom.getTime())
    expect(moved!.startsAt.getTime()).toBeLessThan(now.getTime())
    await uploadTranscript(db, coach, upcoming.id, vttFile(), meta)
  })
})
