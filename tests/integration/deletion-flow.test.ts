import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { eq, like } from 'drizzle-orm'
import { NextRequest } from 'next/server'
import { Webhook } from 'standardwebhooks'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  billingCustomers,
  bookings,
  deletionRequests,
  emailOutbox,
  pseudonymMappings,
  sessionRecordings,
  subscriptions,
  userKeys,
  users,
} from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { handleClerkWebhook } from '@/lib/account/clerk-webhook'
import { deleteAccount, deleteClientAccountAsCoach } from '@/lib/account/deletion'
import {
  DELETED_NAME,
  type DeletionDeps,
  processDeletionRequest,
  receiptKeyOf,
} from '@/lib/account/deletion-flow'
import type { Actor } from '@/lib/auth/types'
import { runDaily } from '@/lib/cron/daily'
import { ConflictError } from '@/lib/errors'
import { buildAcuity } from '@/lib/integrations/acuity'
import { buildClerkBackend } from '@/lib/integrations/clerk'
import { buildDaily } from '@/lib/integrations/daily'
import { localStorage, type ObjectStorage } from '@/lib/integrations/storage'
import { type FakeAcuity, startFakeAcuity } from '../fakes/acuity'
import { type FakeClerk, startFakeClerk } from '../fakes/clerk'
import { type FakeDaily, startFakeDaily } from '../fakes/daily'
import { type FakeStripe, startFakeStripe } from '../fakes/stripe'
import { seedClientWithEverything, type SeededClient } from '../helpers/data-rights'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, rejection } from '../helpers/fixtures'
import { whereMentioned } from '../helpers/retention'

// R10.2 (issue 15): one deletion flow, whoever starts it; the daily run retries every remote step until each place
// is done, within 30 days even when every provider is down for a week; the receipt is sent once and lists each
// place with its time.

const DAY = 86_400_000
const DAY0 = new Date('2030-03-04T08:00:00Z')
const day = (n: number) => new Date(DAY0.getTime() + n * DAY)

let handle: DbHandle
let db: Db
let clerk: FakeClerk
let stripeFake: FakeStripe
let acuityFake: FakeAcuity
let dailyFake: FakeDaily
let stripe: Stripe
let storageDir: string
let coach: Actor

/** Our object storage in a temp dir, with a switch that makes every call fail (an outage). */
const storageDown = { on: false }
let storage: ObjectStorage

function deps(): DeletionDeps {
  return {
    clerk: buildClerkBackend(clerk.secretKey, clerk.url),
    stripe,
    acuity: buildAcuity(acuityFake.userId, acuityFake.apiKey, acuityFake.url),
    daily: buildDaily(dailyFake.key, dailyFake.url),
    storage,
  }
}

function allDown(down: boolean) {
  clerk.failWith(down ? 503 : null)
  stripeFake.failWith(down ? 503 : null)
  acuityFake.failWith(down ? 503 : null)
  dailyFake.failWith(down ? { status: 503, error: 'server-error', info: 'down' } : null)
  storageDown.on = down
}

beforeAll(async () => {
  ;[handle, clerk, stripeFake, acuityFake, dailyFake] = await Promise.all([
    createTestDb(),
    startFakeClerk(),
    startFakeStripe(),
    startFakeAcuity(),
    startFakeDaily(),
  ])
  db = handle.db
  const base = new URL(stripeFake.url)
  // No SDK retries: a day's attempt fails fast, the next day's run is the retry.
  stripe = new Stripe(stripeFake.apiKey, {
    host: base.hostname,
    port: Number(base.port),
    protocol: 'http',
    maxNetworkRetries: 0,
  })
  storageDir = mkdtempSync(join(tmpdir(), 'mialma-deletion-'))
  const local = localStorage(storageDir)
  const guard =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A) =>
      storageDown.on ? Promise.reject(new Error('storage down')) : fn(...a)
  storage = {
    ...local,
    put: guard(local.put),
    get: guard(local.get),
    delete: guard(local.delete),
    putStream: guard(local.putStream),
    getStream: guard(local.getStream),
    head: guard(local.head),
  }
  coach = actorOf(await createUser(db, { role: 'coach' }))
})
afterAll(async () => {
  await Promise.all([
    handle?.close(),
    clerk?.close(),
    stripeFake?.close(),
    acuityFake?.close(),
    dailyFake?.close(),
  ])
  rmSync(storageDir, { recursive: true, force: true })
})
beforeEach(() => {
  allDown(false)
  for (const level of ['info', 'warn'] as const) vi.spyOn(console, level).mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

type World = SeededClient & {
  clerkId: string
  customerId: string
  subscriptionId: string
  futureAppointment: number
  pastAppointment: number
  dailyRecordingId: string
  fileKeys: string[]
}

/** A client with something at every provider: Clerk, a Stripe plan, Acuity appointments, recordings, e-mails. */
async function clientEverywhere(tag: string): Promise<World> {
  const seeded = await seedClientWithEverything(db, coach, tag, DAY0)
  const id = seeded.actor.userId
  const clerkId = `user_${tag.toLowerCase()}`
  clerk.users.add(clerkId)
  await db.update(users).set({ clerkId }).where(eq(users.id, id))

  const customer = await stripe.customers.create({ email: seeded.canaries.email })
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: 'chf',
          unit_amount: 28_000,
          product_data: { name: 'Monatsbegleitung' },
          recurring: { interval: 'month' },
        },
      },
    ],
    success_url: 'http://app.test/ok',
    cancel_url: 'http://app.test/abo',
  })
  await stripeFake.completeCheckout(session.id)
  const subscriptionId = (await stripe.checkout.sessions.retrieve(session.id)).subscription as string
  await db.insert(billingCustomers).values({ userId: id, stripeCustomerId: customer.id })
  await db.insert(subscriptions).values({
    userId: id,
    stripeSubscriptionId: subscriptionId,
    stripeCustomerId: customer.id,
    status: 'active',
  })

  const [future] = await db.select().from(bookings).where(eq(bookings.id, seeded.futureBookingId))
  const [past] = await db.select().from(bookings).where(eq(bookings.id, seeded.pastBookingId))
  const futureAppt = acuityFake.addAppointment(new Date(Date.UTC(2031, 0, 6, 9)), 101)
  const pastAppt = acuityFake.addAppointment(new Date(Date.UTC(2029, 0, 8, 9)), 101)
  for (const appt of [futureAppt, pastAppt]) {
    appt.firstName = seeded.canaries.name
    appt.email = seeded.canaries.email
  }
  await db
    .update(bookings)
    .set({ acuityAppointmentId: String(futureAppt.id) })
    .where(eq(bookings.id, future!.id))
  await db
    .update(bookings)
    .set({ acuityAppointmentId: String(pastAppt.id) })
    .where(eq(bookings.id, past!.id))

  // An uploaded recording (a file here) and a Daily recording (a file here, the copy at Daily not yet deleted).
  const atDaily = dailyFake.addFinishedRecording(`room-${tag.toLowerCase()}`, `${tag}-audio`)
  const fileKeys = [
    `recordings/${past!.id}/${randomUUID()}.mp3`,
    `recordings/${past!.id}/${randomUUID()}.webm`,
  ]
  for (const key of fileKeys)
    await storage.put(key, new TextEncoder().encode(`${tag}-KANARIE-AUDIO`), 'audio/mpeg')
  await db.insert(sessionRecordings).values([
    { bookingId: past!.id, source: 'upload', status: 'stored', storageKey: fileKeys[0], storedAt: DAY0 },
    {
      bookingId: past!.id,
      source: 'daily',
      status: 'stored',
      dailyRecordingId: atDaily.id,
      storageKey: fileKeys[1],
    },
  ])
  await db.insert(pseudonymMappings).values({ clientId: id, mappingEnc: `${tag}-mapping` })
  await db.insert(emailOutbox).values({
    userId: null,
    toAddress: seeded.canaries.email,
    template: 'booking-confirmed',
    locale: 'de',
    subject: 'Termin bestätigt',
    provider: 'outbox',
    status: 'stored',
    idempotencyKey: `booking-confirmed/${future!.id}/${tag}`,
  })
  return {
    ...seeded,
    clerkId,
    customerId: customer.id,
    subscriptionId,
    futureAppointment: futureAppt.id,
    pastAppointment: pastAppt.id,
    dailyRecordingId: atDaily.id,
    fileKeys,
  }
}

const filesIn = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))

async function requestOf(userId: string) {
  const [row] = await db.select().from(deletionRequests).where(eq(deletionRequests.userId, userId))
  return row!
}

/** Everything the client had at each provider and here is gone. */
async function expectGoneEverywhere(w: World) {
  const id = w.actor.userId
  expect(clerk.users.has(w.clerkId)).toBe(false)
  expect(stripeFake.lookup(w.customerId)).toBeUndefined()
  expect(stripeFake.lookup(w.subscriptionId)).toMatchObject({ status: 'canceled' })
  const future = acuityFake.appointments.get(w.futureAppointment)!
  const past = acuityFake.appointments.get(w.pastAppointment)!
  expect(future.canceled).toBe(true)
  for (const appt of [future, past]) {
    expect(appt).toMatchObject({ firstName: DELETED_NAME, email: `deleted-${id}@deleted.invalid` })
    expect(JSON.stringify(appt)).not.toContain(w.tag)
  }
  expect(dailyFake.recordings.has(w.dailyRecordingId)).toBe(false)
  expect(filesIn(storageDir).filter((f) => w.fileKeys.some((k) => f.endsWith(k)))).toEqual([])
  expect(await db.select().from(users).where(eq(users.id, id))).toEqual([])
  const allowed = [
    'ai_transmissions.client_id',
    'audit_log.actor_id',
    'audit_log.target_id',
    'consent_events.user_id',
    'deletion_requests.user_id',
    'recording_consents.user_id',
  ]
  expect((await whereMentioned(db, id)).filter((m) => !allowed.includes(m))).toEqual([])
  for (const [key, canary] of Object.entries(w.canaries))
    expect(await whereMentioned(db, canary), key).toEqual(key === 'payment' ? ['payments.description'] : [])
}

describe('R10.2 the clock moves: every provider down for a week, everything gone by day 30, one receipt', () => {
  let w: World
  const receipts = new Set<string>()
  const error = vi.fn()

  beforeAll(async () => {
    w = await clientEverywhere('UHR')
  })

  it('day 0: the request does at once what it can — key shredded, bookings cancelled, local copies gone', async () => {
    allDown(true)
    const request = await deleteAccount(db, w.actor, { confirmation: 'LÖSCHEN' }, DAY0, deps())
    expect(request.deadlineAt).toEqual(day(30))
    const id = w.actor.userId
    expect(await db.select().from(userKeys).where(eq(userKeys.userId, id))).toEqual([])
    const [future] = await db.select().from(bookings).where(eq(bookings.id, w.futureBookingId))
    expect(future).toMatchObject({ status: 'cancelled', cancelledBy: 'client' })
    expect(await db.select().from(pseudonymMappings).where(eq(pseudonymMappings.clientId, id))).toEqual([])
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, w.canaries.email))).toEqual([])
    // Nothing remote got through; each open place says so, none is forgotten.
    const open = Object.entries(request.steps).filter(([, s]) => !s.doneAt)
    expect(open.map(([p]) => p).sort()).toEqual(['acuity', 'clerk', 'daily', 'database', 'storage', 'stripe'])
    expect(filesIn(storageDir).length).toBe(2)
  })

  it('days 1–7: the daily run retries and keeps the request open; no receipt yet', async () => {
    allDown(true)
    for (let n = 1; n <= 7; n++) {
      const report = await runDaily(db, day(n), deps())
      expect(report.deletions.open).toBeGreaterThanOrEqual(1)
    }
    const request = await requestOf(w.actor.userId)
    expect(request.completedAt).toBeNull()
    expect(request.steps.clerk.attempts).toBe(8)
    expect(
      await db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.idempotencyKey, receiptKeyOf(w.actor.userId))),
    ).toEqual([])
    expect(clerk.users.has(w.clerkId)).toBe(true)
  })

  it('days 8–30: the providers are back; all places done on day 8, the receipt sent exactly once', async () => {
    allDown(false)
    vi.spyOn(console, 'error').mockImplementation(error)
    for (let n = 8; n <= 30; n++) {
      await runDaily(db, day(n), deps())
      const rows = await db
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(eq(emailOutbox.idempotencyKey, receiptKeyOf(w.actor.userId)))
      for (const r of rows) receipts.add(r.id)
    }
    expect(receipts.size).toBe(1)
    const request = await requestOf(w.actor.userId)
    expect(request.completedAt).toEqual(day(8))
    expect(request.receiptSentAt).toEqual(day(8))
    expect(request.notifyEmail).toBeNull()
    for (const place of ['database', 'storage', 'clerk', 'stripe', 'acuity', 'daily'] as const)
      expect(request.steps[place].doneAt, place).toBe(day(8).toISOString())
    // Completed 22 days before the deadline: no alert.
    expect(error.mock.calls.map((c) => String(c[0]))).not.toEqual(
      expect.arrayContaining([expect.stringContaining('deletion_deadline_near')]),
    )
    await expectGoneEverywhere(w)
  })

  it('the receipt lists each place with its time, and no content; its own log entry is gone a day later', async () => {
    const request = await requestOf(w.actor.userId)
    expect(request.receiptLogDeletedAt).toEqual(day(9))
    expect(
      await db
        .select()
        .from(emailOutbox)
        .where(like(emailOutbox.toAddress, `%${w.tag.toLowerCase()}%`)),
    ).toEqual([])
  })
})

describe('R10.2 the receipt e-mail', () => {
  it('goes to the captured address once all places are done: places and times, no content (R12.2)', async () => {
    const w = await clientEverywhere('QUITTUNG')
    await deleteAccount(db, w.actor, { confirmation: 'LÖSCHEN' }, DAY0, deps())
    expect(
      await db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.idempotencyKey, receiptKeyOf(w.actor.userId))),
    ).toEqual([])
    await runDaily(db, day(1), deps())
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.idempotencyKey, receiptKeyOf(w.actor.userId)))
    expect(mail).toMatchObject({
      toAddress: w.canaries.email,
      userId: null,
      subject: 'Dein Konto wurde gelöscht',
    })
    const text = mail!.textBody!
    for (const label of ['Datenbank', 'Dateispeicher', 'Clerk', 'Stripe', 'Acuity', 'Daily'])
      expect(text).toMatch(new RegExp(`${label}[^\\n]*: gelöscht am \\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2}`))
    for (const [key, canary] of Object.entries(w.canaries))
      if (key !== 'email') expect(`${mail!.subject}${mail!.html}${text}`, key).not.toContain(canary)
  })
})

describe('R10.2 R14.2 Clerk user.deleted goes through the same flow', () => {
  const secret = `whsec_${Buffer.from('deletion-flow-test-secret-0123456789').toString('base64')}`
  const deliver = (clerkId: string, msgId: string, at: Date) => {
    const body = JSON.stringify({
      type: 'user.deleted',
      object: 'event',
      data: { id: clerkId, object: 'user', deleted: true },
    })
    const request = new NextRequest('http://localhost/api/webhooks/clerk', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'svix-id': msgId,
        'svix-timestamp': String(Math.floor(Date.now() / 1000)),
        'svix-signature': new Webhook(secret).sign(msgId, new Date(), body),
      },
      body,
    })
    return handleClerkWebhook(request, { db, signingSecret: secret, now: at, deletion: deps() })
  }

  it('cancels bookings and the plan, deletes customer, appointments, audio and e-mail log at once; receipt after the daily run', async () => {
    const w = await clientEverywhere('CLERKWEG')
    const id = w.actor.userId
    clerk.users.delete(w.clerkId) // deleted in Clerk's dashboard: that is where the event comes from
    const response = await deliver(w.clerkId, `msg_${randomUUID()}`, DAY0)
    expect(await response.json()).toEqual({ received: true, outcome: 'applied' })

    // At once, in the webhook:
    expect(await db.select().from(userKeys).where(eq(userKeys.userId, id))).toEqual([])
    const [future] = await db.select().from(bookings).where(eq(bookings.id, w.futureBookingId))
    expect(future).toMatchObject({ status: 'cancelled' })
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.userId, id))
    expect(sub!.status).toBe('canceled')
    expect(stripeFake.lookup(w.subscriptionId)).toMatchObject({ status: 'canceled' })
    expect(stripeFake.lookup(w.customerId)).toBeUndefined()
    expect(acuityFake.appointments.get(w.futureAppointment)).toMatchObject({
      canceled: true,
      firstName: DELETED_NAME,
    })
    expect(acuityFake.appointments.get(w.pastAppointment)!.email).toBe(`deleted-${id}@deleted.invalid`)
    expect(dailyFake.recordings.has(w.dailyRecordingId)).toBe(false)
    expect(filesIn(storageDir).filter((f) => w.fileKeys.some((k) => f.endsWith(k)))).toEqual([])
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, w.canaries.email))).toEqual([])
    expect(await db.select().from(pseudonymMappings).where(eq(pseudonymMappings.clientId, id))).toEqual([])
    // Clerk is not asked to delete a user that Clerk itself reported deleted.
    expect(clerk.requests.filter((r) => r.path === `/v1/users/${w.clerkId}`)).toEqual([])

    // The daily run purges the rest and sends the receipt.
    await runDaily(db, day(1), deps())
    const request = await requestOf(id)
    expect(request.source).toBe('clerk')
    expect(request.completedAt).toEqual(day(1))
    const receipts = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.idempotencyKey, receiptKeyOf(id)))
    expect(receipts.map((r) => r.toAddress)).toEqual([w.canaries.email])
    await runDaily(db, day(2), deps())
    await expectGoneEverywhere(w)
  })

  it('a re-delivery (same svix-id) and a second user.deleted change nothing', async () => {
    const w = await clientEverywhere('CLERKZWEI')
    clerk.users.delete(w.clerkId)
    const msgId = `msg_${randomUUID()}`
    await deliver(w.clerkId, msgId, DAY0)
    const before = await requestOf(w.actor.userId)
    const stripeCalls = stripeFake.requests.length
    expect(await (await deliver(w.clerkId, msgId, DAY0)).json()).toEqual({
      received: true,
      outcome: 'duplicate',
    })
    expect(await (await deliver(w.clerkId, `msg_${randomUUID()}`, DAY0)).json()).toMatchObject({
      received: true,
    })
    expect(await requestOf(w.actor.userId)).toEqual(before)
    expect(stripeFake.requests.length).toBe(stripeCalls)
    expect(
      await db.select().from(deletionRequests).where(eq(deletionRequests.userId, w.actor.userId)),
    ).toHaveLength(1)
  })
})

describe('R10.2 idempotency: two entries at once, re-runs', () => {
  it('the client and the coach at the same moment → one request, one Conflict; one Stripe cancel', async () => {
    const w = await clientEverywhere('ZWEI')
    const results = await Promise.allSettled([
      deleteAccount(db, w.actor, { confirmation: 'LÖSCHEN' }, DAY0, deps()),
      deleteClientAccountAsCoach(
        db,
        coach,
        { clientId: w.actor.userId, confirmation: 'LÖSCHEN' },
        DAY0,
        deps(),
      ),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(rejected.reason).toBeInstanceOf(ConflictError)
    expect(
      await db.select().from(deletionRequests).where(eq(deletionRequests.userId, w.actor.userId)),
    ).toHaveLength(1)
    const deletes = stripeFake.requests.filter(
      (r) => r.method === 'DELETE' && r.path === `/v1/customers/${w.customerId}`,
    )
    expect(deletes).toHaveLength(1)
  })

  it('two daily runs at once send one receipt; a third run changes nothing', async () => {
    const w = await clientEverywhere('PARALLEL')
    const request = await deleteAccount(db, w.actor, { confirmation: 'LÖSCHEN' }, DAY0, deps())
    await Promise.all([
      processDeletionRequest(db, request.id, day(1), deps()),
      processDeletionRequest(db, request.id, day(1), deps()),
    ])
    const sent = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.idempotencyKey, receiptKeyOf(w.actor.userId)))
    expect(sent).toHaveLength(1)
    const before = await requestOf(w.actor.userId)
    await processDeletionRequest(db, request.id, day(1), deps())
    expect(await requestOf(w.actor.userId)).toEqual({ ...before, lastRunAt: day(1) })
    // A day later the receipt's own log entry (its key names the account id) is gone too.
    await processDeletionRequest(db, request.id, day(2), deps())
    await expectGoneEverywhere(w)
  })

  it('a coach can delete only their own clients', async () => {
    const other = actorOf(await createUser(db, { role: 'coach' }))
    const w = await clientEverywhere('FREMD')
    expect(
      await rejection(
        deleteClientAccountAsCoach(
          db,
          other,
          { clientId: w.actor.userId, confirmation: 'LÖSCHEN' },
          DAY0,
          deps(),
        ),
      ),
    ).toMatchObject({ code: 'clientNotFound' })
    expect(
      await db.select().from(deletionRequests).where(eq(deletionRequests.userId, w.actor.userId)),
    ).toEqual([])
  })
})

describe('R10.2 alert before the deadline', () => {
  it('a place still open 7 days before the deadline is logged as an alert on every run, past it as overdue', async () => {
    const client = await createUser(db, { role: 'client', coachId: coach.userId })
    await db.update(users).set({ clerkId: 'user_never_reachable' }).where(eq(users.id, client.id))
    const downClerk = { deleteUser: () => Promise.reject(new Error('Clerk down')) }
    await deleteAccount(db, actorOf(client), { confirmation: 'LÖSCHEN' }, DAY0, {
      ...deps(),
      clerk: downClerk,
    })
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const alertsOn = async (n: number) => {
      error.mockClear()
      await runDaily(db, day(n), { ...deps(), clerk: downClerk })
      return error.mock.calls
        .map((c) => String(c[0]))
        .filter((l) => l.includes(client.id) || l.includes('deletion_'))
    }
    expect((await alertsOn(22)).filter((l) => l.includes('deletion_deadline_near'))).toEqual([])
    const near = (await alertsOn(23)).filter((l) => l.includes('deletion_deadline_near'))
    expect(near).toHaveLength(1)
    expect(near[0]).toContain('clerk')
    expect((await alertsOn(31)).filter((l) => l.includes('deletion_overdue'))).toHaveLength(1)
    // Everything else was done; only the Clerk step is open.
    const request = await requestOf(client.id)
    expect(
      Object.entries(request.steps)
        .filter(([, s]) => !s.doneAt)
        .map(([p]) => p),
    ).toEqual(['clerk'])
  })
})
