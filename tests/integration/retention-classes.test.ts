import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  aiAnalyses,
  aiTransmissions,
  auditLog,
  bookings,
  consentEvents,
  cronRuns,
  emailOutbox,
  localSessions,
  payments,
  rateLimits,
  recordingConsents,
  sessionRecordings,
  transcripts,
  users,
  webhookEvents,
} from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { verifyAuditChain } from '@/lib/audit/chain'
import { retentionCutoff, type RetentionClass } from '@/cron/retention/policy'
import { runRetention } from '@/cron/retention/run'
import { buildDaily } from '@/lib/integrations/daily'
import { localStorage } from '@/lib/integrations/storage'
import { startFakeDaily, type FakeDaily } from '../fakes/daily'
import { createTestDb } from '../helpers/db'
import { createUser, insertBooking } from '../helpers/fixtures'
import { insertAudit, MINUTE, tableCounts } from '../helpers/retention'

// The ledgers' triggers judge "3 years" by the database clock, so periods are judged against the real now here.
const now = new Date()
const cut = (id: RetentionClass) => retentionCutoff(id, now)!
const outside = (id: RetentionClass) => new Date(cut(id).getTime() - MINUTE)
const inside = (id: RetentionClass) => new Date(cut(id).getTime() + MINUTE)

let handle: DbHandle
let db: Db
let daily: FakeDaily
let storageDir: string
const storage = () => localStorage(storageDir)
const options = () => ({ now, storage: storage(), daily: buildDaily(daily.key, daily.url) })

type Ids = Record<string, string | undefined>
const ids: Ids = {}
let auditIds: { old1: number; old2: number; young: number }
let consentIds: Record<string, number>

async function seed() {
  const coach = await createUser(db, { role: 'coach' })
  const client = await createUser(db, { coachId: coach.id })
  const gone = await createUser(db, { coachId: coach.id })
  const recent = (days: number) => new Date(now.getTime() - days * 86_400_000)
  const booking = async (startsAt: Date) =>
    (await insertBooking(db, { coachId: coach.id, clientId: client.id, startsAt })).id
  const b = await Promise.all([1, 2, 3, 4, 5, 6].map((d) => booking(recent(d))))

  // video-recordings: one uploaded file each side of 90 days, one still at Daily
  const files = storage()
  await files.put('recordings/out.webm', new Uint8Array([1]), 'audio/webm')
  await files.put('recordings/in.webm', new Uint8Array([2]), 'audio/webm')
  const atDaily = daily.addFinishedRecording('room-out')
  const recs = await db
    .insert(sessionRecordings)
    .values([
      {
        bookingId: b[0]!,
        source: 'upload',
        status: 'stored',
        storageKey: 'recordings/out.webm',
        createdAt: outside('video-recordings'),
      },
      {
        bookingId: b[0]!,
        source: 'upload',
        status: 'stored',
        storageKey: 'recordings/in.webm',
        createdAt: inside('video-recordings'),
      },
      {
        bookingId: b[1]!,
        source: 'daily',
        status: 'failed',
        dailyRecordingId: atDaily.id,
        createdAt: outside('video-recordings'),
      },
    ])
    .returning({ id: sessionRecordings.id })
  ;[ids.recOut, ids.recIn, ids.recDaily] = recs.map((r) => r.id)

  // transcripts, AI analyses: 2 years
  const t = await db
    .insert(transcripts)
    .values([
      {
        bookingId: b[2]!,
        source: 'upload',
        segmentsEnc: 'x',
        segmentCount: 0,
        createdAt: outside('transcripts'),
      },
      {
        bookingId: b[3]!,
        source: 'upload',
        segmentsEnc: 'x',
        segmentCount: 0,
        createdAt: inside('transcripts'),
      },
    ])
    .returning({ id: transcripts.id })
  ;[ids.tOut, ids.tIn] = t.map((r) => r.id)
  const a = await db
    .insert(aiAnalyses)
    .values([
      {
        clientId: client.id,
        sourceKind: 'transcript',
        bookingId: b[4]!,
        createdAt: outside('session-summaries'),
      },
      {
        clientId: client.id,
        sourceKind: 'transcript',
        bookingId: b[5]!,
        createdAt: inside('session-summaries'),
      },
    ])
    .returning({ id: aiAnalyses.id })
  ;[ids.aOut, ids.aIn] = a.map((r) => r.id)

  // session metadata: 5 years → anonymised; its invoice (within 10 years) survives, detached
  const oldBooking = await insertBooking(db, {
    coachId: coach.id,
    clientId: client.id,
    startsAt: outside('session-metadata'),
    reminderSentAt: outside('session-metadata'),
    createdAt: new Date(outside('session-metadata').getTime() - 86_400_000),
  })
  // Another coach: a minute apart, the two would overlap in one calendar.
  const otherCoach = await createUser(db, { role: 'coach' })
  const youngBooking = await insertBooking(db, {
    coachId: otherCoach.id,
    clientId: client.id,
    startsAt: inside('session-metadata'),
  })
  ids.oldBooking = oldBooking.id
  ids.youngBooking = youngBooking.id
  const pay = (occurredAt: Date, bookingId: string | null) => ({
    userId: client.id,
    bookingId,
    kind: 'booking' as const,
    status: 'paid' as const,
    amountRappen: 15_000,
    description: 'Coaching-Sitzung, 60 Min.',
    stripePaymentIntentId: `pi_${occurredAt.getTime()}`,
    occurredAt,
  })
  const p = await db
    .insert(payments)
    .values([
      pay(oldBooking.createdAt, oldBooking.id),
      pay(inside('session-metadata'), youngBooking.id),
      pay(outside('invoice-records'), null),
      pay(inside('invoice-records'), null),
    ])
    .returning({ id: payments.id })
  ;[ids.payOldBooking, ids.payYoungBooking, ids.payOut, ids.payIn] = p.map((r) => r.id)

  // webhook events, technical logs: 90 days
  const w = await db
    .insert(webhookEvents)
    .values([
      { provider: 'stripe', eventId: 'evt_out', type: 'x', receivedAt: outside('webhook-events') },
      { provider: 'daily', eventId: 'evt_in', type: 'x', receivedAt: inside('webhook-events') },
    ])
    .returning({ id: webhookEvents.id })
  ;[ids.whOut, ids.whIn] = w.map((r) => r.id)
  const mail = (key: string, createdAt: Date) => ({
    toAddress: 'someone@mialma.test',
    template: 'booking-confirmation',
    locale: 'de' as const,
    subject: 'Termin',
    provider: 'outbox' as const,
    status: 'stored' as const,
    idempotencyKey: key,
    createdAt,
  })
  const e = await db
    .insert(emailOutbox)
    .values([mail('out', outside('technical-logs')), mail('in', inside('technical-logs'))])
    .returning({ id: emailOutbox.id })
  ;[ids.mailOut, ids.mailIn] = e.map((r) => r.id)
  await db.insert(rateLimits).values([
    { key: 'out', windowStart: outside('technical-logs'), count: 1 },
    { key: 'in', windowStart: inside('technical-logs'), count: 1 },
  ])
  await db.insert(localSessions).values([
    { id: 'sess-out', userId: client.id, expiresAt: outside('technical-logs') },
    { id: 'sess-in', userId: client.id, expiresAt: inside('technical-logs') },
  ])
  const run = (startedAt: Date) => ({
    job: 'retention',
    status: 'done' as const,
    logicalNow: startedAt,
    startedAt,
    leaseExpiresAt: startedAt,
  })
  const c = await db
    .insert(cronRuns)
    .values([run(outside('technical-logs')), run(inside('technical-logs'))])
    .returning({ id: cronRuns.id })
  ;[ids.cronOut, ids.cronIn] = c.map((r) => r.id)

  // audit log (3 years), a prefix in chain order
  auditIds = {
    old1: await insertAudit(db, new Date(outside('audit-logs').getTime() - 86_400_000)),
    old2: await insertAudit(db, outside('audit-logs')),
    young: await insertAudit(db, inside('audit-logs')),
  }
  // consent proof: 3 years without exception (issue 15.5) — even the newest grant, which has expired by then
  const proof = (
    userId: string,
    purpose: 'ai_transcripts' | 'ai_questionnaires' | 'ai_external_provider',
    granted: boolean,
    createdAt: Date,
  ) => ({
    userId,
    purpose,
    granted,
    textVersion: '1',
    textSha256: 'x',
    locale: 'de' as const,
    ip: '203.0.113.7',
    userAgent: 'UA',
    createdAt,
  })
  const old = outside('audit-logs')
  const older = new Date(old.getTime() - 10 * 86_400_000)
  const rows = await db
    .insert(consentEvents)
    .values([
      proof(client.id, 'ai_transcripts', true, old), // newest grant, but older than 3 years → expired, goes
      proof(client.id, 'ai_questionnaires', true, older), // withdrawn later → goes
      proof(client.id, 'ai_questionnaires', false, old), // the withdrawal, old → goes
      proof(client.id, 'ai_external_provider', true, older), // superseded by a newer grant → goes
      proof(client.id, 'ai_external_provider', true, inside('audit-logs')), // young → stays
      proof(gone.id, 'ai_transcripts', true, old), // account no longer exists → not in force, goes
    ])
    .returning({ id: consentEvents.id })
  consentIds = Object.fromEntries(['expired', 'q1', 'q2', 'e1', 'e2', 'gone'].map((k, i) => [k, rows[i]!.id]))
  await db.delete(users).where(eq(users.id, gone.id))
  const rc = (createdAt: Date) => ({
    bookingId: b[0]!,
    userId: client.id,
    granted: true,
    textVersion: '1',
    textSha256: 'x',
    locale: 'de' as const,
    createdAt,
  })
  const r = await db
    .insert(recordingConsents)
    .values([rc(outside('audit-logs')), rc(inside('audit-logs'))])
    .returning({ id: recordingConsents.id })
  ;[ids.rcOut, ids.rcIn] = r.map((x) => String(x.id))
  const tx = (sentAt: Date) => ({
    clientId: client.id,
    purpose: 'transcript' as const,
    provider: 'mistral',
    model: 'm',
    charsSent: 1,
    placeholders: 0,
    consentEventIds: [1],
    outcome: 'ok',
    sentAt,
  })
  const at = await db
    .insert(aiTransmissions)
    .values([tx(outside('audit-logs')), tx(inside('audit-logs'))])
    .returning({ id: aiTransmissions.id })
  ;[ids.atOut, ids.atIn] = at.map((x) => x.id)
}

const expected = {
  'account-data': 0,
  'video-recordings': 2,
  transcripts: 1,
  'session-summaries': 1,
  'session-metadata': 2, // the booking anonymised + its invoice detached
  'invoice-records': 1,
  'webhook-events': 1,
  'technical-logs': 4, // e-mail, rate limit, expired sign-in session, old cron run
  'audit-logs': 9, // 2 audit entries, 5 consent rows (issue 15.5: the expired newest grant too), 1 recording consent, 1 AI transmission record
}

beforeAll(async () => {
  ;[handle, daily] = await Promise.all([createTestDb(), startFakeDaily()])
  db = handle.db
  storageDir = mkdtempSync(join(tmpdir(), 'mialma-retention-'))
  await seed()
})
afterAll(async () => {
  rmSync(storageDir, { recursive: true, force: true })
  await Promise.all([handle?.close(), daily?.close()])
})

const idsLeft = async <T extends { id: unknown }>(rows: Promise<T[]>) =>
  (await rows).map((r) => String(r.id)).sort()

describe('R11 the retention job, class by class', () => {
  it('R11.2 a dry run counts what would go and changes nothing', async () => {
    const before = await tableCounts(db, ['cron_runs'])
    const report = await runRetention(db, { ...options(), dryRun: true })
    expect(report).toMatchObject({ status: 'done', dryRun: true, complete: true })
    expect(report.classes).toEqual(expected)
    expect(await tableCounts(db, ['cron_runs'])).toEqual(before)
    expect(daily.recordings.size).toBe(1)
    expect(await storage().get('recordings/out.webm')).not.toBeNull()
    const [run] = await db.select().from(cronRuns).where(eq(cronRuns.id, report.runId!))
    expect(run).toMatchObject({ status: 'done', dryRun: true, report: { ...expected, complete: true } })
  })

  it('R11 deletes or anonymises exactly the rows past their period, and records the run', async () => {
    const report = await runRetention(db, options())
    expect(report).toMatchObject({ status: 'done', dryRun: false, complete: true, pendingRemote: 0 })
    expect(report.classes).toEqual(expected)
    const [run] = await db.select().from(cronRuns).where(eq(cronRuns.id, report.runId!))
    expect(run).toMatchObject({ status: 'done', report: { ...expected, complete: true, pendingRemote: 0 } })
    expect(run!.finishedAt).not.toBeNull()
  })

  it('R11 video recordings: 90 days, the file in our storage and the recording at Daily deleted too', async () => {
    expect(await idsLeft(db.select({ id: sessionRecordings.id }).from(sessionRecordings))).toEqual([
      ids.recIn,
    ])
    expect(await storage().get('recordings/out.webm')).toBeNull()
    expect(await storage().get('recordings/in.webm')).not.toBeNull()
    expect(daily.recordings.size).toBe(0)
    expect(daily.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1)
    // One audit entry per batch and class, like every other class (issue 18): the table and the count only.
    const batches = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'retention.batch'), eq(auditLog.targetId, 'video-recordings')))
    expect(batches.map((e) => [e.details?.table, e.details?.rows, e.details?.action])).toEqual([
      ['session_recordings', 2, 'delete'],
    ])
  })

  it('R11 transcripts and AI summaries/analyses: 2 years', async () => {
    expect(await idsLeft(db.select({ id: transcripts.id }).from(transcripts))).toEqual([ids.tIn])
    expect(await idsLeft(db.select({ id: aiAnalyses.id }).from(aiAnalyses))).toEqual([ids.aIn])
  })

  it('R11 R4.4 session metadata: after 5 years only date, duration and type remain; the invoice stays, detached', async () => {
    const [old] = await db.select().from(bookings).where(eq(bookings.id, ids.oldBooking!))
    expect(old).toMatchObject({
      clientId: null,
      priceRappen: 0,
      reminderSentAt: null,
      creditGrantId: null,
      sessionName: 'Coaching-Sitzung',
      durationMinutes: 60,
      mode: 'video',
      startsAt: outside('session-metadata'),
      createdAt: outside('session-metadata'),
    })
    const [young] = await db.select().from(bookings).where(eq(bookings.id, ids.youngBooking!))
    expect(young!.clientId).not.toBeNull()
    expect(young!.priceRappen).toBe(15_000)
    const pays = await db
      .select()
      .from(payments)
      .where(inArray(payments.id, [ids.payOldBooking!, ids.payYoungBooking!]))
    expect(pays.find((p) => p.id === ids.payOldBooking)).toMatchObject({
      bookingId: null,
      amountRappen: 15_000,
    })
    expect(pays.find((p) => p.id === ids.payYoungBooking)!.bookingId).toBe(ids.youngBooking)
  })

  it('R4.4 invoice records: 10 years', async () => {
    const left = await idsLeft(db.select({ id: payments.id }).from(payments))
    expect(left).toEqual([ids.payOldBooking, ids.payYoungBooking, ids.payIn].sort())
  })

  it('R11 webhook events, e-mail log, technical logs and cron runs: 90 days', async () => {
    expect(await idsLeft(db.select({ id: webhookEvents.id }).from(webhookEvents))).toEqual([ids.whIn])
    expect(await idsLeft(db.select({ id: emailOutbox.id }).from(emailOutbox))).toEqual([ids.mailIn])
    expect((await db.select().from(rateLimits)).map((r) => r.key)).toEqual(['in'])
    expect((await db.select().from(localSessions)).map((r) => r.id)).toEqual(['sess-in'])
    const runs = await idsLeft(db.select({ id: cronRuns.id }).from(cronRuns))
    expect(runs).toContain(ids.cronIn)
    expect(runs).not.toContain(ids.cronOut)
  })

  it('R11 R13.2 audit log: the oldest entries go as a prefix and the chain still verifies', async () => {
    const left = (await db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id)
    expect(left).not.toContain(auditIds.old1)
    expect(left).not.toContain(auditIds.old2)
    expect(left).toContain(auditIds.young)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })

  // Changed with issue 15.5: the newest grant no longer stays "however old" — a grant expires after 3 years
  // (it counts as withdrawn from then on), so its proof goes with the rest.
  it('R9.2 R11 consent proof: 3 years without exception, the newest (expired) grant too', async () => {
    const left = (await db.select({ id: consentEvents.id }).from(consentEvents)).map((r) => r.id).sort()
    expect(left).toEqual([consentIds.e2!])
    expect(await idsLeft(db.select({ id: recordingConsents.id }).from(recordingConsents))).toEqual([ids.rcIn])
    expect(await idsLeft(db.select({ id: aiTransmissions.id }).from(aiTransmissions))).toEqual([ids.atIn])
  })

  it('R11.2 idempotent: a second run changes nothing', async () => {
    const before = await tableCounts(db, ['cron_runs'])
    const report = await runRetention(db, options())
    expect(report).toMatchObject({ status: 'done', complete: true })
    expect(Object.values(report.classes).every((n) => n === 0)).toBe(true)
    expect(await tableCounts(db, ['cron_runs'])).toEqual(before)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })
})

describe('R11 R13.2 audit retention never cuts the chain in the middle', () => {
  it('an old entry after a young one (chain order) stays until everything before it is old', async () => {
    const young = await insertAudit(db, new Date(now.getTime() - 10 * MINUTE))
    const oldAfterYoung = await insertAudit(db, outside('audit-logs'))
    await runRetention(db, options())
    const left = (await db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id)
    expect(left).toEqual(expect.arrayContaining([young, oldAfterYoung]))
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })
})
