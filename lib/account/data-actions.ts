'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { clearSessionCookie } from '@/lib/auth/local'
import { isLocalAuth } from '@/lib/auth/mode'
import { action } from '@/lib/http/action'
import { deleteAccount, deleteClientAccountAsCoach } from './deletion'
import { setProcessingRestriction } from '@/lib/consent/restriction'
import { coachDeletionSchema, deletionSchema, restrictionSchema } from './schemas'

/** R10.3: zod → client only → service (own account, audited) → revalidate the data page and the sessions. */
export const setRestrictionAction = action(
  { name: 'account.setRestriction', access: 'client', schema: restrictionSchema },
  async ({ input: { restricted }, actor, db, meta }) => {
    const { changed } = await setProcessingRestriction(db, actor, { restricted }, new Date(), meta)
    revalidatePath('/settings/data')
    revalidatePath('/sessions', 'layout')
    if (!changed) return 'unchanged' as const
    return restricted ? ('restricted' as const) : ('unrestricted' as const)
  },
)

/**
 * R10.2: the typed confirmation (a wrong word changes nothing: a field error, or ConfirmationMismatchError) →
 * client only → the deletion → the session cookie cleared → the confirmation page. With Clerk the Clerk user is
 * gone, so its session ends with it.
 */
export const deleteAccountAction = action(
  { name: 'account.delete', access: 'client', schema: deletionSchema },
  async ({ input, actor, db }) => {
    await deleteAccount(db, actor, input, new Date())
    if (isLocalAuth) await clearSessionCookie()
    redirect('/account-deleted')
  },
)

/**
 * R10.2 from the coach's side (e.g. the client asked in writing): the typed word → coach only → the same deletion
 * flow, for one of the coach's own clients → the deletion receipts page.
 */
export const deleteClientAccountAction = action(
  { name: 'account.deleteClient', access: 'coach', schema: coachDeletionSchema },
  async ({ input, actor, db }) => {
    await deleteClientAccountAsCoach(db, actor, input, new Date())
    revalidatePath('/coach/clients', 'layout')
    redirect('/coach/deletions')
  },
)
