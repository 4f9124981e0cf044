import { performance } from 'node:perf_hooks'
import { DateTime } from 'luxon'
import { bench, describe } from 'vitest'
import {
  type BusyRange,
  type SchedulingSettings,
  type WeeklyRule,
  blockedRange,
  computeFreeSlots,
  groupSlotsByDay,
  isSlotOffered,
} from '@/lib/bookings/slots'
import { writeResult } from './results'

// R3.2: free slots for a 90-day horizon with 500 existing bookings.
// Rules Mon–Fri 08:00–12:00 and 13:00–18:00 (Europe/Zurich), 60-min sessions, 15-min buffers, 30-min step.

const ZONE = 'Europe/Zurich'
const settings: SchedulingSettings = {
  timeZone: ZONE,
  bufferBeforeMinutes: 15,
  bufferAfterMinutes: 15,
  minNoticeMinutes: 720,
  horizonDays: 90,
  slotStepMinutes: 30,
}
const rules: WeeklyRule[] = ([1, 2, 3, 4, 5] as const).flatMap((weekday) => [
  { weekday, startMinute: 8 * 60, endMinute: 12 * 60 },
  { weekday, startMinute: 13 * 60, endMinute: 18 * 60 },
])
const now = new Date('2026-06-01T05:00:00Z') // Monday 07:00 in Zurich; the horizon crosses no DST switch…
const nowAcrossDst = new Date('2026-09-14T05:00:00Z') // …and this one crosses the October switch.

/** 500 deterministic bookings on weekdays within working hours (a seeded LCG; some overlap, as real data can). */
function bookings(from: Date, count: number): BusyRange[] {
  let seed = 20_260_601
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return Math.floor((seed / 2 ** 31) * n)
  }
  const startDay = DateTime.fromJSDate(from, { zone: ZONE }).startOf('day')
  const busy: BusyRange[] = []
  while (busy.length < count) {
    const day = startDay.plus({ days: next(90) })
    if (day.weekday > 5) continue
    const morning = next(2) === 0
    const minute = morning ? 8 * 60 + 30 * next(7) : 13 * 60 + 30 * next(9) // start so that 60 min fit
    const start = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 })
    busy.push(blockedRange(start.toJSDate(), 60, settings))
  }
  return busy
}

const busy = bookings(now, 500)
const busyAcrossDst = bookings(nowAcrossDst, 500)
const input = { rules, exceptions: [], settings, durationMinutes: 60, busy, now }
const inputAcrossDst = { ...input, busy: busyAcrossDst, now: nowAcrossDst }

// Guard: a benchmark of a broken computation is worthless. Check once against a naive O(slots × busy) scan.
const reference = computeFreeSlots(input)
const naive = computeFreeSlots({ ...input, busy: [] }).filter((slot) => {
  const b = blockedRange(slot.start, 60, settings)
  return !busy.some((x) => b.from < x.until && x.from < b.until)
})
if (
  busy.length !== 500 ||
  reference.length === 0 ||
  naive.map((s) => s.start.getTime()).join() !== reference.map((s) => s.start.getTime()).join()
) {
  throw new Error('bench fixture or result is not what it claims')
}
const offered = reference[Math.floor(reference.length / 2)]!.start

// The figures for bench/report.ts: p50/p95 of computeFreeSlots with 500 bookings and without any.
function timings(run: () => void, times = 200): { p50: number; p95: number } {
  for (let i = 0; i < 20; i++) run()
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    run()
    samples.push(performance.now() - started)
  }
  samples.sort((a, b) => a - b)
  return { p50: samples[Math.floor(times / 2)]!, p95: samples[Math.floor(times * 0.95)]! }
}
{
  const withBookings = timings(() => computeFreeSlots(input))
  const empty = timings(() => computeFreeSlots({ ...input, busy: [] }))
  console.log(
    `free slots: 90 days, 500 bookings p50 ${withBookings.p50.toFixed(2)} ms, p95 ${withBookings.p95.toFixed(2)} ms; ` +
      `no bookings p50 ${empty.p50.toFixed(2)} ms (${reference.length} slots offered)`,
  )
  writeResult('slots', { slots: reference.length, withBookings, noBookings: empty })
}

describe('R3.2 slots: 90 days, 500 bookings', () => {
  bench('computeFreeSlots (90 days, 500 busy ranges)', () => {
    computeFreeSlots(input)
  })

  bench('computeFreeSlots (90 days across the October DST switch, 500 busy ranges)', () => {
    computeFreeSlots(inputAcrossDst)
  })

  bench('computeFreeSlots (90 days, no bookings)', () => {
    computeFreeSlots({ ...input, busy: [] })
  })

  bench('isSlotOffered (one request, 500 busy ranges)', () => {
    isSlotOffered(input, offered)
  })

  bench('groupSlotsByDay (America/New_York)', () => {
    groupSlotsByDay(reference, 'America/New_York')
  })
})
