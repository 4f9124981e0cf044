import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, emailOutbox, webhookEvents } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { retentionCutoff } from '@/cron/retention/policy'
import { runRetention } from '@/cron/retention/run'
import { verifyAuditChain } from '@/lib/audit/chain'
import { createTestDb } from '../helpers/db'
import { MINUTE } from '../helpers/retention'

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
})
