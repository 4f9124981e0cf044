import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  auditLog,
  bookings,
  cronRuns,
  emailOutbox,
  journalEntries,
  sessionRecordings,
  users,
  webhookEvents,
} from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { LEASE_MS } from '@/cron/retention/lease'
import { retentionCutoff } from '@/cron/retention/policy'
import { runRetention, type RetentionReport } from '@/cron/retention/run'
import { buildDaily } from '@/lib/integrations/daily'
import { localStorage, type ObjectStorage } from '@/lib/integrations/storage'
import { startFakeDaily, type FakeDaily } from '../fakes/daily'
import { createTestDb } from '../helpers/db'
import { countRows, createUser, insertBooking } from '../helpers/fixtures'
import { DAY, MINUTE, tableCounts } from '../helpers/retention'

const now = new Date()
const expired = new Date(retentionCutoff('webhook-events', now)!.getTime() - MINUTE)

let handle: DbHandle
let db: Db
let daily: FakeDaily
let storageDir: string
const storage = () => localStorage(storageDir)
const options = () => ({ now, storage: storage(), daily: buildDaily(daily.key, daily.url) })

beforeAll(async () => {
  ;[handle, daily] = await Promise.all([createTestDb(), startFakeDaily()])
  db = handle.db
  storageDir = mkdtempSync(join(tmpdir(), 'mialma-retention-runs-'))
})
afterAll(async () => {
  rmSync(storageDir, { recursive: true, force: true })
  await Promise.all([handle?.close(), daily?.close()])
})
beforeEach(async () => {
  daily.reset()
  await db.delete(cronRuns)
})

const sum = (reports: RetentionReport[], id: keyof RetentionReport['classes']) =>
  reports.reduce((n, r) => n + r.classes[id], 0)

describe('R11.2 resumable: a run stopped after one batch completes on the next, without double effects', () => {
  it('budget spent → stops after one batch; later runs continue until complete, the counts add up', async () => {
    await db.insert(webhookEvents).values(
      Array.from({ length: 5 }, (_, i) => ({
        provider: 'stripe',
        eventId: `evt_resume_${i}`,
        type: 'x',
        receivedAt: expired,
      })),
    )
    await db.insert(emailOutbox).values(
      Array.from({ length: 3 }, (_, i) => ({
        toAddress: 'a@mialma.test',
        template: 't',
        locale: 'de' as const,
        subject: 's',
        provider: 'outbox' as const,
        status: 'stored' as const,
        idempotencyKey: `resume-${i}`,
        createdAt: expired,
      })),
    )
    // A deleted account whose rows take several batches: its purge (and its audit record) happens exactly once.
    const client = await createUser(db, { deletionRequestedAt: new Date(now.getTime() - DAY) })
    await db
      .insert(journalEntries)
      .values(
        Array.from({ length: 3 }, () => ({ userId: client.id, kind: 'journal' as const, bodyEnc: 'x' })),
      )

    const reports: RetentionReport[] = []
    for (let i = 0; i < 20; i++) {
      const report = await runRetention(db, { ...options(), budgetMs: 0, batchSize: 2 })
      reports.push(report)
      if (report.complete) break
    }
    expect(reports.length).toBeGreaterThan(3)
    expect(reports.at(-1)!.complete).toBe(true)
    expect(reports.slice(0, -1).every((r) => !r.complete && r.status === 'done')).toBe(true)
    // One batch of at most 2 rows per run, except that a run may finish the step it is in with the batch it ran.
    for (const r of reports)
      expect(Object.values(r.classes).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3)
    expect(sum(reports, 'webhook-events')).toBe(5)
    expect(sum(reports, 'technical-logs')).toBe(3)
    expect(sum(reports, 'account-data')).toBe(4) // 3 journal entries + the account row
    expect(await countRows(db, webhookEvents)).toBe(0)
    expect(await countRows(db, emailOutbox)).toBe(0)
    expect(await db.select().from(users).where(eq(users.id, client.id))).toEqual([])
    const purged = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.deleted'), eq(auditLog.targetId, client.id)))
    expect(purged).toHaveLength(1)
    expect(purged[0]!.details).toEqual({ stage: 'purged' })
    // Every run is recorded, and the partial ones say so.
    const runs = await db.select().from(cronRuns)
    expect(runs).toHaveLength(reports.length)
    expect(runs.every((r) => r.status === 'done')).toBe(true)
    expect(runs.filter((r) => r.report?.complete === false)).toHaveLength(reports.length - 1)

    const again = await runRetention(db, options())
    expect(Object.values(again.classes).every((n) => n === 0)).toBe(true)
  })
})

describe('R11.2 two overlapping runs cannot both work', () => {
  it('the second run refuses while the first holds the lease, and reports that', async () => {
    await db
      .insert(webhookEvents)
      .values({ provider: 'stripe', eventId: 'evt_overlap', type: 'x', receivedAt: expired })
    // The first run is held inside a remote deletion (a recording's file), lease taken.
    const coach = await createUser(db, { role: 'coach' })
    const booking = await insertBooking(db, {
      coachId: coach.id,
      clientId: null,
      startsAt: new Date(now.getTime() - 100 * DAY),
    })
    await db.insert(sessionRecordings).values({
      bookingId: booking.id,
      source: 'upload',
      status: 'stored',
      storageKey: 'recordings/held.webm',
      createdAt: new Date(now.getTime() - 100 * DAY),
    })
    let release!: () => void
    let entered!: () => void
    const inside = new Promise<void>((resolve) => (entered = resolve))
    const held: ObjectStorage = {
      ...storage(),
      delete: async () => {
        entered()
        await new Promise<void>((resolve) => (release = resolve))
      },
    }
    const first = runRetention(db, { ...options(), storage: held })
    await inside
    const before = await tableCounts(db, ['cron_runs'])
    const second = await runRetention(db, options())
    expect(second).toMatchObject({ status: 'skipped', runId: null, reason: 'another run is in progress' })
    expect(Object.values(second.classes).every((n) => n === 0)).toBe(true)
    expect(await tableCounts(db, ['cron_runs'])).toEqual(before)
    release()
    const done = await first
    expect(done).toMatchObject({ status: 'done', complete: true })
    expect(done.classes['video-recordings']).toBe(1)
    expect(done.classes['webhook-events']).toBe(1)
  })

  it('a run whose lease expired (crashed) is taken over and marked failed', async () => {
    const clock = new Date()
    const [stale] = await db
      .insert(cronRuns)
      .values({
        job: 'retention',
        logicalNow: clock,
        startedAt: new Date(clock.getTime() - 2 * LEASE_MS),
        leaseExpiresAt: new Date(clock.getTime() - MINUTE),
      })
      .returning()
    const report = await runRetention(db, options())
    expect(report).toMatchObject({ status: 'done', complete: true })
    const [old] = await db.select().from(cronRuns).where(eq(cronRuns.id, stale!.id))
    expect(old).toMatchObject({ status: 'failed', error: 'lease expired (taken over)' })
  })

  it('a run that is still within its lease blocks even a dry run', async () => {
    const clock = new Date()
    await db.insert(cronRuns).values({
      job: 'retention',
      logicalNow: clock,
      startedAt: clock,
      leaseExpiresAt: new Date(clock.getTime() + LEASE_MS),
    })
    expect(await runRetention(db, { ...options(), dryRun: true })).toMatchObject({ status: 'skipped' })
  })
})

describe('R11 R5.4 recordings: deleted in our storage and at Daily; a remote failure keeps the row', () => {
  it('Daily failing → the row stays (the file in storage is gone already), the next run finishes', async () => {
    const coach = await createUser(db, { role: 'coach' })
    const booking = await insertBooking(db, {
      coachId: coach.id,
      clientId: null,
      startsAt: new Date(now.getTime() - 200 * DAY),
    })
    await storage().put('recordings/kept.webm', new Uint8Array([1, 2, 3]), 'audio/webm')
    const atDaily = daily.addFinishedRecording('room-kept')
    const [row] = await db
      .insert(sessionRecordings)
      .values({
        bookingId: booking.id,
        source: 'daily',
        status: 'downloading',
        dailyRecordingId: atDaily.id,
        storageKey: 'recordings/kept.webm',
        createdAt: new Date(now.getTime() - 200 * DAY),
      })
      .returning()

    daily.failWith({ status: 500, error: 'server-error', info: 'down' })
    const first = await runRetention(db, options())
    expect(first).toMatchObject({ status: 'done', complete: true, pendingRemote: 1 })
    expect(first.classes['video-recordings']).toBe(0)
    const [kept] = await db.select().from(sessionRecordings).where(eq(sessionRecordings.id, row!.id))
    expect(kept).toMatchObject({ storageKey: null, dailyRecordingId: atDaily.id })
    expect(await storage().get('recordings/kept.webm')).toBeNull()
    expect(daily.recordings.has(atDaily.id)).toBe(true)

    daily.failWith(null)
    const second = await runRetention(db, options())
    expect(second).toMatchObject({ pendingRemote: 0 })
    expect(second.classes['video-recordings']).toBe(1)
    expect(await db.select().from(sessionRecordings).where(eq(sessionRecordings.id, row!.id))).toEqual([])
    expect(daily.recordings.has(atDaily.id)).toBe(false)
  })

  it('already gone at Daily (404) counts as deleted; without Daily configured the row waits', async () => {
    const coach = await createUser(db, { role: 'coach' })
    const booking = await insertBooking(db, {
      coachId: coach.id,
      clientId: null,
      startsAt: new Date(now.getTime() - 200 * DAY),
    })
    const [row] = await db
      .insert(sessionRecordings)
      .values({
        bookingId: booking.id,
        source: 'daily',
        status: 'failed',
        dailyRecordingId: 'rec-gone-at-daily',
        createdAt: new Date(now.getTime() - 200 * DAY),
      })
      .returning()
    expect(await runRetention(db, { ...options(), daily: null })).toMatchObject({ pendingRemote: 1 })
    expect(await db.select().from(sessionRecordings).where(eq(sessionRecordings.id, row!.id))).toHaveLength(1)
    const report = await runRetention(db, options())
    expect(report.classes['video-recordings']).toBe(1)
    expect(daily.requests.some((r) => r.method === 'DELETE' && r.status === 404)).toBe(true)
  })
})

describe('R3.5 R11 Acuity references follow the 12 months the policy names for Acuity data', () => {
  it('a run clears the appointment reference of bookings that ended more than 12 months ago; a dry run only counts', async () => {
    const coach = await createUser(db, { role: 'coach' })
    const client = await createUser(db, { coachId: coach.id })
    const old = await insertBooking(db, {
      coachId: coach.id,
      clientId: client.id,
      startsAt: new Date(now.getTime() - 400 * DAY),
      acuityAppointmentId: 'apt-old',
    })
    const recent = await insertBooking(db, {
      coachId: coach.id,
      clientId: client.id,
      startsAt: new Date(now.getTime() - 300 * DAY),
      acuityAppointmentId: 'apt-recent',
    })
    const ref = async (id: string) =>
      (await db.select({ a: bookings.acuityAppointmentId }).from(bookings).where(eq(bookings.id, id)))[0]!.a
    const dry = await runRetention(db, { ...options(), dryRun: true })
    expect(dry.acuityReferences).toBe(1)
    expect(await ref(old.id)).toBe('apt-old')
    const report = await runRetention(db, options())
    expect(report.acuityReferences).toBe(1)
    expect(await ref(old.id)).toBeNull()
    expect(await ref(recent.id)).toBe('apt-recent')
  })
})
