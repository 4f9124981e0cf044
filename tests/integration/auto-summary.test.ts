import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { aiAnalyses, bookings, sessionRecordings } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { startAutoSummary } from '@/lib/ai/auto-summary'
import { setReviewBeforeSending } from '@/lib/ai/review'
import type { Actor } from '@/lib/auth/types'
import { consentChangeSchema, type Purpose } from '@/lib/consent/schemas'
import { setConsent } from '@/lib/consent/service'
import { consentTexts } from '@/lib/consent/texts'
import { NotFoundError } from '@/lib/errors'
import type * as mistralModule from '@/lib/integrations/ai'
import { type AiClient, createMistralClient } from '@/lib/integrations/ai'
import { sessionProgress, stageOf } from '@/lib/sessions/progress'
import { saveTranscript } from '@/lib/sessions/transcript-store'
import { type FakeMistral, startFakeMistral } from '../fakes/mistral'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, insertBooking, rejection } from '../helpers/fixtures'

// AI is "configured" (lib/env is read once): the client is the local Mistral fake.
const mistral = vi.hoisted(() => ({ client: null as AiClient | null }))
vi.mock('@/lib/integrations/ai', async (importOriginal) => ({
  ...(await importOriginal<typeof mistralModule>()),
  aiConfigured: () => true,
  aiClient: () => mistral.client,
}))

const meta = { ip: '203.0.113.9', userAgent: 'vitest' }
let handle: DbHandle
let db: Db
let fake: FakeMistral
let coach: Actor
let reviewingCoach: Actor
let slot = 0

const TRANSCRIPT = [
  { speaker: 'Coach', start: 0, end: 4, text: 'Wie war die Woche?' },
  { speaker: 'Klientin', start: 4, end: 12, text: 'Ich habe besser geschlafen und mehr Pausen gemacht.' },
]

async function session(forCoach: Actor, purposes: Purpose[] = ['ai_transcripts', 'ai_external_provider']) {
  const client = actorOf(await createUser(db, { coachId: forCoach.userId }))
  for (const purpose of purposes) {
    await setConsent(
      db,
      client,
      consentChangeSchema.parse({
        purpose,
        granted: 'true',
        textVersion: consentTexts[purpose].version,
        locale: 'de',
      }),
      meta,
    )
  }
  const booking = await insertBooking(db, {
    coachId: forCoach.userId,
    clientId: client.userId,
    startsAt: new Date(Date.UTC(2030, 4, 1) + slot++ * 7_200_000),
  })
  return booking.id
}

const statusOf = async (bookingId: string) =>
  (await db.select().from(aiAnalyses).where(eq(aiAnalyses.bookingId, bookingId)))[0]?.status ?? null

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  fake = await startFakeMistral()
  mistral.client = createMistralClient({ apiKey: 'test-key', serverURL: fake.url, model: 'mistral-small-latest' })
  coach = actorOf(await createUser(db, { role: 'coach', name: 'Corinne Gerber' }))
  reviewingCoach = actorOf(await createUser(db, { role: 'coach', name: 'Thomas Brunner' }))
  await setReviewBeforeSending(db, coach, false)
  await setReviewBeforeSending(db, reviewingCoach, true)
})
afterAll(async () => {
  await fake?.close()
  await handle?.close()
})

describe('R7 the summary starts as soon as the transcript is stored (the sweeper only retries)', () => {
  it('R7 transcript stored → draft ready without the sweeper, well within 60 s', async () => {
    const bookingId = await session(coach)
    const started = performance.now()
    await saveTranscript(db, { bookingId, source: 'gladia', segments: TRANSCRIPT, language: 'de' })
    expect(await startAutoSummary(db, bookingId)).toBe(true)
    const seconds = (performance.now() - started) / 1000
    expect(await statusOf(bookingId)).toBe('draft')
    expect(fake.requests).toHaveLength(1)
    expect(seconds).toBeLessThan(60)
    expect(await sessionProgress(db, coach, bookingId)).toBe('draft')
  })

  it('R7.7 a coach who reviews before sending gets the review at once; nothing is sent yet', async () => {
    const bookingId = await session(reviewingCoach)
    const before = fake.requests.length
    await saveTranscript(db, { bookingId, source: 'gladia', segments: TRANSCRIPT, language: 'de' })
    expect(await startAutoSummary(db, bookingId)).toBe(true)
    expect(await statusOf(bookingId)).toBe('review')
    expect(fake.requests.length).toBe(before)
    expect(await sessionProgress(db, reviewingCoach, bookingId)).toBe('review')
  })

  it('R7.1 without consent nothing is queued or sent', async () => {
    const bookingId = await session(coach, ['ai_transcripts'])
    const before = fake.requests.length
    await saveTranscript(db, { bookingId, source: 'gladia', segments: TRANSCRIPT, language: 'de' })
    expect(await startAutoSummary(db, bookingId)).toBe(false)
    expect(await statusOf(bookingId)).toBeNull()
    expect(fake.requests.length).toBe(before)
    expect(await sessionProgress(db, coach, bookingId)).toBe('transcribed')
  })
})

describe('R6.3 R7 the coach sees the progress: waiting → transcribing → summarising → draft ready', () => {
  it('R6.3 follows the recording and the analysis, for the booking’s coach only', async () => {
    const bookingId = await session(coach)
    expect(await sessionProgress(db, coach, bookingId)).toBe('idle')
    const [recording] = await db
      .insert(sessionRecordings)
      .values({ bookingId, source: 'upload', status: 'stored' })
      .returning()
    expect(await sessionProgress(db, coach, bookingId)).toBe('waiting')
    await db
      .update(sessionRecordings)
      .set({ status: 'transcribing' })
      .where(eq(sessionRecordings.id, recording!.id))
    expect(await sessionProgress(db, coach, bookingId)).toBe('transcribing')
    await saveTranscript(db, { bookingId, source: 'gladia', segments: TRANSCRIPT, language: 'de' })
    await db.insert(aiAnalyses).values({
      clientId: await clientOf(bookingId),
      coachId: coach.userId,
      sourceKind: 'transcript',
      bookingId,
      status: 'running',
    })
    expect(await sessionProgress(db, coach, bookingId)).toBe('summarising')
    await db.update(aiAnalyses).set({ status: 'draft' }).where(eq(aiAnalyses.bookingId, bookingId))
    expect(await sessionProgress(db, coach, bookingId)).toBe('draft')

    expect(await rejection(sessionProgress(db, reviewingCoach, bookingId))).toBeInstanceOf(NotFoundError)
  })

  it('R6.3 a failed step stops the steps; nothing moving means the page stops asking', () => {
    expect(stageOf({ recording: 'failed', transcript: false, analysis: null })).toBe('failed')
    expect(stageOf({ recording: 'transcribed', transcript: true, analysis: 'failed' })).toBe('failed')
    expect(stageOf({ recording: null, transcript: true, analysis: 'approved' })).toBe('draft')
  })
})

async function clientOf(bookingId: string): Promise<string> {
  const [row] = await db
    .select({ clientId: bookings.clientId })
    .from(bookings)
    .where(eq(bookings.id, bookingId))
  return row!.clientId!
}
