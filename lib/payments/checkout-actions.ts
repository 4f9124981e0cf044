'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { action } from '@/lib/http/action'
import { openBillingPortal, startPlanCheckout } from './checkout'
import { applyLocalPortalAction, localPaymentsEnabled } from './local-checkout'

/** "Abo abschliessen": opens Stripe Checkout (or the local Testzahlung) for one of the coach's plans. */
export const subscribeAction = action(
  {
    name: 'payments.subscribe',
    access: 'client',
    schema: z.object({ planId: z.uuid({ error: 'payments.unknownPlan' }) }),
  },
  async ({ input, actor, db }) => {
    const target = await startPlanCheckout(db, actor, input.planId, new Date())
    redirect(target.url)
  },
)

/** "Abo verwalten": the Stripe customer portal (or its local stand-in). */
export const manageAction = action(
  { name: 'payments.manage', access: 'client', schema: z.object({}) },
  async ({ actor, db }) => {
    const target = await openBillingPortal(db, actor)
    redirect(target.url)
  },
)

/** A choice in the local test portal, applied through signed webhook events. Only without Stripe keys. */
export const localPortalAction = action(
  {
    name: 'payments.localPortal',
    access: 'client',
    schema: z.object({ choice: z.enum(['cancel_at_period_end', 'resume', 'renew'], { error: 'generic' }) }),
  },
  async ({ input, actor, db }) => {
    if (!localPaymentsEnabled()) throw new AppError('payments.portalUnavailable')
    await applyLocalPortalAction(db, actor, input.choice, new Date())
    revalidatePath('/dev/billing-portal')
    revalidatePath('/bookings/plan')
    return input.choice
  },
)
