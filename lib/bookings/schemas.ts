import { z } from 'zod'
import { chfSchema } from '@/lib/money'

const HHMM = /^([01]?\d|2[0-4]):([0-5]\d)$/

/** '08:30' → 510; '24:00' allowed as the end of the day. */
export function parseTime(value: string): number | null {
  const m = HHMM.exec(value.trim())
  if (!m) return null
  const minutes = Number(m[1]) * 60 + Number(m[2])
  return minutes <= 1440 ? minutes : null
}

export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** CHF as typed ("150", "150.50", "150,50") → Rappen; 0 and negative amounts are refused. */
export const sessionTypeSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'bookings.nameRequired' })
    .max(120, { error: 'bookings.nameTooLong' }),
  durationMinutes: z.coerce
    .number({ error: 'bookings.durationRequired' })
    .int({ error: 'bookings.durationWhole' })
    .min(15, { error: 'bookings.durationMin' })
    .max(480, { error: 'bookings.durationMax' }),
  price: chfSchema,
  mode: z.enum(['video', 'in_person'], { error: 'bookings.modeRequired' }),
})
export type SessionTypeInput = z.output<typeof sessionTypeSchema>

export type MinuteRange = { startMinute: number; endMinute: number }

/** One weekday's ranges as typed: "08:00-12:00, 13:00-18:00" (en dash or hyphen). Empty = closed. */
export function parseRanges(
  text: string,
): { ranges: MinuteRange[] } | { error: string; params: { part: string } } {
  const parts = text
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)
  const ranges: MinuteRange[] = []
  for (const part of parts) {
    const [a, b, ...rest] = part.split(/\s*[-–—]\s*/)
    const start = a === undefined ? null : parseTime(a)
    const end = b === undefined ? null : parseTime(b)
    if (rest.length > 0 || start === null || end === null) {
      return { error: 'bookings.rangeInvalid', params: { part } }
    }
    if (start >= end) return { error: 'bookings.rangeEndBeforeStart', params: { part } }
    ranges.push({ startMinute: start, endMinute: end })
  }
  return { ranges }
}

const units = {
  minutes: {
    required: 'bookings.minutes.required',
    whole: 'bookings.minutes.whole',
    min: 'bookings.minutes.min',
    max: 'bookings.minutes.max',
  },
  hours: {
    required: 'bookings.hours.required',
    whole: 'bookings.hours.whole',
    min: 'bookings.hours.min',
    max: 'bookings.hours.max',
  },
  days: {
    required: 'bookings.days.required',
    whole: 'bookings.days.whole',
    min: 'bookings.days.min',
    max: 'bookings.days.max',
  },
} as const

const minutes = (max: number, unit: keyof typeof units) =>
  z.coerce
    .number({ error: units[unit].required })
    .int({ error: units[unit].whole })
    .min(0, { error: units[unit].min })
    .max(max, { error: units[unit].max })

export const settingsSchema = z.object({
  bufferBeforeMinutes: minutes(240, 'minutes'),
  bufferAfterMinutes: minutes(240, 'minutes'),
  minNoticeHours: minutes(720, 'hours'),
  horizonDays: minutes(365, 'days').refine((v) => v >= 1, { error: 'bookings.horizonMin' }),
  slotStepMinutes: z.coerce
    .number()
    .refine((v) => [15, 30, 45, 60].includes(v), { error: 'bookings.slotStep' }),
  cancelCutoffHours: minutes(336, 'hours'),
})
export type SettingsInput = z.output<typeof settingsSchema>

export const exceptionSchema = z
  .object({
    date: z.iso.date({ error: 'bookings.dateRequired' }),
    kind: z.enum(['off', 'extra'], { error: 'bookings.exceptionKind' }),
    from: z.string().trim().default(''),
    until: z.string().trim().default(''),
  })
  .transform((v, ctx) => {
    if (v.from === '' && v.until === '') {
      if (v.kind === 'extra') {
        ctx.addIssue({
          code: 'custom',
          path: ['from'],
          message: 'bookings.extraNeedsTimes',
        })
        return z.NEVER
      }
      return { date: v.date, kind: v.kind, startMinute: null, endMinute: null }
    }
    const start = parseTime(v.from)
    const end = parseTime(v.until)
    if (start === null || end === null || start >= end) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: 'bookings.exceptionTimes',
      })
      return z.NEVER
    }
    return { date: v.date, kind: v.kind, startMinute: start, endMinute: end }
  })
export type ExceptionInput = z.output<typeof exceptionSchema>
