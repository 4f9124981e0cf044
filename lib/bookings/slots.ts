import { DateTime, IANAZone } from 'luxon'

/**
 * Free-slot computation for self-booking (R3.1–R3.3). Pure: no database, no framework. Instants are JS `Date`s;
 * the practice's weekly hours and exceptions are wall-clock minutes in the practice time zone.
 *
 * DST (LANDSCAPE "time zones and DST"): a practice-local day is mapped to real time offset by offset, so
 * - a wall time that does not exist (spring forward, 02:00–02:59 in Europe/Zurich) is never offered, and never
 *   shifted to another time;
 * - an ambiguous wall time (fall back, 02:00–02:59 twice) yields at most one slot: its earlier occurrence;
 * - a session lasts `durationMinutes` of real elapsed time and must lie completely inside the real time the
 *   availability window covers on that day (on the fall-back day a 02:00–03:00 window is two real hours long).
 */

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7 // ISO: 1 = Monday … 7 = Sunday
/** Practice-local minutes after midnight, 0 ≤ start < end ≤ 1440. */
export type WeeklyRule = { weekday: Weekday; startMinute: number; endMinute: number }
/**
 * `date` is a practice-local 'YYYY-MM-DD'. 'off' with null minutes = whole day off; 'off' with a range removes
 * that range; 'extra' adds a range on that date (also on a day that is otherwise off).
 */
export type AvailabilityException = {
  date: string
  kind: 'off' | 'extra'
  startMinute: number | null
  endMinute: number | null
}
export type SchedulingSettings = {
  timeZone: string
  bufferBeforeMinutes: number
  bufferAfterMinutes: number
  minNoticeMinutes: number
  horizonDays: number
  slotStepMinutes: number
}
/** Half-open [from, until): an existing booking's blocked range incl. its buffers. */
export type BusyRange = { from: Date; until: Date }
export type Slot = { start: Date; end: Date }

type FreeSlotsInput = {
  rules: WeeklyRule[]
  exceptions: AvailabilityException[]
  settings: SchedulingSettings
  durationMinutes: number
  busy: BusyRange[]
  now: Date
  /** Only slots starting at or after this instant. */
  from?: Date
  /** Only slots starting strictly before this instant (half-open, like every range here). */
  until?: Date
}

const MINUTE = 60_000
const DAY = 86_400_000
const MINUTES_PER_DAY = 1440

// ---------------------------------------------------------------------------------------------------------
// Validation: bad input is a programming or data error; fail loudly with a message that names the field.

/** The zone, or an Error for an unknown name. (luxon caches zones by name, so this is cheap when repeated.) */
function zoneOf(timeZone: string): IANAZone {
  const zone = typeof timeZone === 'string' && timeZone !== '' ? IANAZone.create(timeZone) : null
  if (!zone?.isValid) throw new Error(`Unknown time zone: ${JSON.stringify(timeZone)}`)
  return zone
}

function assertInstant(value: unknown, name: string): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new Error(`${name} must be a valid Date`)
  }
}

function assertInteger(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got ${String(value)}`)
  }
}

function assertMinuteRange(start: number, end: number, name: string): void {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > MINUTES_PER_DAY ||
    start >= end
  ) {
    throw new Error(`${name} needs 0 ≤ startMinute < endMinute ≤ 1440, got ${String(start)}–${String(end)}`)
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** 'YYYY-MM-DD' → UTC midnight of that civil date (ms), or an Error for a malformed or impossible date. */
function civilDateMs(date: string): number {
  const m = ISO_DATE.exec(date)
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const ms = Date.UTC(y, mo - 1, d)
    const check = new Date(ms)
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) return ms
  }
  throw new Error(`Exception date must be 'YYYY-MM-DD', got ${JSON.stringify(date)}`)
}

function isoDateOfCivilMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

function validateSettings(s: SchedulingSettings): void {
  zoneOf(s.timeZone)
  assertInteger(s.bufferBeforeMinutes, 'bufferBeforeMinutes', 0)
  assertInteger(s.bufferAfterMinutes, 'bufferAfterMinutes', 0)
  assertInteger(s.minNoticeMinutes, 'minNoticeMinutes', 0)
  assertInteger(s.horizonDays, 'horizonDays', 0)
  assertInteger(s.slotStepMinutes, 'slotStepMinutes', 1)
}

function validateRule(r: WeeklyRule): void {
  if (!Number.isInteger(r.weekday) || r.weekday < 1 || r.weekday > 7) {
    throw new Error(`Rule weekday must be 1 (Monday) … 7 (Sunday), got ${String(r.weekday)}`)
  }
  assertMinuteRange(r.startMinute, r.endMinute, 'Rule')
}

function validateException(e: AvailabilityException): void {
  civilDateMs(e.date)
  if (e.kind !== 'off' && e.kind !== 'extra') {
    throw new Error(`Exception kind must be 'off' or 'extra', got ${JSON.stringify(e.kind)}`)
  }
  if (e.kind === 'off' && e.startMinute === null && e.endMinute === null) return
  if (e.startMinute === null || e.endMinute === null) {
    throw new Error(
      e.kind === 'extra'
        ? `Extra hours on ${e.date} need a start and an end`
        : `Exception on ${e.date}: give both start and end, or neither for a whole day off`,
    )
  }
  assertMinuteRange(e.startMinute, e.endMinute, `Exception on ${e.date}`)
}

// ---------------------------------------------------------------------------------------------------------
// Minute-range algebra (practice-local wall minutes of one date).

type Range = { start: number; end: number }

/** Sorted, with overlapping and touching ranges merged. */
function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start)
  const out: Range[] = []
  for (const r of sorted) {
    const last = out[out.length - 1]
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end)
    else out.push({ start: r.start, end: r.end })
  }
  return out
}

function subtractRange(ranges: Range[], cut: Range): Range[] {
  const out: Range[] = []
  for (const r of ranges) {
    if (cut.end <= r.start || cut.start >= r.end) {
      out.push(r)
      continue
    }
    if (r.start < cut.start) out.push({ start: r.start, end: cut.start })
    if (cut.end < r.end) out.push({ start: cut.end, end: r.end })
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Zone math. A practice-local wall time is handled as "local ms": the civil date + minutes read as if UTC.
// The real instant is local ms − offset, for whichever offset is actually in force at that instant.

/** An offset (minutes east of UTC) and the real-time span [from, until) in which it applies. */
type OffsetSpan = { offsetMs: number; from: number; until: number }

const HOUR = 3_600_000
const PROBE = 12 * HOUR // no zone changes its offset twice within twelve hours

/**
 * The offsets in force around one practice-local date, whose wall times map to instants within
 * [localMidnight − 15 h, localMidnight + 39 h). The offset is probed on a 12-hour lattice (memoised across the
 * dates of one computation, so a day costs about two look-ups); a change between two probes is located to the
 * millisecond by bisection.
 */
function offsetSpansForDate(
  zone: IANAZone,
  localMidnight: number,
  probes: Map<number, number>,
): OffsetSpan[] {
  const offsetAt = (t: number) => zone.offset(t) * MINUTE
  const probe = (k: number) => {
    let offset = probes.get(k)
    if (offset === undefined) probes.set(k, (offset = offsetAt(k * PROBE)))
    return offset
  }
  const kFirst = Math.floor((localMidnight - 15 * HOUR) / PROBE)
  const kLast = Math.ceil((localMidnight + 39 * HOUR) / PROBE)
  const first = probe(kFirst)
  let constant = true
  for (let k = kFirst + 1; k <= kLast; k++) if (probe(k) !== first) constant = false
  if (constant) return [{ offsetMs: first, from: -Infinity, until: Infinity }] // every day but the switch days

  const spans: OffsetSpan[] = []
  let spanStart = -Infinity
  let current = first
  for (let k = kFirst; k < kLast; k++) {
    const next = probe(k + 1)
    if (next === current) continue
    // Bisect (k·PROBE, (k+1)·PROBE] for the first instant with the new offset.
    let l = k * PROBE
    let r = (k + 1) * PROBE
    while (r - l > 1) {
      const mid = Math.floor((l + r) / 2)
      if (offsetAt(mid) === current) l = mid
      else r = mid
    }
    spans.push({ offsetMs: current, from: spanStart, until: r })
    spanStart = r
    current = next
  }
  spans.push({ offsetMs: current, from: spanStart, until: Infinity })
  return spans
}

/** The practice-local civil date (as UTC midnight ms) of an instant. */
function localCivilDate(zone: IANAZone, t: number): number {
  const local = t + zone.offset(t) * MINUTE
  return local - (((local % DAY) + DAY) % DAY)
}

/** The earliest instant at which the practice clock reads `local`, or null if that wall time does not exist. */
function earliestInstant(spans: OffsetSpan[], local: number): number | null {
  for (const s of spans) {
    const t = local - s.offsetMs
    if (t >= s.from && t < s.until) return t // spans are in time order, so the first hit is the earliest
  }
  return null
}

/**
 * The real-time intervals during which the practice clock shows a wall time in [localStart, localEnd): one
 * interval on a normal day, possibly two on a switch day (merged where they touch).
 */
function realIntervals(spans: OffsetSpan[], localStart: number, localEnd: number): Range[] {
  const pieces: Range[] = []
  for (const s of spans) {
    const start = Math.max(localStart - s.offsetMs, s.from)
    const end = Math.min(localEnd - s.offsetMs, s.until)
    if (start < end) pieces.push({ start, end })
  }
  return mergeRanges(pieces)
}

// ---------------------------------------------------------------------------------------------------------
// Busy ranges: sorted and merged once, then each candidate is a binary search.

function normaliseBusy(busy: BusyRange[]): { from: number[]; until: number[] } {
  const ranges: Range[] = []
  for (const [i, b] of busy.entries()) {
    assertInstant(b.from, `busy[${i}].from`)
    assertInstant(b.until, `busy[${i}].until`)
    const start = b.from.getTime()
    const end = b.until.getTime()
    if (start < end) ranges.push({ start, end }) // an empty range blocks nothing
  }
  const merged = mergeRanges(ranges)
  return { from: merged.map((r) => r.start), until: merged.map((r) => r.end) }
}

/** Does [start, end) overlap a merged busy range? Half-open: touching is not overlapping. */
function overlapsBusy(busy: { from: number[]; until: number[] }, start: number, end: number): boolean {
  // First merged range whose end is after `start` (ends are ascending because the ranges are disjoint).
  let l = 0
  let r = busy.until.length
  while (l < r) {
    const mid = (l + r) >>> 1
    if (busy.until[mid]! <= start) l = mid + 1
    else r = mid
  }
  return l < busy.from.length && busy.from[l]! < end
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/** The range a booking blocks: [start − bufferBefore, start + duration + bufferAfter). */
export function blockedRange(
  start: Date,
  durationMinutes: number,
  s: Pick<SchedulingSettings, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
): BusyRange {
  assertInstant(start, 'start')
  assertInteger(durationMinutes, 'durationMinutes', 1)
  assertInteger(s.bufferBeforeMinutes, 'bufferBeforeMinutes', 0)
  assertInteger(s.bufferAfterMinutes, 'bufferAfterMinutes', 0)
  const t = start.getTime()
  return {
    from: new Date(t - s.bufferBeforeMinutes * MINUTE),
    until: new Date(t + (durationMinutes + s.bufferAfterMinutes) * MINUTE),
  }
}

/** 'YYYY-MM-DD' of `instant` as seen on a wall calendar in `timeZone`. */
export function localDateInZone(instant: Date, timeZone: string): string {
  assertInstant(instant, 'instant')
  const zone = zoneOf(timeZone)
  return DateTime.fromMillis(instant.getTime(), { zone }).toFormat('yyyy-MM-dd')
}

/**
 * Bookable slots (R3.2), sorted ascending, without duplicates. Candidate starts are the step grid of each
 * practice-local availability window (weekly rules − 'off' exceptions + 'extra' exceptions, merged), from the
 * practice-local date of max(now, from) up to now + horizonDays. A candidate is offered when
 * - the session fits into the window in real elapsed time (see the DST notes at the top),
 * - start ≥ now + minNotice, start ≥ from, start < until, start ≤ now + horizonDays,
 * - its blocked range [start − bufferBefore, end + bufferAfter) overlaps no busy range (touching is fine).
 */
export function computeFreeSlots(input: FreeSlotsInput): Slot[] {
  const { settings, durationMinutes } = input
  validateSettings(settings)
  assertInteger(durationMinutes, 'durationMinutes', 1)
  assertInstant(input.now, 'now')
  if (input.from !== undefined) assertInstant(input.from, 'from')
  if (input.until !== undefined) assertInstant(input.until, 'until')
  for (const r of input.rules) validateRule(r)
  for (const e of input.exceptions) validateException(e)

  const now = input.now.getTime()
  const earliest = Math.max(now + settings.minNoticeMinutes * MINUTE, input.from?.getTime() ?? -Infinity)
  const latest = now + settings.horizonDays * DAY // inclusive
  const untilExclusive = input.until?.getTime() ?? Infinity
  if (earliest > latest || earliest >= untilExclusive) return []

  const zone = zoneOf(settings.timeZone)
  const duration = durationMinutes * MINUTE
  const step = settings.slotStepMinutes
  const before = settings.bufferBeforeMinutes * MINUTE
  const after = settings.bufferAfterMinutes * MINUTE
  const busy = normaliseBusy(input.busy)

  const rulesByWeekday: Range[][] = [[], [], [], [], [], [], [], []]
  for (const r of input.rules) rulesByWeekday[r.weekday]!.push({ start: r.startMinute, end: r.endMinute })
  const exceptionsByDate = new Map<string, AvailabilityException[]>()
  for (const e of input.exceptions) {
    const list = exceptionsByDate.get(e.date)
    if (list) list.push(e)
    else exceptionsByDate.set(e.date, [e])
  }

  const firstDate = localCivilDate(zone, Math.max(now, input.from?.getTime() ?? -Infinity))
  const lastDate = localCivilDate(zone, Math.min(latest, untilExclusive - 1))
  const probes = new Map<number, number>()

  const slots: Slot[] = []
  for (let date = firstDate; date <= lastDate; date += DAY) {
    const windows = availabilityForDate(date, rulesByWeekday, exceptionsByDate)
    if (windows.length === 0) continue
    const spans = offsetSpansForDate(zone, date, probes)
    for (const w of windows) {
      const real = realIntervals(spans, date + w.start * MINUTE, date + w.end * MINUTE)
      for (let m = w.start; m < w.end; m += step) {
        const start = earliestInstant(spans, date + m * MINUTE)
        if (start === null) continue // skipped by the spring-forward gap; never shifted
        const end = start + duration
        if (start < earliest || start > latest || start >= untilExclusive) continue
        if (!real.some((iv) => iv.start <= start && end <= iv.end)) continue
        if (overlapsBusy(busy, start - before, end + after)) continue
        slots.push({ start: new Date(start), end: new Date(end) })
      }
    }
  }
  // Dates and grids are generated in time order already; sort and de-duplicate anyway as the contract says.
  slots.sort((a, b) => a.start.getTime() - b.start.getTime())
  return slots.filter((s, i) => i === 0 || s.start.getTime() !== slots[i - 1]!.start.getTime())
}

/** Practice-local availability windows (wall minutes) of one date: rules − 'off' + 'extra', merged. */
function availabilityForDate(
  date: number,
  rulesByWeekday: Range[][],
  exceptionsByDate: Map<string, AvailabilityException[]>,
): Range[] {
  const weekday = new Date(date).getUTCDay() || 7 // civil date held as UTC midnight; Sunday 0 → ISO 7
  let windows = mergeRanges(rulesByWeekday[weekday]!)
  const exceptions = exceptionsByDate.get(isoDateOfCivilMs(date))
  if (!exceptions) return windows
  for (const e of exceptions) {
    if (e.kind !== 'off') continue
    if (e.startMinute === null || e.endMinute === null) windows = []
    else windows = subtractRange(windows, { start: e.startMinute, end: e.endMinute })
  }
  const extras = exceptions.flatMap((e) =>
    e.kind === 'extra' && e.startMinute !== null && e.endMinute !== null
      ? [{ start: e.startMinute, end: e.endMinute }]
      : [],
  )
  return mergeRanges([...windows, ...extras])
}

/**
 * Whether `start` is offered under exactly the rules of computeFreeSlots (validating a booking request: it is
 * false for a start that is off the grid, outside availability, past, inside the notice, beyond the horizon,
 * outside from/until, in a DST gap, the second occurrence of an ambiguous time, or taken).
 */
export function isSlotOffered(input: Parameters<typeof computeFreeSlots>[0], start: Date): boolean {
  assertInstant(start, 'start')
  const t = start.getTime()
  if (input.from !== undefined) {
    assertInstant(input.from, 'from')
    if (t < input.from.getTime()) return false
  }
  if (input.until !== undefined) {
    assertInstant(input.until, 'until')
    if (t >= input.until.getTime()) return false
  }
  // Same computation, narrowed to the one instant: only its practice-local date is generated.
  const slots = computeFreeSlots({ ...input, from: start, until: new Date(t + 1) })
  return slots.some((s) => s.start.getTime() === t)
}

/** Slots grouped by the viewer's local date in `timeZone` (the client's zone), dates ascending. */
export function groupSlotsByDay(slots: Slot[], timeZone: string): { date: string; slots: Slot[] }[] {
  const zone = zoneOf(timeZone)
  const byDate = new Map<string, Slot[]>()
  for (const slot of [...slots].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    assertInstant(slot.start, 'slot.start')
    const date = isoDateOfCivilMs(localCivilDate(zone, slot.start.getTime()))
    const list = byDate.get(date)
    if (list) list.push(slot)
    else byDate.set(date, [slot])
  }
  // A Map keeps first-seen order, which is date order except where a zone's clock falls back across midnight.
  return [...byDate]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, list]) => ({ date, slots: list }))
}

/** Pairs of rules on the same weekday whose ranges overlap (touching end == start is not an overlap). */
export function findOverlappingRules(rules: WeeklyRule[]): [WeeklyRule, WeeklyRule][] {
  const pairs: [WeeklyRule, WeeklyRule][] = []
  for (let i = 0; i < rules.length; i++) {
    const a = rules[i]!
    for (let j = i + 1; j < rules.length; j++) {
      const b = rules[j]!
      if (a.weekday === b.weekday && a.startMinute < b.endMinute && b.startMinute < a.endMinute)
        pairs.push([a, b])
    }
  }
  return pairs
}
