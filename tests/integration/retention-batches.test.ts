import { and, eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditLog,
  bookings,
  emailOutbox,
  journalEntries,
  sessionRecordings,
  users,
  webhookEvents,
} from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { retentionCutoff } from '@/cron/retention/policy'
import { runRetention } from '@/cron/retention/run'
import { verifyAuditChain } from '@/lib/audit/chain'
import { createTestDb } from '../helpers/db'
import { createUser, insertBooking } from '../helpers/fixtures'
import { DAY, MINUTE } from '../helpers/retention'

const now = new Date()
const expired = new Date(retentionCutoff('webhook-events', now)!.getTime() - MINUTE)

let handle: DbHandle
let db: Db

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
})
afterAll(async () => {
  await handle?.close()
})

describe('R11.2 R13.2 retention works in set-based batches and audits each batch once', () => {
  it('R11.2 R13.2 one audit entry per batch and class: class, table and row count, nothing about the rows', async () => {
    await db.insert(webhookEvents).values(
      Array.from({ length: 7 }, (_, i) => ({
        provider: 'stripe',
        eventId: `evt_b_${i}`,
        type: 'x',
        receivedAt: expired,
      })),
    )
    await db.insert(emailOutbox).values(
      Array.from({ length: 2 }, (_, i) => ({
        toAddress: 'batch@mialma.test',
        template: 't',
        locale: 'de' as const,
        subject: 's',
        provider: 'outbox' as const,
        status: 'stored' as const,
        idempotencyKey: `batch-${i}`,
        createdAt: expired,
      })),
    )
    const report = await runRetention(db, { now, daily: null, batchSize: 3 })
    expect(report).toMatchObject({ status: 'done', complete: true })
    expect(report.classes['webhook-events']).toBe(7)
    expect(report.classes['technical-logs']).toBe(2)

    const entries = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'retention.batch'))
      .orderBy(auditLog.chainSeq)
    expect(entries.map((e) => [e.targetId, e.details?.table, e.details?.rows, e.details?.action])).toEqual([
      ['webhook-events', 'webhook_events', 3, 'delete'],
      ['webhook-events', 'webhook_events', 3, 'delete'],
      ['webhook-events', 'webhook_events', 1, 'delete'],
      ['technical-logs', 'email_outbox', 2, 'delete'],
    ])
    for (const e of entries) {
      expect(e).toMatchObject({ actorId: null, actorRole: 'system', targetType: 'retention_class' })
      expect(e.details?.runId).toBe(report.runId)
      expect(JSON.stringify(e.details)).not.toContain('batch@mialma.test')
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })

    // Nothing left to do: a second run writes no audit entry.
    await runRetention(db, { now, daily: null, batchSize: 3 })
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'retention.batch'))),
    ).toHaveLength(4)
  })

  it('R11.2 every period column a batch selects by is indexed (a batch never scans what earlier ones removed)', async () => {
    const result = await db.execute(sql`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'`)
    const defs = (result as unknown as { rows: { indexdef: string }[] }).rows.map((r) => r.indexdef)
    const leading = (table: string, column: string) =>
      defs.some((d) => d.includes(` ON public.${table} `) && new RegExp(`\\(${column}[,)]`).test(d))
    const periods: [string, string][] = [
      ['webhook_events', 'received_at'],
      ['email_outbox', 'created_at'],
      ['rate_limits', 'window_start'],
      ['local_sessions', 'expires_at'],
      ['transcripts', 'created_at'],
      ['ai_analyses', 'created_at'],
      ['ai_transmissions', 'sent_at'],
      ['payments', 'occurred_at'],
      ['bookings', 'starts_at'],
      ['consent_events', 'created_at'],
      ['audit_log', 'chain_seq'],
    ]
    expect(periods.filter(([t, c]) => !leading(t, c))).toEqual([])
  })

  it("R11.2 every foreign key is indexed on its referencing side (a parent row's DELETE looks children up, never scans them)", async () => {
    // A DELETE on users (or bookings, payments …) checks every referencing table per deleted row; without an
    // index on the referencing column that is a full scan per row — what made purging accounts quadratic.
    const result = await db.execute(sql`
      SELECT c.conrelid::regclass::text AS child, a.attname AS col
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
       ORDER BY 1, 2`)
    expect((result as unknown as { rows: { child: string; col: string }[] }).rows).toEqual([])
  })
})

describe('R11.2 time-based batches are ranges of the period index; ties at a boundary are neither lost nor doubled', () => {
  it('a tie larger than a batch is split by row, a tie at a range boundary waits whole for the next range', async () => {
    // Batches of 3 over 8 expired webhook events: t0, t1 ×4, t2, t3 ×2 (microseconds apart), and a young one at t3's
    // microsecond of a later day (not due).
    const base = new Date(retentionCutoff('webhook-events', now)!.getTime() - DAY)
    const at = (micros: number) =>
      sql`CAST(${base.toISOString()} AS timestamptz) + ${`${micros} microseconds`}::interval`
    const times = [0, 1, 1, 1, 1, 2, 3, 3]
    for (const [i, micros] of times.entries())
      await db.execute(
        sql`INSERT INTO webhook_events (provider, event_id, type, received_at) VALUES ('stripe', ${`evt_tie_${i}`}, 'x', ${at(micros)})`,
      )
    await db
      .insert(webhookEvents)
      .values({ provider: 'stripe', eventId: 'evt_tie_young', type: 'x', receivedAt: now })

    const report = await runRetention(db, { now, daily: null, batchSize: 3 })
    expect(report).toMatchObject({ status: 'done', complete: true })
    expect(report.classes['webhook-events']).toBe(8)
    const left = await db
      .select({ eventId: webhookEvents.eventId })
      .from(webhookEvents)
      .where(sql`${webhookEvents.eventId} LIKE 'evt_tie_%'`)
    expect(left).toEqual([{ eventId: 'evt_tie_young' }])
    // [t0, t1): 1 row (t1's four wait whole); more than 3 share t1: 3 of them; [t1, t3): the fourth and t2; the
    // rest (t3 ×2). Every row in exactly one batch: the counts add up to 8.
    const batches = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'retention.batch'),
          eq(auditLog.targetId, 'webhook-events'),
          sql`${auditLog.details}->>'runId' = ${report.runId}`,
        ),
      )
      .orderBy(auditLog.chainSeq)
    expect(batches.map((e) => e.details?.rows)).toEqual([1, 3, 2, 2])
  })
})

describe('R11.2 anonymising walks the period index (keyset), ties and microseconds included', () => {
  it('every old booking is anonymised in one run, batch after batch, none twice', async () => {
    const coach = await createUser(db, { role: 'coach' })
    const client = await createUser(db, {})
    const old = new Date(retentionCutoff('session-metadata', now)!.getTime() - 30 * DAY)
    const ids: string[] = []
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await insertBooking(db, {
            coachId: coach.id,
            clientId: client.id,
            startsAt: old,
            status: 'cancelled',
          })
        ).id,
      )
    // Three share one start to the microsecond (a batch boundary falls among them), two differ by a microsecond.
    await db.execute(sql`UPDATE bookings SET starts_at = starts_at + CASE id
        WHEN ${ids[3]!}::uuid THEN interval '1 microsecond' WHEN ${ids[4]!}::uuid THEN interval '2 microseconds'
        ELSE interval '0' END + interval '0.000123 seconds'
      WHERE id = ANY(${`{${ids.join(',')}}`}::uuid[])`)

    const report = await runRetention(db, { now, daily: null, batchSize: 2 })
    expect(report).toMatchObject({ status: 'done', complete: true })
    const rows = await db.select().from(bookings).where(inArray(bookings.id, ids))
    expect(rows.map((b) => b.clientId)).toEqual([null, null, null, null, null])
    const batches = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'retention.batch'), eq(auditLog.targetId, 'session-metadata')))
      .orderBy(auditLog.chainSeq)
    expect(batches.filter((e) => e.details?.table === 'bookings').map((e) => e.details?.rows)).toEqual([
      2, 2, 1,
    ])
  })
})

describe('R10.2 R11.2 R13.2 deleted accounts are purged together, set-based', () => {
  const requested = new Date(now.getTime() - DAY)

  async function deletedClient(tag: string) {
    const client = await createUser(db, { email: `Set-${tag}@MiAlma.test`, deletionRequestedAt: requested })
    await db
      .insert(journalEntries)
      .values(
        Array.from({ length: 3 }, () => ({ userId: client.id, kind: 'journal' as const, bodyEnc: 'x' })),
      )
    const mail = (key: string, to: string) => ({
      toAddress: to,
      template: 't',
      locale: 'de' as const,
      subject: 's',
      provider: 'outbox' as const,
      status: 'stored' as const,
      idempotencyKey: key,
    })
    await db.insert(emailOutbox).values([
      // Found by the address (case-insensitive), by the account id in the key, and the receipt that stays.
      mail(`set-address-${tag}`, `set-${tag}@mialma.test`),
      mail(`profile-updated/${client.id}/1`, 'elsewhere@mialma.test'),
      mail(`account-deleted/${client.id}`, 'elsewhere@mialma.test'),
    ])
    return client
  }

  it('one statement per table and batch for all accounts, one audit record per account, the receipts stay', async () => {
    const clients = await Promise.all(['a', 'b', 'c'].map(deletedClient))
    const ids = clients.map((c) => c.id)
    const kept = await createUser(db, {})
    await db.insert(journalEntries).values({ userId: kept.id, kind: 'journal', bodyEnc: 'x' })

    const report = await runRetention(db, { now, daily: null, batchSize: 4 })
    expect(report).toMatchObject({ status: 'done', complete: true })
    // 9 entries + 6 e-mails + 3 account rows.
    expect(report.classes['account-data']).toBe(18)
    expect(await db.select().from(users).where(inArray(users.id, ids))).toEqual([])
    expect(await db.select().from(journalEntries).where(eq(journalEntries.userId, kept.id))).toHaveLength(1)
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(sql`${emailOutbox.idempotencyKey} LIKE 'account-deleted/%'`)
    expect(mails.map((m) => m.idempotencyKey).sort()).toEqual(ids.map((id) => `account-deleted/${id}`).sort())
    expect(
      await db
        .select()
        .from(emailOutbox)
        .where(sql`${emailOutbox.idempotencyKey} LIKE 'set-address-%'`),
    ).toEqual([])

    // Batches span accounts: 9 journal entries of three accounts are 3 batches of at most 4, not 3 per account.
    const batches = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'retention.batch'), eq(auditLog.targetId, 'account-data')))
      .orderBy(auditLog.chainSeq)
    expect(batches.filter((e) => e.details?.table === 'journal_entries').map((e) => e.details?.rows)).toEqual(
      [4, 4, 1],
    )
    expect(batches.filter((e) => e.details?.table === 'email_outbox').map((e) => e.details?.rows)).toEqual([
      4, 2,
    ])
    const purged = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.deleted'), inArray(auditLog.targetId, ids)))
    expect(purged.map((e) => e.targetId).sort()).toEqual([...ids].sort())
    for (const e of purged)
      expect(e).toMatchObject({ actorId: null, actorRole: 'system', details: { stage: 'purged' } })
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })

  it('an account whose recording waits for a remote deletion keeps its bookings and row; the others go', async () => {
    const coach = await createUser(db, { role: 'coach' })
    const waiting = await deletedClient('waiting')
    const other = await deletedClient('other')
    const booking = await insertBooking(db, {
      coachId: coach.id,
      clientId: waiting.id,
      startsAt: new Date(now.getTime() - 10 * DAY),
    })
    await db.insert(sessionRecordings).values({
      bookingId: booking.id,
      source: 'daily',
      status: 'failed',
      dailyRecordingId: 'rec-still-at-daily',
    })

    // Daily not configured: the recording cannot be deleted there, so it stays and says so.
    const report = await runRetention(db, { now, daily: null })
    expect(report).toMatchObject({ status: 'done', complete: true, pendingRemote: 1 })
    expect(await db.select().from(users).where(eq(users.id, other.id))).toEqual([])
    expect(await db.select().from(users).where(eq(users.id, waiting.id))).toHaveLength(1)
    const [kept] = await db.select().from(bookings).where(eq(bookings.id, booking.id))
    expect(kept!.clientId).toBe(waiting.id)
    // The rest of the waiting account is gone already.
    expect(await db.select().from(journalEntries).where(eq(journalEntries.userId, waiting.id))).toEqual([])
  })
})
