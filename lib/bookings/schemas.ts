import { z } from 'zod'

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
export const chfSchema = z
  .string()
  .trim()
  .regex(/^\d{1,5}([.,]\d{1,2})?$/, { error: 'Bitte einen Preis in CHF angeben, z. B. 150 oder 150.50.' })
  .transform((v) => Math.round(Number(v.replace(',', '.')) * 100))
  .refine((rappen) => rappen > 0, { error: 'Der Preis muss grösser als 0 sein.' })

export const sessionTypeSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Bitte einen Namen angeben.' })
    .max(120, { error: 'Der Name ist zu lang (höchstens 120 Zeichen).' }),
  durationMinutes: z.coerce
    .number({ error: 'Bitte die Dauer in Minuten angeben.' })
    .int({ error: 'Bitte ganze Minuten angeben.' })
    .min(15, { error: 'Eine Sitzung dauert mindestens 15 Minuten.' })
    .max(480, { error: 'Eine Sitzung dauert höchstens 8 Stunden.' }),
  price: chfSchema,
  mode: z.enum(['video', 'in_person'], { error: 'Bitte Video oder vor Ort wählen.' }),
})
export type SessionTypeInput = z.output<typeof sessionTypeSchema>

export type MinuteRange = { startMinute: number; endMinute: number }

/** One weekday's ranges as typed: "08:00-12:00, 13:00-18:00" (en dash or hyphen). Empty = closed. */
export function parseRanges(text: string): { ranges: MinuteRange[] } | { error: string } {
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
      return {
        error: `«${part}» ist keine Zeitspanne. Schreib Zeiten wie 08:00–12:00, mehrere mit Komma getrennt.`,
      }
    }
    if (start >= end) return { error: `«${part}»: Das Ende muss nach dem Beginn liegen.` }
    ranges.push({ startMinute: start, endMinute: end })
  }
  return { ranges }
}

const minutes = (max: number, unit: string) =>
  z.coerce
    .number({ error: `Bitte ${unit} angeben.` })
    .int({ error: `Bitte ganze ${unit} angeben.` })
    .min(0, { error: `Mindestens 0 ${unit}.` })
    .max(max, { error: `Höchstens ${max} ${unit}.` })

export const settingsSchema = z.object({
  bufferBeforeMinutes: minutes(240, 'Minuten'),
  bufferAfterMinutes: minutes(240, 'Minuten'),
  minNoticeHours: minutes(720, 'Stunden'),
  horizonDays: minutes(365, 'Tage').refine((v) => v >= 1, { error: 'Mindestens 1 Tag.' }),
  slotStepMinutes: z.coerce
    .number()
    .refine((v) => [15, 30, 45, 60].includes(v), { error: 'Bitte 15, 30, 45 oder 60 Minuten wählen.' }),
  cancelCutoffHours: minutes(336, 'Stunden'),
})
export type SettingsInput = z.output<typeof settingsSchema>

export const exceptionSchema = z
  .object({
    date: z.iso.date({ error: 'Bitte ein Datum wählen.' }),
    kind: z.enum(['off', 'extra'], { error: 'Bitte «frei» oder «zusätzliche Zeit» wählen.' }),
    from: z.string().trim().default(''),
    until: z.string().trim().default(''),
  })
  .transform((v, ctx) => {
    if (v.from === '' && v.until === '') {
      if (v.kind === 'extra') {
        ctx.addIssue({
          code: 'custom',
          path: ['from'],
          message: 'Für zusätzliche Zeit bitte Beginn und Ende angeben.',
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
        message: 'Bitte Beginn und Ende als HH:MM angeben, das Ende nach dem Beginn.',
      })
      return z.NEVER
    }
    return { date: v.date, kind: v.kind, startMinute: start, endMinute: end }
  })
export type ExceptionInput = z.output<typeof exceptionSchema>
