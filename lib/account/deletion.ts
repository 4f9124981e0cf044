import 'server-only'
import { and, eq } from 'drizzle-orm'
import { deletionRequests, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { type Actor, assertRole, AuthorizationError } from '@/lib/auth/types'
import { AppError, ConflictError } from '@/lib/errors'
import { type DeletionDeps, requestAccountDeletion, type RequestResult } from './deletion-flow'
import { isDeletionConfirmed } from './schemas'

export { DELETED_NAME, deletedEmail, type DeletionDeps } from './deletion-flow'

/**
 * "Account löschen" (R10.2, Art. 17 DSGVO): the client's typed confirmation, then the one deletion flow
 * (lib/account/deletion-flow.ts) — the same one Clerk's `user.deleted` and the coach start. At once the data key
 * is shredded, the account row wiped, sessions ended, upcoming bookings and subscriptions cancelled, audio, e-mail
 * log and pseudonym mappings deleted and the remote deletions tried; the daily run retries what failed and purges
 * the remaining rows, and sends the receipt when every place is done (at the latest 30 days after the request).
 */
export class ConfirmationMismatchError extends AppError {
  override name = 'ConfirmationMismatchError'
  constructor() {
    super('account.confirmationMismatch', { field: 'confirmation' })
  }
}

export async function deleteAccount(
  db: Db,
  actor: Actor,
  input: { confirmation: string },
  now = new Date(),
  deps: DeletionDeps = {},
): Promise<RequestResult['request']> {
  assertRole(actor, 'client', 'account.deletionClientsOnly')
  if (!isDeletionConfirmed(input.confirmation)) throw new ConfirmationMismatchError()
  const [me] = await db.select({ id: users.id }).from(users).where(eq(users.id, actor.userId))
  if (!me) throw new AuthorizationError('accountNotFound')
  const result = await requestAccountDeletion(db, { userId: actor.userId, source: 'self' }, now, deps)
  if (!result) throw new AuthorizationError('accountNotFound')
  if (!result.created) throw new ConflictError('account.alreadyDeleted')
  return result.request
}

/**
 * The coach deletes a client's account (R10.2, e.g. on the client's written request): the same typed
 * confirmation and the same flow; only for the coach's own clients.
 */
export async function deleteClientAccountAsCoach(
  db: Db,
  actor: Actor,
  input: { clientId: string; confirmation: string },
  now = new Date(),
  deps: DeletionDeps = {},
): Promise<RequestResult['request']> {
  assertRole(actor, 'coach')
  if (!isDeletionConfirmed(input.confirmation)) throw new ConfirmationMismatchError()
  const [client] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, input.clientId), eq(users.role, 'client'), eq(users.coachId, actor.userId)))
  if (!client) throw new AuthorizationError('clientNotFound')
  const [existing] = await db
    .select({ id: deletionRequests.id })
    .from(deletionRequests)
    .where(eq(deletionRequests.userId, client.id))
  if (existing) throw new ConflictError('account.alreadyDeleted')
  const result = await requestAccountDeletion(
    db,
    { userId: client.id, source: 'coach', requestedBy: { userId: actor.userId, role: 'coach' } },
    now,
    deps,
  )
  if (!result) throw new AuthorizationError('clientNotFound')
  if (!result.created) throw new ConflictError('account.alreadyDeleted')
  return result.request
}
