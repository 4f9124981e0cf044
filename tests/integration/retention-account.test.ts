import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  aiAnalyses,
  aiTransmissions,
  billingCustomers,
  bookings,
  checkoutSessions,
  consentEvents,
  creditGrants,
  emailOutbox,
  journalEntries,
  journalPrompts,
  localCredentials,
  localSessions,
  payments,
  pseudonymMappings,
  questionnaireAssignments,
  recordingConsents,
  sessionRecordings,
  sessionTypes,
  subscriptions,
  transcripts,
  users,
  videoRooms,
  webhookEvents,
} from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { runRetention } from '@/cron/retention/run'
import { deleteAccount } from '@/lib/account/deletion'
import { runDaily } from '@/lib/cron/daily'
import { verifyAuditChain } from '@/lib/audit/chain'
import { recordAudit } from '@/lib/audit/service'
import { encryptForUser, ensureUserKey } from '@/lib/crypto'
import { buildDaily } from '@/lib/integrations/daily'
import { localStorage } from '@/lib/integrations/storage'
import { startFakeDaily, type FakeDaily } from '../fakes/daily'
import { createTestDb } from '../helpers/db'
import { seedClientWithEverything } from '../helpers/data-rights'
import { actorOf, createUser, insertBooking } from '../helpers/fixtures'
import { DAY, whereMentioned } from '../helpers/retention'

const now = new Date()
const CANARY = 'KANARIENVOGEL-7f3a'

let handle: DbHandle
let db: Db
let daily: FakeDaily
let storageDir: string
const storage = () => localStorage(storageDir)
const options = () => ({ now, storage: storage(), daily: buildDaily(daily.key, daily.url) })

type Seeded = { clientId: string; email: string; bookingIds: string[]; paymentId: string }

/** A client with a row in every table that can hold something of theirs, canaries in the content. */
async function seedClient(
  coachId: string,
  typeId: string,
  tag: string,
  deletion: Date | null,
): Promise<Seeded> {
  const email = `${tag}@mialma.test`
  const client = await createUser(db, {
    coachId,
    email,
    name: `${CANARY} ${tag}`,
    clerkId: `user_${tag}`,
    deletionRequestedAt: deletion,
  })
  const id = client.id
  await ensureUserKey(db, id)
  const enc = (text: string) => encryptForUser(db, id, `${CANARY} ${text}`)
  await db.insert(localCredentials).values({ userId: id, passwordHash: 'x' })
  await db
    .insert(localSessions)
    .values({ id: `s-${tag}`, userId: id, expiresAt: new Date(now.getTime() + DAY) })
  const [prompt] = await db
    .insert(journalPrompts)
    .values({ coachId, clientId: id, textEnc: await enc('prompt') })
    .returning()
  await db.insert(journalEntries).values([
    { userId: id, kind: 'journal', bodyEnc: await enc('entry'), promptId: prompt!.id, sharedAt: now },
    { userId: id, kind: 'reflection', bodyEnc: await enc('reflection'), tagIndex: ['h1'] },
  ])
  await db.insert(questionnaireAssignments).values({
    coachId,
    clientId: id,
    title: 'Fragebogen',
    questions: [],
    answersEnc: await enc('answers'),
    submittedAt: now,
  })
  await db.insert(pseudonymMappings).values({ clientId: id, mappingEnc: await enc('mapping') })
  await db.insert(billingCustomers).values({ userId: id, stripeCustomerId: `cus_${tag}` })
  const [sub] = await db
    .insert(subscriptions)
    .values({
      userId: id,
      stripeSubscriptionId: `sub_${tag}`,
      stripeCustomerId: `cus_${tag}`,
      status: 'active',
    })
    .returning()
  const [grant] = await db
    .insert(creditGrants)
    .values({
      userId: id,
      subscriptionId: sub!.id,
      sessionTypeId: typeId,
      stripeInvoiceId: `in_${tag}`,
      granted: 4,
      used: 1,
      validFrom: new Date(now.getTime() - 10 * DAY),
      validUntil: new Date(now.getTime() + 20 * DAY),
    })
    .returning()
  const past = await insertBooking(db, {
    coachId,
    clientId: id,
    startsAt: new Date(now.getTime() - 7 * DAY + (tag.length % 5) * 3_600_000),
    creditGrantId: grant!.id,
    paymentMethod: 'credit',
  })
  const future = await insertBooking(db, {
    coachId,
    clientId: id,
    startsAt: new Date(now.getTime() + 7 * DAY + (tag.length % 5) * 3_600_000),
  })
  await db.insert(videoRooms).values({
    bookingId: past.id,
    roomName: `mialma-test-${past.id}`,
    roomUrl: 'https://x.daily.co/r',
    expiresAt: now,
  })
  const key = `recordings/${past.id}/${tag}.webm`
  await storage().put(key, new Uint8Array([1]), 'audio/webm')
  const [rec] = await db
    .insert(sessionRecordings)
    .values({ bookingId: past.id, source: 'upload', status: 'transcribed', storageKey: key })
    .returning()
  await db.insert(transcripts).values({
    bookingId: past.id,
    recordingId: rec!.id,
    source: 'upload',
    segmentsEnc: await enc('transcript'),
    segmentCount: 1,
  })
  await db.insert(aiAnalyses).values({
    clientId: id,
    coachId,
    sourceKind: 'transcript',
    bookingId: past.id,
    status: 'approved',
    approvedEnc: await enc('summary'),
  })
  await db.insert(checkoutSessions).values({
    stripeSessionId: `cs_${tag}`,
    userId: id,
    kind: 'booking',
    bookingId: future.id,
    amountRappen: 15_000,
    url: 'https://checkout.test/x',
    expiresAt: new Date(now.getTime() + DAY),
  })
  const [payment] = await db
    .insert(payments)
    .values({
      userId: id,
      bookingId: future.id,
      kind: 'booking',
      status: 'paid',
      amountRappen: 15_000,
      description: 'Coaching-Sitzung, 60 Min.',
      stripeCustomerId: `cus_${tag}`,
      stripePaymentIntentId: `pi_${tag}`,
      occurredAt: now,
    })
    .returning()
  await db.insert(emailOutbox).values({
    userId: id,
    toAddress: email,
    template: 'account-deleted',
    locale: 'de',
    subject: 'Account gelöscht',
    textBody: `Hallo ${CANARY}`,
    provider: 'outbox',
    status: 'stored',
    idempotencyKey: `mail-${tag}`,
  })
  await db.insert(webhookEvents).values({
    provider: 'clerk',
    eventId: `evt_${tag}`,
    type: 'user.updated',
    payload: { objectId: `user_${tag}` },
  })
  // Evidence that follows the audit class (3 years), pseudonymous: ids only.
  const proof = { granted: true, textVersion: '1', textSha256: 'x', locale: 'de' as const, ip: '203.0.113.9' }
  await db.insert(consentEvents).values({ userId: id, purpose: 'ai_transcripts', ...proof })
  await db.insert(recordingConsents).values({ userId: id, bookingId: past.id, ...proof })
  await db.insert(aiTransmissions).values({
    clientId: id,
    purpose: 'transcript',
    provider: 'mistral',
    model: 'm',
    charsSent: 10,
    placeholders: 1,
    consentEventIds: [1],
    outcome: 'ok',
  })
  await recordAudit(db, { actor: { userId: id, role: 'client' }, action: 'auth.sign_in' })
  return { clientId: id, email, bookingIds: [past.id, future.id], paymentId: payment!.id }
}

let coachId: string
let gone: Seeded
let kept: Seeded
let coachAsking: string

beforeAll(async () => {
  ;[handle, daily] = await Promise.all([createTestDb(), startFakeDaily()])
  db = handle.db
  storageDir = mkdtempSync(join(tmpdir(), 'mialma-retention-account-'))
  const coach = await createUser(db, { role: 'coach' })
  coachId = coach.id
  const [type] = await db
    .insert(sessionTypes)
    .values({ coachId, name: 'Coaching', durationMinutes: 60, priceRappen: 15_000, mode: 'video' })
    .returning()
  gone = await seedClient(coachId, type!.id, 'geloescht', new Date(now.getTime() - DAY))
  kept = await seedClient(coachId, type!.id, 'bleibt', null)
  // A coach account is not removed by this job (it carries the practice).
  coachAsking = (await createUser(db, { role: 'coach', deletionRequestedAt: new Date(now.getTime() - DAY) }))
    .id
})
afterAll(async () => {
  rmSync(storageDir, { recursive: true, force: true })
  await Promise.all([handle?.close(), daily?.close()])
})

describe('R10.2 R11 account data: removed by the job after the deletion request', () => {
  let dryCount = 0

  it('a dry run counts the rows the purge will touch', async () => {
    const report = await runRetention(db, { ...options(), dryRun: true })
    dryCount = report.classes['account-data']
    expect(dryCount).toBeGreaterThan(20)
  })

  it('removes every row of the client; only detached invoices and pseudonymous evidence remain', async () => {
    const report = await runRetention(db, options())
    expect(report).toMatchObject({ status: 'done', complete: true, pendingRemote: 0 })
    expect(report.classes['account-data']).toBe(dryCount)

    expect(await db.select().from(users).where(eq(users.id, gone.clientId))).toEqual([])
    // Nothing mentions the account any more, apart from the evidence of the audit class (ids only).
    expect(await whereMentioned(db, gone.clientId)).toEqual([
      'ai_transmissions.client_id',
      'audit_log.actor_id',
      'audit_log.target_id',
      'consent_events.user_id',
      'recording_consents.user_id',
    ])
    expect(await whereMentioned(db, gone.email)).toEqual([])
    expect(await whereMentioned(db, 'user_geloescht')).toEqual([])
    expect(await whereMentioned(db, `${CANARY} geloescht`)).toEqual([])
    expect(await storage().get(`recordings/${gone.bookingIds[0]}/geloescht.webm`)).toBeNull()
  })

  it('R4.4 the invoice record survives, detached from the account and the session', async () => {
    const [payment] = await db.select().from(payments).where(eq(payments.id, gone.paymentId))
    expect(payment).toMatchObject({
      userId: null,
      bookingId: null,
      amountRappen: 15_000,
      currency: 'chf',
      status: 'paid',
      stripePaymentIntentId: 'pi_geloescht',
    })
  })

  it('the coach keeps that sessions took place — anonymised, the future one cancelled', async () => {
    const rows = await db.select().from(bookings).where(eq(bookings.coachId, coachId))
    const theirs = rows.filter((b) => gone.bookingIds.includes(b.id))
    expect(theirs).toHaveLength(2)
    for (const b of theirs) expect(b).toMatchObject({ clientId: null, priceRappen: 0, creditGrantId: null })
    expect(theirs.find((b) => b.id === gone.bookingIds[1])!.status).toBe('cancelled')
  })

  it('R13.2 the audit log keeps a pseudonymous record of the purge and still verifies', async () => {
    const mentions = await whereMentioned(db, gone.clientId)
    expect(mentions).toContain('audit_log.target_id')
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })

  it('another client and a coach with a request are untouched', async () => {
    expect(
      await db.select().from(journalEntries).where(eq(journalEntries.userId, kept.clientId)),
    ).toHaveLength(2)
    expect(
      await db.select().from(transcripts).where(eq(transcripts.bookingId, kept.bookingIds[0]!)),
    ).toHaveLength(1)
    const [payment] = await db.select().from(payments).where(eq(payments.id, kept.paymentId))
    expect(payment!.userId).toBe(kept.clientId)
    expect(await storage().get(`recordings/${kept.bookingIds[0]}/bleibt.webm`)).not.toBeNull()
    expect(await whereMentioned(db, `${CANARY} bleibt`)).toEqual(['users.name'])
    expect(await db.select().from(users).where(eq(users.id, coachAsking))).toHaveLength(1)
  })

  it('R11.2 a second run changes nothing', async () => {
    const report = await runRetention(db, options())
    expect(report.classes['account-data']).toBe(0)
  })
})

describe('R10.2 deletion request (lib/account/deletion) followed by the retention run', () => {
  it('after the run nothing of the client remains but the detached invoice and the pseudonymous evidence', async () => {
    const coach = actorOf((await db.select().from(users).where(eq(users.id, coachId)))[0]!)
    const seeded = await seedClientWithEverything(db, coach, 'e2e-loeschung', now)
    await deleteAccount(db, seeded.actor, { confirmation: 'LÖSCHEN' }, now, { clerk: null })
    const report = await runRetention(db, { ...options(), now: new Date(now.getTime() + 30 * DAY) })
    expect(report).toMatchObject({ status: 'done', complete: true, pendingRemote: 0 })
    // The daily run finishes the request (issue 15): receipt sent, the address it needed forgotten, and a day
    // later the receipt's own log entry gone. What stays is the receipt row: the id, places and times.
    await runDaily(db, new Date(now.getTime() + DAY), { clerk: null })
    await runDaily(db, new Date(now.getTime() + 2 * DAY), { clerk: null })
    expect(await db.select().from(users).where(eq(users.id, seeded.actor.userId))).toEqual([])
    const allowed = [
      'ai_transmissions.client_id',
      'audit_log.actor_id',
      'audit_log.target_id',
      'consent_events.user_id',
      'deletion_requests.user_id',
      'recording_consents.user_id',
    ]
    expect((await whereMentioned(db, seeded.actor.userId)).filter((m) => !allowed.includes(m))).toEqual([])
    // The invoice's description is the invoice record itself (kept 10 years, R4.4); nothing else remains.
    for (const [key, canary] of Object.entries(seeded.canaries))
      expect(await whereMentioned(db, canary), key).toEqual(key === 'payment' ? ['payments.description'] : [])
    const [invoice] = await db.select().from(payments).where(eq(payments.id, seeded.paymentId))
    expect(invoice).toMatchObject({ userId: null, bookingId: null })
  })
})
