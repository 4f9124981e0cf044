'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { clearSessionCookie } from '@/lib/auth/local'
import { isLocalAuth } from '@/lib/auth/mode'
import { formText } from '@/lib/http/form'
import { getRequestMeta } from '@/lib/http/request-meta'
import { log } from '@/lib/log'
import { ConfirmationMismatchError, deleteAccount } from './deletion'
import { setProcessingRestriction } from './restriction'
import { deletionSchema, restrictionSchema } from './schemas'

export type RestrictionFormState = {
  status: 'idle' | 'restricted' | 'unrestricted' | 'unchanged' | 'invalid' | 'error'
}

/** R10.3: zod → client only → service (own account, audited) → revalidate the data page and the sessions. */
export async function setRestrictionAction(
  _prev: RestrictionFormState,
  form: FormData,
): Promise<RestrictionFormState> {
  const parsed = restrictionSchema.safeParse({ restricted: formText(form, 'restricted') })
  if (!parsed.success) return { status: 'invalid' }
  const actor = await requireRole('client')
  const { restricted } = parsed.data
  try {
    const { changed } = await setProcessingRestriction(
      getDb(),
      actor,
      { restricted },
      new Date(),
      await getRequestMeta(),
    )
    revalidatePath('/settings/data')
    revalidatePath('/sessions', 'layout')
    if (!changed) return { status: 'unchanged' }
    return { status: restricted ? 'restricted' : 'unrestricted' }
  } catch (error) {
    log.error('account.restriction_failed', { error: error instanceof Error ? error.name : 'unknown' })
    return { status: 'error' }
  }
}

export type DeletionFormState = { status: 'idle' | 'mismatch' | 'error' }

/**
 * R10.2: the typed confirmation (a wrong word changes nothing) → client only → the deletion → the session
 * cookie cleared → the confirmation page. With Clerk the Clerk user is gone, so its session ends with it.
 */
export async function deleteAccountAction(
  _prev: DeletionFormState,
  form: FormData,
): Promise<DeletionFormState> {
  const parsed = deletionSchema.safeParse({ confirmation: formText(form, 'confirmation') })
  if (!parsed.success) return { status: 'mismatch' }
  const actor = await requireRole('client')
  try {
    await deleteAccount(getDb(), actor, parsed.data, new Date())
  } catch (error) {
    if (error instanceof ConfirmationMismatchError) return { status: 'mismatch' }
    log.error('account.delete_failed', { error: error instanceof Error ? error.name : 'unknown' })
    return { status: 'error' }
  }
  if (isLocalAuth) await clearSessionCookie()
  redirect('/account-deleted')
}
