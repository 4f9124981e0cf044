import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { auditLog, users } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import {
  isProcessingRestricted,
  processingRestrictedSince,
  setProcessingRestriction,
} from '@/lib/consent/restriction'
import type { Actor } from '@/lib/auth/types'
import { AuthorizationError } from '@/lib/auth/types'
import { recordingConsentSchema } from '@/lib/consent/schemas'
import { recordRecordingConsent } from '@/lib/consent/service'
import { recordingConsentText } from '@/lib/consent/texts'
import { ConflictError } from '@/lib/errors'
import type * as dailyModule from '@/lib/integrations/daily'
import { buildDaily, type DailyClient } from '@/lib/integrations/daily'
import {
  getVideoSession,
  joinVideoSession,
  PROCESSING_RESTRICTED,
  startRecording,
  stopRecording,
} from '@/lib/sessions/video'
import { type FakeDaily, startFakeDaily } from '../fakes/daily'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, insertBooking, rejection } from '../helpers/fixtures'

// R10.3: a switch (audited) that stops AI processing and new recordings while it is on.

const dailyMock = vi.hoisted(() => ({ client: null as DailyClient | null }))
vi.mock('@/lib/integrations/daily', async (importOriginal) => ({
  ...(await importOriginal<typeof dailyModule>()),
  dailyClient: () => dailyMock.client,
}))

const meta = { ip: '203.0.113.8', userAgent: 'vitest' }
let handle: DbHandle
let fake: FakeDaily
let db: Db
let coach: Actor
let client: Actor
let bookingId: string

beforeAll(async () => {
  ;[handle, fake] = await Promise.all([createTestDb(), startFakeDaily()])
  db = handle.db
  const coachRow = await createUser(db, { role: 'coach' })
  const clientRow = await createUser(db, { role: 'client', coachId: coachRow.id })
  coach = actorOf(coachRow)
  client = actorOf(clientRow)
  const booking = await insertBooking(db, {
    coachId: coach.userId,
    clientId: client.userId,
    startsAt: new Date(Date.now() + 5 * 60_000),
  })
  bookingId = booking.id
  await recordRecordingConsent(
    db,
    client,
    recordingConsentSchema.parse({
      bookingId,
      granted: 'true',
      textVersion: recordingConsentText.version,
      locale: 'de',
    }),
    meta,
  )
})
afterAll(async () => {
  await Promise.all([handle?.close(), fake?.close()])
})
beforeEach(() => {
  dailyMock.client = buildDaily(fake.key, fake.url)
})

const auditActions = async () =>
  (
    await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, client.userId), eq(auditLog.targetId, client.userId)))
      .orderBy(auditLog.id)
  ).map((r) => r.action)

describe('R10.3 restriction of processing', () => {
  it('on → isProcessingRestricted, recording start refused with a clear message and nothing sent to Daily', async () => {
    expect(await isProcessingRestricted(db, client.userId)).toBe(false)
    const at = new Date()
    expect(await setProcessingRestriction(db, client, { restricted: true }, at, meta)).toEqual({
      changed: true,
    })
    expect(await isProcessingRestricted(db, client.userId)).toBe(true)
    expect(await processingRestrictedSince(db, client)).toEqual(at)

    await joinVideoSession(db, coach, bookingId, new Date(), meta)
    const before = fake.requests.length
    const refused = await rejection(startRecording(db, coach, bookingId, new Date(), meta))
    expect(refused).toBeInstanceOf(ConflictError)
    expect((refused as Error).message).toBe(PROCESSING_RESTRICTED)
    expect(fake.requests.length).toBe(before)
    expect(await getVideoSession(db, client, bookingId, new Date())).toMatchObject({
      processingRestricted: true,
      recordingConsent: true,
    })
  })

  it('switching on twice writes nothing more; off → recording allowed again', async () => {
    expect(await setProcessingRestriction(db, client, { restricted: true }, new Date(), meta)).toEqual({
      changed: false,
    })
    expect(await setProcessingRestriction(db, client, { restricted: false }, new Date(), meta)).toEqual({
      changed: true,
    })
    expect(await isProcessingRestricted(db, client.userId)).toBe(false)
    expect((await getVideoSession(db, coach, bookingId, new Date())).processingRestricted).toBe(false)
    const row = await startRecording(db, coach, bookingId, new Date(), meta)
    expect(row).toMatchObject({ bookingId, status: 'recording' })
    await stopRecording(db, coach, bookingId, new Date(), meta)
  })

  it('each change is in the audit log: account.restricted, then account.unrestricted', async () => {
    expect(await auditActions()).toEqual(['account.restricted', 'account.unrestricted'])
  })

  it('only the client switches it, for themself; an unknown or deleted account counts as restricted', async () => {
    expect(await rejection(setProcessingRestriction(db, coach, { restricted: true }))).toBeInstanceOf(
      AuthorizationError,
    )
    expect(await isProcessingRestricted(db, crypto.randomUUID())).toBe(true)
    const gone = await createUser(db, { deletionRequestedAt: new Date() })
    expect(await isProcessingRestricted(db, gone.id)).toBe(true)
    const [row] = await db.select().from(users).where(eq(users.id, client.userId))
    expect(row!.processingRestrictedAt).toBeNull()
  })
})
