import { and, eq, gt, isNull } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/types'
import { localCredentials, localSessions, users } from '@/db/schema'
import { recordAudit, type RequestMeta } from '@/lib/audit/service'
import { burnPasswordCheck, verifyPassword } from './password'
import { toActor } from './actor'
import { newSessionId } from './session-token'
import type { Actor } from './types'

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'auth.emailInvalid' })),
  password: z.string().min(1, { error: 'auth.passwordRequired' }).max(200),
})

export type SignInResult =
  | { ok: true; sessionId: string; actor: Actor; expiresAt: Date }
  | { ok: false; reason: 'invalid-credentials' }

/** Checks e-mail + password (argon2). Writes a session and an audit entry only on success. */
export async function signInWithPassword(
  db: Db,
  input: z.infer<typeof signInSchema>,
  meta: RequestMeta,
  now = new Date(),
): Promise<SignInResult> {
  const [row] = await db
    .select({ user: users, passwordHash: localCredentials.passwordHash })
    .from(users)
    .innerJoin(localCredentials, eq(localCredentials.userId, users.id))
    .where(eq(users.email, input.email))
    .limit(1)
  if (!row) {
    await burnPasswordCheck(input.password)
    return { ok: false, reason: 'invalid-credentials' }
  }
  if (!(await verifyPassword(row.passwordHash, input.password)))
    return { ok: false, reason: 'invalid-credentials' }

  const sessionId = newSessionId()
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  await db.transaction(async (tx) => {
    await tx.insert(localSessions).values({ id: sessionId, userId: row.user.id, createdAt: now, expiresAt })
    await recordAudit(tx, {
      actor: { userId: row.user.id, role: row.user.role },
      action: 'auth.sign_in',
      target: { type: 'user', id: row.user.id },
      details: { method: 'local-password' },
      meta,
    })
  })
  return { ok: true, sessionId, actor: toActor(row.user), expiresAt }
}

export async function actorForSession(db: Db, sessionId: string, now = new Date()): Promise<Actor | null> {
  const [row] = await db
    .select({ user: users })
    .from(localSessions)
    .innerJoin(users, eq(users.id, localSessions.userId))
    .where(
      and(
        eq(localSessions.id, sessionId),
        isNull(localSessions.revokedAt),
        gt(localSessions.expiresAt, now),
        // R10.2: a deleted account has no sessions any more; this also holds while its rows await removal.
        isNull(users.deletionRequestedAt),
      ),
    )
    .limit(1)
  return row ? toActor(row.user) : null
}

export async function signOutSession(db: Db, sessionId: string, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(localSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(localSessions.id, sessionId), isNull(localSessions.revokedAt)))
      .returning({ userId: localSessions.userId })
    const userId = revoked[0]?.userId
    if (!userId) return
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId))
    await recordAudit(tx, {
      actor: { userId, role: user?.role ?? null },
      action: 'auth.sign_out',
      target: { type: 'user', id: userId },
      meta,
    })
  })
}
