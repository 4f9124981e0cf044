import { z } from 'zod'

const timeZones = new Set(Intl.supportedValuesOf('timeZone'))

export const profileSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Bitte gib deinen Namen an.' })
    .max(120, { error: 'Der Name ist zu lang (höchstens 120 Zeichen).' }),
  phone: z
    .string()
    .trim()
    .max(40, { error: 'Die Telefonnummer ist zu lang.' })
    .refine((v) => v === '' || /^\+?[0-9 ()./-]{6,}$/.test(v), {
      error: 'Bitte eine gültige Telefonnummer angeben, z. B. +41 79 123 45 67.',
    })
    .transform((v) => (v === '' ? null : v)),
  locale: z.enum(['de', 'en'], { error: 'Bitte Deutsch oder Englisch wählen.' }),
  timeZone: z.string().refine((v) => timeZones.has(v) || v === 'UTC', { error: 'Unbekannte Zeitzone.' }),
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
  confirmation: z
    .string()
    .max(100)
    .refine(isDeletionConfirmed, { error: 'Die Bestätigung stimmt nicht. Es wurde nichts gelöscht.' }),
})

export const restrictionSchema = z.object({
  restricted: z.enum(['true', 'false']).transform((v) => v === 'true'),
})

export const exportFormatSchema = z.enum(['json', 'zip', 'pdf'])
