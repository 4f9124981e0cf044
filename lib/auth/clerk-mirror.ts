import { and, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/types'
import { users } from '@/db/schema'

const roleSchema = z.enum(['client', 'coach'])

export function roleFromMetadata(metadata: unknown): 'client' | 'coach' | null {
  const parsed = z.object({ role: roleSchema }).safeParse(metadata)
  return parsed.success ? parsed.data.role : null
}

export type ClerkUserFacts = {
  id: string
  firstName: string | null
  lastName: string | null
  username: string | null
  primaryEmail: string | null
  primaryPhone: string | null
  publicMetadata: unknown
}

/** Another account already holds this e-mail address; an operator must resolve it (nothing is merged). */
export class ClerkEmailConflictError extends Error {
  override name = 'ClerkEmailConflictError'
}

/**
 * Creates or updates our mirror of a Clerk user (R1.1). New sign-ups without a role are clients. An
 * account created before Clerk (no Clerk id, same e-mail) is linked instead of duplicated.
 */
export async function mirrorClerkUser(db: Db, facts: ClerkUserFacts) {
  const email = facts.primaryEmail?.toLowerCase()
  if (!email) throw new Error('Clerk user has no primary e-mail address')
  const [holder] = await db
    .select({ id: users.id, clerkId: users.clerkId })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1)
  if (holder && holder.clerkId !== facts.id) {
    if (holder.clerkId !== null)
      throw new ClerkEmailConflictError('e-mail address held by another Clerk user')
    await db
      .update(users)
      .set({ clerkId: facts.id })
      .where(and(eq(users.id, holder.id), isNull(users.clerkId)))
  }
  const name =
    [facts.firstName, facts.lastName].filter(Boolean).join(' ').trim() ||
    facts.username ||
    email.split('@')[0]!
  const role = roleFromMetadata(facts.publicMetadata)
  const [row] = await db
    .insert(users)
    .values({ clerkId: facts.id, role: role ?? 'client', name, email, phone: facts.primaryPhone })
    .onConflictDoUpdate({
      target: users.clerkId,
      set: {
        name,
        email,
        phone: facts.primaryPhone,
        ...(role ? { role } : {}),
        updatedAt: new Date(),
      },
    })
    .returning()
  return row
}
