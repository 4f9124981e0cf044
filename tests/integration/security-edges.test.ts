import { desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { NextRequest } from 'next/server'
import { auditLog, consentEvents, emailOutbox, users } from '@/db/schema'
import { DEMO_PASSWORD, seedDemoData } from '@/db/seed'
import type { DbHandle } from '@/db/types'
import { setLocaleAction, signInAction } from '@/lib/auth/actions'
import type * as localAuth from '@/lib/auth/local'
import { toActor } from '@/lib/auth/actor'
import { setConsentAction } from '@/lib/consent/actions'
import { listOutboxFor, outboxMessageFor } from '@/lib/account/dev-outbox'
import { createTestAccountAction } from '@/lib/account/dev-actions'
import { GET as outboxAttachment } from '@/app/(site)/dev/outbox/[id]/attachments/[index]/route'
import { consentTexts } from '@/lib/consent/texts'
import { callAction, describeOutcome, harness, type ServerAction } from '../helpers/action-harness'
import { formOf } from '../helpers/authz-world'
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

let handle: DbHandle

beforeAll(async () => {
  handle = await createTestDb()
  harness.db = handle.db
  await seedDemoData(handle.db)
  vi.spyOn(console, 'info').mockImplementation(() => undefined)
}, 120_000)
afterAll(async () => {
  vi.restoreAllMocks()
  await handle?.close()
})
beforeEach(() => {
  harness.requestHeaders = {}
})

/** The form posts to the sign-in page's own address, so `next` arrives in the path the proxy saw. */
const signIn = (email: string, next: string, password = DEMO_PASSWORD) => {
  harness.requestHeaders = {
    ...harness.requestHeaders,
    'x-mialma-pathname': `/sign-in?next=${encodeURIComponent(next)}`,
  }
  return callAction(signInAction as unknown as ServerAction, null, formOf({ email, password }))
}

describe('R14 sign-in redirects stay on our origin, whatever `next` holds (issue 16.1)', () => {
  it.each([
    ['/\t/example.org'],
    ['/journal\nLocation: https://example.org'],
    ['/\\example.org'],
    ['//example.org'],
    ['/.//example.org'],
    ['https://example.org/'],
    ['javascript:alert(1)'],
  ])('R14 next=%j → the role home, never another host and never an unhandled error', async (next) => {
    const outcome = await signIn('klientin@mialma.test', next)
    expect(outcome.kind, describeOutcome(outcome)).toBe('control')
    if (outcome.kind === 'control') expect(outcome.flow.target).toBe('/journal')
  })

  it('R14 local mode: opened at 127.0.0.1, that origin is ours (issue 19.2); another host still is not', async () => {
    harness.requestHeaders = { host: '127.0.0.1:3000' }
    const kept = await signIn('coach@mialma.test', 'http://127.0.0.1:3000/coach/clients')
    expect(kept.kind === 'control' && kept.flow.target).toBe('/coach/clients')
    const other = await signIn('coach@mialma.test', 'http://localhost:3000/coach/clients')
    expect(other.kind === 'control' && other.flow.target).toBe('/coach')
  })

  it('R14 a same-origin next is kept', async () => {
    const outcome = await signIn('coach@mialma.test', '/coach/bookings?x=1')
    expect(outcome.kind === 'control' && outcome.flow.target).toBe('/coach/bookings?x=1')
  })

  it('R14 issue 18 no next on the page posted from (a form field named next is not read) → the role home', async () => {
    harness.requestHeaders = { 'x-mialma-pathname': '/sign-in?abgemeldet=1' }
    const outcome = await callAction(
      signInAction as unknown as ServerAction,
      null,
      formOf({ email: 'coach@mialma.test', password: DEMO_PASSWORD, next: '/journal' }),
    )
    expect(outcome.kind === 'control' && outcome.flow.target).toBe('/coach')
  })
})

describe('R15.1 issue 18 the language switch returns to the page it was posted from, on our origin only', () => {
  const switchTo = (path: string) => {
    harness.requestHeaders = { 'x-mialma-pathname': path }
    return callAction(setLocaleAction as unknown as ServerAction, null, formOf({ locale: 'en' }))
  }

  it.each([
    ['/sign-in?next=%2Fbookings', '/sign-in?next=%2Fbookings'],
    ['/datenschutz', '/datenschutz'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
  ])('posted from %j → %j, with the language cookie set', async (path, target) => {
    harness.cookies.clear()
    const outcome = await switchTo(path)
    expect(outcome.kind === 'control' && outcome.flow.target, describeOutcome(outcome)).toBe(target)
    expect(harness.cookies.get('NEXT_LOCALE')).toBe('en')
  })
})

describe('R14 R9.2 the client address is not what the client says (issue 16.2)', () => {
  it('R14 a new X-Forwarded-For per attempt does not reset the sign-in limit', async () => {
    const email = 'niemand-xff@mialma.test'
    const outcomes = []
    for (let i = 0; i < 12; i++) {
      harness.requestHeaders = { 'x-forwarded-for': `198.51.100.${i + 1}` }
      outcomes.push(await signIn(email, '', 'falsch'))
    }
    const codes = outcomes.map((o) => (o.kind === 'returned' ? (o.value as { code?: string }).code : o.kind))
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('auth.invalidCredentials'))
    expect(codes.slice(10)).toEqual(['rateLimited', 'rateLimited'])
  })

  it('R9.2 the consent proof does not carry a forged address', async () => {
    const [row] = await handle.db.select().from(users).where(eq(users.email, 'klientin@mialma.test'))
    harness.requestHeaders = { 'x-forwarded-for': '198.51.100.99', 'x-real-ip': '198.51.100.98' }
    // Withdraw, then grant: whatever the seeded state, at least one of them writes a ledger row.
    for (const granted of ['false', 'true']) {
      const outcome = await callAction(
        setConsentAction as unknown as ServerAction,
        toActor(row!),
        formOf({
          purpose: 'ai_questionnaires',
          granted,
          textVersion: consentTexts.ai_questionnaires.version,
          locale: 'de',
        }),
      )
      expect(outcome.kind === 'returned' && (outcome.value as { status: string }).status).toBe('ok')
    }
    const [event] = await handle.db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.userId, row!.id))
      .orderBy(desc(consentEvents.createdAt))
      .limit(1)
    expect(event).toBeDefined()
    expect(event!.ip).toBeNull()
  })
})

describe('R14 the session cookie (issue 16.6)', () => {
  it('R14 over https: __Host- prefixed, Secure, HttpOnly, Path=/', async () => {
    harness.requestHeaders = { 'x-forwarded-proto': 'https' }
    await signIn('coach@mialma.test', '')
    expect([...harness.cookies.keys()]).toContain('__Host-mialma_session')
    expect(harness.cookies.has('mialma_session')).toBe(false)
    expect(harness.cookieOptions.get('__Host-mialma_session')).toMatchObject({
      secure: true,
      httpOnly: true,
      path: '/',
    })
  })

  it('R14 over plain http (local mode): the unprefixed cookie, not Secure (a browser would drop it)', async () => {
    await signIn('coach@mialma.test', '')
    expect(harness.cookies.has('mialma_session')).toBe(true)
    expect(harness.cookieOptions.get('mialma_session')).toMatchObject({ secure: false, httpOnly: true })
  })

  it('R14 an old unprefixed cookie on an https request is ignored (signed in again, nothing breaks)', async () => {
    const { localSessionId, hasInvalidSessionCookie } =
      await vi.importActual<typeof localAuth>('@/lib/auth/local')
    await signIn('coach@mialma.test', '')
    const old = harness.cookies.get('mialma_session')!
    expect(await localSessionId()).not.toBeNull()
    harness.requestHeaders = { 'x-forwarded-proto': 'https' }
    harness.cookies = new Map([['mialma_session', old]])
    expect(await localSessionId()).toBeNull()
    expect(await hasInvalidSessionCookie()).toBe(false)
  })
})

describe('R14 local mode: the outbox and the test accounts need a signed-in person (issue 16.5)', () => {
  async function actorFor(email: string) {
    const [row] = await handle.db.select().from(users).where(eq(users.email, email))
    return toActor(row!)
  }
  async function mail(to: string, userId: string | null) {
    const [row] = await handle.db
      .insert(emailOutbox)
      .values({
        userId,
        toAddress: to,
        template: 'booking-confirmation',
        locale: 'de',
        subject: `An ${to}`,
        textBody: 'x',
        attachments: [{ filename: 'termin.ics', contentType: 'text/calendar', size: 1, content: 'X' }],
        provider: 'outbox',
        status: 'stored',
        idempotencyKey: crypto.randomUUID(),
      })
      .returning({ id: emailOutbox.id })
    return row!.id
  }

  it('R14 the coach sees every mail; a client only their own (by account or by address)', async () => {
    const coach = await actorFor('coach@mialma.test')
    const klientin = await actorFor('klientin@mialma.test')
    const klient = await actorFor('klient@mialma.test')
    const toKlientin = await mail('klientin@mialma.test', klientin.userId)
    const toKlientByAddress = await mail('Klient@MiAlma.test', null)
    const ids = async (actor: typeof coach) => (await listOutboxFor(handle.db, actor)).map((m) => m.id)
    expect(await ids(coach)).toEqual(expect.arrayContaining([toKlientin, toKlientByAddress]))
    expect(await ids(klientin)).toContain(toKlientin)
    expect(await ids(klientin)).not.toContain(toKlientByAddress)
    expect(await ids(klient)).toContain(toKlientByAddress)
    expect(await ids(klient)).not.toContain(toKlientin)
    expect(await outboxMessageFor(handle.db, klient, toKlientin)).toBeNull()
    expect((await outboxMessageFor(handle.db, klientin, toKlientin))?.id).toBe(toKlientin)
  })

  it('R14 attachments: 404 for anonymous and for another client, the file for the recipient', async () => {
    const klientin = await actorFor('klientin@mialma.test')
    const klient = await actorFor('klient@mialma.test')
    const id = await mail('klientin@mialma.test', klientin.userId)
    const get = async (actor: typeof klientin | null) => {
      harness.actor = actor
      const response = await outboxAttachment(
        new Request(`http://localhost/dev/outbox/${id}/attachments/0`),
        {
          params: Promise.resolve({ id, index: '0' }),
        },
      )
      return response.status
    }
    expect(await get(null)).toBe(404)
    expect(await get(klient)).toBe(404)
    expect(await get(klientin)).toBe(200)
  })

  it('R14 creating a test account needs a signed-in person', async () => {
    const before = (await handle.db.select().from(users)).length
    const outcome = await callAction(
      createTestAccountAction as unknown as ServerAction,
      null,
      formOf({ name: 'Anonym' }),
    )
    expect(outcome.kind === 'control' && outcome.flow.target).toMatch(/^\/sign-in\?next=/)
    expect((await handle.db.select().from(users)).length).toBe(before)
  })
})

describe('R10.1 R14 the export is a POST from our own page (issue 16.4)', () => {
  async function exportAs(headers: Record<string, string>, method = 'POST') {
    const [row] = await handle.db.select().from(users).where(eq(users.email, 'klient@mialma.test'))
    harness.actor = toActor(row!)
    const { GET, POST } = await import('@/app/(site)/settings/data/export/route')
    const request = new NextRequest(
      `http://localhost/settings/data/export${method === 'GET' ? '?format=json' : ''}`,
      method === 'GET' ? { headers } : { method, headers, body: new URLSearchParams({ format: 'json' }) },
    )
    const response = await (method === 'GET' ? GET(request) : POST(request))
    const exports = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'account.exported'))
    return {
      status: response.status,
      location: response.headers.get('location'),
      exports: exports.length,
      body: await response.text(),
    }
  }

  it('R14 a GET (a link on another site) starts nothing: 303 to the page, no audit entry, no quota used', async () => {
    const before = (await exportAs({}, 'GET')).exports
    const answer = await exportAs({ 'sec-fetch-site': 'cross-site' }, 'GET')
    expect(answer).toMatchObject({ status: 303, exports: before })
    expect(answer.location).toMatch(/\/settings\/data$/)
  })

  it.each([
    ['a form on another site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['a sibling subdomain', { 'sec-fetch-site': 'same-site', origin: 'http://x.localhost' }],
    ['an old browser on another site', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['neither header', {}],
  ])('R14 refused: %s → 403, nothing exported', async (_label, headers) => {
    const before = (await exportAs({}, 'GET')).exports
    expect(await exportAs(headers)).toMatchObject({ status: 403, exports: before })
  })

  it("R15 the refusals are worded by error code in the reader's language (tests: next-intl stub answers the code)", async () => {
    expect((await exportAs({ origin: 'https://evil.example' })).body).toBe('account.exportCrossSite')
    const [coach] = await handle.db.select().from(users).where(eq(users.email, 'coach@mialma.test'))
    harness.actor = toActor(coach!)
    const { POST } = await import('@/app/(site)/settings/data/export/route')
    const refused = await POST(
      new NextRequest('http://localhost/settings/data/export', {
        method: 'POST',
        headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ format: 'json' }),
      }),
    )
    expect(refused.status).toBe(403)
    expect(await refused.text()).toBe('account.exportClientsOnly')
  })

  it('R10.1 our own page: the download, audited once', async () => {
    const before = (await exportAs({}, 'GET')).exports
    const answer = await exportAs({ 'sec-fetch-site': 'same-origin', origin: 'http://localhost' })
    expect(answer).toMatchObject({ status: 200, exports: before + 1 })
    const oldBrowser = await exportAs({ origin: 'http://localhost' })
    expect(oldBrowser).toMatchObject({ status: 200, exports: before + 2 })
  })
})
