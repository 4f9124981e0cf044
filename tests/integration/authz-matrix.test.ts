import { NextRequest } from 'next/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Db, DbHandle } from '@/db/types'
import type * as localAuth from '@/lib/auth/local'
import {
  type ActionRef,
  callAction,
  currentDb,
  describeOutcome,
  diffSnapshots,
  enumerateActions,
  enumerateRoutes,
  fullSnapshot,
  harness,
  inRollback,
  type Outcome,
  type RouteRef,
  tableNames,
} from '../helpers/action-harness'
import {
  buildForm,
  formBuilders,
  PERSONAS,
  type Persona,
  seedWorld,
  type World,
} from '../helpers/authz-world'
import { createTestDb } from '../helpers/db'

// The real action code runs; only the edges Next.js provides at request time are replaced.
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
 * What each persona may do with each action, aimed at client A's data (the forms of tests/helpers/authz-world):
 * - allow: may read and write A's data (the owner, or the coach of A);
 * - deny: nothing changes anywhere and no canary of A comes back;
 * - own: may change its own rows (its profile, its consent, its booking with coach A…), never a row of A's, and
 *   no canary of A comes back.
 */
type Expect = 'allow' | 'deny' | 'own'
const E = (anonymous: Expect, clientA: Expect, clientB: Expect, coachOfA: Expect, coachOfNobody: Expect) => ({
  anonymous,
  clientA,
  clientB,
  coachOfA,
  coachOfNobody,
})
const clientOnly = E('deny', 'allow', 'deny', 'deny', 'deny')
const coachOnly = E('deny', 'deny', 'deny', 'allow', 'deny')
const clientSelf = E('deny', 'allow', 'own', 'deny', 'deny')
const coachSelf = E('deny', 'deny', 'deny', 'allow', 'own')
const everyone = E('own', 'allow', 'own', 'own', 'own')

const actionExpectations: Record<string, Record<Persona, Expect>> = {
  saveEntryAction: clientOnly,
  deleteEntryAction: clientOnly,
  setSharingAction: clientOnly,
  createPromptAction: coachOnly,
  deletePromptAction: coachOnly,
  requestAnalysisAction: coachOnly,
  updateSectionAction: coachOnly,
  approveAnalysisAction: coachOnly,
  setAnalysisSharedAction: coachOnly,
  // R7.7: masking and sending act on the coach's own client's analysis; the review setting is the coach's own.
  maskTokenAction: coachOnly,
  sendReviewedAction: coachOnly,
  setReviewSettingAction: coachSelf,
  // Public by nature: a failed sign-in is counted (rate limit).
  signInAction: everyone,
  signOutAction: everyone,
  setLocaleAction: everyone,
  // Local mode only, and signed in only (issue 16.5): open to the network it handed anyone an account.
  createTestAccountAction: E('deny', 'own', 'own', 'own', 'own'),
  updateProfileAction: E('deny', 'allow', 'own', 'own', 'own'),
  setRestrictionAction: clientSelf,
  deleteAccountAction: clientSelf,
  // R10.2: the coach of A may delete A's account; nobody else, and no client deletes another.
  deleteClientAccountAction: coachOnly,
  uploadSessionFileAction: coachOnly,
  setTranscriptSharedAction: coachOnly,
  retryRecordingAction: coachOnly,
  moveSessionIntoPastAction: coachOnly,
  joinVideoAction: E('deny', 'allow', 'deny', 'allow', 'deny'),
  recordingAction: coachOnly,
  recordingConsentAction: clientOnly,
  transcriptionConsentAction: clientOnly,
  prepareAudioUploadAction: coachOnly,
  registerAudioUploadAction: coachOnly,
  subscribeAction: clientSelf,
  manageAction: clientSelf,
  localPortalAction: clientSelf,
  savePlanAction: coachOnly,
  togglePlanAction: coachOnly,
  payTestCheckoutAction: clientOnly,
  bookAction: clientSelf,
  cancelAction: E('deny', 'allow', 'deny', 'allow', 'deny'),
  rescheduleAction: clientOnly,
  saveSessionTypeAction: coachOnly,
  toggleSessionTypeAction: coachOnly,
  saveWeekAction: coachSelf,
  saveSettingsAction: coachSelf,
  addExceptionAction: coachSelf,
  deleteExceptionAction: coachOnly,
  setConsentAction: clientSelf,
  createQuestionnaireAction: coachSelf,
  saveQuestionnaireMetaAction: coachOnly,
  saveQuestionAction: coachOnly,
  questionCommandAction: coachOnly,
  setArchivedAction: coachOnly,
  deleteQuestionnaireAction: coachOnly,
  assignAction: coachOnly,
  saveAnswersAction: clientOnly,
}

/** Route handlers: the request each persona sends (none of them carries a valid signature or cron secret). */
const routeRequests: Record<
  string,
  { request: () => Request; context?: () => unknown; expect: Record<Persona, Expect> }
> = {
  'GET /api/cron/booking-reminders': {
    request: () =>
      new Request('http://localhost/api/cron/booking-reminders', {
        headers: { authorization: 'Bearer undefined' },
      }),
    expect: E('deny', 'deny', 'deny', 'deny', 'deny'),
  },
  'GET /api/cron/daily': {
    request: () => new Request('http://localhost/api/cron/daily', { headers: { authorization: 'Bearer x' } }),
    expect: E('deny', 'deny', 'deny', 'deny', 'deny'),
  },
  'GET /api/cron/retention': {
    request: () =>
      new Request('http://localhost/api/cron/retention', { headers: { authorization: 'Bearer x' } }),
    expect: E('deny', 'deny', 'deny', 'deny', 'deny'),
  },
  'GET /api/cron/transcriptions': {
    request: () => new Request('http://localhost/api/cron/transcriptions'),
    expect: E('deny', 'deny', 'deny', 'deny', 'deny'),
  },
  ...Object.fromEntries(
    ['acuity', 'clerk', 'daily', 'gladia', 'stripe'].flatMap((p) =>
      ['POST', 'PUT'].map((m) => [
        `${m} /api/webhooks/${p}`,
        {
          request: () =>
            new Request(`http://localhost/api/webhooks/${p}`, {
              method: m,
              headers: {
                'content-type': 'application/json',
                'stripe-signature': 't=1,v1=00',
                'x-webhook-signature': 'x',
              },
              body: JSON.stringify({
                type: 'checkout.session.completed',
                id: 'evt_forged',
                data: { object: {} },
              }),
            }),
          expect: E('deny', 'deny', 'deny', 'deny', 'deny'),
        },
      ]),
    ),
  ),
  // The local driver's direct upload: without a valid signature nothing is written, for anybody.
  'PUT /api/storage/upload': {
    request: () =>
      new Request(
        `http://localhost/api/storage/upload?key=uploads/x/y.ogg&type=audio/ogg&bytes=4&expires=9999999999&signature=forged`,
        { method: 'PUT', headers: { 'content-type': 'audio/ogg' }, body: 'OggS' },
      ),
    expect: E('deny', 'deny', 'deny', 'deny', 'deny'),
  },
  'GET /dev/outbox/[id]/attachments/[index]': {
    request: () => new Request(`http://localhost/dev/outbox/${crypto.randomUUID()}/attachments/0`),
    context: () => ({ params: Promise.resolve({ id: crypto.randomUUID(), index: '0' }) }),
    expect: E('deny', 'deny', 'deny', 'deny', 'deny'),
  },
  // The export is always the actor's own: for anyone but A it must not carry A's data. A POST from our own page
  // (issue 16.4); the old GET link starts nothing.
  'POST /settings/data/export': {
    request: () =>
      new NextRequest('http://localhost/settings/data/export', {
        method: 'POST',
        headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ format: 'json' }),
      }),
    expect: E('deny', 'allow', 'own', 'own', 'own'),
  },
  'GET /settings/data/export': {
    request: () => new NextRequest('http://localhost/settings/data/export?format=json'),
    expect: E('deny', 'deny', 'deny', 'deny', 'deny'),
  },
}

const now = new Date()
let handle: DbHandle
let db: Db
let world: World
let tables: string[]
let actions: ActionRef[]
let routes: RouteRef[]
let cells = 0
const allowedWrites = new Set<string>()

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  harness.db = db
  world = await seedWorld(db, now)
  tables = await tableNames(db)
  ;[actions, routes] = await Promise.all([enumerateActions(), enumerateRoutes()])
}, 120_000)
afterAll(async () => {
  console.log(
    `authz matrix (R14.1): ${cells} cells checked — ${actions?.length ?? 0} server actions, ${routes?.length ?? 0} route handlers × ${PERSONAS.length} personas`,
  )
  await handle?.close()
})

/** Ids of A's rows: a changed row that names one of them is a write on A's data. */
const aIds = () => [
  world.a.actor.userId,
  world.a.entryId,
  world.a.pastBookingId,
  world.a.futureBookingId,
  world.a.assignmentId,
  world.a.analysisId,
  world.a.paymentId,
]

function judge(label: string, expected: Expect, diff: string[], shown: string): string[] {
  const problems: string[] = []
  if (expected === 'allow') return problems
  const leaked = world.canaries.filter((c) => shown.includes(c))
  if (leaked.length) problems.push(`${label}: answer contains client A's data (${leaked.join(', ')})`)
  if (expected === 'deny' && diff.length)
    problems.push(`${label}: denied, but the database changed:\n    ${diff.slice(0, 5).join('\n    ')}`)
  if (expected === 'own') {
    const ids = aIds()
    const onA = diff.filter((d) => ids.some((id) => d.includes(id)))
    if (onA.length) problems.push(`${label}: changed client A's rows:\n    ${onA.slice(0, 5).join('\n    ')}`)
  }
  return problems
}

function shownOf(o: Outcome): string {
  if (o.kind === 'returned') return JSON.stringify(o.value) ?? ''
  if (o.kind === 'control') return o.flow.target ?? ''
  return o.error instanceof Error ? o.error.message : String(o.error)
}

describe('R14.1 authorisation matrix: every server action and route handler × every persona', () => {
  it('R14.1 every enumerated server action and route has declared expectations and a form', () => {
    const names = actions.map((a) => a.name)
    expect(names.length).toBeGreaterThan(30)
    const missing = names.filter((n) => !actionExpectations[n])
    expect(missing, `add these server actions to actionExpectations in ${__filename}`).toEqual([])
    expect(
      names.filter((n) => !formBuilders[n]),
      'add form builders to tests/helpers/authz-world.ts',
    ).toEqual([])
    expect(new Set(names).size, 'two server actions share a name').toBe(names.length)
    const unknownRoutes = routes.map((r) => r.key).filter((k) => !routeRequests[k])
    expect(unknownRoutes, 'add these route handlers to routeRequests').toEqual([])
    expect(
      Object.keys(actionExpectations).filter((n) => !names.includes(n)),
      'stale expectations',
    ).toEqual([])
  })

  it('R14.1 server actions: no unauthorised read or write, no unhandled error', async () => {
    const problems: string[] = []
    for (const action of actions) {
      const expected = actionExpectations[action.name]
      if (!expected) continue
      for (const persona of PERSONAS) {
        const label = `${action.name} as ${persona}`
        await inRollback(db, async (tx) => {
          const before = await fullSnapshot(tx, tables)
          const outcome = await callAction(action.fn, world.actors[persona], buildForm(action.name, world))
          if (outcome.kind === 'threw') problems.push(`${label}: ${describeOutcome(outcome)}`)
          const diff = diffSnapshots(before, await fullSnapshot(currentDb(), tables))
          problems.push(...judge(label, expected[persona], diff, shownOf(outcome)))
          if (expected[persona] === 'allow' && diff.length) allowedWrites.add(label)
        })
        cells++
      }
    }
    expect(problems).toEqual([])
    // The harness really reaches the services: the owners' own writes go through.
    for (const cell of [
      'deleteEntryAction as clientA',
      'setConsentAction as clientA',
      'createPromptAction as coachOfA',
      'setTranscriptSharedAction as coachOfA',
      'saveSessionTypeAction as coachOfA',
    ])
      expect(allowedWrites, cell).toContain(cell)
  }, 240_000)

  it('R14 every state-changing route outside the signed webhooks refuses a cross-site request (issue 16.4)', async () => {
    const stateChanging = routes.filter(
      (r) => r.method !== 'GET' && !r.key.includes(' /api/webhooks/') && !r.key.includes(' /api/cron/'),
    )
    expect(stateChanging.map((r) => r.key)).toContain('POST /settings/data/export')
    const problems: string[] = []
    for (const route of stateChanging) {
      for (const persona of ['clientA', 'coachOfA'] as const) {
        harness.actor = world.actors[persona]
        await inRollback(db, async (tx) => {
          const before = await fullSnapshot(tx, tables)
          const path = route.key.split(' ')[1]!
          const response = await route.fn(
            new NextRequest(`http://localhost${path}`, {
              method: route.method,
              headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
              body: new URLSearchParams({ format: 'json' }),
            }),
            { params: Promise.resolve({}) },
          )
          if (response.status !== 403)
            problems.push(`${route.key} as ${persona}: answered ${response.status}`)
          const diff = diffSnapshots(before, await fullSnapshot(currentDb(), tables))
          if (diff.length) problems.push(`${route.key} as ${persona}: the database changed`)
        })
      }
    }
    expect(problems).toEqual([])
  }, 60_000)

  it('R14.1 route handlers: forged webhooks and cron calls are refused; the export is only ever the own', async () => {
    const problems: string[] = []
    for (const route of routes) {
      const spec = routeRequests[route.key]
      if (!spec) continue
      for (const persona of PERSONAS) {
        const label = `${route.key} as ${persona}`
        harness.actor = world.actors[persona]
        await inRollback(db, async (tx) => {
          const before = await fullSnapshot(tx, tables)
          let shown = ''
          try {
            const response = await route.fn(spec.request(), spec.context?.())
            shown = await response.text()
            const expected = spec.expect[persona]
            if (response.status >= 500 && response.status !== 503)
              problems.push(`${label}: answered ${response.status}`)
            if (expected === 'deny' && response.status < 300)
              problems.push(`${label}: denied, but answered ${response.status}`)
          } catch (error) {
            problems.push(`${label}: threw ${error instanceof Error ? error.message : String(error)}`)
          }
          const diff = diffSnapshots(before, await fullSnapshot(currentDb(), tables))
          problems.push(...judge(label, spec.expect[persona], diff, shown))
        })
        cells++
      }
    }
    expect(problems).toEqual([])
  }, 120_000)
})
