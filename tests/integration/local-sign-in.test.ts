import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, seedDemoData } from '@/db/seed'
import { auditLog, localSessions, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import {
  actorForSession,
  SESSION_TTL_MS,
  signInSchema,
  signInWithPassword,
  signOutSession,
} from '@/lib/auth/local-sessions'
import { createTestDb } from '../helpers/db'
import { countRows } from '../helpers/fixtures'

let handle: DbHandle
const meta = { ip: '203.0.113.77', userAgent: 'Mozilla/5.0 (Macintosh) Vitest' }

beforeAll(async () => {
  handle = await createTestDb()
  await seedDemoData(handle.db)
})
afterAll(async () => {
  await handle?.close()
})

async function counts() {
  return { sessions: await countRows(handle.db, localSessions), audit: await countRows(handle.db, auditLog) }
}

async function signIn(email: string, password = DEMO_PASSWORD, now?: Date) {
  return signInWithPassword(handle.db, signInSchema.parse({ email, password }), meta, now)
}

describe('R1.2 R1.4 R13.2 local sign-in with e-mail and password', () => {
  it('R1.2 R1.4 success creates a session row and an auth.sign_in audit entry with truncated IP and UA', async () => {
    const before = await counts()
    const now = new Date()
    const result = await signIn('  Coach@MiAlma.test ', DEMO_PASSWORD, now)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.actor).toMatchObject({ role: 'coach', email: 'coach@mialma.test', name: 'Andrea Brunner' })
    expect(result.expiresAt.getTime()).toBe(now.getTime() + SESSION_TTL_MS)

    const [session] = await handle.db
      .select()
      .from(localSessions)
      .where(eq(localSessions.id, result.sessionId))
    expect(session).toMatchObject({ userId: result.actor.userId, revokedAt: null })
    expect(session!.expiresAt.getTime()).toBe(result.expiresAt.getTime())

    const entries = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.sign_in'), eq(auditLog.actorId, result.actor.userId)))
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actorRole: 'coach',
      targetType: 'user',
      targetId: result.actor.userId,
      ipTruncated: '203.0.113.0',
      userAgent: meta.userAgent,
      details: { method: 'local-password' },
    })
    expect(JSON.stringify(entries[0])).not.toContain('203.0.113.77')
    expect(await counts()).toEqual({ sessions: before.sessions + 1, audit: before.audit + 1 })
  })

  it('R1.2 the session id is unguessable and differs per sign-in', async () => {
    const a = await signIn('klientin@mialma.test')
    const b = await signIn('klientin@mialma.test')
    expect(a.ok && b.ok).toBe(true)
    if (!a.ok || !b.ok) return
    expect(a.sessionId).not.toBe(b.sessionId)
    expect(a.sessionId.length).toBeGreaterThanOrEqual(43)
  })

  it.each([
    ['wrong password', 'coach@mialma.test', 'falsches-passwort'],
    ['right password with different case', 'coach@mialma.test', DEMO_PASSWORD.toUpperCase()],
    ['unknown e-mail', 'niemand@mialma.test', DEMO_PASSWORD],
  ])('R1.2 R14.1 %s → invalid-credentials and nothing written', async (_label, email, password) => {
    const before = await counts()
    const result = await signIn(email, password)
    expect(result).toEqual({ ok: false, reason: 'invalid-credentials' })
    expect(await counts()).toEqual(before)
  })

  it('R1.2 a user without local credentials (e.g. a Clerk user) cannot sign in locally', async () => {
    await handle.db
      .insert(users)
      .values({ role: 'client', name: 'Clerk Person', email: 'clerk-only@mialma.test' })
    const before = await counts()
    expect(await signIn('clerk-only@mialma.test')).toEqual({ ok: false, reason: 'invalid-credentials' })
    expect(await counts()).toEqual(before)
  })

  it('R1.2 actorForSession returns the actor for a live session', async () => {
    const result = await signIn('klient@mialma.test')
    if (!result.ok) throw new Error('sign-in failed')
    expect(await actorForSession(handle.db, result.sessionId)).toEqual(result.actor)
    expect(await actorForSession(handle.db, 'not-a-session')).toBeNull()
  })

  it('R1.4 R13.2 signOutSession revokes the session and writes auth.sign_out; a second sign-out writes nothing', async () => {
    const result = await signIn('klientin@mialma.test')
    if (!result.ok) throw new Error('sign-in failed')
    await signOutSession(handle.db, result.sessionId, { ip: '2001:db8:85a3:8d3::1', userAgent: 'UA' })
    expect(await actorForSession(handle.db, result.sessionId)).toBeNull()
    const [session] = await handle.db
      .select()
      .from(localSessions)
      .where(eq(localSessions.id, result.sessionId))
    expect(session!.revokedAt).toBeInstanceOf(Date)

    const signOuts = () =>
      handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'auth.sign_out'), eq(auditLog.actorId, result.actor.userId)))
    const entries = await signOuts()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actorRole: 'client',
      targetId: result.actor.userId,
      ipTruncated: '2001:db8:85a3::',
    })

    const before = await counts()
    await signOutSession(handle.db, result.sessionId, meta)
    await signOutSession(handle.db, 'unknown-session', meta)
    expect(await counts()).toEqual(before)
    expect(await signOuts()).toHaveLength(1)
  })

  it('R1.2 an expired session yields no actor (checked against the given now)', async () => {
    const start = new Date('2026-01-05T08:00:00Z')
    const result = await signIn('coach@mialma.test', DEMO_PASSWORD, start)
    if (!result.ok) throw new Error('sign-in failed')
    const justBefore = new Date(result.expiresAt.getTime() - 1000)
    expect(await actorForSession(handle.db, result.sessionId, justBefore)).not.toBeNull()
    expect(await actorForSession(handle.db, result.sessionId, result.expiresAt)).toBeNull()
    expect(
      await actorForSession(handle.db, result.sessionId, new Date(result.expiresAt.getTime() + 1)),
    ).toBeNull()
  })

  it('R1.2 deleting the account ends its sessions (cascade)', async () => {
    const [user] = await handle.db
      .insert(users)
      .values({ role: 'client', name: 'Kurz', email: 'kurz@mialma.test' })
      .returning()
    await handle.db.insert(localSessions).values({
      id: 'session-of-deleted-user',
      userId: user!.id,
      expiresAt: new Date(Date.now() + 60_000),
    })
    expect(await actorForSession(handle.db, 'session-of-deleted-user')).not.toBeNull()
    await handle.db.delete(users).where(eq(users.id, user!.id))
    expect(await actorForSession(handle.db, 'session-of-deleted-user')).toBeNull()
  })
})
