import 'server-only'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { env } from '@/lib/env'

/**
 * Acuity Scheduling API v1 (INTEGRATIONS §7, R3.5), a thin fetch client with Basic auth `userId:apiKey` — the
 * npm `acuityscheduling` package builds on the deprecated `request`. The only place that talks to Acuity; null
 * without both ACUITY_USER_ID and ACUITY_API_KEY (our own scheduling then, the default). ACUITY_BASE_URL points
 * tests at tests/fakes/acuity.ts. Server-to-server only: no widget, no cookie on a client's device.
 */
export class AcuityError extends Error {
  override name = 'AcuityError'
  constructor(
    /** HTTP status; 0 when Acuity could not be reached. */
    readonly status: number,
    /** Acuity's `error` code (e.g. `not_available`, `invalid_time`, `not_found`), or our own. */
    readonly code: string,
  ) {
    super(`Acuity ${status} ${code}`)
  }

  /** The time is taken or not (any more) offered: the booking layer shows "slot taken". */
  get slotUnavailable(): boolean {
    return this.status === 400 && (this.code === 'not_available' || this.code === 'invalid_time')
  }
}

export type AcuityClient = ReturnType<typeof buildAcuity>

export function acuityClient(): AcuityClient | null {
  if (!env.ACUITY_USER_ID || !env.ACUITY_API_KEY) return null
  return buildAcuity(env.ACUITY_USER_ID, env.ACUITY_API_KEY, env.ACUITY_BASE_URL)
}

/** The key webhooks are signed with (Acuity signs with the API key); null when Acuity is not configured. */
export function acuityWebhookKey(): string | null {
  return env.ACUITY_USER_ID && env.ACUITY_API_KEY ? env.ACUITY_API_KEY : null
}

/** The practice's zone in every availability request; Acuity answers with times carrying this zone's offsets. */
export const ACUITY_TIME_ZONE = 'Europe/Zurich'

/** Acuity's datetimes look like `2030-03-06T10:00:00+0100`; also accepts `+01:00` and `Z`. Null if not one. */
export function parseAcuityTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)$/.test(value)) return null
  const parsed = DateTime.fromISO(value, { setZone: true })
  return parsed.isValid ? parsed.toJSDate() : null
}

/** An instant as Acuity's own format in the practice zone, e.g. `2030-03-06T10:00:00+0100`. */
export function formatAcuityTime(instant: Date, timeZone = ACUITY_TIME_ZONE): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZZ")
}

const acuityTime = z.string().transform((v, ctx) => {
  const parsed = parseAcuityTime(v)
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'not an Acuity datetime' })
    return z.NEVER
  }
  return parsed
})
const numericId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String)

export const appointmentTypeSchema = z.object({
  id: numericId,
  name: z.string().min(1).max(200),
  duration: z.coerce.number().int(),
  price: z.union([z.string(), z.number()]).transform((v) => Number(v)),
  active: z.union([z.boolean(), z.string()]).transform((v) => v === true || v === 'true'),
})
export type AcuityAppointmentType = z.infer<typeof appointmentTypeSchema>

const appointmentSchema = z.object({
  id: numericId,
  datetime: acuityTime,
  duration: z.coerce.number().int().optional(),
  appointmentTypeID: numericId,
  canceled: z.boolean().default(false),
})
export type AcuityAppointment = z.infer<typeof appointmentSchema>

const datesSchema = z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }))
const timesSchema = z.array(z.object({ time: acuityTime, slotsAvailable: z.coerce.number().optional() }))
const checkTimesSchema = z
  .union([z.array(z.object({ valid: z.boolean() })), z.object({ valid: z.boolean() })])
  .transform((v) => (Array.isArray(v) ? v : [v]))
const errorSchema = z.object({ error: z.string().optional(), status_code: z.number().optional() })

export function buildAcuity(userId: string, apiKey: string, baseUrl: string) {
  const base = baseUrl.replace(/\/$/, '')
  const authorization = `Basic ${Buffer.from(`${userId}:${apiKey}`).toString('base64')}`

  async function call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let response: Response
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      })
    } catch {
      throw new AcuityError(0, 'unreachable')
    }
    const json: unknown = await response.json().catch(() => null)
    if (!response.ok) {
      const info = errorSchema.safeParse(json)
      throw new AcuityError(response.status, (info.success && info.data.error) || `http_${response.status}`)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new AcuityError(response.status, 'unexpected_response')
    return parsed.data
  }

  const q = (params: Record<string, string>) => new URLSearchParams(params).toString()

  return {
    appointmentTypes: () => call('GET', '/appointment-types', z.array(appointmentTypeSchema)),
    /** Days with free times in `month` (YYYY-MM), as dates in `timeZone`. */
    availableDates: (input: { month: string; appointmentTypeId: string; timeZone?: string }) =>
      call(
        'GET',
        `/availability/dates?${q({ month: input.month, appointmentTypeID: input.appointmentTypeId, timezone: input.timeZone ?? ACUITY_TIME_ZONE })}`,
        datesSchema,
      ),
    /** Free start times on `date` (YYYY-MM-DD in `timeZone`), parsed to instants. */
    availableTimes: (input: { date: string; appointmentTypeId: string; timeZone?: string }) =>
      call(
        'GET',
        `/availability/times?${q({ date: input.date, appointmentTypeID: input.appointmentTypeId, timezone: input.timeZone ?? ACUITY_TIME_ZONE })}`,
        timesSchema,
      ),
    /** Whether `datetime` can still be booked for the type. */
    checkTime: async (input: { datetime: Date; appointmentTypeId: string }) => {
      const [first] = await call('POST', '/availability/check-times', checkTimesSchema, [
        { datetime: formatAcuityTime(input.datetime), appointmentTypeID: Number(input.appointmentTypeId) },
      ])
      return first?.valid === true
    },
    /**
     * Creates an appointment with exactly name, e-mail, time and type (R3.5: nothing else leaves). `noEmail`:
     * our own e-mails (R3.4) inform the client, Acuity sends none.
     */
    createAppointment: (input: {
      datetime: Date
      appointmentTypeId: string
      firstName: string
      lastName: string
      email: string
    }) =>
      call('POST', '/appointments?noEmail=true', appointmentSchema, {
        datetime: formatAcuityTime(input.datetime),
        appointmentTypeID: Number(input.appointmentTypeId),
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
      }),
    getAppointment: (id: string) => call('GET', `/appointments/${encodeURIComponent(id)}`, appointmentSchema),
    cancelAppointment: (id: string) =>
      call('PUT', `/appointments/${encodeURIComponent(id)}/cancel?noEmail=true`, appointmentSchema, {}),
    /**
     * Overwrites the client's details on an appointment (R10.2: Acuity's API v1 has no DELETE for appointments,
     * so a deleted client's name and e-mail are replaced by placeholders; the time and type stay at Acuity).
     */
    eraseAppointmentClient: (
      id: string,
      placeholder: { firstName: string; lastName: string; email: string },
    ) =>
      call('PUT', `/appointments/${encodeURIComponent(id)}?noEmail=true`, appointmentSchema, {
        ...placeholder,
        phone: '',
        notes: '',
      }),
    rescheduleAppointment: (id: string, datetime: Date) =>
      call('PUT', `/appointments/${encodeURIComponent(id)}/reschedule?noEmail=true`, appointmentSchema, {
        datetime: formatAcuityTime(datetime),
      }),
  }
}
