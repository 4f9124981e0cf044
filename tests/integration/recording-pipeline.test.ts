import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  auditLog,
  bookings,
  recordingConsents,
  sessionRecordings,
  transcripts,
  users,
  videoRooms,
  webhookEvents,
} from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { handleTranscriptionsCron } from '@/lib/cron/transcriptions'
import { env } from '@/lib/env'
import { ConflictError, NotFoundError } from '@/lib/errors'
import type * as dailyModule from '@/lib/integrations/daily'
import { buildDaily, DailyError, type DailyClient } from '@/lib/integrations/daily'
import type * as gladiaModule from '@/lib/integrations/gladia'
import { buildGladia, GladiaError, type GladiaClient } from '@/lib/integrations/gladia'
import { localStorage, setStorageForTests } from '@/lib/integrations/storage'
import { handleDailyWebhook } from '@/lib/sessions/daily-webhook'
import { handleGladiaCallback } from '@/lib/sessions/gladia-callback'
import { gladiaCallbackToken } from '@/lib/integrations/gladia/callback-token'
import { retryRecording } from '@/lib/sessions/recording'
import { decryptSegments } from '@/lib/sessions/transcript-store'
import { newWebhookHmac, signWebhook, startFakeDaily, type FakeDaily } from '../fakes/daily'
import { startFakeGladia, type FakeGladia, type FakeGladiaUtterance } from '../fakes/gladia'
import { createTestDb } from '../helpers/db'
import { actorOf, countRows, createUser, rejection } from '../helpers/fixtures'
import { bookingWorld, HOUR, newClient, type World } from '../helpers/payments'

// dailyClient() / gladiaClient() read their keys once through lib/env; the tests hand the pipeline clients built
// against the local fakes (or null: "not configured").
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
const CRON_SECRET = 'cron-secret-for-tests-0123456789'
const HMAC = newWebhookHmac()

let handle: DbHandle
let daily: FakeDaily
let gladia: FakeGladia
let storageDir: string
const storage = () => localStorage(storageDir)

beforeAll(async () => {
  ;[handle, daily, gladia] = await Promise.all([createTestDb(), startFakeDaily(), startFakeGladia()])
  storageDir = mkdtempSync(join(tmpdir(), 'mialma-recordings-'))
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
  // Gladia's callback goes to APP_URL, where no app listens in tests: hand it to the route's handler.
  gladia.onCallback = (request) => handleGladiaCallback(request, { db: handle.db, now: new Date() })
  for (const level of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

/** Ledger rows as the consent service writes them (proof fields included). */
async function grantSessionConsents(
  bookingId: string,
  userId: string,
  kinds: readonly ('recording' | 'transcription')[] = ['recording', 'transcription'],
) {
  for (const kind of kinds)
    await handle.db.insert(recordingConsents).values({
      bookingId,
      userId,
      kind,
      granted: true,
      textVersion: '2026-12-07',
      textSha256: 'test',
      locale: 'de',
      ip: '192.0.2.1',
      userAgent: 'test',
      createdAt: new Date(Date.now() - 60_000),
    })
}

/** A confirmed video booking of the world's coach and client, with its Daily room; each one a day earlier. */
let bookingsMade = 0
async function videoBooking(world: World, client = world.client) {
  bookingsMade += 1
  const startsAt = new Date(Date.now() - bookingsMade * 24 * HOUR)
  const [booking] = await handle.db
    .insert(bookings)
    .values({
      coachId: world.coach.userId,
      clientId: client.userId,
      sessionTypeId: world.sessionTypeId,
      sessionName: 'Coaching-Sitzung',
      mode: 'video',
      durationMinutes: 60,
      priceRappen: 15_000,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      blockedFrom: startsAt,
      blockedUntil: new Date(startsAt.getTime() + HOUR),
      status: 'confirmed',
    })
    .returning()
  // R5.3, R6: the client consented to recording and to transcription of this session (since #15 both are
  // checked before anything is downloaded or sent).
  await grantSessionConsents(booking!.id, client.userId)
  const roomName = `${PREFIX}-${booking!.id}`
  await handle.db.insert(videoRooms).values({
    bookingId: booking!.id,
    roomName,
    roomUrl: `https://${daily.domain}.daily.co/${roomName}`,
    expiresAt: new Date(startsAt.getTime() + 2 * HOUR),
  })
  return { bookingId: booking!.id, roomName }
}

/** Daily's `recording.ready-to-download` event body (pretty-printed, as the raw body is what is signed). */
function readyEvent(roomName: string, recordingId: string, id: string | null = `evt-${randomUUID()}`) {
  return JSON.stringify(
    {
      version: '1.0.0',
      type: 'recording.ready-to-download',
      ...(id ? { id } : {}),
      payload: {
        type: 'cloud-audio-only',
        recording_id: recordingId,
        room_name: roomName,
        start_ts: Math.floor(Date.now() / 1000) - 3600,
        status: 'finished',
        max_participants: 2,
        duration: 1799.6,
        s3_key: `${daily.domain}/${roomName}/${recordingId}`,
      },
      event_ts: Math.floor(Date.now() / 1000),
    },
    null,
    2,
  )
}

function dailyRequest(body: string, headers: { timestamp?: string | null; signature?: string | null } = {}) {
  const timestamp =
    headers.timestamp === undefined ? String(Math.floor(Date.now() / 1000)) : headers.timestamp
  const signature =
    headers.signature === undefined ? signWebhook(body, timestamp ?? '', HMAC) : headers.signature
  return new Request('http://localhost/api/webhooks/daily', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(timestamp === null ? {} : { 'x-webhook-timestamp': timestamp }),
      ...(signature === null ? {} : { 'x-webhook-signature': signature }),
    },
    body,
  })
}

const deliver = (request: Request, secret: string | null = HMAC) =>
  handleDailyWebhook(request, { db: handle.db, secret, prefix: PREFIX, now: new Date() })

const recordingsOf = (bookingId: string) =>
  handle.db.select().from(sessionRecordings).where(eq(sessionRecordings.bookingId, bookingId))

async function onlyRecording(bookingId: string) {
  const rows = await recordingsOf(bookingId)
  expect(rows).toHaveLength(1)
  return rows[0]!
}

const dailyCalls = (recordingId: string) =>
  daily.requests
    .filter((r) => r.path.startsWith(`/recordings/${recordingId}`))
    .map((r) => `${r.method} ${r.path}`)

const eventsOf = (type: string) =>
  handle.db
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.provider, 'daily'), eq(webhookEvents.type, type)))

const UTTERANCES: FakeGladiaUtterance[] = [
  { start: 0.4, end: 3.2, speaker: 0, text: 'Grüezi, wie ist die Woche gelaufen?', language: 'de' },
  {
    start: 3.5,
    end: 9.1,
    speaker: 1,
    text: 'Die Schlafroutine mit dem Abendspaziergang hat geholfen.',
    language: 'de',
  },
  { start: 9.4, end: 11, speaker: 0, text: '   ', language: 'de' },
  { start: 11.2, end: 14, speaker: 0, text: 'Das freut mich sehr.', language: 'de' },
]

/** A booking whose recording went through the webhook and is now waiting at Gladia. */
async function transcribingRecording(world: World, bytes = Buffer.from(`audio ${randomUUID()}`)) {
  const { bookingId, roomName } = await videoBooking(world)
  const recording = daily.addFinishedRecording(roomName, bytes)
  const response = await deliver(dailyRequest(readyEvent(roomName, recording.id)))
  expect(response.status).toBe(200)
  const row = await onlyRecording(bookingId)
  expect(row.status).toBe('transcribing')
  return { bookingId, roomName, recording, row, jobId: row.gladiaJobId! }
}

describe('R5.4 Daily webhook → recording in our storage → deleted at Daily → Gladia → transcript', () => {
  it('runs the whole pipeline; the transcript is stored encrypted and the Gladia job deleted', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    const bytes = Buffer.from(`OggS fake webm audio ${randomUUID()}`)
    const recording = daily.addFinishedRecording(roomName, bytes)
    const eventId = `evt-${randomUUID()}`

    const response = await deliver(dailyRequest(readyEvent(roomName, recording.id, eventId)))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: true, duplicate: false })

    // The event is stored with type and recording id only.
    const [event] = await handle.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, eventId))
    expect(event).toMatchObject({
      provider: 'daily',
      type: 'recording.ready-to-download',
      payload: { type: 'recording.ready-to-download', recordingId: recording.id },
    })

    // Stored under our key, encrypted with the client's key (R14.3; the bytes Gladia got below are the
    // plaintext); deleted at Daily afterwards.
    const row = await onlyRecording(bookingId)
    expect(row).toMatchObject({
      source: 'daily',
      status: 'transcribing',
      dailyRecordingId: recording.id,
      storageKey: `recordings/${bookingId}/${row.id}.webm`,
      contentType: 'audio/webm',
      sizeBytes: bytes.length,
      durationSeconds: 1800,
      error: null,
    })
    expect(row.storedAt).not.toBeNull()
    expect(row.encryptedFor).toBe(world.client.userId)
    expect(Buffer.from((await storage().get(row.storageKey!))!).includes(bytes)).toBe(false)
    expect(dailyCalls(recording.id)).toEqual([
      `GET /recordings/${recording.id}/access-link`,
      `DELETE /recordings/${recording.id}`,
    ])
    expect(daily.recordings.has(recording.id)).toBe(false)
    const [stored] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'recording.stored'), eq(auditLog.targetId, row.id)))
    expect(stored).toMatchObject({
      actorId: null,
      targetType: 'session_recording',
      details: { bookingId, source: 'daily', bytes: bytes.length },
    })

    // Gladia: the stored bytes uploaded, a job with diarisation, language detection incl. German, our callback.
    const job = gladia.jobs.get(row.gladiaJobId!)!
    expect(job).toBeDefined()
    const upload = [...gladia.uploads.values()].find((u) => u.bytes.equals(bytes))
    expect(upload).toMatchObject({ contentType: 'audio/webm', filename: `${row.id}.webm` })
    const callbackUrl = new URL(String((job.request.callback_config as { url: string }).url))
    expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(
      new URL('/api/webhooks/gladia', env.APP_URL).href,
    )
    expect(callbackUrl.searchParams.get('recording')).toBe(row.id)
    expect(callbackUrl.searchParams.get('token')).toBe(gladiaCallbackToken(row.id))
    expect(job.request).toMatchObject({
      diarization: true,
      diarization_config: { number_of_speakers: 2 },
      language_config: { languages: expect.arrayContaining(['de']), code_switching: true },
      callback: true,
      callback_config: { method: 'POST' },
      custom_metadata: { recordingId: row.id },
    })

    // Gladia finishes and calls back; the result is fetched, stored encrypted, and the job deleted at once.
    expect(await gladia.finish(job.id, UTTERANCES)).toBe(200)
    const done = await onlyRecording(bookingId)
    expect(done).toMatchObject({ status: 'transcribed', gladiaJobId: null, error: null })
    expect(done.transcribedAt).not.toBeNull()
    expect(gladia.deleted).toContain(job.id)
    expect(
      gladia.requests.filter((r) => r.path === `/v2/pre-recorded/${job.id}`).map((r) => r.method),
    ).toEqual(['GET', 'DELETE'])
    const [transcript] = await handle.db
      .select()
      .from(transcripts)
      .where(eq(transcripts.bookingId, bookingId))
    expect(transcript).toMatchObject({
      source: 'gladia',
      recordingId: row.id,
      segmentCount: 3,
      language: 'de',
    })
    for (const text of ['Grüezi', 'Schlafroutine', 'Abendspaziergang', 'freut mich'])
      expect(transcript!.segmentsEnc).not.toContain(text)
    expect(await decryptSegments(handle.db, world.client.userId, transcript!.segmentsEnc)).toEqual([
      { speaker: 'Sprecher 1', start: 0.4, end: 3.2, text: 'Grüezi, wie ist die Woche gelaufen?' },
      {
        speaker: 'Sprecher 2',
        start: 3.5,
        end: 9.1,
        text: 'Die Schlafroutine mit dem Abendspaziergang hat geholfen.',
      },
      { speaker: 'Sprecher 1', start: 11.2, end: 14, text: 'Das freut mich sehr.' },
    ])
    const [saved] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'transcript.saved'), eq(auditLog.targetId, transcript!.id)))
    expect(saved?.details).toEqual({ bookingId, source: 'gladia', segments: 3 })

    // Nothing of the content in the logs.
    const logged = (['info', 'warn', 'error'] as const)
      .flatMap((level) => vi.mocked(console[level]).mock.calls.flat())
      .join('\n')
    expect(logged).toContain('recording.transcribed')
    for (const text of ['Grüezi', 'Schlafroutine', world.clientRow.name, world.clientRow.email])
      expect(logged).not.toContain(text)

    // A repeated callback finds nothing pending and changes nothing.
    const again = await handleGladiaCallback(new Request(callbackUrl, { method: 'POST', body: '{}' }), {
      db: handle.db,
      now: new Date(),
    })
    expect(again.status).toBe(200)
    expect(await countRows(handle.db, transcripts)).toBeGreaterThanOrEqual(1)
    expect((await onlyRecording(bookingId)).status).toBe('transcribed')
  })

  it('a replayed event (same id, or same body without id) does nothing the second time', async () => {
    const world = await bookingWorld(handle.db)
    for (const id of [`evt-${randomUUID()}`, null]) {
      const { bookingId, roomName } = await videoBooking(world)
      const recording = daily.addFinishedRecording(roomName)
      const body = readyEvent(roomName, recording.id, id)
      expect((await deliver(dailyRequest(body))).status).toBe(200)
      const replay = await deliver(dailyRequest(body))
      expect(replay.status).toBe(200)
      expect(await replay.json()).toEqual({ received: true, duplicate: true })
      expect(await recordingsOf(bookingId)).toHaveLength(1)
      expect(dailyCalls(recording.id)).toHaveLength(2)
      const rowId = (await onlyRecording(bookingId)).id
      const jobs = [...gladia.jobs.values()].filter(
        (j) => (j.request.custom_metadata as { recordingId: string }).recordingId === rowId,
      )
      expect(jobs).toHaveLength(1)
    }
  })

  it('refuses a bad, stale or missing signature with 400 and stores nothing', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    const recording = daily.addFinishedRecording(roomName)
    const body = readyEvent(roomName, recording.id)
    const before = await countRows(handle.db, webhookEvents)
    const nowTs = String(Math.floor(Date.now() / 1000))
    const old = String(Math.floor(Date.now() / 1000) - 6 * 60)
    const requests = [
      // Signed with another secret.
      dailyRequest(body, { signature: signWebhook(body, nowTs, newWebhookHmac()) }),
      // The body changed after signing.
      dailyRequest(body.replace('1799.6', '1.0'), {
        timestamp: nowTs,
        signature: signWebhook(body, nowTs, HMAC),
      }),
      // Correctly signed, but six minutes old (a replay).
      dailyRequest(body, { timestamp: old, signature: signWebhook(body, old, HMAC) }),
      dailyRequest(body, { signature: null }),
      dailyRequest(body, { timestamp: null }),
    ]
    for (const request of requests) expect((await deliver(request)).status).toBe(400)
    expect(await countRows(handle.db, webhookEvents)).toBe(before)
    expect(await recordingsOf(bookingId)).toHaveLength(0)
    expect(dailyCalls(recording.id)).toEqual([])
  })

  it('answers 503 without DAILY_WEBHOOK_HMAC, and 200 to the verification request on webhook creation', async () => {
    const world = await bookingWorld(handle.db)
    const { roomName } = await videoBooking(world)
    const body = readyEvent(roomName, randomUUID())
    const before = await countRows(handle.db, webhookEvents)
    expect((await deliver(dailyRequest(body), null)).status).toBe(503)
    for (const ping of ['{"test":"test"}', '{}']) {
      const response = await deliver(dailyRequest(ping, { signature: null, timestamp: null }))
      expect(response.status).toBe(200)
    }
    expect(await countRows(handle.db, webhookEvents)).toBe(before)
  })

  it("ignores another environment's room (200, not stored, Daily untouched)", async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId } = await videoBooking(world)
    const foreignRoom = `mialma-prod-${bookingId}`
    const recording = daily.addFinishedRecording(foreignRoom)
    const body = readyEvent(foreignRoom, recording.id)
    const before = await countRows(handle.db, webhookEvents)
    const response = await deliver(dailyRequest(body))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ ignored: true })
    expect(await countRows(handle.db, webhookEvents)).toBe(before)
    expect(await recordingsOf(bookingId)).toHaveLength(0)
    expect(dailyCalls(recording.id)).toEqual([])
    expect(daily.recordings.has(recording.id)).toBe(true)
  })

  it('recording.error marks the recording failed', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    const [row] = await handle.db
      .insert(sessionRecordings)
      .values({ bookingId, source: 'daily', status: 'recording' })
      .returning()
    const body = JSON.stringify({
      version: '1.0.0',
      type: 'recording.error',
      id: `evt-${randomUUID()}`,
      payload: { action: 'cloud-recording-err', error_msg: 'boom', room_name: roomName, timestamp: 1 },
    })
    expect((await deliver(dailyRequest(body))).status).toBe(200)
    expect((await onlyRecording(bookingId)).id).toBe(row!.id)
    expect(await onlyRecording(bookingId)).toMatchObject({ status: 'failed', error: 'daily_recording_error' })
    expect(await eventsOf('recording.error')).not.toHaveLength(0)
  })

  it('takes over the row the recording start left (status recording, no Daily id yet)', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    const [row] = await handle.db
      .insert(sessionRecordings)
      .values({ bookingId, source: 'daily', status: 'recording' })
      .returning()
    const recording = daily.addFinishedRecording(roomName)
    expect((await deliver(dailyRequest(readyEvent(roomName, recording.id)))).status).toBe(200)
    expect(await onlyRecording(bookingId)).toMatchObject({
      id: row!.id,
      dailyRecordingId: recording.id,
      status: 'transcribing',
    })
  })
})

describe('R6 Gladia callback: only with our token; the result is fetched, never read from the body', () => {
  it('a bad, missing or other recording’s token → 401 and nothing happens', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, jobId, row } = await transcribingRecording(world)
    const other = await transcribingRecording(world)
    await gladia.finish(jobId, UTTERANCES, { callback: false })
    const requestsBefore = gladia.requests.length
    const base = new URL('/api/webhooks/gladia', env.APP_URL)
    const urls = [
      `${base}?recording=${row.id}&token=${gladiaCallbackToken(row.id).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`,
      `${base}?recording=${row.id}`,
      `${base}?recording=${row.id}&token=${gladiaCallbackToken(other.row.id)}`,
      `${base}?recording=not-a-uuid&token=${gladiaCallbackToken('not-a-uuid')}`,
    ]
    for (const url of urls) {
      const body = JSON.stringify({ id: jobId, event: 'transcription.success', payload: { id: jobId } })
      const response = await handleGladiaCallback(new Request(url, { method: 'POST', body }), {
        db: handle.db,
        now: new Date(),
      })
      expect(response.status).toBe(401)
    }
    expect(gladia.requests.length).toBe(requestsBefore)
    expect(await onlyRecording(bookingId)).toMatchObject({ status: 'transcribing', gladiaJobId: jobId })
    expect(
      await handle.db.select().from(transcripts).where(eq(transcripts.bookingId, bookingId)),
    ).toHaveLength(0)
    expect(gladia.deleted).not.toContain(jobId)
  })

  it('a callback with our token but a forged body: our job is fetched, whatever the body says', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, jobId, row } = await transcribingRecording(world)
    const url = `${new URL('/api/webhooks/gladia', env.APP_URL)}?recording=${row.id}&token=${gladiaCallbackToken(row.id)}`
    const call = (body: string) =>
      handleGladiaCallback(new Request(url, { method: 'POST', body }), { db: handle.db, now: new Date() })
    // "Success" for another id while our job still runs: nothing is stored.
    const forged = JSON.stringify({ id: 'other', event: 'transcription.success', payload: { id: 'other' } })
    expect(await (await call(forged)).json()).toMatchObject({ result: 'pending' })
    expect((await onlyRecording(bookingId)).status).toBe('transcribing')
    // Our job done, the body claiming an error for something else: the stored job id decides.
    await gladia.finish(jobId, UTTERANCES, { callback: false })
    const lying = JSON.stringify({ id: 'other', event: 'transcription.error', payload: { id: 'other' } })
    expect(await (await call(lying)).json()).toMatchObject({ result: 'transcribed' })
    expect(await onlyRecording(bookingId)).toMatchObject({ status: 'transcribed', gladiaJobId: null })
    expect(gladia.deleted).toContain(jobId)
  })

  it('a Gladia error → failed with its code, the job deleted; the coach retries with a new job', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, jobId } = await transcribingRecording(world)
    expect(await gladia.fail(jobId, { errorCode: 422 })).toBe(200)
    const failed = await onlyRecording(bookingId)
    expect(failed).toMatchObject({ status: 'failed', error: 'gladia_error_422', gladiaJobId: null })
    expect(gladia.deleted).toContain(jobId)

    expect(await retryRecording(handle.db, world.coach, failed.id, new Date())).toBe('transcribing')
    const retried = await onlyRecording(bookingId)
    expect(retried.gladiaJobId).not.toBeNull()
    expect(retried.gladiaJobId).not.toBe(jobId)
    await gladia.finish(retried.gladiaJobId!, UTTERANCES)
    expect((await onlyRecording(bookingId)).status).toBe('transcribed')
  })
})

describe('failures are visible, with a retry from the failed step', () => {
  it('Daily unreachable → failed (event kept, 200); only the booking’s coach can retry, and it works', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    const recording = daily.addFinishedRecording(roomName, Buffer.from('late audio'))
    daily.failWith({ status: 500, error: 'server-error', info: 'down' })
    const response = await deliver(dailyRequest(readyEvent(roomName, recording.id)))
    expect(response.status).toBe(200)
    const failed = await onlyRecording(bookingId)
    expect(failed).toMatchObject({ status: 'failed', error: 'daily_access_link_failed', storageKey: null })
    daily.failWith(null)

    const otherCoach = actorOf(await createUser(handle.db, { role: 'coach' }))
    const otherClient = await newClient(handle.db, world.coach.userId)
    for (const actor of [otherCoach, world.client, otherClient])
      expect(await rejection(retryRecording(handle.db, actor, failed.id, new Date()))).toBeInstanceOf(
        NotFoundError,
      )

    expect(await retryRecording(handle.db, world.coach, failed.id, new Date())).toBe('transcribing')
    const row = await onlyRecording(bookingId)
    expect(row).toMatchObject({ status: 'transcribing', error: null, sizeBytes: 10 })
    expect(row.attempts).toBeGreaterThanOrEqual(2)
    expect(daily.recordings.has(recording.id)).toBe(false)
    expect(await rejection(retryRecording(handle.db, world.coach, row.id, new Date()))).toBeInstanceOf(
      ConflictError,
    )
  })

  it('the delete at Daily fails → failed with the file kept; the retry deletes and goes on', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    const recording = daily.addFinishedRecording(roomName)
    const real = buildDaily(daily.key, daily.url)
    clients.daily = { ...real, deleteRecording: () => Promise.reject(new DailyError(500, 'down')) }
    await deliver(dailyRequest(readyEvent(roomName, recording.id)))
    const failed = await onlyRecording(bookingId)
    expect(failed).toMatchObject({ status: 'failed', error: 'daily_delete_failed' })
    expect(failed.storageKey).not.toBeNull()
    expect(daily.recordings.has(recording.id)).toBe(true)

    clients.daily = real
    expect(await retryRecording(handle.db, world.coach, failed.id, new Date())).toBe('transcribing')
    expect(daily.recordings.has(recording.id)).toBe(false)
    // Downloaded once only.
    expect(dailyCalls(recording.id).filter((c) => c.endsWith('/access-link'))).toHaveLength(1)
  })

  it('without GLADIA_API_KEY the recording stays stored (the coach can upload a transcript)', async () => {
    clients.gladia = null
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    const recording = daily.addFinishedRecording(roomName)
    expect((await deliver(dailyRequest(readyEvent(roomName, recording.id)))).status).toBe(200)
    expect(await onlyRecording(bookingId)).toMatchObject({ status: 'stored', gladiaJobId: null })
    expect(daily.recordings.has(recording.id)).toBe(false)
  })
})

describe('cron /api/cron/transcriptions', () => {
  const cron = (authorization: string | null) =>
    handleTranscriptionsCron(
      new Request('http://localhost/api/cron/transcriptions', {
        headers: authorization ? { authorization } : {},
      }),
      { db: handle.db, secret: CRON_SECRET, now: new Date() },
    )

  it('refuses calls without the secret', async () => {
    expect((await cron(null)).status).toBe(401)
    expect((await cron('Bearer wrong')).status).toBe(401)
  })

  it('completes a job whose callback never came, and deletes it at Gladia', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, jobId } = await transcribingRecording(world)
    await gladia.finish(jobId, UTTERANCES, { callback: false })
    const response = await cron(`Bearer ${CRON_SECRET}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ transcribed: expect.any(Number) })
    expect(await onlyRecording(bookingId)).toMatchObject({ status: 'transcribed', gladiaJobId: null })
    expect(gladia.deleted).toContain(jobId)
    const [transcript] = await handle.db
      .select()
      .from(transcripts)
      .where(eq(transcripts.bookingId, bookingId))
    expect(transcript?.segmentCount).toBe(3)
  })

  it('sends a stored recording that was never sent, once Gladia is configured', async () => {
    clients.gladia = null
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    await deliver(dailyRequest(readyEvent(roomName, daily.addFinishedRecording(roomName).id)))
    expect((await onlyRecording(bookingId)).status).toBe('stored')

    clients.gladia = buildGladia(gladia.apiKey, gladia.url)
    expect((await cron(`Bearer ${CRON_SECRET}`)).status).toBe(200)
    const row = await onlyRecording(bookingId)
    expect(row.status).toBe('transcribing')
    expect(gladia.jobs.has(row.gladiaJobId!)).toBe(true)
  })

  it('R10.3 a restricted client’s recording is not sent to Gladia; it goes once the restriction is lifted', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    await handle.db
      .update(users)
      .set({ processingRestrictedAt: new Date() })
      .where(eq(users.id, world.client.userId))
    const jobsBefore = gladia.jobs.size
    await deliver(dailyRequest(readyEvent(roomName, daily.addFinishedRecording(roomName).id)))
    expect((await cron(`Bearer ${CRON_SECRET}`)).status).toBe(200)
    expect(await onlyRecording(bookingId)).toMatchObject({ status: 'stored', gladiaJobId: null })
    expect(gladia.jobs.size).toBe(jobsBefore)

    await handle.db
      .update(users)
      .set({ processingRestrictedAt: null })
      .where(eq(users.id, world.client.userId))
    expect((await cron(`Bearer ${CRON_SECRET}`)).status).toBe(200)
    expect((await onlyRecording(bookingId)).status).toBe('transcribing')
  })

  it('resumes a download a crashed run left behind (downloading for over 30 minutes)', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, roomName } = await videoBooking(world)
    const recording = daily.addFinishedRecording(roomName)
    const [row] = await handle.db
      .insert(sessionRecordings)
      .values({
        bookingId,
        source: 'daily',
        status: 'downloading',
        dailyRecordingId: recording.id,
        updatedAt: new Date(Date.now() - HOUR),
      })
      .returning()
    expect((await cron(`Bearer ${CRON_SECRET}`)).status).toBe(200)
    expect(await onlyRecording(bookingId)).toMatchObject({ id: row!.id, status: 'transcribing' })
    expect(daily.recordings.has(recording.id)).toBe(false)
  })

  it('retries a Gladia DELETE that did not get through', async () => {
    const world = await bookingWorld(handle.db)
    const { bookingId, jobId } = await transcribingRecording(world)
    // The result is fetched, then the DELETE is refused once.
    const real = buildGladia(gladia.apiKey, gladia.url)
    let refused = false
    clients.gladia = {
      ...real,
      deleteJob: async (id) => {
        if (!refused) {
          refused = true
          throw new GladiaError(503, 'busy')
        }
        return real.deleteJob(id)
      },
    }
    await gladia.finish(jobId, UTTERANCES)
    expect(await onlyRecording(bookingId)).toMatchObject({ status: 'transcribed', gladiaJobId: jobId })
    expect(gladia.deleted).not.toContain(jobId)

    expect((await cron(`Bearer ${CRON_SECRET}`)).status).toBe(200)
    expect(await onlyRecording(bookingId)).toMatchObject({ status: 'transcribed', gladiaJobId: null })
    expect(gladia.deleted).toContain(jobId)
  })
})
