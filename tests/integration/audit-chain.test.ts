import { randomUUID } from 'node:crypto'
import { asc, eq, isNull, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { verifyAuditChain } from '@/lib/audit/chain'
import { recordAudit } from '@/lib/audit/service'
import { migrateDatabase } from '@/db/migrate'
import { createTestDb, olderMigrations } from '../helpers/db'
import { errorText } from '../helpers/fixtures'

/**
 * R13.2 tamper evidence: each audit row carries sha256(prev_hash + its content), set by the database
 * (migration 0004). Destructive scenarios get their own database so each starts from an intact chain.
 */
const handles: DbHandle[] = []
async function freshDb(): Promise<Db> {
  const handle = await createTestDb()
  handles.push(handle)
  return handle.db
}
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()))
})

async function addEntries(db: Db, n: number, extra: { createdAt?: Date } = {}) {
  for (let i = 0; i < n; i++) {
    const userId = randomUUID()
    if (extra.createdAt) {
      await db
        .insert(auditLog)
        .values({ actorId: userId, action: 'auth.sign_in', createdAt: extra.createdAt })
    } else {
      await recordAudit(db, {
        actor: { userId, role: 'client' },
        action: i % 2 ? 'auth.sign_in' : 'profile.updated',
        target: { type: 'user', id: userId },
        details: { n: i, fields: 'name,phone', ok: true, none: null },
        meta: { ip: '203.0.113.9', userAgent: `Agent "${i}" ü` },
      })
    }
  }
}

async function chainRows(db: Db) {
  return db
    .select({ id: auditLog.id, seq: auditLog.chainSeq, prev: auditLog.prevHash, hash: auditLog.rowHash })
    .from(auditLog)
    .orderBy(asc(auditLog.chainSeq))
}

/** Bypasses the append-only trigger the way an attacker with table-owner rights could (test only). */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`)
    await tx.execute(statement)
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`)
  })
}

describe('R13.2 audit log hash chain', () => {
  let db: Db
  beforeAll(async () => {
    db = await freshDb()
  })

  it('R13.2 an empty log verifies with nothing checked', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 0 })
  })

  it('R13.2 every row gets chain_seq, the previous row’s hash and its own sha256; the chain verifies', async () => {
    await addEntries(db, 30)
    const rows = await chainRows(db)
    expect(rows).toHaveLength(30)
    expect(rows[0]!.prev).toBeNull()
    for (const [i, row] of rows.entries()) {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/)
      if (i > 0) {
        expect(row.seq).toBeGreaterThan(rows[i - 1]!.seq!)
        expect(row.prev).toBe(rows[i - 1]!.hash)
      }
    }
    expect(new Set(rows.map((r) => r.hash)).size).toBe(30)
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 30 })
  })

  it('R13.2 values the caller supplies for the chain columns are overwritten by the trigger', async () => {
    const [row] = await db
      .insert(auditLog)
      .values({ action: 'auth.sign_in', chainSeq: 1, prevHash: 'forged', rowHash: 'forged' })
      .returning()
    expect(row!.rowHash).not.toBe('forged')
    expect(row!.prevHash).not.toBe('forged')
    expect(row!.chainSeq).toBeGreaterThan(30)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })

  it('R13.2 a multi-row insert and a transaction with several entries chain row by row', async () => {
    await db.insert(auditLog).values([{ action: 'auth.sign_in' }, { action: 'auth.sign_out' }])
    await db.transaction(async (tx) => {
      await addEntries(tx, 3)
    })
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 36 })
  })

  it('R13.2 concurrent writers in separate transactions still form one unbroken chain', async () => {
    const before = (await chainRows(db)).length
    // On PostgreSQL these run on separate pooled connections and contend for the advisory lock; on the
    // single-connection PGlite they run one after another.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.transaction(async (tx) => {
          await recordAudit(tx, {
            actor: { userId: randomUUID(), role: 'client' },
            action: 'auth.sign_in',
            details: { i },
          })
          await recordAudit(tx, { actor: null, action: 'account.updated', details: { i } })
        }),
      ),
    )
    const rows = await chainRows(db)
    expect(rows).toHaveLength(before + 80)
    // One predecessor per row: no fork.
    expect(new Set(rows.map((r) => r.prev)).size).toBe(rows.length)
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: before + 80 })
  })

  it('R13.2 the hash does not depend on the session time zone', async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL TIME ZONE 'Pacific/Auckland'`)
      await addEntries(tx, 2)
      const [check] = (
        (await tx.execute(
          sql`SELECT count(*)::int AS bad FROM audit_log a WHERE a.row_hash <> audit_log_row_hash(a)`,
        )) as unknown as { rows: { bad: number }[] }
      ).rows
      expect(check!.bad).toBe(0)
    })
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })

  it('R13.2 an insert under REPEATABLE READ is refused rather than forking the chain', async () => {
    const error = await db
      .transaction(
        async (tx) => {
          await addEntries(tx, 1)
        },
        { isolationLevel: 'repeatable read' },
      )
      .catch((e: unknown) => e)
    expect(String((error as Error & { cause?: Error }).cause?.message ?? error)).toContain('READ COMMITTED')
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })
})

describe('R13.2 tampering is detected', () => {
  it('R13.2 an edited row (details changed behind the trigger’s back) is reported at that row', async () => {
    const db = await freshDb()
    await addEntries(db, 10)
    const rows = await chainRows(db)
    const victim = rows[4]!
    await tamper(db, sql`UPDATE audit_log SET details = '{"n": 999}'::jsonb WHERE id = ${victim.id}`)
    expect(await verifyAuditChain(db)).toEqual({ ok: false, brokenAt: victim.id, reason: 'hash-mismatch' })
  })

  it('R13.2 an edited action is reported at that row', async () => {
    const db = await freshDb()
    await addEntries(db, 6)
    const victim = (await chainRows(db))[2]!
    await tamper(db, sql`UPDATE audit_log SET action = 'auth.sign_out' WHERE id = ${victim.id}`)
    expect(await verifyAuditChain(db)).toEqual({ ok: false, brokenAt: victim.id, reason: 'hash-mismatch' })
  })

  it('R13.2 an edit that also recomputes the row’s own hash breaks the link of the next row', async () => {
    const db = await freshDb()
    await addEntries(db, 6)
    const rows = await chainRows(db)
    const victim = rows[2]!
    await tamper(db, sql`UPDATE audit_log SET ip_truncated = '192.0.2.0' WHERE id = ${victim.id}`)
    await tamper(db, sql`UPDATE audit_log a SET row_hash = audit_log_row_hash(a) WHERE id = ${victim.id}`)
    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      brokenAt: rows[3]!.id,
      reason: 'link-mismatch',
    })
  })

  it('R13.2 a deleted middle row is reported as a link mismatch at the following row', async () => {
    const db = await freshDb()
    await addEntries(db, 10)
    const rows = await chainRows(db)
    await tamper(db, sql`DELETE FROM audit_log WHERE id = ${rows[5]!.id}`)
    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      brokenAt: rows[6]!.id,
      reason: 'link-mismatch',
    })
  })

  it('R11 R13.2 retention deleting the oldest rows leaves a chain that still verifies (new anchor)', async () => {
    const db = await freshDb()
    const fourYearsAgo = new Date(Date.now() - 4 * 365 * 24 * 60 * 60 * 1000)
    await addEntries(db, 5, { createdAt: fourYearsAgo })
    await addEntries(db, 5)
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 10 })
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL mialma.retention = 'on'`)
      await tx.delete(auditLog).where(sql`${auditLog.createdAt} < now() - interval '3 years'`)
    })
    const rows = await chainRows(db)
    expect(rows).toHaveLength(5)
    // The new first row still names its deleted predecessor; it is the anchor and not checked against it.
    expect(rows[0]!.prev).not.toBeNull()
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 5 })
    await addEntries(db, 2)
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 7 })
  })

  it('R13.2 the first row is still hash-checked: editing the anchor is detected', async () => {
    const db = await freshDb()
    await addEntries(db, 3)
    const first = (await chainRows(db))[0]!
    await tamper(db, sql`UPDATE audit_log SET user_agent = 'forged' WHERE id = ${first.id}`)
    expect(await verifyAuditChain(db)).toEqual({ ok: false, brokenAt: first.id, reason: 'hash-mismatch' })
  })

  it('R13.2 a row slipped in with the chain trigger disabled is detected', async () => {
    const db = await freshDb()
    await addEntries(db, 3)
    await db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain`)
      await tx.insert(auditLog).values({ action: 'auth.sign_in', actorId: randomUUID() })
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain`)
    })
    const [slipped] = await db.select().from(auditLog).where(isNull(auditLog.rowHash))
    expect(await verifyAuditChain(db)).toEqual({ ok: false, brokenAt: slipped!.id, reason: 'hash-mismatch' })
  })
})

describe('R13.2 migration 0004 on a database that already has audit entries', () => {
  it('R13.2 existing rows are chained in id order (the append-only guard stays on afterwards)', async () => {
    const handle = await createTestDb({ migrationsFolder: olderMigrations('0003_journal_consent') })
    handles.push(handle)
    const db = handle.db
    // Before 0004: no chain trigger; rows are written the old way (ids out of time order on purpose).
    await db.insert(auditLog).values([
      { action: 'auth.sign_in', actorId: randomUUID(), details: { n: 1 }, ipTruncated: '203.0.113.0' },
      { action: 'profile.updated', details: { fields: 'name' }, createdAt: new Date('2026-01-01T00:00:00Z') },
      { action: 'auth.sign_out', userAgent: 'Firefox' },
    ])
    expect((await chainRows(db)).every((r) => r.hash === null)).toBe(true)

    await migrateDatabase(handle)
    const rows = await chainRows(db)
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b))
    expect(rows[0]!.prev).toBeNull()
    expect(rows[1]!.prev).toBe(rows[0]!.hash)
    expect(rows[2]!.prev).toBe(rows[1]!.hash)
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 3 })

    // New entries continue the chain; the guard refuses UPDATE again after the backfill.
    await addEntries(db, 2)
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 5 })
    const error = await db
      .update(auditLog)
      .set({ action: 'x' })
      .where(eq(auditLog.id, rows[0]!.id))
      .catch((e: unknown) => e)
    expect(errorText(error)).toContain('audit_log is append-only (UPDATE refused)')
  })
})
