import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { auditLog, bookings, recordingConsents, sessionRecordings, videoRooms } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { recordSessionConsent } from '@/lib/consent/service'
import { transcriptionConsentText } from '@/lib/consent/texts'
import { sweepTranscriptions } from '@/lib/cron/transcriptions'
import { KeyShreddedError, shredUserKey } from '@/lib/crypto'
import { env } from '@/lib/env'
import { ConflictError, NotFoundError } from '@/lib/errors'
import type * as dailyModule from '@/lib/integrations/daily'
import { buildDaily, type DailyClient } from '@/lib/integrations/daily'
import type * as gladiaModule from '@/lib/integrations/gladia'
import { buildGladia, type GladiaClient } from '@/lib/integrations/gladia'
import { localStorage, setStorageForTests } from '@/lib/integrations/storage'
import { handleLocalUpload } from '@/lib/integrations/storage/local-upload'
import { deleteClientAudio, openRecordingAudio } from '@/lib/sessions/audio'
import { prepareAudioUpload, registerAudioUpload } from '@/lib/sessions/audio-upload'
import { handleDailyWebhook } from '@/lib/sessions/daily-webhook'
import { setRecordingConsent, setTranscriptionConsent } from '@/lib/sessions/session-consent'
import { MAX_AUDIO_BYTES } from '@/lib/sessions/upload-file'
import { newWebhookHmac, signWebhook, startFakeDaily, type FakeDaily } from '../fakes/daily'
import { startFakeGladia, type FakeGladia } from '../fakes/gladia'
import { createTestDb } from '../helpers/db'
import { rejection } from '../helpers/fixtures'
import { bookingWorld, HOUR, type World } from '../helpers/payments'

const clients = vi.hoisted(() => ({
  daily: null as DailyClient | null,
  gladia: null as GladiaClient | null,
}))
vi.mock('@/lib/integrations/daily', async (importOriginal) => ({
  ...(await importOriginal<typeof dailyModule>()),
  dailyClient: () => clients.daily,
}))
vi.mock('@/lib/integrations/gladia', async (importOriginal) => ({
  ...(await importOriginal<typeof gladiaModule>()),
  gladiaClient: () => clients.gladia,
}))

const PREFIX = env.VIDEO_ROOM_PREFIX
const HMAC = newWebhookHmac()
const META = { ip: '192.0.2.7', userAgent: 'vitest' }
/** A canary in the audio: it must never be readable in our storage. */
const CANARY = 'CANARY-Schlafprobleme-seit-Jahren'
const audioBytes = () => Buffer.from(`OggS${'\0'.repeat(24)}${CANARY} ${randomUUID()} ${'x'.repeat(70_000)}`)

let handle: DbHandle
let daily: FakeDaily
let gladia: FakeGladia
let storageDir: string
const storage = () => localStorage(storageDir)

beforeAll(async () => {
  ;[handle, daily, gladia] = await Promise.all([createTestDb(), startFakeDaily(), startFakeGladia()])
  storageDir = mkdtempSync(join(tmpdir(), 'mialma-audio-'))
  setStorageForTests(storage())
})
afterAll(async () => {
  setStorageForTests(null)
  if (storageDir) rmSync(storageDir, { recursive: true, force: true })
  await Promise.all([handle?.close(), daily?.close(), gladia?.close()])
})
beforeEach(() => {
  clients.daily = buildDaily(daily.key, daily.url)
  clients.gladia = buildGladia(gladia.apiKey, gladia.url)
  daily.failWith(null)
  gladia.onCallback = async () => new Response(null, { status: 200 })
  for (const level of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

const consent = (bookingId: string, granted: boolean, version = transcriptionConsentText.version) => ({
  bookingId,
  granted,
  textVersion: version,
  locale: 'de' as const,
})

async function grant(world: World, bookingId: string, kinds: ('recording' | 'transcription')[]) {
  for (const kind of kinds) {
    const { recordingConsentText } = await import('@/lib/consent/texts')
    const version = kind === 'recording' ? recordingConsentText.version : transcriptionConsentText.version
    await recordSessionConsent(handle.db, world.client, kind, consent(bookingId, true, version), META)
  }
}

let made = 0
async function booking(world: World, mode: 'video' | 'in_person' = 'video') {
  made += 1
  const startsAt = new Date(Date.now() - made * 24 * HOUR)
  const [row] = await handle.db
    .insert(bookings)
    .values({
      coachId: world.coach.userId,
      clientId: world.client.userId,
      sessionTypeId: world.sessionTypeId,
      sessionName: 'Coaching-Sitzung',
      mode,
      durationMinutes: 60,
      priceRappen: 15_000,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      blockedFrom: startsAt,
      blockedUntil: new Date(startsAt.getTime() + HOUR),
      status: 'confirmed',
    })
    .returning()
  const roomName = `${PREFIX}-${row!.id}`
  if (mode === 'video')
    await handle.db.insert(videoRooms).values({
      bookingId: row!.id,
      roomName,
      roomUrl: `https://${daily.domain}.daily.co/${roomName}`,
      expiresAt: new Date(startsAt.getTime() + 2 * HOUR),
    })
  return { bookingId: row!.id, roomName }
}

function readyEvent(roomName: string, recordingId: string) {
  return JSON.stringify({
    version: '1.0.0',
    type: 'recording.ready-to-download',
    id: `evt-${randomUUID()}`,
    payload: {
      type: 'cloud-audio-only',
      recording_id: recordingId,
      room_name: roomName,
      start_ts: Math.floor(Date.now() / 1000) - 3600,
      status: 'finished',
      max_participants: 2,
      duration: 1200,
      s3_key: `${daily.domain}/${roomName}/${recordingId}`,
    },
    event_ts: Math.floor(Date.now() / 1000),
  })
}

async function deliverReady(roomName: string, recordingId: string) {
  const body = readyEvent(roomName, recordingId)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const response = await handleDailyWebhook(
    new Request('http://localhost/api/webhooks/daily', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-webhook-timestamp': timestamp,
        'x-webhook-signature': signWebhook(body, timestamp, HMAC),
      },
      body,
    }),
    { db: handle.db, secret: HMAC, prefix: PREFIX, now: new Date() },
  )
  expect(response.status).toBe(200)
}

const recordingsOf = (bookingId: string) =>
  handle.db.select().from(sessionRecordings).where(eq(sessionRecordings.bookingId, bookingId))
const uploadsContaining = (needle: string) =>
  [...gladia.uploads.values()].filter((u) => u.bytes.includes(Buffer.from(needle)))
const filesIn = (dir: string): string[] => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
  } catch {
    return []
  }
}

/** A stored Daily recording of a booking with recording consent (and transcription consent if asked). */
async function storedDailyRecording(world: World, kinds: ('recording' | 'transcription')[]) {
  const { bookingId, roomName } = await booking(world)
  await grant(world, bookingId, kinds)
  const bytes = audioBytes()
  const recording = daily.addFinishedRecording(roomName, bytes)
  await deliverReady(roomName, recording.id)
  const [row] = await recordingsOf(bookingId)
  return { bookingId, roomName, recording, bytes, row: row! }
}

describe('R6 policy §6.2 transcription consent per session, checked when audio leaves', () => {
  it('R6 R9.2 is recorded with proof (text version and hash, time, address, user agent), per booking', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId } = await booking(world)
    await setTranscriptionConsent(handle.db, world.client, consent(bookingId, true), META, new Date())
    const [row] = await handle.db
      .select()
      .from(recordingConsents)
      .where(and(eq(recordingConsents.bookingId, bookingId), eq(recordingConsents.kind, 'transcription')))
    expect(row).toMatchObject({
      userId: world.client.userId,
      granted: true,
      textVersion: transcriptionConsentText.version,
      ip: '192.0.2.7',
      userAgent: 'vitest',
    })
    expect(row!.textSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(transcriptionConsentText.de.title).toBe(
      'Darf die Aufnahme dieser Sitzung von Gladia transkribiert werden?',
    )
    // Another person's booking: NotFound, nothing written.
    const other = await bookingWorld(handle.db)
    expect(
      await rejection(
        setTranscriptionConsent(handle.db, other.client, consent(bookingId, true), META, new Date()),
      ),
    ).toBeInstanceOf(NotFoundError)
  })

  it('R6 a recording with recording consent only is stored encrypted but never sent; the sweeper waits for consent', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, row, bytes } = await storedDailyRecording(world, ['recording'])
    expect(row).toMatchObject({ status: 'stored', gladiaJobId: null, encryptedFor: world.client.userId })
    expect(uploadsContaining(CANARY.slice(0, 20)).filter((u) => u.bytes.equals(bytes))).toHaveLength(0)

    // Sweeper retries: still nothing leaves.
    await sweepTranscriptions(handle.db, new Date(Date.now() + 2 * HOUR))
    expect([...gladia.uploads.values()].some((u) => u.bytes.equals(bytes))).toBe(false)
    expect((await recordingsOf(bookingId))[0]!.status).toBe('stored')

    // With consent, the next sweep sends the decrypted audio.
    await setTranscriptionConsent(handle.db, world.client, consent(bookingId, true), META, new Date())
    await sweepTranscriptions(handle.db, new Date(Date.now() + 3 * HOUR))
    expect([...gladia.uploads.values()].some((u) => u.bytes.equals(bytes))).toBe(true)
    expect((await recordingsOf(bookingId))[0]!.status).toBe('transcribing')
  })

  it('R6 withdrawing transcription consent deletes the Gladia job and the audio, and stops queued work', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, row } = await storedDailyRecording(world, ['recording', 'transcription'])
    expect(row.status).toBe('transcribing')
    const jobId = row.gladiaJobId!
    expect(filesIn(join(storageDir, 'recordings', bookingId))).toHaveLength(1)

    await setTranscriptionConsent(handle.db, world.client, consent(bookingId, false), META, new Date())
    const [after] = await recordingsOf(bookingId)
    expect(after).toMatchObject({
      status: 'failed',
      error: 'transcription_consent_withdrawn',
      storageKey: null,
      gladiaJobId: null,
    })
    expect(gladia.deleted).toContain(jobId)
    expect(filesIn(join(storageDir, 'recordings', bookingId))).toHaveLength(0)
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'recording.discarded'), eq(auditLog.targetId, row.id)))
    expect(audit?.details).toMatchObject({ reason: 'transcription_consent_withdrawn', complete: true })

    // A queued (stored, not yet sent) recording: withdrawn → gone before the sweeper could send it.
    const second = await storedDailyRecording(world, ['recording'])
    await setTranscriptionConsent(handle.db, world.client, consent(second.bookingId, true), META, new Date())
    await setTranscriptionConsent(handle.db, world.client, consent(second.bookingId, false), META, new Date())
    await sweepTranscriptions(handle.db, new Date(Date.now() + 5 * HOUR))
    expect([...gladia.uploads.values()].some((u) => u.bytes.equals(second.bytes))).toBe(false)
    expect((await recordingsOf(second.bookingId))[0]).toMatchObject({ status: 'failed', storageKey: null })
  })

  it('R5.3 withdrawing recording consent after the session deletes the audio and stops the transcription', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, row } = await storedDailyRecording(world, ['recording', 'transcription'])
    const { recordingConsentText } = await import('@/lib/consent/texts')
    await setRecordingConsent(
      handle.db,
      world.client,
      consent(bookingId, false, recordingConsentText.version),
      META,
      new Date(),
    )
    expect((await recordingsOf(bookingId))[0]).toMatchObject({
      status: 'failed',
      error: 'recording_consent_withdrawn',
      storageKey: null,
    })
    expect(gladia.deleted).toContain(row.gladiaJobId)
  })
})

describe('R5.3 a recording that arrives without recording consent', () => {
  it('R5.3 is deleted at Daily without being downloaded, never transcribed, and audited', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await booking(world)
    // Transcription consent alone does not make a recording acceptable.
    await grant(world, bookingId, ['transcription'])
    const bytes = audioBytes()
    const recording = daily.addFinishedRecording(roomName, bytes)
    await deliverReady(roomName, recording.id)

    const calls = daily.requests
      .filter((r) => r.path.startsWith(`/recordings/${recording.id}`))
      .map((r) => `${r.method} ${r.path}`)
    expect(calls).toEqual([`DELETE /recordings/${recording.id}`])
    expect(daily.recordings.has(recording.id)).toBe(false)
    const [row] = await recordingsOf(bookingId)
    expect(row).toMatchObject({ status: 'failed', error: 'no_recording_consent', storageKey: null })
    expect(filesIn(join(storageDir, 'recordings', bookingId))).toHaveLength(0)
    expect([...gladia.uploads.values()].some((u) => u.bytes.equals(bytes))).toBe(false)
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'recording.discarded'), eq(auditLog.targetId, row!.id)))
    expect(audit).toMatchObject({
      actorId: null,
      details: { reason: 'no_recording_consent', source: 'daily' },
    })
  })
})

describe('R14.3 session audio encrypted at rest with the client’s data key', () => {
  it('R14.3 stored bytes hold no canary; Gladia gets the plaintext; a shredded key makes the file unreadable', async () => {
    const world = await bookingWorld(handle.db)
    const { row, bytes } = await storedDailyRecording(world, ['recording', 'transcription'])
    const stored = Buffer.from((await storage().get(row.storageKey!))!)
    expect(stored.includes(Buffer.from(CANARY))).toBe(false)
    expect([...gladia.uploads.values()].some((u) => u.bytes.equals(bytes))).toBe(true)

    const plain: Buffer[] = []
    for await (const part of (await openRecordingAudio(handle.db, row))!) plain.push(Buffer.from(part))
    expect(Buffer.concat(plain).equals(bytes)).toBe(true)

    await shredUserKey(handle.db, world.client.userId)
    expect(
      await rejection(
        openRecordingAudio(handle.db, row).then(async (s) => {
          for await (const _ of s!) void _
        }),
      ),
    ).toBeInstanceOf(KeyShreddedError)
  })

  it('R10.2 deleteClientAudio removes every file, Gladia job and Daily copy of the client, then the rows', async () => {
    const world = await bookingWorld(handle.db)
    const first = await storedDailyRecording(world, ['recording', 'transcription'])
    const second = await storedDailyRecording(world, ['recording'])
    const others = await bookingWorld(handle.db)
    const foreign = await storedDailyRecording(others, ['recording'])

    expect(await deleteClientAudio(handle.db, world.client.userId)).toEqual({ deleted: 2, pending: 0 })
    expect(gladia.deleted).toContain(first.row.gladiaJobId)
    expect(await recordingsOf(first.bookingId)).toHaveLength(0)
    expect(await recordingsOf(second.bookingId)).toHaveLength(0)
    for (const b of [first.bookingId, second.bookingId])
      expect(filesIn(join(storageDir, 'recordings', b))).toHaveLength(0)
    // Someone else's audio stays; a second call finds nothing.
    expect(await recordingsOf(foreign.bookingId)).toHaveLength(1)
    expect(await deleteClientAudio(handle.db, world.client.userId)).toEqual({ deleted: 0, pending: 0 })
  })
})

describe('R6.3 issue 16.3 audio uploads straight to storage', () => {
  async function putTo(url: string, body: Buffer, type: string) {
    return handleLocalUpload(
      new Request(url, {
        method: 'PUT',
        headers: { 'content-type': type, 'content-length': String(body.length) },
        body: new Uint8Array(body),
      }),
      new Date(),
    )
  }

  it('R6.3 signed URL → PUT → registered, encrypted, staging removed; only with transcription consent', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId } = await booking(world, 'in_person')
    const bytes = audioBytes()
    const file = { name: 'sitzung.ogg', type: 'audio/ogg', size: bytes.length }

    // Before the client agreed: refused before any URL exists.
    expect(
      errorCode(await rejection(prepareAudioUpload(handle.db, world.coach, bookingId, file, new Date()))),
    ).toBe('sessions.upload.noTranscriptionConsent')

    await grant(world, bookingId, ['transcription'])
    const grantInfo = await prepareAudioUpload(handle.db, world.coach, bookingId, file, new Date())
    const url = new URL(grantInfo.url)
    expect(url.pathname).toBe('/api/storage/upload')

    // The URL is bound to its length and type, and to its signature.
    expect((await putTo(grantInfo.url, Buffer.concat([bytes, Buffer.from('x')]), 'audio/ogg')).status).toBe(
      403,
    )
    expect((await putTo(grantInfo.url, bytes, 'audio/mpeg')).status).toBe(403)
    const forged = new URL(grantInfo.url)
    forged.searchParams.set('key', `uploads/${bookingId}/forged.ogg`)
    expect((await putTo(forged.toString(), bytes, 'audio/ogg')).status).toBe(403)

    expect((await putTo(grantInfo.url, bytes, 'audio/ogg')).status).toBe(200)
    // Another coach cannot register it.
    const other = await bookingWorld(handle.db)
    expect(
      await rejection(registerAudioUpload(handle.db, other.coach, grantInfo.ticket, new Date(), META)),
    ).toBeInstanceOf(NotFoundError)

    const { recordingId } = await registerAudioUpload(
      handle.db,
      world.coach,
      grantInfo.ticket,
      new Date(),
      META,
    )
    const [row] = await recordingsOf(bookingId)
    expect(row).toMatchObject({
      id: recordingId,
      source: 'upload',
      status: 'stored',
      encryptedFor: world.client.userId,
      contentType: 'audio/ogg',
      sizeBytes: bytes.length,
    })
    expect(filesIn(join(storageDir, 'uploads'))).toHaveLength(0)
    const stored = Buffer.from((await storage().get(row!.storageKey!))!)
    expect(stored.includes(Buffer.from(CANARY))).toBe(false)
    // Registering twice does not create a second recording.
    expect(
      await rejection(registerAudioUpload(handle.db, world.coach, grantInfo.ticket, new Date(), META)),
    ).toBeInstanceOf(ConflictError)
    expect(await recordingsOf(bookingId)).toHaveLength(1)

    // Withdrawn before the sweeper ran: nothing reaches Gladia (the upload's audio is deleted).
    await setTranscriptionConsent(handle.db, world.client, consent(bookingId, false), META, new Date())
    await sweepTranscriptions(handle.db, new Date(Date.now() + 2 * HOUR))
    expect([...gladia.uploads.values()].some((u) => u.bytes.equals(bytes))).toBe(false)
    expect((await recordingsOf(bookingId))[0]).toMatchObject({ status: 'failed', storageKey: null })
  })

  it('R6.3 an upload with consent is sent by the sweeper, decrypted on the way', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId } = await booking(world, 'in_person')
    await grant(world, bookingId, ['transcription'])
    const bytes = audioBytes()
    const g = await prepareAudioUpload(
      handle.db,
      world.coach,
      bookingId,
      { name: 'a.ogg', type: 'audio/ogg', size: bytes.length },
      new Date(),
    )
    expect((await putTo(g.url, bytes, 'audio/ogg')).status).toBe(200)
    await registerAudioUpload(handle.db, world.coach, g.ticket, new Date(), META)
    await sweepTranscriptions(handle.db, new Date(Date.now() + 2 * HOUR))
    expect([...gladia.uploads.values()].some((u) => u.bytes.equals(bytes))).toBe(true)
  })

  it('R6.3 over the promised size, another coach’s booking, a non-audio file: refused before any upload', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId } = await booking(world, 'in_person')
    await grant(world, bookingId, ['transcription'])
    const big = { name: 'lang.mp3', type: 'audio/mpeg', size: MAX_AUDIO_BYTES + 1 }
    expect(
      errorCode(await rejection(prepareAudioUpload(handle.db, world.coach, bookingId, big, new Date()))),
    ).toBe('sessions.upload.audioTooBig')
    const other = await bookingWorld(handle.db)
    const file = { name: 'a.mp3', type: 'audio/mpeg', size: 1000 }
    expect(
      await rejection(prepareAudioUpload(handle.db, other.coach, bookingId, file, new Date())),
    ).toBeInstanceOf(NotFoundError)
    expect(
      await rejection(prepareAudioUpload(handle.db, world.client, bookingId, file, new Date())),
    ).toBeDefined()

    // A renamed non-audio file passes the announcement but not the content check; the staged file is removed.
    const text = Buffer.from('This is not audio at all, just some text that pretends. '.repeat(10))
    const g = await prepareAudioUpload(
      handle.db,
      world.coach,
      bookingId,
      { name: 'fake.mp3', type: 'audio/mpeg', size: text.length },
      new Date(),
    )
    expect((await putTo(g.url, text, 'audio/mpeg')).status).toBe(200)
    expect(
      errorCode(await rejection(registerAudioUpload(handle.db, world.coach, g.ticket, new Date(), META))),
    ).toBe('sessions.upload.notAudio')
    expect(filesIn(join(storageDir, 'uploads', bookingId))).toHaveLength(0)
    expect(await recordingsOf(bookingId)).toHaveLength(0)
  })
})

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string; message?: string })?.code ?? (error as Error)?.message
}
