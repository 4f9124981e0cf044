import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  type AvailabilityException,
  type BusyRange,
  type SchedulingSettings,
  type Slot,
  type WeeklyRule,
  blockedRange,
  computeFreeSlots,
  findOverlappingRules,
  groupSlotsByDay,
  isSlotOffered,
  localDateInZone,
} from '@/lib/bookings/slots'

type Input = Parameters<typeof computeFreeSlots>[0]

const ZURICH = 'Europe/Zurich'
const h = (hours: number, minutes = 0) => hours * 60 + minutes
const at = (iso: string) => new Date(iso)
const starts = (slots: Slot[]) => slots.map((s) => s.start.toISOString())
const wall = (d: Date, zone = ZURICH) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm')

const baseSettings: SchedulingSettings = {
  timeZone: ZURICH,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  horizonDays: 7,
  slotStepMinutes: 60,
}

function input(
  overrides: Partial<Omit<Input, 'settings'>> & { settings?: Partial<SchedulingSettings> },
): Input {
  const { settings, ...rest } = overrides
  return {
    rules: [],
    exceptions: [],
    durationMinutes: 60,
    busy: [],
    now: at('2026-05-31T12:00:00Z'), // Sunday 14:00 in Zurich (CEST, UTC+2)
    ...rest,
    settings: { ...baseSettings, ...settings },
  }
}

const rule = (weekday: WeeklyRule['weekday'], start: number, end: number): WeeklyRule => ({
  weekday,
  startMinute: start,
  endMinute: end,
})
const off = (
  date: string,
  start: number | null = null,
  end: number | null = null,
): AvailabilityException => ({
  date,
  kind: 'off',
  startMinute: start,
  endMinute: end,
})
const extra = (date: string, start: number, end: number): AvailabilityException => ({
  date,
  kind: 'extra',
  startMinute: start,
  endMinute: end,
})

describe('R3.1 weekly availability and exceptions', () => {
  it('R3.1 several ranges per weekday give the step grid of each range, sorted, in real UTC instants', () => {
    // Given out of order on purpose; June is CEST (UTC+2): Monday 08:00 Zurich = 06:00Z.
    const rules = [rule(3, h(9), h(10)), rule(1, h(14), h(16)), rule(1, h(8), h(10))]
    const slots = computeFreeSlots(input({ rules }))
    expect(starts(slots)).toEqual([
      '2026-06-01T06:00:00.000Z', // Mon 08:00
      '2026-06-01T07:00:00.000Z', // Mon 09:00
      '2026-06-01T12:00:00.000Z', // Mon 14:00
      '2026-06-01T13:00:00.000Z', // Mon 15:00
      '2026-06-03T07:00:00.000Z', // Wed 09:00
    ])
    for (const s of slots) expect(s.end.getTime() - s.start.getTime()).toBe(60 * 60_000)
  })

  it('R3.1 a start is offered only while start + duration fits into the range', () => {
    const slots = computeFreeSlots(
      input({ rules: [rule(1, h(8), h(10))], durationMinutes: 45, settings: { slotStepMinutes: 30 } }),
    )
    expect(slots.map((s) => wall(s.start))).toEqual([
      '2026-06-01 08:00',
      '2026-06-01 08:30',
      '2026-06-01 09:00',
    ])
  })

  it('R3.1 overlapping and touching ranges are merged: each start once, and sessions may span the seam', () => {
    const rules = [rule(1, h(8), h(10)), rule(1, h(9), h(10)), rule(1, h(10), h(11))]
    const slots = computeFreeSlots(
      input({
        rules,
        exceptions: [extra('2026-06-01', h(8), h(9))],
        durationMinutes: 90,
        settings: { slotStepMinutes: 30 },
      }),
    )
    // 09:00–10:30 and 09:30–11:00 cross 10:00, where two rules touch.
    expect(slots.map((s) => wall(s.start))).toEqual([
      '2026-06-01 08:00',
      '2026-06-01 08:30',
      '2026-06-01 09:00',
      '2026-06-01 09:30',
    ])
  })

  it("R3.1 a whole-day 'off' exception removes that date only", () => {
    const rules = [rule(1, h(8), h(10)), rule(3, h(9), h(10))]
    const slots = computeFreeSlots(
      input({ rules, exceptions: [off('2026-06-01')], settings: { horizonDays: 14 } }),
    )
    expect(starts(slots)).toEqual([
      '2026-06-03T07:00:00.000Z', // Wed 09:00
      '2026-06-08T06:00:00.000Z', // next Monday is not off
      '2026-06-08T07:00:00.000Z',
      '2026-06-10T07:00:00.000Z',
    ])
  })

  it("R3.1 a partial 'off' exception removes just that range; what is left must still fit a session", () => {
    const rules = [rule(1, h(8), h(10)), rule(1, h(14), h(16))]
    const exceptions = [off('2026-06-01', h(9), h(10)), off('2026-06-01', h(14, 30), h(15))]
    const slots = computeFreeSlots(input({ rules, exceptions }))
    // Left: 08:00–09:00, 14:00–14:30 (too short for 60 min), 15:00–16:00.
    expect(slots.map((s) => wall(s.start))).toEqual(['2026-06-01 08:00', '2026-06-01 15:00'])
  })

  it("R3.1 'extra' hours open a normally closed day, also on a date that is otherwise off", () => {
    const rules = [rule(1, h(8), h(10))]
    const exceptions = [
      extra('2026-06-06', h(10), h(12)), // Saturday, no weekly rule
      off('2026-06-01'),
      extra('2026-06-01', h(12), h(13)), // Monday off, but an extra hour at noon
    ]
    const slots = computeFreeSlots(input({ rules, exceptions }))
    expect(starts(slots)).toEqual([
      '2026-06-01T10:00:00.000Z', // Mon 12:00
      '2026-06-06T08:00:00.000Z', // Sat 10:00
      '2026-06-06T09:00:00.000Z', // Sat 11:00
    ])
  })
})

describe('R3.1 buffers, minimum notice and horizon', () => {
  it('R3.1 blockedRange is [start − before, start + duration + after)', () => {
    const r = blockedRange(at('2026-06-01T08:00:00Z'), 60, {
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 10,
    })
    expect(r.from.toISOString()).toBe('2026-06-01T07:45:00.000Z')
    expect(r.until.toISOString()).toBe('2026-06-01T09:10:00.000Z')
  })

  it('R3.1 15-min buffers: a slot whose blocked range overlaps the 10:00–11:00 booking is gone; touching is fine', () => {
    const buffers = { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 }
    // Existing booking Mon 10:00–11:00 Zurich = 08:00Z–09:00Z, blocked 09:45–11:15.
    const busy = [blockedRange(at('2026-06-01T08:00:00Z'), 60, buffers)]
    const slots = computeFreeSlots(
      input({ rules: [rule(1, h(8), h(14))], busy, settings: { ...buffers, slotStepMinutes: 15 } }),
    )
    expect(slots.map((s) => wall(s.start).slice(11))).toEqual([
      '08:00',
      '08:15',
      '08:30', // blocked 08:15–09:45 touches the booking's 09:45
      '11:30', // blocked 11:15–12:45 touches the booking's 11:15
      '11:45',
      '12:00',
      '12:15',
      '12:30',
      '12:45',
      '13:00',
    ])
  })

  it('R3.1 without buffers a session may end exactly when a booking starts and start exactly when it ends', () => {
    const busy: BusyRange[] = [{ from: at('2026-06-01T08:00:00Z'), until: at('2026-06-01T09:00:00Z') }]
    const slots = computeFreeSlots(
      input({ rules: [rule(1, h(8), h(12))], busy, settings: { slotStepMinutes: 30 } }),
    )
    expect(slots.map((s) => wall(s.start).slice(11))).toEqual(['08:00', '08:30', '09:00', '11:00'])
  })

  it('R3.1 minimum notice: no start before now + notice (the boundary itself is allowed)', () => {
    const rules = [rule(1, h(8), h(12))]
    const settings = { minNoticeMinutes: 120, slotStepMinutes: 30 }
    // now Mon 07:10 Zurich → earliest 09:10 → first slot 09:30.
    const a = computeFreeSlots(input({ rules, settings, now: at('2026-06-01T05:10:00Z') }))
    expect(wall(a[0]!.start)).toBe('2026-06-01 09:30')
    // now Mon 07:00 Zurich → earliest exactly 09:00.
    const b = computeFreeSlots(input({ rules, settings, now: at('2026-06-01T05:00:00Z') }))
    expect(wall(b[0]!.start)).toBe('2026-06-01 09:00')
  })

  it('R3.1 past starts are never offered, even with zero notice', () => {
    const slots = computeFreeSlots(
      input({
        rules: [rule(1, h(8), h(12))],
        settings: { slotStepMinutes: 30, horizonDays: 1 },
        now: at('2026-06-01T08:40:00Z'),
      }),
    )
    expect(slots.map((s) => wall(s.start).slice(11))).toEqual(['11:00'])
  })

  it('R3.1 horizon: starts up to now + horizonDays inclusive, nothing later', () => {
    const rules = [rule(1, h(8), h(10))]
    const now = at('2026-06-01T06:00:00Z') // Monday 08:00 Zurich
    expect(starts(computeFreeSlots(input({ rules, now, settings: { horizonDays: 7 } })))).toEqual([
      '2026-06-01T06:00:00.000Z',
      '2026-06-01T07:00:00.000Z',
      '2026-06-08T06:00:00.000Z', // exactly now + 7 days
    ])
    expect(starts(computeFreeSlots(input({ rules, now, settings: { horizonDays: 0 } })))).toEqual([
      '2026-06-01T06:00:00.000Z',
    ])
  })

  it('R3.2 from/until narrow the result to [from, until) and never extend past now or the horizon', () => {
    const rules = [1, 2, 3, 4, 5].map((d) => rule(d as WeeklyRule['weekday'], h(8), h(10)))
    const wednesday = {
      from: at('2026-06-02T22:00:00Z'), // Wed 00:00 Zurich
      until: at('2026-06-03T22:00:00Z'), // Thu 00:00 Zurich
    }
    expect(starts(computeFreeSlots(input({ rules, ...wednesday })))).toEqual([
      '2026-06-03T06:00:00.000Z',
      '2026-06-03T07:00:00.000Z',
    ])
    // until is exclusive
    const cut = computeFreeSlots(input({ rules, from: wednesday.from, until: at('2026-06-03T07:00:00Z') }))
    expect(starts(cut)).toEqual(['2026-06-03T06:00:00.000Z'])
    // from before now adds nothing; until beyond the horizon adds nothing
    const wide = computeFreeSlots(
      input({ rules, from: at('2026-05-01T00:00:00Z'), until: at('2026-09-01T00:00:00Z') }),
    )
    expect(wide).toEqual(computeFreeSlots(input({ rules })))
    expect(wide).toHaveLength(10) // Mon 1 … Fri 5 June, two each
    // an empty or inverted window
    expect(computeFreeSlots(input({ rules, from: wednesday.until, until: wednesday.from }))).toEqual([])
  })
})

describe('R3.2 daylight saving time in Europe/Zurich', () => {
  it('R3.2 spring forward 2027-03-28: 02:00 and 02:30 do not exist and are skipped, not shifted', () => {
    const slots = computeFreeSlots(
      input({
        rules: [rule(7, h(1), h(4))],
        settings: { slotStepMinutes: 30 },
        now: at('2027-03-27T12:00:00Z'),
        until: at('2027-03-29T00:00:00Z'),
      }),
    )
    expect(slots.map((s) => [s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['2027-03-28T00:00:00.000Z', '2027-03-28T01:00:00.000Z'], // 01:00 CET (UTC+1) → 03:00 CEST
      ['2027-03-28T00:30:00.000Z', '2027-03-28T01:30:00.000Z'], // 01:30 CET → 03:30 CEST, 60 real minutes
      ['2027-03-28T01:00:00.000Z', '2027-03-28T02:00:00.000Z'], // 03:00 CEST (UTC+2) → 04:00
    ])
    expect(slots.map((s) => wall(s.start).slice(11))).toEqual(['01:00', '01:30', '03:00'])
  })

  it('R3.2 spring forward: a grid point in the gap is dropped, not moved to 03:30 or 01:30', () => {
    // Step 45 from 01:00: 01:00, 01:45, [02:30 does not exist], 03:15, 04:00.
    const slots = computeFreeSlots(
      input({
        rules: [rule(7, h(1), h(5))],
        durationMinutes: 30,
        settings: { slotStepMinutes: 45 },
        now: at('2027-03-27T12:00:00Z'),
        until: at('2027-03-29T00:00:00Z'),
      }),
    )
    expect(starts(slots)).toEqual([
      '2027-03-28T00:00:00.000Z',
      '2027-03-28T00:45:00.000Z',
      '2027-03-28T01:15:00.000Z',
      '2027-03-28T02:00:00.000Z',
    ])
  })

  it('R3.2 spring forward: a range inside the gap offers nothing; a session must fit in real elapsed time', () => {
    const now = at('2027-03-27T12:00:00Z')
    const until = at('2027-03-29T00:00:00Z')
    expect(computeFreeSlots(input({ rules: [rule(7, h(2), h(3))], now, until }))).toEqual([])
    // 01:30–03:30 local is only 60 real minutes on that day (00:30Z–01:30Z): a 90-minute session does not fit.
    const rules = [rule(7, h(1, 30), h(3, 30))]
    const settings = { slotStepMinutes: 30 }
    expect(computeFreeSlots(input({ rules, settings, now, until, durationMinutes: 90 }))).toEqual([])
    expect(starts(computeFreeSlots(input({ rules, settings, now, until, durationMinutes: 60 })))).toEqual([
      '2027-03-28T00:30:00.000Z',
    ])
  })

  it('R3.2 fall back 2026-10-25: an ambiguous 02:00–03:00 window gives one slot per wall time, the earlier offset', () => {
    const base = {
      rules: [rule(7, h(2), h(3))],
      now: at('2026-10-24T12:00:00Z'),
      until: at('2026-10-26T00:00:00Z'),
    }
    // Step 60: only 02:00 CEST (UTC+2) = 00:00Z; ends after 60 real minutes at 01:00Z = 02:00 CET.
    const hourly = computeFreeSlots(input(base))
    expect(hourly.map((s) => [s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
    ])
    // Step 30: 02:00 and 02:30 CEST. The window is two real hours (00:00Z–02:00Z), so 02:30 CEST + 60 min fits.
    // The second 02:00/02:30 (CET, 01:00Z/01:30Z) are not offered again.
    const halfHourly = computeFreeSlots(input({ ...base, settings: { slotStepMinutes: 30 } }))
    expect(halfHourly.map((s) => [s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
    ])
  })

  it('R3.2 fall back: 02:30–03:00 is two separate real half hours; only the earlier one is offered', () => {
    const base = {
      rules: [rule(7, h(2, 30), h(3))],
      now: at('2026-10-24T12:00:00Z'),
      until: at('2026-10-26T00:00:00Z'),
    }
    expect(starts(computeFreeSlots(input({ ...base, durationMinutes: 30 })))).toEqual([
      '2026-10-25T00:30:00.000Z',
    ])
    // 60 minutes would run through 03:00 CEST … 02:30 CET, which is not inside 02:30–03:00 local.
    expect(computeFreeSlots(input({ ...base, durationMinutes: 60 }))).toEqual([])
  })

  it('R3.2 regular days across the October switch: 09:00 is 07:00Z in CEST and 08:00Z in CET', () => {
    const rules = [1, 2, 3, 4, 5].map((d) => rule(d as WeeklyRule['weekday'], h(9), h(10)))
    const slots = computeFreeSlots(input({ rules, now: at('2026-10-22T12:00:00Z') })) // Thursday
    expect(starts(slots)).toEqual([
      '2026-10-23T07:00:00.000Z', // Fri, CEST (UTC+2)
      '2026-10-26T08:00:00.000Z', // Mon, CET (UTC+1)
      '2026-10-27T08:00:00.000Z',
      '2026-10-28T08:00:00.000Z',
      '2026-10-29T08:00:00.000Z',
    ])
    expect(new Set(slots.map((s) => wall(s.start).slice(11)))).toEqual(new Set(['09:00']))
  })

  it('R3.2 regular days across the March switch: 09:00 is 08:00Z in CET and 07:00Z in CEST', () => {
    const rules = [1, 2, 3, 4, 5].map((d) => rule(d as WeeklyRule['weekday'], h(9), h(10)))
    const slots = computeFreeSlots(input({ rules, now: at('2027-03-25T12:00:00Z') })) // Thursday
    expect(starts(slots)).toEqual([
      '2027-03-26T08:00:00.000Z', // Fri, CET
      '2027-03-29T07:00:00.000Z', // Mon, CEST
      '2027-03-30T07:00:00.000Z',
      '2027-03-31T07:00:00.000Z',
      '2027-04-01T07:00:00.000Z',
    ])
  })

  it('R3.2 a busy range on the fall-back day is compared in real time', () => {
    // Booked 02:00–03:00 CET (the second 02:00, 01:00Z–02:00Z). 02:00 CEST (00:00Z–01:00Z) touches it: free.
    const busy: BusyRange[] = [{ from: at('2026-10-25T01:00:00Z'), until: at('2026-10-25T02:00:00Z') }]
    const slots = computeFreeSlots(
      input({
        rules: [rule(7, h(2), h(3))],
        busy,
        settings: { slotStepMinutes: 30 },
        now: at('2026-10-24T12:00:00Z'),
        until: at('2026-10-26T00:00:00Z'),
      }),
    )
    expect(starts(slots)).toEqual(['2026-10-25T00:00:00.000Z'])
  })
})

describe('R3.2 slots in the client’s time zone', () => {
  // Monday 2026-06-01 (CEST): 05:00, 06:00, 16:00, 17:00 Zurich = 03:00Z, 04:00Z, 14:00Z, 15:00Z.
  const slots = computeFreeSlots(input({ rules: [rule(1, h(5), h(7)), rule(1, h(16), h(18))] }))

  it('R3.2 the fixture has the four expected slots', () => {
    expect(starts(slots)).toEqual([
      '2026-06-01T03:00:00.000Z',
      '2026-06-01T04:00:00.000Z',
      '2026-06-01T14:00:00.000Z',
      '2026-06-01T15:00:00.000Z',
    ])
  })

  it('R3.2 Europe/Zurich viewer: one day', () => {
    const days = groupSlotsByDay(slots, ZURICH)
    expect(days.map((d) => [d.date, starts(d.slots)])).toEqual([['2026-06-01', starts(slots)]])
  })

  it('R3.2 America/New_York viewer (EDT, UTC−4): Zurich 05:00 is 23:00 the previous day, 06:00 is midnight', () => {
    const days = groupSlotsByDay(slots, 'America/New_York')
    expect(
      days.map((d) => [d.date, d.slots.map((s) => wall(s.start, 'America/New_York').slice(11))]),
    ).toEqual([
      ['2026-05-31', ['23:00']],
      ['2026-06-01', ['00:00', '10:00', '11:00']],
    ])
  })

  it('R3.2 Asia/Tokyo viewer (UTC+9): Zurich 16:00 is 23:00 the same day, 17:00 is 00:00 the next day', () => {
    const days = groupSlotsByDay(slots, 'Asia/Tokyo')
    expect(days.map((d) => [d.date, d.slots.map((s) => wall(s.start, 'Asia/Tokyo').slice(11))])).toEqual([
      ['2026-06-01', ['12:00', '13:00', '23:00']],
      ['2026-06-02', ['00:00']],
    ])
  })

  it('R3.2 winter (CET): Zurich 08:00 is Tokyo 16:00 the same day; a Zurich 23:00 extra slot is Tokyo’s next day', () => {
    const winter = computeFreeSlots(
      input({
        rules: [rule(1, h(8), h(9))],
        exceptions: [extra('2026-12-07', h(23), h(24))],
        now: at('2026-12-06T12:00:00Z'),
        settings: { horizonDays: 2 },
      }),
    )
    expect(starts(winter)).toEqual(['2026-12-07T07:00:00.000Z', '2026-12-07T22:00:00.000Z'])
    const tokyo = groupSlotsByDay(winter, 'Asia/Tokyo')
    expect(tokyo.map((d) => [d.date, d.slots.map((s) => wall(s.start, 'Asia/Tokyo').slice(11))])).toEqual([
      ['2026-12-07', ['16:00']],
      ['2026-12-08', ['07:00']],
    ])
    expect(groupSlotsByDay(winter, ZURICH).map((d) => d.date)).toEqual(['2026-12-07'])
  })

  it('R3.2 groupSlotsByDay sorts unsorted input and returns nothing for no slots', () => {
    const days = groupSlotsByDay([...slots].reverse(), 'Asia/Tokyo')
    expect(days.map((d) => d.date)).toEqual(['2026-06-01', '2026-06-02'])
    expect(starts(days[0]!.slots)).toEqual(starts(slots.slice(0, 3)))
    expect(groupSlotsByDay([], 'Asia/Tokyo')).toEqual([])
  })

  it('R3.2 localDateInZone gives the wall-calendar date of an instant', () => {
    expect(localDateInZone(at('2026-10-24T22:30:00Z'), ZURICH)).toBe('2026-10-25') // 00:30 CEST
    expect(localDateInZone(at('2026-10-24T22:30:00Z'), 'America/New_York')).toBe('2026-10-24')
    expect(localDateInZone(at('2026-12-31T23:30:00Z'), ZURICH)).toBe('2027-01-01') // 00:30 CET
    expect(localDateInZone(at('2026-12-31T22:30:00Z'), ZURICH)).toBe('2026-12-31')
  })
})

describe('R3.2/R3.3 isSlotOffered validates a booking or reschedule request with the same rules', () => {
  // Monday 2026-06-01 08:00–18:00 Zurich, 60 min, step 30, notice 90, horizon 7.
  // now Mon 09:10 Zurich (07:10Z) → earliest start 10:40 (08:40Z). Booked 14:00–15:00 (12:00Z–13:00Z).
  const offer = input({
    rules: [rule(1, h(8), h(18))],
    settings: { slotStepMinutes: 30, minNoticeMinutes: 90, horizonDays: 7 },
    now: at('2026-06-01T07:10:00Z'),
    busy: [{ from: at('2026-06-01T12:00:00Z'), until: at('2026-06-01T13:00:00Z') }],
  })
  const offered = (iso: string, i: Input = offer) => isSlotOffered(i, at(iso))

  it('R3.2 true for an offered start', () => {
    expect(offered('2026-06-01T09:00:00Z')).toBe(true) // 11:00
    expect(offered('2026-06-01T11:00:00Z')).toBe(true) // 13:00, ends as the booking starts
    expect(offered('2026-06-01T13:00:00Z')).toBe(true) // 15:00, starts as the booking ends
    expect(offered('2026-06-08T07:00:00Z')).toBe(true) // next Monday 09:00, within the horizon
  })

  it('R3.2 false for a past start and for one inside the notice', () => {
    expect(offered('2026-06-01T06:00:00Z')).toBe(false) // 08:00, past
    expect(offered('2026-06-01T07:30:00Z')).toBe(false) // 09:30, future but inside the notice
    expect(offered('2026-06-01T08:30:00Z')).toBe(false) // 10:30, 10 minutes short of the notice
    expect(offered('2026-06-01T09:00:00Z')).toBe(true)
  })

  it('R3.2 false beyond the horizon', () => {
    expect(offered('2026-06-08T07:30:00Z')).toBe(false) // next Monday 09:30 > now + 7 days
    expect(offered('2026-06-15T07:00:00Z')).toBe(false)
  })

  it('R3.2 false off the grid or outside availability', () => {
    expect(offered('2026-06-01T09:15:00Z')).toBe(false) // 11:15
    expect(offered('2026-06-01T09:00:30Z')).toBe(false) // 11:00:30
    expect(offered('2026-06-01T15:30:00Z')).toBe(false) // 17:30 would end 18:30
    expect(offered('2026-06-02T09:00:00Z')).toBe(false) // Tuesday: no hours
  })

  it('R3.2 false when taken (overlapping an existing booking)', () => {
    expect(offered('2026-06-01T12:00:00Z')).toBe(false) // 14:00, the booking itself
    expect(offered('2026-06-01T11:30:00Z')).toBe(false) // 13:30 overlaps the first half
    expect(offered('2026-06-01T12:30:00Z')).toBe(false) // 14:30 overlaps the second half
  })

  it('R3.2 false for the DST gap and for the second occurrence of an ambiguous time', () => {
    const spring = input({ rules: [rule(7, h(1), h(4))], now: at('2027-03-27T12:00:00Z') })
    expect(offered('2027-03-28T01:00:00Z', spring)).toBe(true) // 03:00 CEST
    expect(offered('2027-03-28T00:00:00Z', spring)).toBe(true) // 01:00 CET
    const fall = input({ rules: [rule(7, h(2), h(3))], now: at('2026-10-24T12:00:00Z') })
    expect(offered('2026-10-25T00:00:00Z', fall)).toBe(true) // first 02:00
    expect(offered('2026-10-25T01:00:00Z', fall)).toBe(false) // second 02:00
  })

  it('R3.2 respects from/until', () => {
    expect(offered('2026-06-01T09:00:00Z', { ...offer, from: at('2026-06-01T09:00:01Z') })).toBe(false)
    expect(offered('2026-06-01T09:00:00Z', { ...offer, until: at('2026-06-01T09:00:00Z') })).toBe(false)
    expect(offered('2026-06-01T09:00:00Z', { ...offer, from: at('2026-06-01T09:00:00Z') })).toBe(true)
  })

  it('R3.2 agrees with computeFreeSlots for every quarter hour of the week', () => {
    const free = new Set(computeFreeSlots(offer).map((s) => s.start.getTime()))
    expect(free.size).toBeGreaterThan(0)
    const first = at('2026-06-01T00:00:00Z').getTime()
    for (let t = first; t < first + 9 * 86_400_000; t += 15 * 60_000) {
      expect(isSlotOffered(offer, new Date(t)), new Date(t).toISOString()).toBe(free.has(t))
    }
  })
})

describe('R3.2 busy ranges at scale', () => {
  it('R3.2 the binary search over busy ranges matches a naive overlap scan (random, overlapping, unsorted)', () => {
    let seed = 42
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const rules = [1, 2, 3, 4, 5, 6, 7].map((d) => rule(d as WeeklyRule['weekday'], h(7), h(20)))
    const settings = { slotStepMinutes: 15, bufferBeforeMinutes: 10, bufferAfterMinutes: 5, horizonDays: 14 }
    const first = at('2026-06-01T00:00:00Z').getTime()
    const busy: BusyRange[] = Array.from({ length: 200 }, () => {
      const from = first + Math.floor(random() * 14 * 96) * 15 * 60_000 + Math.floor(random() * 10) * 60_000
      return { from: new Date(from), until: new Date(from + (5 + Math.floor(random() * 120)) * 60_000) }
    })
    busy.push({ from: at('2026-06-02T10:00:00Z'), until: at('2026-06-02T10:00:00Z') }) // empty: blocks nothing
    const all = computeFreeSlots(input({ rules, settings, now: at('2026-05-31T22:00:00Z') }))
    const expected = all.filter((s) => {
      const b = blockedRange(s.start, 60, settings)
      return !busy.some((x) => b.from < x.until && x.from < b.until)
    })
    const actual = computeFreeSlots(input({ rules, settings, busy, now: at('2026-05-31T22:00:00Z') }))
    expect(expected.length).toBeLessThan(all.length)
    expect(expected.length).toBeGreaterThan(0)
    expect(starts(actual)).toEqual(starts(expected))
  })
})

describe('R3.1 overlapping weekly ranges are detected', () => {
  it('R3.1 findOverlappingRules reports same-day overlaps only; touching is not overlapping', () => {
    const a = rule(1, h(8), h(12))
    const b = rule(1, h(11), h(13)) // overlaps a
    const c = rule(1, h(13), h(14)) // touches b
    const d = rule(1, h(7), h(8)) // touches a
    const e = rule(2, h(11), h(12)) // other day
    const f = rule(1, h(9), h(10)) // inside a
    expect(findOverlappingRules([a, b, c, d, e, f])).toEqual([
      [a, b],
      [a, f],
    ])
    expect(findOverlappingRules([a, c, d, e])).toEqual([])
    expect(findOverlappingRules([])).toEqual([])
  })
})

describe('R3.1 bad input throws a clear error', () => {
  const ok = input({ rules: [rule(1, h(8), h(12))] })

  it('R3.1 unknown time zone', () => {
    expect(() => computeFreeSlots({ ...ok, settings: { ...ok.settings, timeZone: 'Mars/Olympus' } })).toThrow(
      /Unknown time zone/,
    )
    expect(() => groupSlotsByDay([], 'Nowhere/City')).toThrow(/Unknown time zone/)
    expect(() => localDateInZone(new Date(), '')).toThrow(/Unknown time zone/)
  })

  it('R3.1 duration ≤ 0 and step ≤ 0', () => {
    expect(() => computeFreeSlots({ ...ok, durationMinutes: 0 })).toThrow(/durationMinutes/)
    expect(() => computeFreeSlots({ ...ok, durationMinutes: -30 })).toThrow(/durationMinutes/)
    expect(() => computeFreeSlots({ ...ok, durationMinutes: Number.NaN })).toThrow(/durationMinutes/)
    expect(() => computeFreeSlots({ ...ok, settings: { ...ok.settings, slotStepMinutes: 0 } })).toThrow(
      /slotStepMinutes/,
    )
    expect(() => computeFreeSlots({ ...ok, settings: { ...ok.settings, slotStepMinutes: -15 } })).toThrow(
      /slotStepMinutes/,
    )
    expect(() => blockedRange(new Date(), 0, { bufferBeforeMinutes: 0, bufferAfterMinutes: 0 })).toThrow(
      /durationMinutes/,
    )
    expect(() => isSlotOffered({ ...ok, durationMinutes: 0 }, at('2026-06-01T06:00:00Z'))).toThrow(
      /durationMinutes/,
    )
  })

  it('R3.1 negative buffers, notice or horizon', () => {
    for (const key of [
      'bufferBeforeMinutes',
      'bufferAfterMinutes',
      'minNoticeMinutes',
      'horizonDays',
    ] as const) {
      expect(() => computeFreeSlots({ ...ok, settings: { ...ok.settings, [key]: -1 } })).toThrow(key)
    }
  })

  it('R3.1 malformed rules and exceptions', () => {
    expect(() => computeFreeSlots({ ...ok, rules: [rule(1, h(12), h(8))] })).toThrow(
      /startMinute < endMinute/,
    )
    expect(() => computeFreeSlots({ ...ok, rules: [rule(1, h(8), 1441)] })).toThrow(/≤ 1440/)
    expect(() => computeFreeSlots({ ...ok, rules: [{ ...rule(1, 0, 60), weekday: 8 as 1 }] })).toThrow(
      /weekday/,
    )
    expect(() => computeFreeSlots({ ...ok, exceptions: [off('2026-02-30')] })).toThrow(/YYYY-MM-DD/)
    expect(() => computeFreeSlots({ ...ok, exceptions: [off('1.6.2026')] })).toThrow(/YYYY-MM-DD/)
    expect(() => computeFreeSlots({ ...ok, exceptions: [off('2026-06-01', h(8), null)] })).toThrow(/both/)
    expect(() =>
      computeFreeSlots({
        ...ok,
        exceptions: [{ date: '2026-06-01', kind: 'extra', startMinute: null, endMinute: null }],
      }),
    ).toThrow(/Extra hours/)
  })

  it('R3.1 invalid dates', () => {
    expect(() => computeFreeSlots({ ...ok, now: new Date('nope') })).toThrow(/now must be a valid Date/)
    expect(() => computeFreeSlots({ ...ok, busy: [{ from: new Date('nope'), until: new Date() }] })).toThrow(
      /busy\[0\]\.from/,
    )
    expect(() => isSlotOffered(ok, new Date('nope'))).toThrow(/start must be a valid Date/)
    expect(() => localDateInZone(new Date('nope'), ZURICH)).toThrow(/valid Date/)
  })
})
