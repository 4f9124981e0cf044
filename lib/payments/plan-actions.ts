'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import type { FormState } from '@/lib/bookings/offering-actions'
import { NotFoundError } from '@/lib/errors'
import { log } from '@/lib/log'
import { createPlan, PlanSessionTypeError, setPlanActive, updatePlan } from './plans'
import { planSchema } from './schemas'
import { firstFieldErrors, formText } from '@/lib/http/form'

function failure(error: unknown, values?: Record<string, string>): FormState {
  if (error instanceof PlanSessionTypeError)
    return { status: 'invalid', values, fieldErrors: { sessionTypeId: error.message } }
  if (error instanceof NotFoundError) return { status: 'error', message: error.message, values }
  log.error('payments.plan_action_failed', { error: error instanceof Error ? error.name : 'unknown' })
  return { status: 'error', message: 'Das hat nicht geklappt. Bitte versuche es noch einmal.', values }
}

/** Create (no id) or edit a plan. A price ≤ 0, 0 or more than 31 sessions or another coach's offer change nothing. */
export async function savePlanAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const values = Object.fromEntries(
    ['name', 'sessionTypeId', 'sessionsPerMonth', 'price'].map((k) => [k, formText(form, k)]),
  )
  const parsed = planSchema.safeParse(values)
  if (!parsed.success) return { status: 'invalid', values, fieldErrors: firstFieldErrors(parsed.error) }
  const id = formText(form, 'id')
  try {
    if (id) {
      if (!z.uuid().safeParse(id).success) throw new NotFoundError('Dieses Abo wurde nicht gefunden.')
      await updatePlan(getDb(), actor, id, parsed.data)
    } else {
      await createPlan(getDb(), actor, parsed.data)
    }
  } catch (error) {
    return failure(error, values)
  }
  // The list and every plan's edit page.
  revalidatePath('/coach/plans', 'layout')
  return { status: 'saved', values: id ? values : {} }
}

/** Pause or activate a plan (`active` = "1" activates). */
export async function togglePlanAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  try {
    const id = z.uuid().safeParse(formText(form, 'id'))
    if (!id.success) throw new NotFoundError('Dieses Abo wurde nicht gefunden.')
    await setPlanActive(getDb(), actor, id.data, formText(form, 'active') === '1')
  } catch (error) {
    return failure(error)
  }
  revalidatePath('/coach/plans', 'layout')
  return { status: 'saved' }
}
