import { z } from 'zod'
import { chfSchema } from '@/lib/bookings/schemas'

/** A monthly plan as the coach types it (R4.1); `price` is the monthly price in CHF, parsed to Rappen. */
export const planSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Bitte einen Namen angeben.' })
    .max(80, { error: 'Der Name ist zu lang (höchstens 80 Zeichen).' }),
  sessionTypeId: z.uuid({ error: 'Bitte ein Angebot wählen.' }),
  sessionsPerMonth: z.coerce
    .number({ error: 'Bitte die Anzahl Sitzungen pro Monat angeben.' })
    .int({ error: 'Bitte eine ganze Zahl von Sitzungen angeben.' })
    .min(1, { error: 'Ein Abo enthält mindestens 1 Sitzung pro Monat.' })
    .max(31, { error: 'Ein Abo enthält höchstens 31 Sitzungen pro Monat.' }),
  price: chfSchema,
})
export type PlanInput = z.output<typeof planSchema>
