import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { users } from '@/db/schema'
import { recordAudit, type RequestMeta } from '@/lib/audit/service'
import { type Actor, AuthorizationError } from '@/lib/auth/types'
import type { Profile } from './schemas'

export async function getProfile(db: Db, actor: Actor) {
  const [row] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1)
  if (!row) throw new AuthorizationError('accountNotFound')
  return {
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    timeZone: row.timeZone,
  }
}

/** Rectification (R1.3): the actor edits their own profile only; the change is audited (field names only). */
export async function updateProfile(db: Db, actor: Actor, input: Profile, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, actor.userId)).limit(1)
    if (!before) throw new AuthorizationError('accountNotFound')
    const changed = (['name', 'phone', 'locale', 'timeZone'] as const).filter((k) => before[k] !== input[k])
    if (changed.length === 0) return { changed }
    await tx
      .update(users)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(users.id, actor.userId))
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: 'profile.updated',
      target: { type: 'user', id: actor.userId },
      details: { fields: changed.join(',') },
      meta,
    })
    return { changed }
  })
}

/** The coach's own clients, nobody else's. */
export async function listClientsOfCoach(db: Db, actor: Actor) {
  if (actor.role !== 'coach') throw new AuthorizationError()
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      createdAt: users.createdAt,
      /** R10.2: set when the client deleted their account (the row goes within 30 days). */
      deletedAt: users.deletionRequestedAt,
    })
    .from(users)
    .where(and(eq(users.coachId, actor.userId), eq(users.role, 'client')))
    .orderBy(asc(users.name))
}

/** For a client: their coach's name (shown in the app), or null. */
export async function coachOfClient(db: Db, actor: Actor) {
  const [me] = await db.select({ coachId: users.coachId }).from(users).where(eq(users.id, actor.userId))
  if (!me?.coachId) return null
  const [coach] = await db.select({ name: users.name }).from(users).where(eq(users.id, me.coachId))
  return coach ?? null
}
