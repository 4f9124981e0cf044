import 'server-only'
import { randomBytes } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import { DEMO_PASSWORD, demoAccounts } from '@/db/demo-accounts'
import { localCredentials, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { hashPassword } from '@/lib/auth/password'
import { ensureUserKey } from '@/lib/crypto'

/**
 * Local mode only (the page and the action check it): a fresh client account with the demo coach, signed in
 * with the demo password — something to delete (R10.2) without losing one of the shared demo accounts.
 */
export async function createThrowawayClient(db: Db, name?: string) {
  const coachEmail = demoAccounts[0].email
  const [coach] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'coach'), eq(users.email, coachEmail)))
    .orderBy(asc(users.createdAt))
    .limit(1)
  const tag = randomBytes(5).toString('hex')
  const email = `test-${tag}@mialma.test`
  const [row] = await db
    .insert(users)
    .values({ role: 'client', name: name?.trim() || `Testkonto ${tag}`, email, coachId: coach?.id ?? null })
    .returning({ id: users.id })
  await db
    .insert(localCredentials)
    .values({ userId: row!.id, passwordHash: await hashPassword(DEMO_PASSWORD) })
  await ensureUserKey(db, row!.id)
  return { email, password: DEMO_PASSWORD }
}
