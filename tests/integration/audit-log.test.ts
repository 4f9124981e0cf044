import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { auditEntriesForUser, recordAudit } from '@/lib/audit/service'
import { createTestDb } from '../helpers/db'
import { countRows, errorText, rejection } from '../helpers/fixtures'

let handle: DbHandle

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

async function entry(userId = randomUUID()) {
  await recordAudit(handle.db, {
    actor: { userId, role: 'client' },
    action: 'auth.sign_in',
    target: { type: 'user', id: userId },
    meta: { ip: '198.51.100.23', userAgent: 'x'.repeat(500) },
  })
  const [row] = await handle.db.select().from(auditLog).where(eq(auditLog.actorId, userId))
  return row!
}

async function expectRefused(promise: Promise<unknown>, op: string) {
  const error = await rejection(promise)
  expect(errorText(error)).toContain(`audit_log is append-only (${op} refused)`)
}

describe('R13.2 audit log', () => {
  it('R13.2 R13.1 recordAudit stores a truncated IP and caps the user agent', async () => {
    const row = await entry()
    expect(row.ipTruncated).toBe('198.51.100.0')
    expect(row.userAgent).toHaveLength(300)
    expect(row.createdAt).toBeInstanceOf(Date)
  })

  it('R13.2 UPDATE is refused by the append-only trigger and the row is unchanged', async () => {
    const row = await entry()
    await expectRefused(
      handle.db.update(auditLog).set({ action: 'auth.sign_out' }).where(eq(auditLog.id, row.id)),
      'UPDATE',
    )
    const [after] = await handle.db.select().from(auditLog).where(eq(auditLog.id, row.id))
    expect(after!.action).toBe('auth.sign_in')
  })

  it('R13.2 DELETE is refused and the row stays', async () => {
    const row = await entry()
    await expectRefused(handle.db.delete(auditLog).where(eq(auditLog.id, row.id)), 'DELETE')
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.id, row.id))).toHaveLength(1)
  })

  it('R13.2 TRUNCATE is refused and nothing is lost', async () => {
    await entry()
    const before = await countRows(handle.db, auditLog)
    await expectRefused(handle.db.execute(sql`TRUNCATE audit_log`), 'TRUNCATE')
    expect(await countRows(handle.db, auditLog)).toBe(before)
  })

  it('R11 R13.2 only the retention job (mialma.retention=on) may delete, and only entries older than 3 years', async () => {
    const oldId = randomUUID()
    await handle.db.insert(auditLog).values({
      actorId: oldId,
      action: 'auth.sign_in',
      createdAt: new Date(Date.now() - (3 * 365 + 2) * 24 * 60 * 60 * 1000),
    })
    const recent = await entry()
    // Without the retention flag even an old entry is protected.
    await expectRefused(handle.db.delete(auditLog).where(eq(auditLog.actorId, oldId)), 'DELETE')
    // With the flag a recent entry is still protected (the whole transaction fails).
    await expectRefused(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL mialma.retention = 'on'`)
        await tx.delete(auditLog).where(eq(auditLog.id, recent.id))
      }),
      'DELETE',
    )
    // With the flag the old entry can go.
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL mialma.retention = 'on'`)
      await tx.delete(auditLog).where(eq(auditLog.actorId, oldId))
    })
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.actorId, oldId))).toHaveLength(0)
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.id, recent.id))).toHaveLength(1)
    // SET LOCAL ended with its transaction: the connection is protected again.
    await expectRefused(handle.db.delete(auditLog).where(eq(auditLog.id, recent.id)), 'DELETE')
  })

  it('R13.2 R10.1 auditEntriesForUser returns only entries by or about that user, newest first', async () => {
    const me = randomUUID()
    const someoneElse = randomUUID()
    await recordAudit(handle.db, { actor: { userId: me, role: 'client' }, action: 'auth.sign_in' })
    await recordAudit(handle.db, {
      actor: null,
      action: 'account.updated',
      target: { type: 'user', id: me },
      details: { source: 'clerk' },
    })
    await recordAudit(handle.db, { actor: { userId: me, role: 'client' }, action: 'auth.sign_out' })
    await recordAudit(handle.db, { actor: { userId: someoneElse, role: 'client' }, action: 'auth.sign_in' })
    await recordAudit(handle.db, {
      actor: { userId: someoneElse, role: 'coach' },
      action: 'profile.updated',
      target: { type: 'user', id: someoneElse },
    })
    // Same id string, but not a user target: must not leak into my list.
    await recordAudit(handle.db, {
      actor: null,
      action: 'account.updated',
      target: { type: 'booking', id: me },
    })

    const mine = await auditEntriesForUser(handle.db, me)
    expect(mine.map((e) => e.action)).toEqual(['auth.sign_out', 'account.updated', 'auth.sign_in'])
    for (const e of mine)
      expect(e.actorId === me || (e.targetType === 'user' && e.targetId === me)).toBe(true)
    expect(await auditEntriesForUser(handle.db, me, 2)).toHaveLength(2)
    expect(await auditEntriesForUser(handle.db, randomUUID())).toEqual([])
  })
})
