import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { bench, describe } from 'vitest'
import { connectDatabase } from '@/db/connect'
import { openEmbeddedDatabase } from '@/db/embedded'
import { migrateDatabase } from '@/db/migrate'
import { pgliteHandle } from '@/db/pglite'
import { journalEntries, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { userCipher } from '@/lib/crypto'
import { maskedUrl, postgresReachable } from './postgres'
import { writeResult } from './results'

/**
 * R10.1, issue 18: the data export of a client with 2 000 and with 10 000 journal entries (title, body and tags
 * encrypted, every ciphertext distinct). Each export runs in a process of its own (bench/export-child.ts), so its
 * peak RSS is the export's — like the app, that process talks to a PostgreSQL server (TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432; a throwaway database, dropped afterwards). Without a server it uses the
 * embedded database in a directory, and then the RSS includes PGlite's own memory. Sizes are interleaved over three
 * passes; the median time is reported, and the highest peak RSS. Targets (issue 18): 10 000 entries in ≤ 3 s with
 * peak RSS ≤ 256 MB, and 5 × the entries in ≤ 6 × the time — pages are read by keyset, so a page costs the same
 * however far into the history it lies.
 */
const SIZES = [2_000, 10_000] as const
const PASSES = 3
const FORMATS = ['json', 'zip'] as const
// Test tooling like tests/**: reads its own knobs (lib/env.ts is for the app).
// eslint-disable-next-line no-restricted-properties
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

let where: string
let handle: DbHandle
let cleanup: () => Promise<void>
if (await postgresReachable(SERVER)) {
  const name = `mialma_bench_export_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(SERVER)
  url.pathname = `/${name}`
  where = url.toString()
  handle = connectDatabase(where)
  cleanup = async () => {
    const dropper = new pg.Client({ connectionString: SERVER })
    await dropper.connect()
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await dropper.end()
  }
} else {
  where = mkdtempSync(join(tmpdir(), 'mialma-export-bench-'))
  handle = pgliteHandle(await openEmbeddedDatabase(where))
  const dir = where
  cleanup = async () => rmSync(dir, { recursive: true, force: true })
}
const database = where.startsWith('postgres') ? `PostgreSQL (${maskedUrl(SERVER)})` : 'embedded PGlite'

await migrateDatabase(handle)
const db = handle.db
const [coach] = await db
  .insert(users)
  .values({ role: 'coach', name: 'Bench Coach', email: 'bench-coach@mialma.test' })
  .returning()
const paragraph =
  'Heute war ein ruhiger Tag. Ich habe geschlafen, bin spazieren gegangen und habe nachgedacht über Šárka und Ayşe. '
const clients: Record<number, string> = {}
for (const size of SIZES) {
  const [client] = await db
    .insert(users)
    .values({ role: 'client', name: `Bench ${size}`, email: `bench-${size}@mialma.test`, coachId: coach!.id })
    .returning()
  clients[size] = client!.id
  const cipher = userCipher(db, client!.id)
  let rows: (typeof journalEntries.$inferInsert)[] = []
  for (let i = 0; i < size; i++) {
    rows.push({
      userId: client!.id,
      kind: 'journal',
      titleEnc: await cipher.encrypt(`Eintrag ${i}`),
      bodyEnc: await cipher.encrypt(`${i}: ${paragraph.repeat(8)}`),
      tagsEnc: await cipher.encrypt(JSON.stringify([`tag-${i % 17}`, 'alltag'])),
      mood: (i % 5) + 1,
      createdAt: new Date(Date.UTC(2021, 0, 1) + i * 3_600_000),
    })
    if (rows.length === 500) {
      await db.insert(journalEntries).values(rows)
      rows = []
    }
  }
  if (rows.length > 0) await db.insert(journalEntries).values(rows)
}
// The embedded database is one process's: the children open it after this one let go.
await handle.close()

type Run = { ms: number; cpuMs: number; bytes: number; rssBeforeMb: number; peakRssMb: number }
function runExport(userId: string, format: string): Run {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      './bench/plain-node-hooks.mjs',
      '--import',
      'tsx',
      join('bench', 'export-child.ts'),
      where,
      userId,
      format,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  )
  // The last line is the figures (the export's "ready" e-mail logs a line before it).
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const loadBefore = loadavg()[0]!
const results: Record<string, Record<number, Run>> = {}
for (const format of FORMATS) {
  const runs: Record<number, Run[]> = {}
  for (let pass = 0; pass < PASSES; pass++)
    for (const size of SIZES) (runs[size] ??= []).push(runExport(clients[size]!, format))
  results[format] = Object.fromEntries(
    SIZES.map((size) => {
      const r = runs[size]!
      return [
        size,
        {
          ms: median(r.map((x) => x.ms)),
          cpuMs: median(r.map((x) => x.cpuMs)),
          bytes: r[0]!.bytes,
          rssBeforeMb: median(r.map((x) => x.rssBeforeMb)),
          peakRssMb: Math.max(...r.map((x) => x.peakRssMb)),
        },
      ]
    }),
  )
}
const loadAfter = loadavg()[0]!

for (const format of FORMATS)
  for (const size of SIZES) {
    const r = results[format]![size]!
    console.log(
      `export (R10.1) ${format}, ${size} journal entries, ${database}: ${(r.bytes / 1024 / 1024).toFixed(1)} MB ` +
        `in ${(r.ms / 1000).toFixed(2)} s, ${(r.cpuMs / 1000).toFixed(2)} s CPU (medians of ${PASSES}); peak RSS ${r.peakRssMb.toFixed(0)} MB ` +
        `(${r.rssBeforeMb.toFixed(0)} MB before the export)`,
    )
  }
console.log(`load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`)

writeResult('export', { database, sizes: SIZES, passes: PASSES, results, loadBefore, loadAfter })

// An afterAll hook left the database behind in bench mode: it goes here, now that every export has run.
await cleanup()

describe('data export (R10.1)', () => {
  // The figures are the lines printed above and .data/bench/export.json (bench/report.ts puts them in the table);
  // each export ran in its own process, which vitest's timer cannot see.
  bench('figures printed above (exports ran in their own processes)', () => undefined, {
    iterations: 1,
    time: 0,
  })
})
