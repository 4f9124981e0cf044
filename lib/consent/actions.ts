'use server'

import { revalidatePath } from 'next/cache'
import { action } from '@/lib/http/action'
import { consentChangeSchema } from './schemas'
import { changeConsent } from '@/lib/ai/cancel'

/**
 * One click grants or withdraws one consent (R9.1): zod → client only → service (version check, ledger,
 * audit; a withdrawal cancels the queued AI work it gated) → revalidate the page and the activity log. Bad input or an outdated text (ConflictError) changes
 * nothing.
 */
export const setConsentAction = action(
  { name: 'consent.set', access: 'client', schema: consentChangeSchema },
  async ({ input, actor, db, meta }) => {
    const result = await changeConsent(db, actor, input, meta)
    revalidatePath('/settings/privacy')
    revalidatePath('/settings/data')
    if (!result.changed) return 'unchanged' as const
    return input.granted ? ('granted' as const) : ('withdrawn' as const)
  },
)
