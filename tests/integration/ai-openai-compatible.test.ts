import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { aiAnalyses, aiTransmissions } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { sendReviewedAnalysis, setReviewBeforeSending } from '@/lib/ai/review'
import { getAnalysisForCoach, requestAnalysis, transmissionsForClient } from '@/lib/ai/service'
import type { Actor } from '@/lib/auth/types'
import { consentChangeSchema, type Purpose } from '@/lib/consent/schemas'
import { consentEvidence, consentOverview, setConsent } from '@/lib/consent/service'
import { consentTexts } from '@/lib/consent/texts'
import {
  type AiClient,
  type AiRecipient,
  createOpenAiCompatibleClient,
  MISTRAL_EU_RECIPIENT,
} from '@/lib/integrations/ai'
import { saveTranscript } from '@/lib/sessions/transcript-store'
import { type FakeFlavour, type FakeOpenAiServer, startFakeOpenAiServer } from '../fakes/openai-compatible'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, insertBooking } from '../helpers/fixtures'

// Issue 20, R7.1–R7.5, R9.1: the whole summary pipeline over the OpenAI chat-completions format, against fakes
// that answer like Ollama and like vLLM (tests/fakes/openai-compatible.ts) — pseudonymised text only, JSON schema
// where the server takes it, JSON mode where it does not, one more try when the model ignores the schema,
// 429/503 retried, a record naming provider, host and recipient — and a C3 that must name this recipient.

// Consents are granted at the database's clock and hold 3 years (R9.2): the tests' now is a week from today.
const NOW = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 7 * 86_400_000)
const meta = { ip: '203.0.113.9', userAgent: 'vitest' }
const PRACTICE: AiRecipient = {
  name: 'Praxis Sonnenberg GmbH',
  shortName: 'Praxis Sonnenberg GmbH',
  country: 'CH',
  hosting: 'own',
}
const TRANSCRIPT = [
  { speaker: 'Corinne Gerber', start: 0, end: 4, text: 'Wie geht es dir seit letzter Woche, Martina?' },
  {
    speaker: 'Martina Zwahlen',
    start: 4,
    end: 20,
    text: 'Schlecht. Mein Bruder Valon ruft dauernd an, und Herr Schneebeli bei der SBB will, dass ich Nacht arbeite. Ruf mich unter 079 412 83 56 an oder schreib an martina.zwahlen@beispiel.ch.',
  },
]
const LEAKS = ['Martina', 'Zwahlen', 'Corinne', 'Gerber', 'Valon', 'Schneebeli', '412 83 56', 'zwahlen@']

let handle: DbHandle
let db: Db
let coach: Actor
let slot = 0

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  coach = actorOf(await createUser(db, { role: 'coach', name: 'Corinne Gerber' }))
  await setReviewBeforeSending(db, coach, false)
})
afterAll(async () => {
  await handle?.close()
})

async function grant(client: Actor, purposes: Purpose[], recipient: AiRecipient) {
  for (const purpose of purposes)
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
      recipient,
    )
}

async function clientWithSession(recipient: AiRecipient = PRACTICE) {
  const row = await createUser(db, {
    name: 'Martina Zwahlen',
    email: `${crypto.randomUUID().slice(0, 6)}-martina.zwahlen@beispiel.ch`,
    phone: '+41 79 412 83 56',
    coachId: coach.userId,
  })
  const client = actorOf(row)
  const booking = await insertBooking(db, {
    coachId: coach.userId,
    clientId: row.id,
    startsAt: new Date(Date.UTC(2030, 4, 1) + slot++ * 7_200_000),
  })
  await saveTranscript(db, { bookingId: booking.id, source: 'upload', segments: TRANSCRIPT, language: 'de' })
  await grant(client, ['ai_transcripts', 'ai_external_provider'], recipient)
  return { client, ref: { kind: 'transcript' as const, bookingId: booking.id } }
}

async function records(clientId: string) {
  return db
    .select()
    .from(aiTransmissions)
    .where(eq(aiTransmissions.clientId, clientId))
    .orderBy(aiTransmissions.sentAt)
}

describe.each<FakeFlavour>(['ollama', 'vllm'])(
  'issue 20 R7 the summary pipeline against a %s-shaped server',
  (flavour) => {
    let fake: FakeOpenAiServer
    let ai: AiClient
    const model = flavour === 'ollama' ? 'qwen2.5:7b' : 'Qwen/Qwen2.5-7B-Instruct'
    const apiKey = flavour === 'vllm' ? 'token-abc123' : undefined
    const clientFor = (server: FakeOpenAiServer, maxRetries?: number) =>
      createOpenAiCompatibleClient({ baseURL: server.url, apiKey, model, recipient: PRACTICE, maxRetries })

    beforeAll(async () => {
      fake = await startFakeOpenAiServer(flavour, { apiKey })
      ai = clientFor(fake)
    })
    afterAll(async () => {
      await fake?.close()
    })
    beforeEach(() => fake.reset())

    it('R7.2 R7.3 R7.5 sends only pseudonymised text with the JSON schema, stores a re-identified draft and a record naming provider, host and recipient', async () => {
      const { client, ref } = await clientWithSession()
      expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW })).toEqual({ status: 'draft' })

      expect(fake.requests).toHaveLength(1)
      const [request] = fake.requests
      expect(request!.authorization).toBe(apiKey ? `Bearer ${apiKey}` : undefined)
      expect(request!.body).toMatchObject({
        model,
        stream: false,
        response_format: { type: 'json_schema', json_schema: { name: 'coaching_summary', strict: true } },
      })
      expect(request!.body.response_format!.json_schema!.schema).toMatchObject({
        required: ['summary', 'themes', 'clientGoals', 'actionItems', 'openQuestions', 'nextFocus'],
      })
      const received = fake.receivedText()
      for (const leak of LEAKS) expect(received).not.toContain(leak)
      expect(received).toMatch(/\[PERSON_\d+\]/)

      const view = await getAnalysisForCoach(db, coach, ref, NOW)
      expect(view.status).toBe('draft')
      // The fake quoted placeholders; the coach reads the names again.
      expect(view.content!.summary).toMatch(/^(Corinne Gerber|Martina Zwahlen|Martina|Corinne)/)
      expect(view.content!.summary).not.toMatch(/\[[A-Z]+_\d+\]/)

      const [record] = await records(client.userId)
      expect(record).toMatchObject({
        provider: 'openai-compatible',
        host: new URL(fake.url).host,
        recipient: 'Praxis Sonnenberg GmbH (CH)',
        model,
        outcome: 'ok',
      })
      const shown = await transmissionsForClient(db, client)
      expect(shown[0]).toMatchObject({
        host: new URL(fake.url).host,
        recipient: 'Praxis Sonnenberg GmbH (CH)',
      })
    })

    it('R7.3 a model that ignores the schema once is asked once more, with the schema in the prompt; each attempt has its record', async () => {
      const { client, ref } = await clientWithSession()
      fake.next('drift')
      expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW })).toEqual({ status: 'draft' })
      expect(fake.requests).toHaveLength(2)
      const system = (i: number) => fake.requests[i]!.body.messages!.find((m) => m.role === 'system')!.content
      expect(system(0)).not.toContain('"additionalProperties":false')
      expect(system(1)).toContain('"additionalProperties":false')
      expect((await records(client.userId)).map((r) => r.outcome)).toEqual(['invalid_output', 'ok'])
    })

    it('R7.3 a model that ignores the schema twice ends as a visible failure, nothing stored', async () => {
      const { ref } = await clientWithSession()
      fake.next('prose', 'drift')
      expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW })).toEqual({
        status: 'failed',
        failureCode: 'invalid_output',
      })
      const view = await getAnalysisForCoach(db, coach, ref, NOW)
      expect(view).toMatchObject({ status: 'failed', content: null })
      const [row] = await db.select().from(aiAnalyses).where(eq(aiAnalyses.id, view.id!))
      expect(row!.draftEnc).toBeNull()
    })

    it('R7.3 an answer in a Markdown code fence is still read', async () => {
      const { ref } = await clientWithSession()
      fake.next('fenced')
      expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW })).toEqual({ status: 'draft' })
      expect(fake.requests).toHaveLength(1)
    })

    it('429 and 503 are retried (Retry-After honoured); a server that stays busy ends as rate_limited', async () => {
      const { ref } = await clientWithSession()
      fake.next('error_429', 'error_503')
      expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW })).toEqual({ status: 'draft' })
      expect(fake.requests).toHaveLength(3)

      const busy = await clientWithSession()
      fake.next('error_503', 'error_503', 'error_503')
      const outcome = await requestAnalysis(db, coach, busy.ref, { client: clientFor(fake, 1), now: NOW })
      expect(outcome).toEqual({ status: 'failed', failureCode: 'rate_limited' })
      expect((await records(busy.client.userId)).map((r) => r.outcome)).toEqual(['rate_limited'])

      const broken = await clientWithSession()
      fake.next('error_500', 'error_500', 'error_500')
      expect(await requestAnalysis(db, coach, broken.ref, { client: clientFor(fake, 1), now: NOW })).toEqual({
        status: 'failed',
        failureCode: 'provider_error',
      })
    }, 30_000)

    it('a wrong key or an unknown model fails at once as provider_error, not retried', async () => {
      const { ref } = await clientWithSession()
      const wrong = createOpenAiCompatibleClient({
        baseURL: fake.url,
        apiKey: flavour === 'vllm' ? 'wrong-key' : undefined,
        model: flavour === 'vllm' ? model : 'llama3.1:8b',
        recipient: PRACTICE,
      })
      expect(await requestAnalysis(db, coach, ref, { client: wrong, now: NOW })).toEqual({
        status: 'failed',
        failureCode: 'provider_error',
      })
      // vLLM refuses before reading the body (nothing recorded); Ollama answers 404 "try pulling it first" once.
      expect(fake.requests).toHaveLength(flavour === 'vllm' ? 0 : 1)
    })

    it('R7.3 a server without json_schema support: JSON mode with the schema in the prompt, validated like any answer', async () => {
      const old = await startFakeOpenAiServer(flavour, { apiKey, jsonSchema: 'refused' })
      try {
        const fallback = clientFor(old)
        const { ref } = await clientWithSession()
        expect(await requestAnalysis(db, coach, ref, { client: fallback, now: NOW })).toEqual({
          status: 'draft',
        })
        expect(old.requests.map((r) => r.body.response_format?.type)).toEqual(['json_schema', 'json_object'])
        const system = old.requests[1]!.body.messages!.find((m) => m.role === 'system')!.content
        expect(system).toContain('JSON-Schema')
        // The client remembers: the next call asks for JSON mode right away.
        const second = await clientWithSession()
        old.reset()
        expect(await requestAnalysis(db, coach, second.ref, { client: fallback, now: NOW })).toEqual({
          status: 'draft',
        })
        expect(old.requests.map((r) => r.body.response_format?.type)).toEqual(['json_object'])
      } finally {
        await old.close()
      }
    })

    it('R7.3 a small context window: the transcript is split by speaker turns and the parts merged', async () => {
      const small = createOpenAiCompatibleClient({
        baseURL: fake.url,
        apiKey,
        model,
        recipient: PRACTICE,
        maxCharsPerCall: 200,
      })
      const { client, ref } = await clientWithSession()
      expect(await requestAnalysis(db, coach, ref, { client: small, now: NOW })).toEqual({ status: 'draft' })
      const users = fake.requests.map((r) => r.body.messages!.find((m) => m.role === 'user')!.content)
      expect(users.length).toBeGreaterThanOrEqual(3)
      for (const part of users.slice(0, -1)) expect(part.length).toBeLessThanOrEqual(200)
      expect(users.at(-1)).toContain('Führe sie zu einer einzigen Antwort')
      expect((await records(client.userId)).length).toBe(users.length)
    })

    it('R7.7 with review on, the reviewed text is what the server receives', async () => {
      const { ref } = await clientWithSession()
      await setReviewBeforeSending(db, coach, true)
      try {
        expect(await requestAnalysis(db, coach, ref, { client: ai, now: NOW })).toEqual({ status: 'review' })
        expect(fake.requests).toHaveLength(0)
        const view = await getAnalysisForCoach(db, coach, ref, NOW)
        expect(await sendReviewedAnalysis(db, coach, view.id!, { client: ai, now: NOW })).toEqual({
          status: 'draft',
        })
        const user = fake.requests[0]!.body.messages!.find((m) => m.role === 'user')!.content
        expect(user).toBe(view.review!.text)
      } finally {
        await setReviewBeforeSending(db, coach, false)
      }
    })
  },
)

describe('issue 20 R9.1 R7.1 C3 names the recipient: another provider asks the client again', () => {
  let fake: FakeOpenAiServer
  beforeAll(async () => {
    fake = await startFakeOpenAiServer('ollama')
  })
  afterAll(async () => {
    await fake?.close()
  })

  it('a C3 grant given for Mistral AI does not let text go to the practice’s server; a new grant for it does', async () => {
    const ai = createOpenAiCompatibleClient({ baseURL: fake.url, model: 'qwen2.5:7b', recipient: PRACTICE })
    const { client, ref } = await clientWithSession(MISTRAL_EU_RECIPIENT)
    expect(
      await consentEvidence(db, client.userId, ['ai_external_provider'], NOW, MISTRAL_EU_RECIPIENT),
    ).toMatchObject({
      ok: true,
    })

    // The practice switched to its own server: the Mistral grant is stale.
    const stale = await consentEvidence(
      db,
      client.userId,
      ['ai_transcripts', 'ai_external_provider'],
      new Date(),
      PRACTICE,
    )
    expect(stale).toMatchObject({ ok: false, missing: ['ai_external_provider'] })
    const overview = await consentOverview(db, client, new Date(), PRACTICE)
    expect(overview.find((o) => o.purpose === 'ai_external_provider')).toMatchObject({
      granted: false,
      since: null,
      renew: true,
    })
    // C1 does not depend on the recipient.
    expect(overview.find((o) => o.purpose === 'ai_transcripts')).toMatchObject({
      granted: true,
      renew: false,
    })
    await expect(requestAnalysis(db, coach, ref, { client: ai, now: new Date() })).rejects.toMatchObject({
      code: 'ai.consentMissing',
    })
    expect(fake.requests).toHaveLength(0)

    // Asked again, the client agrees to the text naming the practice's server.
    await grant(client, ['ai_external_provider'], PRACTICE)
    const fresh = await consentOverview(db, client, new Date(), PRACTICE)
    expect(fresh.find((o) => o.purpose === 'ai_external_provider')).toMatchObject({
      granted: true,
      renew: false,
    })
    expect(await requestAnalysis(db, coach, ref, { client: ai, now: new Date() })).toEqual({
      status: 'draft',
    })
    expect(fake.requests).toHaveLength(1)
    // …and that grant in turn is not one for Mistral AI.
    expect(
      (await consentEvidence(db, client.userId, ['ai_external_provider'], new Date(), MISTRAL_EU_RECIPIENT))
        .ok,
    ).toBe(false)
  })
})
