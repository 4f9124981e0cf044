import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { aiAnalyses, aiTransmissions, auditLog, users } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { changeConsent } from '@/lib/ai/cancel'
import { runAnalysis, splitByTurns } from '@/lib/ai/pipeline'
import { processQueuedAnalyses, setReviewBeforeSending } from '@/lib/ai/review'
import {
  AiNotConfiguredError,
  approveAnalysis,
  ConsentMissingError,
  ProcessingRestrictedError,
  draftsForCoach,
  enqueueAutoSummary,
  getAnalysisForCoach,
  requestAnalysis,
  setAnalysisShared,
  sharedSummaryForClient,
  transmissionsForClient,
  updateSection,
} from '@/lib/ai/service'
import type { Actor } from '@/lib/auth/types'
import { consentChangeSchema, type Purpose } from '@/lib/consent/schemas'
import { setConsent } from '@/lib/consent/service'
import { consentTexts } from '@/lib/consent/texts'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { type AiClient, createMistralClient } from '@/lib/integrations/ai'
import { questionInputSchema } from '@/lib/questionnaires/schemas'
import {
  addQuestion,
  assignQuestionnaire,
  createQuestionnaire,
  getAssignmentForClient,
  saveAnswers,
} from '@/lib/questionnaires/service'
import { saveTranscript } from '@/lib/sessions/transcript-store'
import { type FakeMistral, startFakeMistral } from '../fakes/mistral'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, insertBooking, rejection } from '../helpers/fixtures'

// R7.1–R7.6: consent gates at the moment of sending, pseudonymised text only, structured output validated,
// coach review → approve → share, a transmission record per call. The real SDK talks to tests/fakes/mistral.ts.

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

// Identifiers the database knows (seeded) and ones only the text carries: none may reach the provider.
const CLIENT = { name: 'Martina Zwahlen', email: 'martina.zwahlen@beispiel.ch', phone: '+41 79 412 83 56' }
const TRANSCRIPT = [
  { speaker: 'Corinne Gerber', start: 0, end: 4, text: 'Wie geht es dir seit letzter Woche, Martina?' },
  {
    speaker: 'Martina Zwahlen',
    start: 4,
    end: 20,
    text: 'Schlecht. Mein Bruder Valon ruft dauernd an, und Herr Schneebeli bei der SBB will, dass ich Nacht arbeite. Ruf mich unter 079 412 83 56 an oder schreib an martina.zwahlen@beispiel.ch.',
  },
]
const LEAKS = [
  'Martina',
  'Zwahlen',
  'Corinne',
  'Gerber',
  'Valon',
  'Schneebeli',
  '412 83 56',
  'martina.zwahlen@',
]

function change(purpose: Purpose, granted: boolean) {
  return consentChangeSchema.parse({
    purpose,
    granted: String(granted),
    textVersion: consentTexts[purpose].version,
    locale: 'de',
  })
}

async function grant(client: Actor, purposes: Purpose[]) {
  for (const p of purposes) await setConsent(db, client, change(p, true), meta)
}

async function clientWithSession(purposes: Purpose[] = ['ai_transcripts', 'ai_external_provider']) {
  const row = await createUser(db, {
    ...CLIENT,
    email: `${crypto.randomUUID().slice(0, 6)}-${CLIENT.email}`,
    coachId: coach.userId,
  })
  const client = actorOf(row)
  const booking = await insertBooking(db, {
    coachId: coach.userId,
    clientId: row.id,
    startsAt: new Date(Date.UTC(2030, 4, 1) + slot++ * 7_200_000),
  })
  await saveTranscript(db, { bookingId: booking.id, source: 'upload', segments: TRANSCRIPT, language: 'de' })
  await grant(client, purposes)
  return { client, bookingId: booking.id, ref: { kind: 'transcript' as const, bookingId: booking.id } }
}

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  fake = await startFakeMistral({ slowMs: 1_500 })
  ai = createMistralClient({ apiKey: 'test-key', serverURL: fake.url, model: 'mistral-small-latest' })
  coach = actorOf(await createUser(db, { role: 'coach', name: 'Corinne Gerber' }))
  otherCoach = actorOf(await createUser(db, { role: 'coach', name: 'Thomas Brunner' }))
  // These tests cover the direct path (the practice turned the review off); tests/integration/ai-review.test.ts
  // covers the review before sending, which is on by default (R7.7).
  await setReviewBeforeSending(db, coach, false)
  await setReviewBeforeSending(db, otherCoach, false)
})
afterAll(async () => {
  await fake?.close()
  await handle?.close()
})
beforeEach(() => {
  fake.reset()
})

describe('R7.2 R7.3 the pipeline', () => {
  it('sends only pseudonymised text with the JSON schema to the EU-compatible endpoint, and stores a re-identified draft', async () => {
    const { client, ref } = await clientWithSession()
    const outcome = await requestAnalysis(db, coach, ref, { client: ai, now: NOW, meta })
    expect(outcome).toEqual({ status: 'draft' })

    expect(fake.requests).toHaveLength(1)
    const sent = fake.receivedText()
    for (const leak of LEAKS) expect(sent).not.toContain(leak)
    expect(sent).toMatch(/\[PERSON_\d+\]/)
    expect(sent).toContain('Schlecht.')
    expect(fake.requests[0]!.authorization).toBe('Bearer test-key')
    expect(fake.requests[0]!.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { strict: true },
    })

    const view = await getAnalysisForCoach(db, coach, ref, NOW)
    expect(view.status).toBe('draft')
    // The fake quoted placeholders; the coach sees the originals again.
    expect(view.content!.summary).not.toMatch(/\[[A-Z]+_\d+\]/)
    expect(view.content!.themes).toContain('Schlaf')

    const [row] = await db.select().from(aiAnalyses).where(eq(aiAnalyses.id, view.id!))
    expect(row!.draftEnc!.startsWith('enc1.')).toBe(true)
    expect(row!.draftEnc).not.toContain('Schlaf')
    expect(client.userId).toBe(row!.clientId)
  })

  it('R7.5 records each transmission with model, characters, placeholders and the consent rows — never the text', async () => {
    const { client, ref } = await clientWithSession()
    await requestAnalysis(db, coach, ref, { client: ai, now: NOW })
    const records = await transmissionsForClient(db, client)
    expect(records).toHaveLength(1)
    const [record] = records
    expect(record).toMatchObject({ purpose: 'transcript', model: 'mistral-small-latest', outcome: 'ok' })
    expect(record!.charsSent).toBeGreaterThan(100)
    expect(record!.placeholders).toBeGreaterThanOrEqual(4)
    expect(record!.consentEventIds).toHaveLength(2)
    const [raw] = await db.select().from(aiTransmissions).where(eq(aiTransmissions.id, record!.id))
    expect(JSON.stringify(raw)).not.toMatch(/Schlecht|Valon|PERSON_/)
  })

  it('splits a long transcript by speaker turns and merges the parts', () => {
    const turns = Array.from({ length: 50 }, (_, i) => `Sprecher ${i}: ${'x'.repeat(100)}`).join('\n')
    const parts = splitByTurns(turns, 1_000)
    expect(parts.length).toBeGreaterThan(5)
    expect(parts.every((p) => p.length <= 1_000)).toBe(true)
    expect(parts.join('\n')).toBe(turns)
  })
})

describe('R7.1 consent matrix — checked where the data leaves', () => {
  const combos: [boolean, boolean, boolean][] = []
  for (const c1 of [false, true])
    for (const c2 of [false, true]) for (const c3 of [false, true]) combos.push([c1, c2, c3])

  it.each(combos)(
    'C1=%s C2=%s C3=%s: transcript and questionnaire sent only with their consents',
    async (c1, c2, c3) => {
      const purposes: Purpose[] = [
        ...(c1 ? (['ai_transcripts'] as const) : []),
        ...(c2 ? (['ai_questionnaires'] as const) : []),
        ...(c3 ? (['ai_external_provider'] as const) : []),
      ]
      const { client, ref } = await clientWithSession(purposes)
      const transcript = await rejection(requestAnalysis(db, coach, ref, { client: ai, now: NOW })).catch(
        () => null,
      )
      const transcriptSent = fake.requests.length === 1
      expect(transcriptSent).toBe(c1 && c3)
      if (!(c1 && c3)) {
        expect(transcript).toBeInstanceOf(ConsentMissingError)
        expect((transcript as ConsentMissingError).missing).toEqual([
          ...(c1 ? [] : ['ai_transcripts']),
          ...(c3 ? [] : ['ai_external_provider']),
        ])
      }

      fake.requests.length = 0
      const questionnaire = await submittedQuestionnaire(client)
      const result = await requestAnalysis(db, coach, questionnaire, { client: ai, now: NOW }).catch(
        (e: unknown) => e,
      )
      expect(fake.requests.length === 1).toBe(c2 && c3)
      if (c2 && c3) {
        expect(result).toEqual({ status: 'draft' })
        expect(fake.receivedText()).not.toContain('Valon')
      } else expect(result).toBeInstanceOf(ConsentMissingError)
    },
  )

  it('a withdrawal between queueing and sending cancels the work; nothing is sent', async () => {
    const { client, bookingId, ref } = await clientWithSession()
    await db.insert(aiAnalyses).values({
      clientId: client.userId,
      coachId: coach.userId,
      sourceKind: 'transcript',
      bookingId,
      status: 'queued',
    })

    await changeConsent(db, client, change('ai_external_provider', false), meta)
    const [row] = await db.select().from(aiAnalyses).where(eq(aiAnalyses.bookingId, bookingId))
    expect(row!.status).toBe('cancelled')
    expect(await processQueuedAnalyses(db, { client: ai, now: NOW })).toEqual([])
    expect(fake.requests).toHaveLength(0)
    expect((await getAnalysisForCoach(db, coach, ref, NOW)).blockedBy.missingConsents).toEqual([
      'ai_external_provider',
    ])
  })

  it('consent withdrawn after queueing but before the run (no cancel hook): the run itself refuses to send', async () => {
    const { client, bookingId } = await clientWithSession()
    const [row] = await db
      .insert(aiAnalyses)
      .values({
        clientId: client.userId,
        coachId: coach.userId,
        sourceKind: 'transcript',
        bookingId,
        status: 'queued',
      })
      .returning()
    // Withdrawal recorded "later" than the queueing, evaluated at the moment of sending.
    await setConsent(db, client, change('ai_transcripts', false), meta)
    await db.update(aiAnalyses).set({ status: 'queued' }).where(eq(aiAnalyses.id, row!.id))
    expect(await runAnalysis(db, row!.id, { client: ai, now: new Date() })).toEqual({
      status: 'cancelled',
      failureCode: 'consent_missing',
    })
    expect(fake.requests).toHaveLength(0)
  })
})

async function submittedQuestionnaire(client: Actor) {
  const { id } = await createQuestionnaire(db, coach, { title: 'Check-in', description: null })
  await addQuestion(db, coach, {
    questionnaireId: id,
    question: questionInputSchema.parse({ kind: 'text', prompt: 'Was beschäftigt dich?', required: 'on' }),
  })
  const assignment = await assignQuestionnaire(
    db,
    coach,
    { questionnaireId: id, clientId: client.userId, dueDate: null },
    NOW,
  )
  const view = await getAssignmentForClient(db, client, assignment.id)
  await saveAnswers(
    db,
    client,
    {
      assignmentId: assignment.id,
      answers: { [view.questions[0]!.id]: 'Mein Bruder Valon setzt mich unter Druck.' },
      intent: 'submit',
    },
    NOW,
  )
  return { kind: 'questionnaire' as const, assignmentId: assignment.id }
}

describe('R7.3 invalid output, timeouts and provider errors: a visible failed state, nothing half-stored', () => {
  it.each([
    ['bad_json', 'invalid_output'],
    ['wrong_schema', 'invalid_output'],
  ] as const)('%s → %s, then a retry succeeds', async (mode, code) => {
    const { ref } = await clientWithSession()
    fake.next(mode)
    expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW })).toEqual({
      status: 'failed',
      failureCode: code,
    })
    const failed = await getAnalysisForCoach(db, coach, ref, NOW)
    expect(failed).toMatchObject({ status: 'failed', failureCode: code, content: null })
    const [row] = await db.select().from(aiAnalyses).where(eq(aiAnalyses.id, failed.id!))
    expect(row!.draftEnc).toBeNull()

    expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW })).toEqual({ status: 'draft' })
  })

  // The production schedule (500 ms doubling-ish up to 15 s in all) shortened: the same retries, not the waiting.
  const quickRetries = { backoff: { initialInterval: 20, maxInterval: 100, maxElapsedTime: 1_500 } }

  it('429 and 5xx are retried with backoff; persistent errors end as failed', async () => {
    const { ref } = await clientWithSession()
    fake.next('error_429', 'error_500')
    expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW })).toEqual({ status: 'draft' })
    expect(fake.requests).toHaveLength(3)

    const second = await clientWithSession()
    fake.next(...Array<'error_500'>(40).fill('error_500'))
    const quick = createMistralClient({
      ...quickRetries,
      apiKey: 'k',
      serverURL: fake.url,
      model: 'mistral-small-latest',
    })
    const outcome = await requestAnalysis(db, coach, second.ref, { client: quick, now: NOW })
    expect(outcome).toEqual({ status: 'failed', failureCode: 'provider_error' })
  }, 60_000)

  it('a timeout fails visibly', async () => {
    const { ref } = await clientWithSession()
    const quick = createMistralClient({
      ...quickRetries,
      apiKey: 'k',
      serverURL: fake.url,
      model: 'mistral-small-latest',
    })
    const impatient: AiClient = {
      ...quick,
      completeJson: (input) => quick.completeJson({ ...input, timeoutMs: 200 }),
    }
    fake.next('slow', 'slow', 'slow', 'slow', 'slow', 'slow', 'slow', 'slow')
    const outcome = await requestAnalysis(db, coach, ref, { client: impatient, now: NOW })
    expect(outcome.status).toBe('failed')
    expect(['timeout', 'provider_error']).toContain(outcome.failureCode)
  }, 60_000)
})

describe('R7.4 R7.6 review, approval, sharing and authorisation', () => {
  it('the coach edits section by section, approves and shares; the client sees only the shared approved version', async () => {
    const { client, bookingId, ref } = await clientWithSession()
    await requestAnalysis(db, coach, ref, { client: ai, now: NOW })
    const view = await getAnalysisForCoach(db, coach, ref, NOW)
    expect(await sharedSummaryForClient(db, client, bookingId)).toBeNull()
    expect((await draftsForCoach(db, coach)).map((d) => d.id)).toContain(view.id)

    await updateSection(db, coach, {
      analysisId: view.id!,
      section: 'summary',
      value: 'Von der Coachin überarbeitet.',
    })
    await updateSection(db, coach, {
      analysisId: view.id!,
      section: 'actionItems',
      value: '- Spaziergang\n\n• Tagebuch',
    })
    expect(
      await rejection(setAnalysisShared(db, coach, { analysisId: view.id!, shared: true })),
    ).toBeInstanceOf(ConflictError)

    await approveAnalysis(db, coach, view.id!, meta, NOW)
    // The draft is still not visible until shared.
    expect(await sharedSummaryForClient(db, client, bookingId)).toBeNull()
    await setAnalysisShared(db, coach, { analysisId: view.id!, shared: true }, meta, NOW)
    const shared = await sharedSummaryForClient(db, client, bookingId)
    expect(shared).toMatchObject({
      summary: 'Von der Coachin überarbeitet.',
      actionItems: ['Spaziergang', 'Tagebuch'],
    })

    // A new edit after approval is a draft: the client keeps seeing the approved text.
    await updateSection(db, coach, { analysisId: view.id!, section: 'summary', value: 'Neuer Entwurf' })
    expect((await sharedSummaryForClient(db, client, bookingId))!.summary).toBe(
      'Von der Coachin überarbeitet.',
    )

    const audits = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'ai_analysis'), eq(auditLog.targetId, view.id!)))
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['ai.requested', 'ai.approved', 'ai.shared', 'ai.viewed']),
    )
  })

  it('another coach, and a client, get nothing; a second request does not overwrite a draft', async () => {
    const { client, ref } = await clientWithSession()
    expect(await rejection(requestAnalysis(db, otherCoach, ref, { client: ai }))).toBeInstanceOf(
      NotFoundError,
    )
    expect(await rejection(getAnalysisForCoach(db, otherCoach, ref))).toBeInstanceOf(NotFoundError)
    await requestAnalysis(db, coach, ref, { client: ai, now: NOW })
    const { id } = await getAnalysisForCoach(db, coach, ref)
    expect(
      await rejection(updateSection(db, otherCoach, { analysisId: id!, section: 'summary', value: 'x' })),
    ).toBeInstanceOf(NotFoundError)
    expect(await rejection(approveAnalysis(db, client, id!))).toBeDefined()
    expect(await rejection(requestAnalysis(db, coach, ref, { client: ai }))).toBeInstanceOf(ConflictError)
    expect(fake.requests).toHaveLength(1)
  })

  it('R10.3 a client who restricts processing gets no AI processing, also for queued work', async () => {
    const { client, bookingId, ref } = await clientWithSession()
    await db.update(users).set({ processingRestrictedAt: NOW }).where(eq(users.id, client.userId))
    expect(await rejection(requestAnalysis(db, coach, ref, { client: ai, now: NOW }))).toBeInstanceOf(
      ProcessingRestrictedError,
    )
    expect((await getAnalysisForCoach(db, coach, ref, NOW)).blockedBy.restricted).toBe(true)
    const [queued] = await db
      .insert(aiAnalyses)
      .values({
        clientId: client.userId,
        coachId: coach.userId,
        sourceKind: 'transcript',
        bookingId,
        status: 'queued',
      })
      .returning()
    expect(await runAnalysis(db, queued!.id, { client: ai, now: NOW })).toEqual({
      status: 'cancelled',
      failureCode: 'restricted',
    })
    expect(fake.requests).toHaveLength(0)
  })

  it('without AI configuration the request explains itself and nothing is stored', async () => {
    const { ref } = await clientWithSession()
    expect(await rejection(requestAnalysis(db, coach, ref, { client: null }))).toBeInstanceOf(
      AiNotConfiguredError,
    )
    expect((await getAnalysisForCoach(db, coach, ref)).status).toBe('none')
    // Nothing is queued automatically after a transcription either.
    expect(await enqueueAutoSummary(db, ref.bookingId, NOW)).toBe(false)
  })
})
