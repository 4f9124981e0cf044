import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DateTime } from 'luxon'

/**
 * A local stand-in for the Acuity Scheduling API v1 (INTEGRATIONS §7), enough for lib/integrations/acuity.ts:
 * appointment types, availability (dates, times, check-times) computed from a weekly schedule in a time zone,
 * appointments (create, get, cancel, reschedule) it stores, refusing a second appointment at an overlapping time
 * with Acuity's error shape `{ status_code, message, error }`. Checks Basic auth `userId:apiKey`. Webhooks are
 * built form-urlencoded and signed like Acuity does: base64(HMAC-SHA256(apiKey, rawBody)).
 * Times are answered in the requested zone as `2030-03-06T10:00:00+0100`.
 */

export type FakeAcuityType = {
  id: number
  name: string
  duration: number
  price: string
  active: boolean
}

export type FakeAcuityAppointment = {
  id: number
  firstName: string
  lastName: string
  email: string
  /** In the schedule's zone, Acuity format. */
  datetime: string
  endTime: string
  duration: string
  appointmentTypeID: number
  calendarID: number
  canceled: boolean
  timezone: string
}

export type FakeAcuityRequest = {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  authorization: string | null
  status: number
}

/** Weekly hours in `timeZone`: ISO weekday (1 = Monday) → [startMinute, endMinute) ranges; slots every `step`. */
export type FakeAcuitySchedule = {
  timeZone: string
  weekly: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, [number, number][]>>
  stepMinutes: number
}

export type FakeAcuity = {
  url: string
  userId: string
  apiKey: string
  types: FakeAcuityType[]
  schedule: FakeAcuitySchedule
  appointments: Map<number, FakeAcuityAppointment>
  requests: FakeAcuityRequest[]
  /** A webhook Acuity would send for the appointment: the raw form body and its X-Acuity-Signature. */
  webhook: (action: string, appointmentId: number) => { body: string; signature: string }
  /** Changes made at Acuity directly (by the coach in Acuity's admin). */
  moveAppointment: (id: number, start: Date) => void
  cancelAppointment: (id: number) => void
  /** Books at Acuity directly (another person, or a concurrent request): the time is then taken. */
  addAppointment: (start: Date, typeId?: number) => FakeAcuityAppointment
  /** Runs once right after the next check-times answer (e.g. someone books that time at Acuity meanwhile). */
  afterNextCheck: (fn: () => void) => void
  /** Answer the next matching request with this Acuity error instead. */
  failNext: (method: string, pathPrefix: string, status: number, error: string) => void
  /** Answer every following request with this HTTP status (an outage); null: behave normally again. */
  failWith: (status: number | null) => void
  reset: () => void
  close: () => Promise<void>
}

const MINUTE = 60_000
/** The fake's fixed credentials (Basic auth; the API key also signs webhooks), for an app started against it. */
export const FAKE_ACUITY_USER_ID = '24681357'
export const FAKE_ACUITY_API_KEY = 'fake-acuity-api-key-0123456789abcdef'
const FORMAT = "yyyy-MM-dd'T'HH:mm:ssZZZ"

export async function startFakeAcuity(
  options: {
    schedule?: Partial<FakeAcuitySchedule>
    types?: FakeAcuityType[]
    /** Defaults to a free port (the e2e process in tests/fakes/acuity-server.ts picks a fixed one). */
    port?: number
  } = {},
): Promise<FakeAcuity> {
  const userId = FAKE_ACUITY_USER_ID
  const apiKey = FAKE_ACUITY_API_KEY
  const defaultTypes = (): FakeAcuityType[] =>
    options.types ?? [
      { id: 101, name: 'Coaching-Sitzung', duration: 60, price: '150.00', active: true },
      { id: 102, name: 'Kurzgespräch', duration: 30, price: '60.00', active: true },
    ]
  const everyDay: [number, number][] = [[9 * 60, 17 * 60]]
  const defaultSchedule = (): FakeAcuitySchedule => ({
    timeZone: 'Europe/Zurich',
    weekly: { 1: everyDay, 2: everyDay, 3: everyDay, 4: everyDay, 5: everyDay, 6: everyDay, 7: everyDay },
    stepMinutes: 60,
    ...options.schedule,
  })
  let nextId = 9001

  const state = {
    types: defaultTypes(),
    schedule: defaultSchedule(),
    appointments: new Map<number, FakeAcuityAppointment>(),
    requests: [] as FakeAcuityRequest[],
    afterCheck: null as (() => void) | null,
    failures: [] as { method: string; pathPrefix: string; status: number; error: string }[],
    outage: null as number | null,
  }

  const typeOf = (id: number) => state.types.find((t) => t.id === id)
  const taken = (start: Date, durationMin: number, exceptId?: number) =>
    [...state.appointments.values()].some((a) => {
      if (a.canceled || a.id === exceptId) return false
      const s = DateTime.fromISO(a.datetime).toMillis()
      const e = s + Number(a.duration) * MINUTE
      return s < start.getTime() + durationMin * MINUTE && start.getTime() < e
    })

  /** Offered starts on a local date of the schedule (ignoring appointments), as instants. */
  function candidates(date: string, durationMin: number): Date[] {
    const { timeZone, weekly, stepMinutes } = state.schedule
    const day = DateTime.fromISO(date, { zone: timeZone })
    const out: Date[] = []
    for (const [from, until] of weekly[day.weekday as 1] ?? []) {
      for (let m = from; m + durationMin <= until; m += stepMinutes) {
        const t = day.set({ hour: Math.floor(m / 60), minute: m % 60 })
        // A wall time that does not exist (spring forward) is skipped; Luxon would shift it.
        if (t.hour * 60 + t.minute !== m) continue
        out.push(t.toJSDate())
      }
    }
    return out
  }
  const freeTimes = (date: string, type: FakeAcuityType) =>
    candidates(date, type.duration).filter((t) => t.getTime() > Date.now() && !taken(t, type.duration))
  const offered = (start: Date, type: FakeAcuityType, exceptId?: number) => {
    const date = DateTime.fromJSDate(start, { zone: state.schedule.timeZone }).toFormat('yyyy-MM-dd')
    return (
      start.getTime() > Date.now() &&
      candidates(date, type.duration).some((t) => t.getTime() === start.getTime()) &&
      !taken(start, type.duration, exceptId)
    )
  }
  const show = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).toFormat(FORMAT)
  const parse = (value: unknown): Date | null => {
    if (typeof value !== 'string') return null
    const dt = DateTime.fromISO(value, { zone: state.schedule.timeZone })
    return dt.isValid ? dt.toJSDate() : null
  }
  function place(a: FakeAcuityAppointment, start: Date) {
    a.datetime = show(start, state.schedule.timeZone)
    a.endTime = show(new Date(start.getTime() + Number(a.duration) * MINUTE), state.schedule.timeZone)
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    if (!text) return null
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }

  const expectedAuth = `Basic ${Buffer.from(`${userId}:${apiKey}`).toString('base64')}`

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake')
    // For the e2e specs (tests/fakes/acuity-server.ts): what arrived and what the fake holds; not Acuity's API.
    if (url.pathname === '/__fake/requests') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end(
        JSON.stringify({
          requests: state.requests.map(({ method, path, query, body, status }) => ({
            method,
            path,
            query,
            body,
            status,
          })),
          appointments: [...state.appointments.values()],
        }),
      )
    }
    const query = Object.fromEntries(url.searchParams)
    const body = await readBody(req)
    const record: FakeAcuityRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      body,
      authorization: req.headers.authorization ?? null,
      status: 200,
    }
    state.requests.push(record)
    const send = (status: number, json: unknown) => {
      record.status = status
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(json))
    }
    const fail = (status: number, error: string, message: string) =>
      send(status, { status_code: status, message, error })

    if (record.authorization !== expectedAuth) return fail(401, 'unauthorized', 'Unauthorized')
    if (state.outage) return fail(state.outage, 'unavailable', 'Simulated outage.')
    const failure = state.failures.findIndex(
      (f) => f.method === record.method && url.pathname.startsWith(f.pathPrefix),
    )
    if (failure >= 0) {
      const [f] = state.failures.splice(failure, 1)
      return fail(f!.status, f!.error, 'Simulated failure.')
    }
    const zone = query.timezone ?? state.schedule.timeZone
    const path = url.pathname
    const method = record.method

    if (method === 'GET' && path === '/appointment-types') return send(200, state.types)

    if (method === 'GET' && (path === '/availability/dates' || path === '/availability/times')) {
      const type = typeOf(Number(query.appointmentTypeID))
      if (!type) return fail(400, 'invalid_appointment_type', 'Invalid appointment type.')
      if (path === '/availability/dates') {
        if (!/^\d{4}-\d{2}$/.test(query.month ?? '')) return fail(400, 'invalid_month', 'Invalid month.')
        const first = DateTime.fromISO(`${query.month}-01`, { zone: state.schedule.timeZone })
        const dates: { date: string }[] = []
        for (let d = first; d.month === first.month; d = d.plus({ days: 1 })) {
          const date = d.toFormat('yyyy-MM-dd')
          if (freeTimes(date, type).length) dates.push({ date })
        }
        return send(200, dates)
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(query.date ?? '')) return fail(400, 'invalid_date', 'Invalid date.')
      return send(
        200,
        freeTimes(query.date!, type).map((t) => ({ time: show(t, zone), slotsAvailable: 1 })),
      )
    }

    if (method === 'POST' && path === '/availability/check-times') {
      const items = Array.isArray(body) ? body : [body]
      send(
        200,
        items.map((item: { datetime?: unknown; appointmentTypeID?: unknown }) => {
          const type = typeOf(Number(item?.appointmentTypeID))
          const start = parse(item?.datetime)
          return { ...item, valid: Boolean(type && start && offered(start, type)) }
        }),
      )
      const after = state.afterCheck
      state.afterCheck = null
      after?.()
      return
    }

    if (method === 'POST' && path === '/appointments') {
      const b = (body ?? {}) as Record<string, unknown>
      for (const field of ['firstName', 'lastName', 'email'] as const)
        if (typeof b[field] !== 'string' || !b[field])
          return fail(
            400,
            `required_${field.replace('Name', '_name').toLowerCase()}`,
            `${field} is required.`,
          )
      const type = typeOf(Number(b.appointmentTypeID))
      if (!type) return fail(400, 'invalid_appointment_type', 'Invalid appointment type.')
      const start = parse(b.datetime)
      if (!start) return fail(400, 'invalid_datetime', 'Invalid datetime.')
      if (!offered(start, type))
        return fail(
          400,
          'not_available',
          `The time "${String(b.datetime)}" is not available for this appointment type.`,
        )
      return send(200, addAppointmentAt(start, type, b))
    }

    const match = /^\/appointments\/(\d+)(\/cancel|\/reschedule)?$/.exec(path)
    if (match) {
      const appt = state.appointments.get(Number(match[1]))
      if (!appt) return fail(404, 'not_found', 'The appointment was not found.')
      if (method === 'GET' && !match[2]) return send(200, appt)
      if (method === 'PUT' && !match[2]) {
        // Updating the client's details (Acuity: PUT /appointments/:id with firstName, lastName, email, phone).
        const b = (body ?? {}) as Record<string, unknown>
        for (const field of ['firstName', 'lastName', 'email'] as const)
          if (typeof b[field] === 'string') appt[field] = b[field]
        return send(200, appt)
      }
      if (method === 'PUT' && match[2] === '/cancel') {
        appt.canceled = true
        return send(200, appt)
      }
      if (method === 'PUT' && match[2] === '/reschedule') {
        if (appt.canceled) return fail(400, 'invalid_reschedule', 'The appointment is canceled.')
        const start = parse((body as { datetime?: unknown } | null)?.datetime)
        const type = typeOf(appt.appointmentTypeID)
        if (!start || !type) return fail(400, 'invalid_datetime', 'Invalid datetime.')
        if (!offered(start, type, appt.id))
          return fail(400, 'not_available', 'The time is not available for this appointment type.')
        place(appt, start)
        return send(200, appt)
      }
    }
    return fail(404, 'not_found', 'Not found.')
  }

  function addAppointmentAt(start: Date, type: FakeAcuityType, person: Record<string, unknown> = {}) {
    const appt: FakeAcuityAppointment = {
      id: nextId++,
      firstName: String(person.firstName ?? 'Andere'),
      lastName: String(person.lastName ?? 'Person'),
      email: String(person.email ?? 'andere@example.test'),
      datetime: '',
      endTime: '',
      duration: String(type.duration),
      appointmentTypeID: type.id,
      calendarID: 1,
      canceled: false,
      timezone: state.schedule.timeZone,
    }
    place(appt, start)
    state.appointments.set(appt.id, appt)
    return appt
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    userId,
    apiKey,
    get types() {
      return state.types
    },
    set types(v) {
      state.types = v
    },
    get schedule() {
      return state.schedule
    },
    set schedule(v) {
      state.schedule = v
    },
    get appointments() {
      return state.appointments
    },
    get requests() {
      return state.requests
    },
    webhook(action, appointmentId) {
      const appt = state.appointments.get(appointmentId)
      const body = new URLSearchParams({
        action,
        id: String(appointmentId),
        calendarID: String(appt?.calendarID ?? 1),
        appointmentTypeID: String(appt?.appointmentTypeID ?? 0),
      }).toString()
      return { body, signature: createHmac('sha256', apiKey).update(body).digest('base64') }
    },
    moveAppointment(id, start) {
      place(state.appointments.get(id)!, start)
    },
    cancelAppointment(id) {
      state.appointments.get(id)!.canceled = true
    },
    addAppointment(start, typeId = state.types[0]!.id) {
      return addAppointmentAt(start, typeOf(typeId)!)
    },
    afterNextCheck(fn) {
      state.afterCheck = fn
    },
    failWith(status) {
      state.outage = status
    },
    failNext(method, pathPrefix, status, error) {
      state.failures.push({ method, pathPrefix, status, error })
    },
    reset() {
      state.afterCheck = null
      state.failures.length = 0
      state.outage = null
      state.types = defaultTypes()
      state.schedule = defaultSchedule()
      state.appointments.clear()
      state.requests.length = 0
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
