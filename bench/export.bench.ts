import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { bench, describe } from 'vitest'
import { connectDatabase } from '@/db/connect'
import { openEmbeddedDatabase } from '@/db/embedded'
import { migrateDatabase } from '@/db/migrate'
import { pgliteHandle } from '@/db/pglite'
import { journalEntries, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { userCipher } from '@/lib/crypto'
import { BENCH_SERVER as SERVER, createThrowawayDatabase, maskedUrl, postgresReachable } from './postgres'
import { RESULTS_DIR, writeResult } from './results'

/**
 * R10.1, issue 18: the data export of a client with 2 000 and with 10 000 journal entries (title, body and tags
 * encrypted, every ciphertext distinct). Each export runs in a process of its own (bench/export-child.ts), so its
 * peak RSS is the export's — like the app, that process talks to a PostgreSQL server (TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432; a throwaway database, dropped afterwards). Without a server it uses the
 * embedded database in a directory, and then the RSS includes PGlite's own memory. The child runs two ways:
 * `bundled` — compiled beforehand with esbuild (the app's code in one file and chunks, packages from node_modules),
 * as a deployment runs compiled JavaScript — and `tsx`, compiling the TypeScript in the measured process (which
 * costs memory no deployment has). Sizes are interleaved over three passes; the median time is reported, and the
 * highest peak RSS. Targets (issue 18): 10 000 entries in ≤ 3 s with peak RSS ≤ 256 MB, and 5 × the entries in
 * ≤ 6 × the time — pages are read by keyset, so a page costs the same however far into the history it lies.
 */
const SIZES = [2_000, 10_000] as const
const PASSES = 3
const FORMATS = ['json', 'zip'] as const
const RUNNERS = ['bundled', 'tsx'] as const
type Runner = (typeof RUNNERS)[number]

let where: string
let handle: DbHandle
let cleanup: () => Promise<void>
if (await postgresReachable(SERVER)) {
  const database = await createThrowawayDatabase('bench_export')
  where = database.url
  handle = connectDatabase(where)
  cleanup = database.drop
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

type Run = {
  ms: number
  cpuMs: number
  bytes: number
  rssBeforeMb: number
  heapBeforeMb: number
  codeBeforeMb: number
  maxRssBeforeMb: number
  sampledPeakRssMb: number
  peakRssMb: number
}

// The child compiled beforehand, as `next build` compiles the app: the app's modules bundled (tsconfig paths, JSON
// messages), the export's lazy imports as chunks of their own, packages left to node_modules. esbuild is the one
// tsx and vitest already bring. Inside .data/ so the packages resolve from the project's node_modules.
const bundleDir = join(RESULTS_DIR, 'export-child')
rmSync(bundleDir, { recursive: true, force: true })
await build({
  entryPoints: { 'export-child': join('bench', 'export-child.ts') },
  outdir: bundleDir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  alias: {
    // Plain Node's ESM resolution wants the file name here (next has no exports map); Next's own build needs none.
    'next/headers': 'next/headers.js',
    // Empty, as in the tests — so the bundle needs no loader hooks (they run a thread of their own, ~13 MB).
    'server-only': './tests/helpers/server-only.ts',
  },
  logLevel: 'warning',
})

function runExport(runner: Runner, userId: string, format: string): Run {
  // tsx: the loader hooks map `server-only` to an empty module; the bundle has it built in.
  const child =
    runner === 'tsx'
      ? ['--import', './bench/plain-node-hooks.mjs', '--import', 'tsx', join('bench', 'export-child.ts')]
      : [join(bundleDir, 'export-child.mjs')]
  const out = execFileSync(process.execPath, ['--expose-gc', ...child, where, userId, format], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  // The last line is the figures (the export's "ready" e-mail logs a line before it).
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const loadBefore = loadavg()[0]!
const results: Record<Runner, Record<string, Record<number, Run>>> = { bundled: {}, tsx: {} }
for (const format of FORMATS) {
  const runs: Record<Runner, Record<number, Run[]>> = { bundled: {}, tsx: {} }
  for (let pass = 0; pass < PASSES; pass++)
    for (const size of SIZES)
      for (const runner of RUNNERS)
        (runs[runner][size] ??= []).push(runExport(runner, clients[size]!, format))
  for (const runner of RUNNERS)
    results[runner][format] = Object.fromEntries(
      SIZES.map((size) => {
        const r = runs[runner][size]!
        const med = (key: keyof Run) => median(r.map((x) => x[key]))
        const max = (key: keyof Run) => Math.max(...r.map((x) => x[key]))
        return [
          size,
          {
            ms: med('ms'),
            cpuMs: med('cpuMs'),
            bytes: r[0]!.bytes,
            rssBeforeMb: med('rssBeforeMb'),
            heapBeforeMb: med('heapBeforeMb'),
            codeBeforeMb: med('codeBeforeMb'),
            maxRssBeforeMb: max('maxRssBeforeMb'),
            sampledPeakRssMb: max('sampledPeakRssMb'),
            peakRssMb: max('peakRssMb'),
          },
        ]
      }),
    )
}
const loadAfter = loadavg()[0]!

for (const runner of RUNNERS)
  for (const format of FORMATS)
    for (const size of SIZES) {
      const r = results[runner][format]![size]!
      console.log(
        `export (R10.1) ${format}, ${runner}, ${size} journal entries, ${database}: ${(r.bytes / 1024 / 1024).toFixed(1)} MB ` +
          `in ${(r.ms / 1000).toFixed(2)} s, ${(r.cpuMs / 1000).toFixed(2)} s CPU (medians of ${PASSES}); ` +
          `peak RSS ${r.peakRssMb.toFixed(0)} MB (${r.sampledPeakRssMb.toFixed(0)} MB sampled during the export; ` +
          `${r.rssBeforeMb.toFixed(0)} MB before it, of which V8 heap ${r.heapBeforeMb.toFixed(0)} MB and code ` +
          `${r.codeBeforeMb.toFixed(0)} MB; ${r.maxRssBeforeMb.toFixed(0)} MB peak while loading)`,
      )
    }
console.log(`load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`)

writeResult('export', {
  database,
  sizes: SIZES,
  passes: PASSES,
  runners: RUNNERS,
  results,
  loadBefore,
  loadAfter,
})

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
