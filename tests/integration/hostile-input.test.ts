import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { NextRequest } from 'next/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Db, DbHandle } from '@/db/types'
import type * as localAuth from '@/lib/auth/local'
import {
  type ActionRef,
  callAction,
  ControlFlow,
  describeOutcome,
  digest,
  enumerateActions,
  enumerateRoutes,
  harness,
  installWriteCounter,
  type RouteRef,
  tableNames,
} from '../helpers/action-harness'
import { formBuilders, formOf, type Persona, seedWorld, type World } from '../helpers/authz-world'
import { createTestDb } from '../helpers/db'

vi.mock('@/db/client', async () => ({ getDb: (await import('../helpers/action-harness')).currentDb }))
vi.mock('@/lib/auth/local', async (importOriginal) => ({
  ...(await importOriginal<typeof localAuth>()),
  getLocalActor: async () => (await import('../helpers/action-harness')).harness.actor,
}))
vi.mock('next/headers', async () => (await import('../helpers/action-harness')).nextHeadersMock)
vi.mock('next/navigation', async () => (await import('../helpers/action-harness')).nextNavigationMock)
vi.mock('next/cache', async () => (await import('../helpers/action-harness')).nextCacheMock)
vi.mock('next-intl/server', () => ({ getTranslations: async () => (key: string) => key }))

/**
 * Per action: who posts (a persona allowed to use it) and the field that is always made invalid, so that even a
 * valid-looking rest of the form must change nothing. `null`: the action writes nothing whatever is posted.
 * "huge": the field gets more than 100 kB (past every length limit); otherwise it is prefixed with U+202E (RTL
 * override), which no id, enum, number, date or e-mail accepts.
 */
const plan: Record<string, { as: Persona; anchor: string | null; huge?: true }> = {
  saveEntryAction: { as: 'clientA', anchor: 'kind' },
  deleteEntryAction: { as: 'clientA', anchor: 'entryId' },
  setSharingAction: { as: 'clientA', anchor: 'entryId' },
  createPromptAction: { as: 'coachOfA', anchor: 'clientId' },
  deletePromptAction: { as: 'coachOfA', anchor: 'promptId' },
  requestAnalysisAction: { as: 'coachOfA', anchor: 'sourceId' },
  updateSectionAction: { as: 'coachOfA', anchor: 'analysisId' },
  approveAnalysisAction: { as: 'coachOfA', anchor: 'analysisId' },
  setAnalysisSharedAction: { as: 'coachOfA', anchor: 'analysisId' },
  maskTokenAction: { as: 'coachOfA', anchor: 'token', huge: true },
  sendReviewedAction: { as: 'coachOfA', anchor: 'analysisId' },
  setReviewSettingAction: { as: 'coachOfA', anchor: 'review' },
  signInAction: { as: 'anonymous', anchor: 'email' },
  signOutAction: { as: 'anonymous', anchor: null },
  setLocaleAction: { as: 'anonymous', anchor: null },
  updateProfileAction: { as: 'clientA', anchor: 'locale' },
  setRestrictionAction: { as: 'clientA', anchor: 'restricted' },
  deleteAccountAction: { as: 'clientA', anchor: 'confirmation' },
  deleteClientAccountAction: { as: 'coachOfA', anchor: 'clientId' },
  createTestAccountAction: { as: 'clientA', anchor: 'name', huge: true },
  uploadSessionFileAction: { as: 'coachOfA', anchor: 'bookingId' },
  setTranscriptSharedAction: { as: 'coachOfA', anchor: 'bookingId' },
  retryRecordingAction: { as: 'coachOfA', anchor: 'recordingId' },
  moveSessionIntoPastAction: { as: 'coachOfA', anchor: 'bookingId' },
  joinVideoAction: { as: 'clientA', anchor: 'bookingId' },
  recordingAction: { as: 'coachOfA', anchor: 'bookingId' },
  recordingConsentAction: { as: 'clientA', anchor: 'bookingId' },
  transcriptionConsentAction: { as: 'clientA', anchor: 'bookingId' },
  prepareAudioUploadAction: { as: 'coachOfA', anchor: 'bookingId' },
  registerAudioUploadAction: { as: 'coachOfA', anchor: 'ticket', huge: true },
  subscribeAction: { as: 'clientA', anchor: 'planId' },
  manageAction: { as: 'clientA', anchor: null },
  localPortalAction: { as: 'clientA', anchor: 'choice' },
  savePlanAction: { as: 'coachOfA', anchor: 'sessionTypeId' },
  togglePlanAction: { as: 'coachOfA', anchor: 'id' },
  payTestCheckoutAction: { as: 'clientA', anchor: 'checkoutId' },
  bookAction: { as: 'clientA', anchor: 'sessionTypeId' },
  cancelAction: { as: 'clientA', anchor: 'bookingId' },
  rescheduleAction: { as: 'clientA', anchor: 'bookingId' },
  saveSessionTypeAction: { as: 'coachOfA', anchor: 'mode' },
  toggleSessionTypeAction: { as: 'coachOfA', anchor: 'id' },
  saveWeekAction: { as: 'coachOfA', anchor: 'day1' },
  saveSettingsAction: { as: 'coachOfA', anchor: 'slotStepMinutes' },
  addExceptionAction: { as: 'coachOfA', anchor: 'date' },
  deleteExceptionAction: { as: 'coachOfA', anchor: 'id' },
  setConsentAction: { as: 'clientA', anchor: 'purpose' },
  createQuestionnaireAction: { as: 'coachOfA', anchor: 'title', huge: true },
  saveQuestionnaireMetaAction: { as: 'coachOfA', anchor: 'questionnaireId' },
  saveQuestionAction: { as: 'coachOfA', anchor: 'questionnaireId' },
  questionCommandAction: { as: 'coachOfA', anchor: 'questionId' },
  setArchivedAction: { as: 'coachOfA', anchor: 'questionnaireId' },
  deleteQuestionnaireAction: { as: 'coachOfA', anchor: 'questionnaireId' },
  assignAction: { as: 'coachOfA', anchor: 'clientId' },
  saveAnswersAction: { as: 'clientA', anchor: 'assignmentId' },
}

const NUM_RUNS = 200
const HUGE = 'x'.repeat(100_001)

let handle: DbHandle
let db: Db
let world: World
let tables: string[]
let actions: ActionRef[]
let routes: RouteRef[]
/** Rows written so far (tests/helpers/action-harness.ts): one tiny query per case instead of a digest. */
let writes: () => Promise<number>

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  harness.db = db
  world = await seedWorld(db, new Date())
  tables = await tableNames(db)
  writes = await installWriteCounter(db, tables)
  actions = await enumerateActions()
  routes = await enumerateRoutes()
  // The actions log failures by class; thousands of lines would only hide the result.
  for (const level of ['log', 'info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(() => undefined)
}, 120_000)
afterAll(async () => {
  vi.restoreAllMocks()
  await handle?.close()
})

/** Values nobody should be able to post successfully (and some that look valid, belonging to someone else). */
function hostileValue(w: World): fc.Arbitrary<string | Blob> {
  const ids = [
    w.b.actor.userId,
    w.b.entryId,
    w.b.pastBookingId,
    w.b.futureBookingId,
    w.b.assignmentId,
    w.b.analysisId,
    w.a.actor.userId,
  ]
  return fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.string({ unit: 'binary', maxLength: 50 }), // includes lone surrogates
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\u200b\u200d\ufeff',
      '\u202e\u202dgnp.exe',
      '\ud800',
      '\udfff',
      '😀👩‍👩‍👧‍👦🇨🇭',
      "' OR 1=1; --",
      "'); DROP TABLE users; --",
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      'javascript:alert(1)',
      '../../etc/passwd',
      '${7*7}{{7*7}}',
      'NaN',
      'Infinity',
      '-1',
      '-0',
      '1e309',
      '9'.repeat(400),
      '-9223372036854775809',
      '0x10',
      'true',
      'null',
      'undefined',
      '[object Object]',
      '{"a":1}',
      '2031-02-30',
      '2031-01-06T09:00:00',
      '//evil.example',
      // Redirect targets (issue 16.1): a tab or newline inside, a backslash, dot segments that collapse to //.
      '/\t/evil.example',
      '/x\nLocation: https://evil.example',
      '/\\evil.example',
      '/.//evil.example',
      HUGE,
    ),
    fc.uuid(),
    fc.constantFrom(...ids),
    fc.integer().map(String),
    fc.double().map(String),
    fc.bigInt().map(String),
    fc.constant(new File(['x'], 'x.txt', { type: 'text/plain' })),
    fc.constant(new Blob([new Uint8Array([0, 255, 0])])),
  )
}

type Case = {
  fields: Record<string, { omit: boolean; value: string | Blob | null }>
  anchor: string
  extra: string
}

function caseArb(w: World, keys: string[]): fc.Arbitrary<Case> {
  const field = fc.record({
    omit: fc.boolean(),
    value: fc.option(hostileValue(w), { nil: null, freq: 3 }), // null: keep the valid-looking value
  })
  return fc.record({
    fields: fc.record(Object.fromEntries(keys.map((k) => [k, field]))),
    anchor: fc.oneof(fc.string({ maxLength: 40 }), fc.uuid(), fc.constantFrom(w.a.actor.userId, w.b.entryId)),
    extra: fc.string({ maxLength: 20 }),
  })
}

function formFor(name: string, c: Case): FormData {
  const base = formBuilders[name]!(world)
  const { anchor, huge } = plan[name]!
  const values: Record<string, string | Blob> = {}
  for (const [k, v] of Object.entries(base)) {
    const f = c.fields[k]
    if (f?.omit && k !== anchor) continue
    values[k] = f?.value ?? v
  }
  if (anchor) values[anchor] = huge ? HUGE + c.anchor : `\u202e${c.anchor}`
  const form = formOf(values)
  form.append(c.extra || 'extra', 'überzählig')
  form.append(Object.keys(values)[0] ?? 'dup', 'doppelt') // a duplicate key
  return form
}

describe('R14.1 hostile input: every server action, ≥ 200 generated cases each', () => {
  it('R14.1 every enumerated server action has a hostile-input plan', () => {
    const missing = actions.map((a) => a.name).filter((n) => !plan[n] || !formBuilders[n])
    expect(missing, `add these server actions to the plan in ${__filename}`).toEqual([])
  })

  it('R14.1 the write counter sees a row updated to its own value (which the digest cannot see)', async () => {
    const before = await writes()
    const digestBefore = await digest(db, tables)
    await db.execute(sql`update users set email = email where id = ${world.a.actor.userId}`)
    expect(await writes()).toBe(before + 1)
    expect(await digest(db, tables)).toBe(digestBefore)
  })

  it('R14.1 bad input gets a clear answer or a redirect, never an unhandled error, and changes nothing', async () => {
    const baseline = await digest(db, tables)
    const written = await writes()
    let total = 0
    for (const action of actions) {
      const p = plan[action.name]
      if (!p) continue
      const keys = Object.keys(formBuilders[action.name]!(world))
      await fc.assert(
        fc.asyncProperty(caseArb(world, keys), async (c) => {
          const outcome = await callAction(action.fn, world.actors[p.as], formFor(action.name, c))
          total++
          if (outcome.kind === 'threw') throw new Error(`${action.name}: ${describeOutcome(outcome)}`)
          if (outcome.kind === 'control' && !['redirect', 'notFound'].includes(outcome.flow.kind))
            throw new Error(`${action.name}: ${describeOutcome(outcome)} for an allowed persona`)
          if ((await writes()) !== written)
            throw new Error(`${action.name}: the database changed (${describeOutcome(outcome)})`)
        }),
        { numRuns: NUM_RUNS, endOnFailure: true },
      )
      expect(await digest(db, tables), `${action.name}: the database changed`).toBe(baseline)
    }
    expect(total).toBeGreaterThanOrEqual(actions.length * NUM_RUNS)
    process.stdout.write(`hostile input (R14.1): ${total} cases over ${actions.length} server actions\n`)
  }, 600_000)

  it('R14.1 route handlers: 200 generated requests each get an answer (never an unhandled error) and change nothing', async () => {
    harness.actor = null
    const baseline = await digest(db, tables)
    const written = await writes()
    const bodies = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '',
        '{}',
        '[]',
        'null',
        '{"type":"checkout.session.completed"}',
        'action=scheduled&id=1',
        HUGE,
      ),
      fc.json(),
    )
    const headerValue = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('', 'Bearer x', 'v1=abc', 't=1,v1=00'),
    )
    let total = 0
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          bodies,
          fc.constantFrom(
            'application/json',
            'application/x-www-form-urlencoded',
            'text/plain',
            'multipart/form-data',
          ),
          headerValue,
          fc.string({ maxLength: 40 }),
          async (body, contentType, signature, query) => {
            const url = `http://localhost${route.key.split(' ')[1]}?format=${encodeURIComponent(query)}&token=${encodeURIComponent(query)}`
            const withBody = route.method !== 'GET' && route.method !== 'DELETE'
            const request = new NextRequest(url, {
              method: route.method,
              headers: {
                'content-type': contentType,
                authorization: signature,
                'stripe-signature': signature,
                'x-webhook-signature': signature,
                'x-webhook-timestamp': signature,
                'x-acuity-signature': signature,
                'svix-id': signature,
                'svix-timestamp': signature,
                'svix-signature': signature,
              },
              ...(withBody ? { body } : {}),
            })
            // Dynamic segments get a garbage value, whatever they are called.
            const params = new Proxy(
              {},
              { get: (_t, key) => (typeof key === 'string' ? query || 'x' : undefined) },
            )
            let status: number
            try {
              status = (await route.fn(request, { params: Promise.resolve(params) })).status
            } catch (error) {
              if (error instanceof ControlFlow) status = 307
              else
                throw new Error(`${route.key}: threw ${error instanceof Error ? error.name : String(error)}`)
            }
            total++
            // 503 is the deliberate "not configured here" answer; 500 would be an unhandled error.
            if (status === 500) throw new Error(`${route.key}: answered 500`)
            if ((await writes()) !== written) throw new Error(`${route.key}: the database changed`)
          },
        ),
        { numRuns: NUM_RUNS, endOnFailure: true },
      )
      expect(await digest(db, tables), `${route.key}: the database changed`).toBe(baseline)
    }
    expect(total).toBeGreaterThanOrEqual(routes.length * NUM_RUNS)
    process.stdout.write(`hostile input (R14.1): ${total} requests over ${routes.length} route handlers\n`)
  }, 600_000)
})
