'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { action } from '@/lib/http/action'
import { optionalId, switchField } from '@/lib/http/form'
import { createPlan, setPlanActive, updatePlan } from './plans'
import { planSchema } from './schemas'

const planIdSchema = z.uuid({ error: 'payments.planNotFound' })

/** Create (no id) or edit a plan. A price ≤ 0, 0 or more than 31 sessions or another coach's offer change nothing. */
export const savePlanAction = action(
  {
    name: 'payments.savePlan',
    access: 'coach',
    schema: planSchema.extend({ id: optionalId(planIdSchema) }),
    hidden: ['id'],
  },
  async ({ input: { id, ...plan }, actor, db }) => {
    if (id) await updatePlan(db, actor, id, plan)
    else await createPlan(db, actor, plan)
    // The list and every plan's edit page.
    revalidatePath('/coach/plans', 'layout')
  },
)

/** Pause or activate a plan (`active` = "1" activates). */
export const togglePlanAction = action(
  {
    name: 'payments.togglePlan',
    access: 'coach',
    schema: z.object({ id: planIdSchema, active: switchField }),
  },
  async ({ input, actor, db }) => {
    await setPlanActive(db, actor, input.id, input.active)
    revalidatePath('/coach/plans', 'layout')
  },
)
