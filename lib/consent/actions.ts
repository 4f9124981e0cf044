'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { ConflictError } from '@/lib/errors'
import { getRequestMeta } from '@/lib/http/request-meta'
import { log } from '@/lib/log'
import { consentChangeSchema, type Purpose } from './schemas'
import { setConsent } from './service'

export type ConsentFormState = {
  status: 'idle' | 'granted' | 'withdrawn' | 'unchanged' | 'outdated' | 'invalid' | 'error'
  purpose?: Purpose
}

/**
 * One click grants or withdraws one consent (R9.1): zod → client only → service (version check, ledger,
 * audit) → revalidate the page and the activity log. Bad input or an outdated text changes nothing.
 */
export async function setConsentAction(_prev: ConsentFormState, form: FormData): Promise<ConsentFormState> {
  const parsed = consentChangeSchema.safeParse({
    purpose: form.get('purpose'),
    granted: form.get('granted'),
    textVersion: form.get('textVersion'),
    locale: form.get('locale'),
  })
  if (!parsed.success) return { status: 'invalid' }
  const actor = await requireRole('client')
  const { purpose, granted } = parsed.data
  try {
    const result = await setConsent(getDb(), actor, parsed.data, await getRequestMeta())
    revalidatePath('/settings/privacy')
    revalidatePath('/settings/data')
    if (!result.changed) return { status: 'unchanged', purpose }
    return { status: granted ? 'granted' : 'withdrawn', purpose }
  } catch (error) {
    if (error instanceof ConflictError) return { status: 'outdated', purpose }
    log.error('consent.change_failed', { userId: actor.userId, purpose })
    return { status: 'error', purpose }
  }
}
