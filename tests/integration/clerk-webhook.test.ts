import { randomBytes, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { NextRequest } from 'next/server'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { auditLog, deletionRequests, emailOutbox, userKeys, users, webhookEvents } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { handleClerkWebhook } from '@/lib/account/clerk-webhook'
import { ensureUserKey } from '@/lib/crypto'
import { createTestDb } from '../helpers/db'
import { countRows } from '../helpers/fixtures'

let handle: DbHandle
const secret = `whsec_${randomBytes(24).toString('base64')}`

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})
beforeEach(() => {
  // The handler logs one JSON line per event; keep the test output clean.
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

type ClerkUser = {
  id: string
  first_name?: string | null
  last_name?: string | null
  username?: string | null
  email: string
  role?: unknown
}

function userEvent(type: 'user.created' | 'user.updated', u: ClerkUser) {
  return {
    type,
    object: 'event',
    timestamp: Date.now(),
    data: {
      id: u.id,
      object: 'user',
      first_name: u.first_name ?? null,
      last_name: u.last_name ?? null,
      username: u.username ?? null,
      email_addresses: [
        { id: 'idn_other', email_address: 'old-secondary@example.com' },
        { id: 'idn_primary', email_address: u.email },
      ],
      primary_email_address_id: 'idn_primary',
      phone_numbers: [{ id: 'idn_phone', phone_number: '+41791234567' }],
      primary_phone_number_id: 'idn_phone',
      public_metadata: u.role === undefined ? {} : { role: u.role },
    },
  }
}

function deletedEvent(clerkId: string) {
  return { type: 'user.deleted', object: 'event', data: { id: clerkId, object: 'user', deleted: true } }
}

function signedRequest(
  payload: unknown,
  options: { msgId?: string; signWith?: string; at?: Date; headers?: Record<string, string | null> } = {},
) {
  const body = JSON.stringify(payload)
  const msgId = options.msgId ?? `msg_${randomUUID()}`
  const at = options.at ?? new Date()
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'svix-id': msgId,
    'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
    'svix-signature': new Webhook(options.signWith ?? secret).sign(msgId, at, body),
  }
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === null) delete headers[k]
    else headers[k] = v
  }
  return new NextRequest('http://localhost/api/webhooks/clerk', { method: 'POST', headers, body })
}

async function deliver(
  request: NextRequest,
  options: { signingSecret?: string } = { signingSecret: secret },
) {
  const response = await handleClerkWebhook(request, { db: handle.db, signingSecret: options.signingSecret })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function userByClerkId(clerkId: string) {
  const [row] = await handle.db.select().from(users).where(eq(users.clerkId, clerkId))
  return row
}

async function snapshot() {
  return {
    users: await countRows(handle.db, users),
    events: await countRows(handle.db, webhookEvents),
    audit: await countRows(handle.db, auditLog),
  }
}

const newClerkId = () => `user_${randomBytes(8).toString('hex')}`

describe('R1.1 R14.2 Clerk webhook (POST /api/webhooks/clerk)', () => {
  it('R1.1 user.created mirrors a users row: role from public_metadata, e-mail lower-cased, name from first/last', async () => {
    const clerkId = newClerkId()
    const result = await deliver(
      signedRequest(
        userEvent('user.created', {
          id: clerkId,
          first_name: 'Andrea',
          last_name: 'Brunner',
          email: 'Andrea.Brunner@Praxis.CH',
          role: 'coach',
        }),
      ),
    )
    expect(result).toEqual({ status: 200, body: { received: true, outcome: 'applied' } })
    const row = await userByClerkId(clerkId)
    expect(row).toMatchObject({
      role: 'coach',
      name: 'Andrea Brunner',
      email: 'andrea.brunner@praxis.ch',
      phone: '+41791234567',
      locale: 'de',
      timeZone: 'Europe/Zurich',
    })
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, row!.id))
    expect(audit.map((a) => a.action)).toEqual(['account.created'])
  })

  it.each([
    ['no role', undefined],
    ['an unknown role', 'admin'],
  ])('R1.1 user.created with %s becomes a client; name falls back to the username', async (_label, role) => {
    const clerkId = newClerkId()
    const result = await deliver(
      signedRequest(
        userEvent('user.created', { id: clerkId, username: 'lea_m', email: `${clerkId}@example.com`, role }),
      ),
    )
    expect(result.status).toBe(200)
    expect(await userByClerkId(clerkId)).toMatchObject({ role: 'client', name: 'lea_m' })
  })

  it('R1.1 user.updated changes name and role; an update without role keeps the role', async () => {
    const clerkId = newClerkId()
    await deliver(
      signedRequest(
        userEvent('user.created', { id: clerkId, first_name: 'Marco', email: 'marco@example.com' }),
      ),
    )
    const created = await userByClerkId(clerkId)
    expect(created).toMatchObject({ role: 'client', name: 'Marco' })

    const updated = await deliver(
      signedRequest(
        userEvent('user.updated', {
          id: clerkId,
          first_name: 'Marco',
          last_name: 'Keller',
          email: 'MARCO.KELLER@example.com',
          role: 'coach',
        }),
      ),
    )
    expect(updated).toEqual({ status: 200, body: { received: true, outcome: 'applied' } })
    const row = await userByClerkId(clerkId)
    expect(row).toMatchObject({
      id: created!.id,
      role: 'coach',
      name: 'Marco Keller',
      email: 'marco.keller@example.com',
    })

    await deliver(
      signedRequest(userEvent('user.updated', { id: clerkId, first_name: 'M.', email: 'marco@example.com' })),
    )
    expect(await userByClerkId(clerkId)).toMatchObject({ role: 'coach', name: 'M.' })
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, created!.id))
    expect(audit.map((a) => a.action).sort()).toEqual([
      'account.created',
      'account.updated',
      'account.updated',
    ])
  })

  it('R14.2 replaying the same svix-id → 200 duplicate and nothing changes, even with a different body', async () => {
    const clerkId = newClerkId()
    const msgId = `msg_${randomUUID()}`
    const event = userEvent('user.created', { id: clerkId, first_name: 'Erst', email: 'erst@example.com' })
    expect((await deliver(signedRequest(event, { msgId }))).body.outcome).toBe('applied')
    const before = await snapshot()
    const rowBefore = await userByClerkId(clerkId)

    expect(await deliver(signedRequest(event, { msgId }))).toEqual({
      status: 200,
      body: { received: true, outcome: 'duplicate' },
    })
    const changed = userEvent('user.updated', {
      id: clerkId,
      first_name: 'Anders',
      email: 'x@example.com',
      role: 'coach',
    })
    expect((await deliver(signedRequest(changed, { msgId }))).body.outcome).toBe('duplicate')

    expect(await snapshot()).toEqual(before)
    expect(await userByClerkId(clerkId)).toEqual(rowBefore)
  })

  it('R14.2 concurrent duplicate deliveries apply once', async () => {
    const clerkId = newClerkId()
    const msgId = `msg_${randomUUID()}`
    const event = userEvent('user.created', {
      id: clerkId,
      first_name: 'Parallel',
      email: 'parallel@example.com',
    })
    const outcomes = await Promise.all([1, 2, 3].map(() => deliver(signedRequest(event, { msgId }))))
    expect(outcomes.map((o) => o.body.outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate'])
    expect(await handle.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, msgId))).toHaveLength(
      1,
    )
  })

  it.each<[string, (event: unknown) => NextRequest]>([
    [
      'signed with another secret',
      (e) => signedRequest(e, { signWith: `whsec_${randomBytes(24).toString('base64')}` }),
    ],
    [
      'body altered after signing',
      (e) => {
        const good = signedRequest(e)
        const forged = JSON.stringify(e).replace('evil@example.com', 'evil2@example.com')
        return new NextRequest(good.url, { method: 'POST', headers: good.headers, body: forged })
      },
    ],
    ['svix-id altered after signing', (e) => signedRequest(e, { headers: { 'svix-id': 'msg_other' } })],
    ['garbage signature', (e) => signedRequest(e, { headers: { 'svix-signature': 'v1,AAAA' } })],
    ['missing signature header', (e) => signedRequest(e, { headers: { 'svix-signature': null } })],
    ['missing svix-id header', (e) => signedRequest(e, { headers: { 'svix-id': null } })],
    ['missing timestamp header', (e) => signedRequest(e, { headers: { 'svix-timestamp': null } })],
    [
      'timestamp 10 minutes old (replay window)',
      (e) => signedRequest(e, { at: new Date(Date.now() - 10 * 60_000) }),
    ],
  ])('R14.2 bad signature (%s) → 400 and no rows written', async (_label, makeRequest) => {
    const clerkId = newClerkId()
    const before = await snapshot()
    const result = await deliver(
      makeRequest(userEvent('user.created', { id: clerkId, email: 'evil@example.com', role: 'coach' })),
    )
    expect(result.status).toBe(400)
    expect(await snapshot()).toEqual(before)
    expect(await userByClerkId(clerkId)).toBeUndefined()
  })

  it('R14.2 missing signing secret → 404 and nothing written', async () => {
    const before = await snapshot()
    const clerkId = newClerkId()
    const result = await deliver(
      signedRequest(userEvent('user.created', { id: clerkId, email: 'a@example.com' })),
      {},
    )
    expect(result.status).toBe(404)
    expect((await deliver(signedRequest(deletedEvent(clerkId)), { signingSecret: '' })).status).toBe(404)
    expect(await snapshot()).toEqual(before)
  })

  // Changed with issue 15: user.deleted enters the one deletion flow — the key is shredded and the row wiped at
  // once, the row itself goes with the daily run (tests/integration/deletion-flow.test.ts follows it there).
  it('R1.1 R10.2 R14.3 user.deleted shreds the user_keys, records a deletion request and writes account.deleted', async () => {
    const clerkId = newClerkId()
    await deliver(
      signedRequest(userEvent('user.created', { id: clerkId, first_name: 'Weg', email: 'weg@example.com' })),
    )
    const row = await userByClerkId(clerkId)
    await ensureUserKey(handle.db, row!.id)
    expect(await handle.db.select().from(userKeys).where(eq(userKeys.userId, row!.id))).toHaveLength(1)

    const result = await deliver(signedRequest(deletedEvent(clerkId)))
    expect(result).toEqual({ status: 200, body: { received: true, outcome: 'applied' } })
    expect(await userByClerkId(clerkId)).toBeUndefined()
    expect(await handle.db.select().from(userKeys).where(eq(userKeys.userId, row!.id))).toHaveLength(0)
    const [request] = await handle.db
      .select()
      .from(deletionRequests)
      .where(eq(deletionRequests.userId, row!.id))
    expect(request).toMatchObject({ source: 'clerk', notifyEmail: 'weg@example.com' })
    const deleted = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'account.deleted'))
    expect(deleted.filter((a) => a.targetId === row!.id)).toEqual([
      expect.objectContaining({
        targetType: 'user',
        actorId: null,
        details: expect.objectContaining({ stage: 'requested', source: 'clerk' }),
      }),
    ])

    // Deleting an unknown user is applied without error and writes no audit entry.
    const before = await countRows(handle.db, auditLog)
    expect((await deliver(signedRequest(deletedEvent(newClerkId())))).status).toBe(200)
    expect(await countRows(handle.db, auditLog)).toBe(before)
  })

  it('R14.2 an unknown event type is verified, recorded once and ignored', async () => {
    const msgId = `msg_${randomUUID()}`
    const before = await countRows(handle.db, users)
    const result = await deliver(
      signedRequest({ type: 'session.created', data: { id: 'sess_1' } }, { msgId }),
    )
    expect(result).toEqual({ status: 200, body: { received: true, outcome: 'ignored' } })
    expect(await countRows(handle.db, users)).toBe(before)
    const [event] = await handle.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, msgId))
    expect(event).toMatchObject({ provider: 'clerk', type: 'session.created' })
  })

  it('R11 R13.1 webhook_events stores type and object id only, never the e-mail address, name or phone', async () => {
    const clerkId = newClerkId()
    const msgId = `msg_${randomUUID()}`
    await deliver(
      signedRequest(
        userEvent('user.created', {
          id: clerkId,
          first_name: 'Vertraulich',
          last_name: 'Person',
          email: 'secret.person@example.com',
        }),
        { msgId },
      ),
    )
    const [event] = await handle.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, msgId))
    expect(event).toMatchObject({ provider: 'clerk', type: 'user.created', payload: { objectId: clerkId } })
    const stored = JSON.stringify(event)
    expect(stored).not.toContain('secret.person')
    expect(stored).not.toContain('example.com')
    expect(stored).not.toContain('Vertraulich')
    expect(stored).not.toContain('+41791234567')
  })

  it('R13.1 the handler logs no e-mail address', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    await deliver(
      signedRequest(userEvent('user.created', { id: newClerkId(), email: 'log.check@example.com' })),
    )
    const lines = info.mock.calls.map((c) => String(c[0])).join('\n')
    expect(lines).toContain('webhook.processed')
    expect(lines).not.toContain('log.check')
  })
})

describe('R1.1 R1.4 Clerk webhook: linking, conflicts, sessions, welcome e-mail', () => {
  function sessionEvent(type: string, clerkUserId: string) {
    return {
      type,
      object: 'event',
      data: { id: `sess_${randomUUID()}`, object: 'session', user_id: clerkUserId },
    }
  }

  it('R1.1 an account created before Clerk (same e-mail, no Clerk id) is linked, not duplicated', async () => {
    const tag = randomUUID().slice(0, 8)
    const [local] = await handle.db
      .insert(users)
      .values({ role: 'coach', name: 'Vorher', email: `vorher-${tag}@mialma.test` })
      .returning()
    const clerkId = newClerkId()
    const before = await countRows(handle.db, users)
    const result = await deliver(
      signedRequest(
        userEvent('user.created', { id: clerkId, first_name: 'Nachher', email: `Vorher-${tag}@mialma.test` }),
      ),
    )
    expect(result.body.outcome).toBe('applied')
    expect(await countRows(handle.db, users)).toBe(before)
    expect(await userByClerkId(clerkId)).toMatchObject({ id: local!.id, name: 'Nachher', role: 'coach' })
  })

  it('R14.2 an e-mail held by another Clerk user → 200 "conflict", recorded once, nothing changed, no retry storm', async () => {
    const first = newClerkId()
    const email = `${first}@example.com`
    await deliver(signedRequest(userEvent('user.created', { id: first, first_name: 'Erste', email })))
    const second = newClerkId()
    const msgId = `msg_${randomUUID()}`
    const result = await deliver(
      signedRequest(userEvent('user.created', { id: second, first_name: 'Zweite', email }), { msgId }),
    )
    expect(result).toEqual({ status: 200, body: { received: true, outcome: 'conflict' } })
    expect(await userByClerkId(second)).toBeUndefined()
    expect(await userByClerkId(first)).toMatchObject({ name: 'Erste' })
    const [event] = await handle.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, msgId))
    expect(event?.type).toBe('user.created')
  })

  it('R1.4 R13.2 session.created and session.ended are audited as sign-in and sign-out', async () => {
    const clerkId = newClerkId()
    await deliver(signedRequest(userEvent('user.created', { id: clerkId, email: `${clerkId}@example.com` })))
    const user = await userByClerkId(clerkId)
    expect((await deliver(signedRequest(sessionEvent('session.created', clerkId)))).body.outcome).toBe(
      'applied',
    )
    expect((await deliver(signedRequest(sessionEvent('session.ended', clerkId)))).body.outcome).toBe(
      'applied',
    )
    const entries = await handle.db.select().from(auditLog).where(eq(auditLog.actorId, user!.id))
    expect(entries.map((e) => [e.action, e.details?.method])).toEqual([
      ['auth.sign_in', 'clerk'],
      ['auth.sign_out', 'clerk'],
    ])
    // A session of a user we do not know is recorded and ignored.
    expect((await deliver(signedRequest(sessionEvent('session.created', newClerkId())))).body.outcome).toBe(
      'ignored',
    )
  })

  it('R12.1 R12.2 user.created sends one welcome e-mail (not again on replay, not on update), without content', async () => {
    const clerkId = newClerkId()
    const email = `${clerkId}@example.com`
    const msgId = `msg_${randomUUID()}`
    const created = userEvent('user.created', { id: clerkId, first_name: 'Willkommen', email })
    await deliver(signedRequest(created, { msgId }))
    await deliver(signedRequest(created, { msgId }))
    await deliver(signedRequest(userEvent('user.updated', { id: clerkId, first_name: 'Neu', email })))
    const mails = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))
    expect(mails).toHaveLength(1)
    expect(mails[0]).toMatchObject({
      template: 'welcome',
      status: 'stored',
      subject: 'Willkommen bei Mi Alma',
    })
    expect(mails[0]!.textBody).toContain('Willkommen')
  })

  it('R1.1 R14.2 a signed user.updated without a primary e-mail → 2xx "ignored", logged, nothing changed (issue 16.6)', async () => {
    const clerkId = newClerkId()
    await deliver(signedRequest(userEvent('user.created', { id: clerkId, email: `${clerkId}@example.com` })))
    const before = await userByClerkId(clerkId)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const noPrimary = userEvent('user.updated', { id: clerkId, email: 'x@example.com', first_name: 'Neu' })
    noPrimary.data.primary_email_address_id = null as unknown as string
    const counts = await snapshot()
    const result = await deliver(signedRequest(noPrimary))
    expect(result).toEqual({ status: 200, body: { received: true, outcome: 'ignored' } })
    expect(await userByClerkId(clerkId)).toEqual(before)
    expect(await snapshot()).toEqual({ ...counts, events: counts.events + 1 })
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toContain('clerk.no_primary_email')
    // An address list without the named primary is the same case.
    const dangling = userEvent('user.updated', { id: clerkId, email: 'y@example.com' })
    dangling.data.primary_email_address_id = 'idn_gone'
    expect((await deliver(signedRequest(dangling))).status).toBe(200)
  })
})
