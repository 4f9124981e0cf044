import 'server-only'
import { auth, clerkClient } from '@clerk/nextjs/server'
import { eq } from 'drizzle-orm'
import { getDb } from '@/db/client'
import { users } from '@/db/schema'
import { mirrorClerkUser, roleFromMetadata } from '@/lib/auth/clerk-mirror'
import { toActor } from './actor'
import type { Actor } from './types'

/**
 * The Clerk-backed actor. The role comes from the session token (`metadata.role`, i.e. publicMetadata),
 * the profile from our mirror in `users`; a user the webhook has not mirrored yet is fetched once.
 */
export async function getClerkActor(): Promise<Actor | null> {
  const { userId, sessionClaims } = await auth()
  if (!userId) return null
  const db = getDb()
  let [row] = await db.select().from(users).where(eq(users.clerkId, userId)).limit(1)
  if (!row) {
    const client = await clerkClient()
    const clerkUser = await client.users.getUser(userId)
    row = await mirrorClerkUser(db, {
      id: clerkUser.id,
      firstName: clerkUser.firstName,
      lastName: clerkUser.lastName,
      username: clerkUser.username,
      primaryEmail: clerkUser.primaryEmailAddress?.emailAddress ?? null,
      primaryPhone: clerkUser.primaryPhoneNumber?.phoneNumber ?? null,
      publicMetadata: clerkUser.publicMetadata,
    })
  }
  // R10.2: a deleted account is signed out, even while a Clerk session token is still valid.
  if (!row || row.deletionRequestedAt) return null
  const claimed = roleFromMetadata(sessionClaims?.metadata)
  return { ...toActor(row), role: claimed ?? row.role }
}
