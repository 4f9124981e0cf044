import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Db, DbHandle } from '@/db/types'
import type * as localAuth from '@/lib/auth/local'
import {
  type ActionRef,
  callAction,
  describeOutcome,
  digest,
  enumerateActions,
  harness,
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
  signInAction: { as: 'anonymous', anchor: 'email' },
  signOutAction: { as: 'anonymous', anchor: null },
  setLocaleAction: { as: 'anonymous', anchor: null },
  updateProfileAction: { as: 'clientA', anchor: 'locale' },
  setRestrictionAction: { as: 'clientA', anchor: 'restricted' },
  deleteAccountAction: { as: 'clientA', anchor: 'confirmation' },
  createTestAccountAction: { as: 'anonymous', anchor: 'name', huge: true },
  uploadSessionFileAction: { as: 'coachOfA', anchor: 'bookingId' },
  setTranscriptSharedAction: { as: 'coachOfA', anchor: 'bookingId' },
  retryRecordingAction: { as: 'coachOfA', anchor: 'recordingId' },
  joinVideoAction: { as: 'clientA', anchor: 'bookingId' },
  recordingAction: { as: 'coachOfA', anchor: 'bookingId' },
  recordingConsentAction: { as: 'clientA', anchor: 'bookingId' },
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

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  harness.db = db
  world = await seedWorld(db, new Date())
  tables = await tableNames(db)
  actions = await enumerateActions()
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

  it('R14.1 bad input gets a clear answer or a redirect, never an unhandled error, and changes nothing', async () => {
    const baseline = await digest(db, tables)
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
          const after = await digest(db, tables)
          if (after !== baseline)
            throw new Error(`${action.name}: the database changed (${describeOutcome(outcome)})`)
        }),
        { numRuns: NUM_RUNS, endOnFailure: true },
      )
    }
    expect(total).toBeGreaterThanOrEqual(actions.length * NUM_RUNS)
    process.stdout.write(`hostile input (R14.1): ${total} cases over ${actions.length} server actions\n`)
  }, 600_000)
})
