import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { aiAnalyses, aiTransmissions, auditLog, bookings, users } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import {
  maskReviewToken,
  processQueuedAnalyses,
  sendReviewedAnalysis,
  setReviewBeforeSending,
  TokenNotInTextError,
} from '@/lib/ai/review'
import { getAnalysisForCoach, requestAnalysis, transmissionsForClient } from '@/lib/ai/service'
import type { Actor } from '@/lib/auth/types'
import { consentChangeSchema, type Purpose } from '@/lib/consent/schemas'
import { setConsent } from '@/lib/consent/service'
import { consentTexts } from '@/lib/consent/texts'
import { AppError, NotFoundError } from '@/lib/errors'
import { type AiClient, createMistralClient } from '@/lib/integrations/ai'
import { loadMapping } from '@/lib/privacy/store'
import { saveTranscript } from '@/lib/sessions/transcript-store'
import { type FakeMistral, startFakeMistral } from '../fakes/mistral'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, insertBooking, rejection } from '../helpers/fixtures'

// R7.7: the coach sees exactly what will leave and may mask what still identifies someone; "Senden" only from
// there. R7.1 at the moment of sending, not only at review. R7.5: the transmission record is written before the
// request (pending), completed after it, and notes the review and the masked tokens.

// Consents are granted at the database's clock and hold 3 years (R9.2): the tests' now is a week from today.
const NOW = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 7 * 86_400_000)
const meta = { ip: '203.0.113.9', userAgent: 'vitest' }
let handle: DbHandle
let db: Db
let fake: FakeMistral
let ai: AiClient
let coach: Actor
let otherCoach: Actor
let slot = 0

// "Quarnström" is a made-up surname no rule can know: the detector leaves it and lists it as a suspect.
const TRANSCRIPT = [
  { speaker: 'Corinne Gerber', start: 0, end: 4, text: 'Wie geht es dir seit letzter Woche, Martina?' },
  {
    speaker: 'Martina Zwahlen',
    start: 4,
    end: 20,
    text: 'Schlecht. Mein Bruder Valon ruft dauernd an, und ich habe mit Quarnström über die Arbeit geredet. Das Gespräch mit Quarnström war schwierig.',
  },
]

async function grant(client: Actor, purposes: Purpose[], granted = true) {
  for (const purpose of purposes)
    await setConsent(
      db,
      client,
      consentChangeSchema.parse({
        purpose,
        granted: String(granted),
        textVersion: consentTexts[purpose].version,
        locale: 'de',
      }),
      meta,
    )
}

async function clientWithSession() {
  const row = await createUser(db, {
    name: 'Martina Zwahlen',
    email: `${crypto.randomUUID().slice(0, 6)}@beispiel.ch`,
    coachId: coach.userId,
  })
  const client = actorOf(row)
  const booking = await insertBooking(db, {
    coachId: coach.userId,
    clientId: row.id,
    startsAt: new Date(Date.UTC(2030, 4, 1) + slot++ * 7_200_000),
  })
  await saveTranscript(db, { bookingId: booking.id, source: 'upload', segments: TRANSCRIPT, language: 'de' })
  await grant(client, ['ai_transcripts', 'ai_external_provider'])
  return { client, ref: { kind: 'transcript' as const, bookingId: booking.id } }
}

async function queue(bookingId: string) {
  const [booking] = await db.select().from(bookings).where(eq(bookings.id, bookingId))
  await db.insert(aiAnalyses).values({
    clientId: booking!.clientId!,
    coachId: booking!.coachId,
    sourceKind: 'transcript',
    bookingId,
    status: 'queued',
  })
}

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  fake = await startFakeMistral()
  ai = createMistralClient({ apiKey: 'test-key', serverURL: fake.url, model: 'mistral-small-latest' })
  coach = actorOf(await createUser(db, { role: 'coach', name: 'Corinne Gerber' }))
  otherCoach = actorOf(await createUser(db, { role: 'coach', name: 'Thomas Brunner' }))
})
afterAll(async () => {
  await fake?.close()
  await handle?.close()
})
beforeEach(() => fake.reset())

describe('R7.7 review before sending', () => {
  it('R7.7 on by default: a request parks the pseudonymised text for review and sends nothing', async () => {
    const { ref } = await clientWithSession()
    expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW, meta })).toEqual({
      status: 'review',
    })
    expect(fake.requests).toHaveLength(0)
    const view = await getAnalysisForCoach(db, coach, ref, NOW)
    expect(view.status).toBe('review')
    expect(view.reviewBeforeSending).toBe(true)
    const review = view.review!
    expect(review.text).toMatch(/\[PERSON_\d+\]/)
    for (const leak of ['Martina', 'Zwahlen', 'Corinne', 'Gerber', 'Valon'])
      expect(review.text).not.toContain(leak)
    // The leftover name is listed, at its place in the text the coach sees.
    const suspect = review.suspects.find((s) => s.value === 'Quarnström')!
    expect(suspect).toBeDefined()
    expect(review.text.slice(suspect.start, suspect.end)).toBe('Quarnström')
    // The text waits encrypted: the row does not carry it readable.
    const [row] = await db.select().from(aiAnalyses).where(eq(aiAnalyses.id, view.id!))
    expect(row!.reviewEnc).not.toContain('Quarnström')
  })

  it('R7.7 the coach masks a leftover name everywhere, it joins the mapping, and "Senden" sends exactly the reviewed text', async () => {
    const { client, ref } = await clientWithSession()
    await requestAnalysis(db, coach, ref, { client: ai, now: NOW })
    const { id } = await getAnalysisForCoach(db, coach, ref, NOW)
    expect(
      await rejection(maskReviewToken(db, coach, { analysisId: id!, token: 'Nirgendwo' })),
    ).toBeInstanceOf(TokenNotInTextError)
    expect(
      await rejection(maskReviewToken(db, otherCoach, { analysisId: id!, token: 'Quarnström' })),
    ).toBeInstanceOf(NotFoundError)
    expect(await maskReviewToken(db, coach, { analysisId: id!, token: 'quarnström' }, meta)).toEqual({
      status: 'review',
    })
    const review = (await getAnalysisForCoach(db, coach, ref, NOW)).review!
    expect(review.text).not.toMatch(/quarnström/i)
    expect(review.masked).toBe(1)
    const mapping = await loadMapping(db, client.userId)
    expect(mapping.entries.find((e) => e.value.toLowerCase() === 'quarnström')).toMatchObject({
      masked: true,
    })
    // The audit says a token was masked, never which.
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'ai.token_masked'))
    expect(JSON.stringify(audit)).not.toMatch(/quarnström/i)

    expect(await sendReviewedAnalysis(db, coach, id!, { client: ai, now: NOW, meta })).toEqual({
      status: 'draft',
    })
    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]!.body.messages!.find((m) => m.role === 'user')!.content).toBe(review.text)
    expect(fake.receivedText()).not.toMatch(/quarnström|Martina|Valon/i)
    const [record] = await transmissionsForClient(db, client)
    expect(record).toMatchObject({ outcome: 'ok', reviewed: true, maskedTokens: 1 })
    const [row] = await db.select().from(aiAnalyses).where(eq(aiAnalyses.id, id!))
    expect(row!.reviewEnc).toBeNull()
  })

  it('R7.1 R7.7 consent and restriction are checked again when "Senden" is pressed', async () => {
    const first = await clientWithSession()
    await requestAnalysis(db, coach, first.ref, { client: ai, now: NOW })
    const firstId = (await getAnalysisForCoach(db, coach, first.ref, NOW)).id!
    await grant(first.client, ['ai_external_provider'], false)
    expect(await sendReviewedAnalysis(db, coach, firstId, { client: ai, now: new Date() })).toEqual({
      status: 'cancelled',
      failureCode: 'consent_missing',
    })
    const second = await clientWithSession()
    await requestAnalysis(db, coach, second.ref, { client: ai, now: NOW })
    const secondId = (await getAnalysisForCoach(db, coach, second.ref, NOW)).id!
    await db.update(users).set({ processingRestrictedAt: NOW }).where(eq(users.id, second.client.userId))
    expect(await sendReviewedAnalysis(db, coach, secondId, { client: ai, now: NOW })).toEqual({
      status: 'cancelled',
      failureCode: 'restricted',
    })
    expect(fake.requests).toHaveLength(0)
    // Nothing to send any more: the review is over, its text gone.
    expect(await rejection(sendReviewedAnalysis(db, coach, firstId, { client: ai }))).toBeInstanceOf(AppError)
    const [row] = await db.select().from(aiAnalyses).where(eq(aiAnalyses.id, firstId))
    expect(row!.reviewEnc).toBeNull()
  })

  it('R7.7 the sweeper parks an automatic summary for review; with the review turned off it sends at once', async () => {
    const { ref } = await clientWithSession()
    // As enqueueAutoSummary leaves it after a transcription (it needs MISTRAL_* set, which tests don't).
    await queue(ref.bookingId)
    expect(await processQueuedAnalyses(db, { client: ai, now: NOW })).toEqual([{ status: 'review' }])
    expect(fake.requests).toHaveLength(0)
    await setReviewBeforeSending(db, coach, false, meta)
    const next = await clientWithSession()
    await queue(next.ref.bookingId)
    expect(await processQueuedAnalyses(db, { client: ai, now: NOW })).toEqual([{ status: 'draft' }])
    expect(fake.requests).toHaveLength(1)
    const [record] = await transmissionsForClient(db, next.client)
    expect(record).toMatchObject({ reviewed: false, maskedTokens: 0 })
    await setReviewBeforeSending(db, coach, true, meta)
  })
})

describe('R7.5 transmission record first', () => {
  it('R7.5 the record is pending while the request is out, and a crash during the call leaves it failed', async () => {
    const { client, ref } = await clientWithSession()
    await requestAnalysis(db, coach, ref, { client: ai, now: NOW })
    const { id } = await getAnalysisForCoach(db, coach, ref, NOW)
    let seenWhileSending: string[] = []
    const crashing: AiClient = {
      ...ai,
      provider: 'mistral',
      model: 'mistral-small-latest',
      completeJson: async () => {
        const rows = await db
          .select()
          .from(aiTransmissions)
          .where(eq(aiTransmissions.clientId, client.userId))
        seenWhileSending = rows.map((r) => r.outcome)
        throw new TypeError('socket hang up in the middle of the response')
      },
    }
    await expect(sendReviewedAnalysis(db, coach, id!, { client: crashing, now: NOW })).rejects.toThrow(
      TypeError,
    )
    expect(seenWhileSending).toEqual(['pending'])
    const records = await transmissionsForClient(db, client)
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ outcome: 'failed', reviewed: true })
  })
})
