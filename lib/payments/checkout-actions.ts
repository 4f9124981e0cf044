'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { log } from '@/lib/log'
import { openBillingPortal, PaymentUnavailableError, startPlanCheckout } from './checkout'
import { applyLocalPortalAction, localPaymentsEnabled } from './local-checkout'
import { formText } from '@/lib/http/form'

export type CheckoutActionState = {
  status: 'idle' | 'done' | 'error'
  message?: string
}

/** Domain errors carry a German message meant for the person; anything else is logged by class only. */
async function failure(event: string, error: unknown): Promise<CheckoutActionState> {
  const t = await getTranslations('payments.errors')
  // PaymentUnavailableError's own text speaks of a released appointment, which does not fit a plan.
  if (error instanceof PaymentUnavailableError) return { status: 'error', message: t('unavailable') }
  if (error instanceof ConflictError || error instanceof NotFoundError)
    return { status: 'error', message: error.message }
  log.error(event, { error: error instanceof Error ? error.name : 'unknown' })
  return { status: 'error', message: t('generic') }
}

/** "Abo abschliessen": opens Stripe Checkout (or the local Testzahlung) for one of the coach's plans. */
export async function subscribeAction(
  _prev: CheckoutActionState,
  form: FormData,
): Promise<CheckoutActionState> {
  const actor = await requireRole('client')
  const planId = z.uuid().safeParse(formText(form, 'planId'))
  if (!planId.success) {
    const t = await getTranslations('payments.errors')
    return { status: 'error', message: t('unknownPlan') }
  }
  let target: { url: string }
  try {
    target = await startPlanCheckout(getDb(), actor, planId.data, new Date())
  } catch (error) {
    return failure('payments.subscribe_failed', error)
  }
  // Outside the try: redirect() works by throwing.
  redirect(target.url)
}

/** "Abo verwalten": the Stripe customer portal (or its local stand-in). */
export async function manageAction(
  _prev: CheckoutActionState,
  _form: FormData,
): Promise<CheckoutActionState> {
  const actor = await requireRole('client')
  let target: { url: string }
  try {
    target = await openBillingPortal(getDb(), actor)
  } catch (error) {
    return failure('payments.portal_failed', error)
  }
  redirect(target.url)
}

const portalChoice = z.enum(['cancel_at_period_end', 'resume', 'renew'])

/** A choice in the local test portal, applied through signed webhook events. Only without Stripe keys. */
export async function localPortalAction(
  _prev: CheckoutActionState,
  form: FormData,
): Promise<CheckoutActionState> {
  const actor = await requireRole('client')
  const t = await getTranslations('payments')
  if (!localPaymentsEnabled()) return { status: 'error', message: t('errors.portalUnavailable') }
  const choice = portalChoice.safeParse(formText(form, 'choice'))
  if (!choice.success) return { status: 'error', message: t('errors.generic') }
  try {
    await applyLocalPortalAction(getDb(), actor, choice.data, new Date())
  } catch (error) {
    return failure('payments.local_portal_failed', error)
  }
  revalidatePath('/dev/billing-portal')
  revalidatePath('/bookings/plan')
  const done = {
    cancel_at_period_end: 'portal.doneCancel',
    resume: 'portal.doneResume',
    renew: 'portal.doneRenew',
  } as const
  return { status: 'done', message: t(done[choice.data]) }
}
