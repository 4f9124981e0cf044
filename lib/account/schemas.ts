import { z } from 'zod'

const timeZones = new Set(Intl.supportedValuesOf('timeZone'))

export const profileSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'account.nameRequired' })
    .max(120, { error: 'account.nameTooLong' }),
  phone: z
    .string()
    .trim()
    .max(40, { error: 'account.phoneTooLong' })
    .refine((v) => v === '' || /^\+?[0-9 ()./-]{6,}$/.test(v), {
      error: 'account.phoneInvalid',
    })
    .transform((v) => (v === '' ? null : v)),
  locale: z.enum(['de', 'en'], { error: 'account.localeRequired' }),
  timeZone: z.string().refine((v) => timeZones.has(v) || v === 'UTC', { error: 'account.unknownTimeZone' }),
})

export type ProfileInput = z.input<typeof profileSchema>
export type Profile = z.output<typeof profileSchema>

/** The word the client types to confirm the deletion (R10.2), per interface language; either is accepted. */
export const DELETION_PHRASES = { de: 'LÖSCHEN', en: 'DELETE' } as const

/** Exactly the shown word; letter case and surrounding spaces do not matter. */
export function isDeletionConfirmed(typed: string): boolean {
  const normal = typed.normalize('NFC').trim().toLocaleUpperCase('de-CH')
  return Object.values(DELETION_PHRASES).some((phrase) => phrase === normal)
}

export const deletionSchema = z.object({
  confirmation: z.string().max(100).refine(isDeletionConfirmed, { error: 'account.confirmationWrong' }),
})

/** The coach deletes a client's account (R10.2): which client, and the same typed word. */
export const coachDeletionSchema = deletionSchema.extend({
  clientId: z.uuid({ error: 'clientNotFound' }),
})

export const restrictionSchema = z.object({
  restricted: z.enum(['true', 'false']).transform((v) => v === 'true'),
})

export const exportFormatSchema = z.enum(['json', 'zip', 'pdf'])
