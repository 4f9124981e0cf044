import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { auditLog, bookings, sessionRecordings, videoRooms } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import type { Actor } from '@/lib/auth/types'
import { AuthorizationError } from '@/lib/auth/types'
import { recordingConsentSchema } from '@/lib/consent/schemas'
import { recordRecordingConsent } from '@/lib/consent/service'
import { recordingConsentText } from '@/lib/consent/texts'
import { ConflictError, NotFoundError } from '@/lib/errors'
import type * as dailyModule from '@/lib/integrations/daily'
import { buildDaily, type DailyClient } from '@/lib/integrations/daily'
import {
  ensureVideoRoom,
  getVideoSession,
  joinVideoSession,
  NO_RECORDING_CONSENT,
  startRecording,
  stopActiveRecording,
  stopRecording,
  VideoNotConfiguredError,
} from '@/lib/sessions/video'
import { decodeToken, type FakeDaily, signWebhook, startFakeDaily } from '../fakes/daily'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, insertBooking, rejection } from '../helpers/fixtures'
import { messageOf } from '../helpers/error-text'

// dailyClient() reads DAILY_API_KEY once through lib/env; the tests hand the services the fake (or null:
// video not configured).
const dailyMock = vi.hoisted(() => ({ client: null as DailyClient | null }))
vi.mock('@/lib/integrations/daily', async (importOriginal) => ({
  ...(await importOriginal<typeof dailyModule>()),
  dailyClient: () => dailyMock.client,
}))

const MINUTE = 60_000
const meta = { ip: '203.0.113.9', userAgent: 'vitest' }
let handle: DbHandle
let fake: FakeDaily
let db: Db

beforeAll(async () => {
  ;[handle, fake] = await Promise.all([createTestDb(), startFakeDaily()])
  db = handle.db
})
afterAll(async () => {
  await Promise.all([handle?.close(), fake?.close()])
})
beforeEach(() => {
  fake.reset()
  dailyMock.client = buildDaily(fake.key, fake.url)
})

/**
 * A coach, their client and a confirmed 60-minute video booking starting `startsIn` from now. Times are
 * real: consents are stamped by the database clock, and the services are asked at `new Date()`.
 */
async function world(startsIn = 5 * MINUTE, values: Partial<typeof bookings.$inferInsert> = {}) {
  const coachRow = await createUser(db, { role: 'coach' })
  const clientRow = await createUser(db, { role: 'client', coachId: coachRow.id })
  const startsAt = new Date(Date.now() + startsIn)
  const booking = await insertBooking(db, {
    coachId: coachRow.id,
    clientId: clientRow.id,
    startsAt,
    ...values,
  })
  return { coach: actorOf(coachRow), client: actorOf(clientRow), booking }
}

const consent = (client: Actor, bookingId: string, granted: boolean) =>
  recordRecordingConsent(
    db,
    client,
    recordingConsentSchema.parse({
      bookingId,
      granted: String(granted),
      textVersion: recordingConsentText.version,
      locale: 'de',
    }),
    meta,
  )

const seconds = (at: Date) => Math.floor(at.getTime() / 1000)
const recordingStarts = () => fake.requests.filter((r) => r.path.endsWith('/recordings/start'))
const recordingsOf = (bookingId: string) =>
  db.select().from(sessionRecordings).where(eq(sessionRecordings.bookingId, bookingId))
const auditOf = (bookingId: string, action: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, bookingId), eq(auditLog.action, action)))

describe('R5.1 one private Daily room per video booking', () => {
  it('is created once: private, two people, open 15 min before the start until 30 min after the end', async () => {
    const { coach, client, booking } = await world()
    await joinVideoSession(db, coach, booking.id, new Date(), meta)
    await joinVideoSession(db, client, booking.id, new Date(), meta)
    await ensureVideoRoom(db, booking.id, new Date())

    const creates = fake.requests.filter((r) => r.method === 'POST' && r.path === '/rooms')
    expect(creates).toHaveLength(1)
    expect(creates[0]!.authorization).toBe(`Bearer ${fake.key}`)
    const name = `mialma-local-${booking.id}`
    expect(creates[0]!.body).toEqual({
      name,
      privacy: 'private',
      properties: {
        nbf: seconds(new Date(booking.startsAt.getTime() - 15 * MINUTE)),
        exp: seconds(new Date(booking.endsAt.getTime() + 30 * MINUTE)),
        eject_at_room_exp: true,
        max_participants: 2,
        enable_recording: 'cloud-audio-only',
        enable_prejoin_ui: true,
        lang: 'de',
        // R5.1 / issue 15.6: media in the EU (Frankfurt).
        geo: 'eu-central-1',
      },
    })
    const [room] = await db.select().from(videoRooms).where(eq(videoRooms.bookingId, booking.id))
    expect(room).toMatchObject({
      roomName: name,
      roomUrl: `https://${fake.domain}.daily.co/${name}`,
      expiresAt: new Date(booking.endsAt.getTime() + 30 * MINUTE),
    })
  })

  it('no room for an in-person, pending or cancelled booking', async () => {
    for (const values of [
      { mode: 'in_person' as const },
      { status: 'pending' as const },
      { status: 'cancelled' as const },
    ]) {
      const { coach, booking } = await world(5 * MINUTE, values)
      const error = await rejection(joinVideoSession(db, coach, booking.id, new Date(), meta))
      expect(error).toBeInstanceOf(values.mode ? ConflictError : NotFoundError)
    }
    expect(fake.requests).toEqual([])
  })
})

describe("R5.1 meeting tokens only for the booking's parties, only inside the window", () => {
  it('coach → moderator token, client → participant token; both expire with the room; audited', async () => {
    const { coach, client, booking } = await world()
    const exp = seconds(new Date(booking.endsAt.getTime() + 30 * MINUTE))

    // Since #15 nobody is a Daily owner (owners can always record); the coach moderates.
    const asCoach = await joinVideoSession(db, coach, booking.id, new Date(), meta)
    expect(asCoach).toMatchObject({ isOwner: true, recordingAllowed: false })
    expect(decodeToken(asCoach.token)).toMatchObject({
      room_name: `mialma-local-${booking.id}`,
      is_owner: false,
      user_id: coach.userId,
      exp,
      permissions: { canAdmin: ['participants'] },
    })

    const asClient = await joinVideoSession(db, client, booking.id, new Date(), meta)
    expect(asClient.roomUrl).toBe(asCoach.roomUrl)
    expect(asClient.isOwner).toBe(false)
    expect(decodeToken(asClient.token)).toMatchObject({ is_owner: false, user_id: client.userId, exp })

    const audits = await auditOf(booking.id, 'video.joined')
    expect(audits.map((a) => [a.actorId, a.details])).toEqual(
      expect.arrayContaining([
        [coach.userId, { owner: true }],
        [client.userId, { owner: false }],
      ]),
    )
  })

  it('another client, another coach, a forged id → NotFound, and nothing reaches Daily', async () => {
    const { booking } = await world()
    const other = await world()
    const forged = crypto.randomUUID()
    for (const [actor, id] of [
      [other.client, booking.id],
      [other.coach, booking.id],
      [other.client, forged],
    ] as const) {
      expect(await rejection(joinVideoSession(db, actor, id, new Date(), meta))).toBeInstanceOf(NotFoundError)
      expect(await rejection(getVideoSession(db, actor, id, new Date()))).toBeInstanceOf(NotFoundError)
    }
    expect(fake.requests).toEqual([])
    expect(await auditOf(booking.id, 'video.joined')).toEqual([])
  })

  it('before the window and after it → refused with when the room opens / that it closed', async () => {
    const early = await world(60 * MINUTE)
    const before = await rejection(joinVideoSession(db, early.client, early.booking.id, new Date(), meta))
    expect(before).toBeInstanceOf(ConflictError)
    expect(messageOf(before)).toMatch(/öffnet 15 Minuten vor Beginn/)

    // Ended 31 minutes ago: the room closed a minute ago.
    const late = await world(-91 * MINUTE)
    const after = await rejection(joinVideoSession(db, late.coach, late.booking.id, new Date(), meta))
    expect(after).toBeInstanceOf(ConflictError)
    expect(messageOf(after)).toMatch(/vorbei/)

    // The edges: 16 minutes before → closed; 14 minutes before → open.
    const edge = await world(16 * MINUTE)
    await expect(joinVideoSession(db, edge.coach, edge.booking.id, new Date(), meta)).rejects.toThrow(
      ConflictError,
    )
    const inTime = new Date(edge.booking.startsAt.getTime() - 14 * MINUTE)
    await expect(joinVideoSession(db, edge.coach, edge.booking.id, inTime, meta)).resolves.toMatchObject({
      isOwner: true,
    })
    expect(fake.requests.filter((r) => r.path === '/meeting-tokens')).toHaveLength(1)
  })

  it('without DAILY_API_KEY: "Video ist nicht konfiguriert", and the page data says so', async () => {
    dailyMock.client = null
    const { client, booking } = await world()
    const error = await rejection(joinVideoSession(db, client, booking.id, new Date(), meta))
    expect(error).toBeInstanceOf(VideoNotConfiguredError)
    expect(messageOf(error)).toMatch(/Video ist nicht konfiguriert/)
    expect(await getVideoSession(db, client, booking.id, new Date())).toMatchObject({
      configured: false,
      role: 'client',
      recording: false,
    })
  })
})

describe("R5.3 R9.3 recording only with the client's consent, checked at the start", () => {
  it('without consent → refused and no request reached Daily; after a yes → started; after a no → refused again', async () => {
    const { coach, client, booking } = await world()
    await joinVideoSession(db, coach, booking.id, new Date(), meta)
    const before = fake.requests.length

    const refused = await rejection(startRecording(db, coach, booking.id, new Date(), meta))
    expect(refused).toBeInstanceOf(ConflictError)
    expect((refused as Error).message).toBe(NO_RECORDING_CONSENT)
    expect(fake.requests.length).toBe(before)
    expect(recordingStarts()).toEqual([])
    expect(await recordingsOf(booking.id)).toEqual([])

    // An explicit no is a no too.
    await consent(client, booking.id, false)
    await expect(startRecording(db, coach, booking.id, new Date(), meta)).rejects.toThrow(
      NO_RECORDING_CONSENT,
    )
    expect(recordingStarts()).toEqual([])

    await consent(client, booking.id, true)
    const view = await getVideoSession(db, coach, booking.id, new Date())
    expect(view).toMatchObject({ recordingConsent: true, recording: false })
    const row = await startRecording(db, coach, booking.id, new Date(), meta)
    expect(row).toMatchObject({ bookingId: booking.id, source: 'daily', status: 'recording' })
    expect(recordingStarts()).toHaveLength(1)
    expect(recordingStarts()[0]).toMatchObject({
      path: `/rooms/mialma-local-${booking.id}/recordings/start`,
      body: { type: 'cloud-audio-only' },
      status: 200,
    })
    expect(await auditOf(booking.id, 'recording.started')).toHaveLength(1)
    expect((await getVideoSession(db, client, booking.id, new Date())).recording).toBe(true)

    // Twice: refused, nothing more at Daily.
    expect(messageOf(await rejection(startRecording(db, coach, booking.id, new Date(), meta)))).toMatch(
      /läuft bereits/,
    )
    expect(recordingStarts()).toHaveLength(1)

    await stopRecording(db, coach, booking.id, new Date(), meta)
    expect(fake.requests.filter((r) => r.path.endsWith('/recordings/stop'))).toHaveLength(1)
    // Left to the pipeline's webhook (status stays 'recording'), but no longer running: it has a duration.
    expect((await recordingsOf(booking.id))[0]).toMatchObject({
      status: 'recording',
      dailyRecordingId: null,
      durationSeconds: expect.any(Number),
    })
    expect((await getVideoSession(db, coach, booking.id, new Date())).recording).toBe(false)

    // Consent withdrawn: refused again, nothing at Daily.
    await consent(client, booking.id, false)
    await expect(startRecording(db, coach, booking.id, new Date(), meta)).rejects.toThrow(
      NO_RECORDING_CONSENT,
    )
    expect(recordingStarts()).toHaveLength(1)
    expect(await recordingsOf(booking.id)).toHaveLength(1)
  })

  it('R5.3 issue 15.1 the coach’s token may record from inside the call only with consent at join time', async () => {
    const { coach, client, booking } = await world()
    const canAdmin = (token: string) => (decodeToken(token).permissions as { canAdmin: string[] }).canAdmin

    const without = await joinVideoSession(db, coach, booking.id, new Date(), meta)
    expect(decodeToken(without.token).is_owner).toBe(false)
    expect(canAdmin(without.token)).not.toContain('streaming')

    await consent(client, booking.id, true)
    const withConsent = await joinVideoSession(db, coach, booking.id, new Date(), meta)
    expect(withConsent.recordingAllowed).toBe(true)
    expect(canAdmin(withConsent.token)).toEqual(['participants', 'streaming'])
    // The client never gets recording rights.
    const asClient = await joinVideoSession(db, client, booking.id, new Date(), meta)
    expect(canAdmin(asClient.token)).toEqual([])
    expect(decodeToken(asClient.token).is_owner).toBe(false)

    await consent(client, booking.id, false)
    const withdrawn = await joinVideoSession(db, coach, booking.id, new Date(), meta)
    expect(canAdmin(withdrawn.token)).not.toContain('streaming')
  })

  it('consent for another session of the same client does not count', async () => {
    const { coach, client, booking } = await world()
    const [second] = await db
      .insert(bookings)
      .values({
        ...booking,
        id: undefined,
        startsAt: new Date(booking.startsAt.getTime() + 86_400_000),
        endsAt: new Date(booking.endsAt.getTime() + 86_400_000),
        blockedFrom: new Date(booking.startsAt.getTime() + 86_400_000),
        blockedUntil: new Date(booking.endsAt.getTime() + 86_400_000),
      })
      .returning()
    await consent(client, second!.id, true)
    await expect(startRecording(db, coach, booking.id, new Date(), meta)).rejects.toThrow(
      NO_RECORDING_CONSENT,
    )
    expect(recordingStarts()).toEqual([])
  })

  it("only the booking's coach, only inside the window", async () => {
    const { coach, client, booking } = await world()
    await consent(client, booking.id, true)
    const other = await world()
    expect(await rejection(startRecording(db, client, booking.id, new Date(), meta))).toBeInstanceOf(
      AuthorizationError,
    )
    expect(await rejection(startRecording(db, other.coach, booking.id, new Date(), meta))).toBeInstanceOf(
      NotFoundError,
    )
    const afterWindow = new Date(booking.endsAt.getTime() + 31 * MINUTE)
    expect(await rejection(startRecording(db, coach, booking.id, afterWindow, meta))).toBeInstanceOf(
      ConflictError,
    )
    expect(recordingStarts()).toEqual([])
    expect(await recordingsOf(booking.id)).toEqual([])
  })

  it('a no during the recording stops it at Daily (what the consent action does after a withdrawal)', async () => {
    const { coach, client, booking } = await world()
    await consent(client, booking.id, true)
    await startRecording(db, coach, booking.id, new Date(), meta)
    await consent(client, booking.id, false)
    expect(await stopActiveRecording(db, booking.id, new Date())).toBe(true)
    expect(fake.requests.filter((r) => r.path.endsWith('/recordings/stop'))).toHaveLength(1)
    expect((await getVideoSession(db, client, booking.id, new Date())).recording).toBe(false)
    // Nothing running any more: a second call does nothing.
    expect(await stopActiveRecording(db, booking.id, new Date())).toBe(false)
    expect(fake.requests.filter((r) => r.path.endsWith('/recordings/stop'))).toHaveLength(1)
  })

  it('Daily refusing the start writes nothing', async () => {
    const { coach, client, booking } = await world()
    await consent(client, booking.id, true)
    await ensureVideoRoom(db, booking.id, new Date())
    fake.failWith({ status: 500, error: 'server-error', info: 'boom' })
    await expect(startRecording(db, coach, booking.id, new Date(), meta)).rejects.toThrow('boom')
    expect(await recordingsOf(booking.id)).toEqual([])
    expect(await auditOf(booking.id, 'recording.started')).toEqual([])
  })

  it("recording consent for someone else's booking is refused (NotFound), nothing written", async () => {
    const { booking } = await world()
    const other = await world()
    await expect(consent(other.client, booking.id, true)).rejects.toThrow(NotFoundError)
    expect((await getVideoSession(db, other.coach, other.booking.id, new Date())).recordingConsent).toBe(
      false,
    )
  })
})

describe('tests/fakes/daily.ts speaks the Daily contract the app relies on', () => {
  it('recordings: access link → download (audio/webm), list by room, delete; a wrong key → 401', async () => {
    const daily = buildDaily(fake.key, fake.url)
    const recording = fake.addFinishedRecording('mialma-local-x', Buffer.from('OggS-ish bytes'))
    const link = await daily.recordingAccessLink(recording.id)
    const download = await fetch(link.download_link)
    expect(download.headers.get('content-type')).toBe('audio/webm')
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('OggS-ish bytes')
    const listed = (await (
      await fetch(`${fake.url}/recordings?room_name=mialma-local-x`, {
        headers: { authorization: `Bearer ${fake.key}` },
      })
    ).json()) as { data: { id: string }[] }
    expect(listed.data.map((r) => r.id)).toEqual([recording.id])
    expect(await daily.deleteRecording(recording.id)).toEqual({ deleted: true })
    await expect(daily.recordingAccessLink(recording.id)).rejects.toMatchObject({ status: 404 })
    await expect(buildDaily('wrong', fake.url).getRoom('x')).rejects.toMatchObject({ status: 401 })
  })

  it('signWebhook is base64(HMAC-SHA256(base64-decoded secret, "timestamp.body"))', async () => {
    const { createHmac } = await import('node:crypto')
    const secret = Buffer.from('a webhook secret').toString('base64')
    const body = '{"type":"recording.ready-to-download"}'
    expect(signWebhook(body, 1700000000, secret)).toBe(
      createHmac('sha256', Buffer.from('a webhook secret')).update(`1700000000.${body}`).digest('base64'),
    )
  })
})
