import { performance } from 'node:perf_hooks'
import { bench, describe } from 'vitest'
import { users } from '@/db/schema'
import { openExport } from '@/lib/account/export/service'
import { toActor } from '@/lib/auth/actor'
import { encryptForUser } from '@/lib/crypto'
import { journalEntries } from '@/db/schema'
import { saveTranscript } from '@/lib/sessions/transcript-store'
import { createTestDb } from '../tests/helpers/db'
import { insertBooking } from '../tests/helpers/fixtures'
import { writeResult } from './results'

/**
 * R10.1: the data export of a client with five years of data — 2 000 journal entries and 200 transcripts (60 turns
 * each) — on the embedded database. Reports the time to stream the JSON export to the end and the peak heap growth
 * while it streams: the export reads page by page, so memory must stay far below the export's size.
 */
const ENTRIES = 2_000
const TRANSCRIPTS = 200
const TURNS = 60

const handle = await createTestDb()
const db = handle.db
const [coach] = await db
  .insert(users)
  .values({ role: 'coach', name: 'Bench Coach', email: 'bench-coach@mialma.test' })
  .returning()
const [client] = await db
  .insert(users)
  .values({ role: 'client', name: 'Bench Klientin', email: 'bench-client@mialma.test', coachId: coach!.id })
  .returning()
const actor = toActor(client!)

const paragraph =
  'Heute war ein ruhiger Tag. Ich habe geschlafen, bin spazieren gegangen und habe nachgedacht. '
const rows = []
for (let i = 0; i < ENTRIES; i++) {
  rows.push({
    userId: client!.id,
    kind: 'journal' as const,
    titleEnc: await encryptForUser(db, client!.id, `Eintrag ${i}`),
    bodyEnc: await encryptForUser(db, client!.id, paragraph.repeat(8)),
    createdAt: new Date(Date.UTC(2021, 0, 1) + i * 86_400_000),
  })
  if (rows.length === 200) await db.insert(journalEntries).values(rows.splice(0))
}
for (let i = 0; i < TRANSCRIPTS; i++) {
  const booking = await insertBooking(db, {
    coachId: coach!.id,
    clientId: client!.id,
    startsAt: new Date(Date.UTC(2021, 0, 1) + i * 7 * 86_400_000),
  })
  await saveTranscript(db, {
    bookingId: booking.id,
    source: 'upload',
    language: 'de',
    segments: Array.from({ length: TURNS }, (_, t) => ({
      speaker: t % 2 ? 'Klientin' : 'Coach',
      start: t * 30,
      end: t * 30 + 25,
      text: paragraph.repeat(2),
    })),
  })
}

async function streamExport(): Promise<{ bytes: number; ms: number; peakHeapMb: number }> {
  globalThis.gc?.()
  const base = process.memoryUsage().heapUsed
  let peak = base
  const started = performance.now()
  // A fresh "now" per run keeps the export rate limit (5 per hour) out of the measurement.
  const { stream } = await openExport(db, actor, 'json', { now: new Date(Date.now() + Math.random() * 1e12) })
  let bytes = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    peak = Math.max(peak, process.memoryUsage().heapUsed)
  }
  return { bytes, ms: performance.now() - started, peakHeapMb: (peak - base) / 1024 / 1024 }
}

const first = await streamExport()
console.log(
  `export (R10.1): ${ENTRIES} journal entries + ${TRANSCRIPTS} transcripts → ${(first.bytes / 1024 / 1024).toFixed(1)} MB ` +
    `JSON in ${(first.ms / 1000).toFixed(1)} s; heap grew at most ${first.peakHeapMb.toFixed(0)} MB while streaming ` +
    `(${((first.peakHeapMb * 1024 * 1024) / first.bytes).toFixed(2)} × the export's size)`,
)

writeResult('export', {
  entries: ENTRIES,
  transcripts: TRANSCRIPTS,
  bytes: first.bytes,
  ms: first.ms,
  peakHeapMb: first.peakHeapMb,
})

describe('data export (R10.1)', () => {
  bench(
    'stream the JSON export of five years of data',
    async () => {
      await streamExport()
    },
    { iterations: 2, time: 0 },
  )
})
