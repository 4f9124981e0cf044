import { eq } from 'drizzle-orm'
import { users } from '@/db/schema'
import type { Db } from '@/db/types'
import { ConflictError } from '@/lib/errors'
import { type Actor, assertRole } from './types'

/**
 * The coach of a signed-in client: what they may book and subscribe to is that coach's offer. Anyone but a client
 * gets `notClientCode`; a client without a coach a ConflictError that says so.
 */
export async function requireClientCoach(db: Db, actor: Actor, notClientCode: string): Promise<string> {
  assertRole(actor, 'client', notClientCode)
  const [me] = await db.select({ coachId: users.coachId }).from(users).where(eq(users.id, actor.userId))
  if (!me?.coachId) throw new ConflictError('noCoach')
  return me.coachId
}
