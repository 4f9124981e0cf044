import { z } from 'zod'
import { chfSchema } from '@/lib/money'

/** A monthly plan as the coach types it (R4.1); `price` is the monthly price in CHF, parsed to Rappen. */
export const planSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'payments.nameRequired' })
    .max(80, { error: 'payments.nameTooLong' }),
  sessionTypeId: z.uuid({ error: 'payments.sessionTypeRequired' }),
  sessionsPerMonth: z.coerce
    .number({ error: 'payments.sessionsRequired' })
    .int({ error: 'payments.sessionsWhole' })
    .min(1, { error: 'payments.sessionsMin' })
    .max(31, { error: 'payments.sessionsMax' }),
  price: chfSchema,
})
export type PlanInput = z.output<typeof planSchema>
