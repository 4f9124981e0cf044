import { z } from 'zod'
import { consentPurpose } from '@/db/schema/consent'

export const purposes = consentPurpose.enumValues
export type Purpose = (typeof purposes)[number]

const textVersion = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'consent.unknownVersion' })
const locale = z.enum(['de', 'en'], { error: 'consent.unknownLocale' })

/** The consent form (R9.1): purpose, desired state, and the version and language of the text that was shown. */
export const consentChangeSchema = z.object({
  purpose: z.enum(purposes, { error: 'consent.unknownPurpose' }),
  granted: z.enum(['true', 'false'], { error: 'consent.unknownState' }).transform((v) => v === 'true'),
  textVersion,
  locale,
})

/** Recording consent for one session (R5.3, R9.3); the video issue's form posts this. */
export const recordingConsentSchema = z.object({
  bookingId: z.uuid({ error: 'consent.unknownSession' }),
  granted: z.enum(['true', 'false'], { error: 'consent.unknownState' }).transform((v) => v === 'true'),
  textVersion,
  locale,
})

export type ConsentChange = z.output<typeof consentChangeSchema>
export type RecordingConsentChange = z.output<typeof recordingConsentSchema>
