/**
 * The one table of `npm run bench` (issue 9): reads the figures every benchmark left in .data/bench/*.json and
 * prints them as Markdown — what, figure, target, ratio — and writes the same table to .data/bench/report.md.
 * A benchmark that did not run this time shows as "not run"; a figure older than an hour says when it is from.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RealFigures } from './pseudonymize-text'
import { RESULTS_DIR } from './results'

type Json = Record<string, unknown> & { at: string; skipped?: string }
type Latency = { p50: number; p95: number; p99: number; reqPerSec: number; requests: number; path: string }

function read<T>(name: string): (T & Json) | null {
  const file = join(RESULTS_DIR, `${name}.json`)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T & Json) : null
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`
const x = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ×`
const rate = (n: number) => `${Math.round(n).toLocaleString('en')}`
const stale = (r: Json) =>
  Date.now() - Date.parse(r.at) > 3_600_000 ? ` _(from ${r.at.slice(0, 16).replace('T', ' ')} UTC)_` : ''

type Row = [what: string, figure: string, target: string, ratio: string]
const rows: Row[] = []
const missing = (what: string, result: Json | null): boolean => {
  if (result && !result.skipped) return false
  rows.push([what, result?.skipped ? `skipped: ${result.skipped}` : 'not run', '', ''])
  return true
}

const load = read<{
  journal: Latency
  publicPage: Latency
  static: Latency
  connections: number
  seconds: number
}>('load')
if (!missing('journal page under 50 concurrent users (`load.ts`)', load)) {
  const { journal, publicPage, static: file, connections, seconds } = load!
  const fig = (l: Latency) =>
    `p95 ${ms(l.p95)} (p50 ${ms(l.p50)}, p99 ${ms(l.p99)}); ${rate(l.reqPerSec)} req/s` + stale(load!)
  rows.push(
    [
      `\`/journal\`, signed in, ${connections} connections, ${seconds} s (\`load.ts\`)`,
      fig(journal),
      '—',
      `journal p95 / static p95 = ${x(journal.p95 / file.p95)}`,
    ],
    [
      '`/datenschutz`, public page (prerendered when the build matches the server), same run',
      fig(publicPage),
      '—',
      `/datenschutz p95 / static p95 = ${x(publicPage.p95 / file.p95)}`,
    ],
    [`static file \`${file.path}\` (stylesheet), same run`, fig(file), '—', 'baseline'],
  )
}

type PageFigures = { label: string; p50: number; p95: number; cpuMsPerRequest: number; htmlBytes: number }
const pages = read<{
  figures: Record<'minimal' | 'floor' | 'journal20' | 'journal2000' | 'public', PageFigures> & {
    publicRendered?: PageFigures
    signIn?: PageFigures
    signInRendered?: PageFigures
  }
  ratios: { floorVsMinimalCpu: number; journalVsFloorCpu: number; journal2000VsJournal20P50: number }
  passes: number
  requests: number
  loadAtStart: number
  loadAtEnd: number
}>('pages')
if (!missing('signed-in pages side by side (`pages.ts`)', pages)) {
  const { figures: f, ratios: r } = pages!
  const fig = (p: PageFigures) =>
    `server CPU ${ms(p.cpuMsPerRequest)}/request; p50 ${ms(p.p50)}, p95 ${ms(p.p95)}; ${Math.round(p.htmlBytes / 1024)} KB` +
    stale(pages!)
  const run = `${pages!.passes} interleaved passes × ${pages!.requests}, load ${pages!.loadAtStart.toFixed(1)} → ${pages!.loadAtEnd.toFixed(1)}`
  rows.push(
    [`${f.minimal.label} (\`pages.ts\`, ${run})`, fig(f.minimal), '—', 'baseline'],
    [f.floor.label, fig(f.floor), 'CPU ≤ 2 × minimal', `floor / minimal (CPU) = ${x(r.floorVsMinimalCpu)}`],
    [
      f.journal20.label,
      fig(f.journal20),
      'CPU ≤ 1.5 × floor',
      `journal / floor (CPU) = ${x(r.journalVsFloorCpu)}`,
    ],
    [
      f.journal2000.label,
      fig(f.journal2000),
      'p50 ≤ 1.2 × 20 entries',
      `2,000 / 20 entries (p50) = ${x(r.journal2000VsJournal20P50)}`,
    ],
    [
      f.public.label,
      fig(f.public),
      '—',
      `/datenschutz / minimal (CPU) = ${x(f.public.cpuMsPerRequest / f.minimal.cpuMsPerRequest)}`,
    ],
  )
  if (f.publicRendered)
    rows.push([
      f.publicRendered.label,
      fig(f.publicRendered),
      '—',
      `prerendered / rendered (CPU) = ${x(f.public.cpuMsPerRequest / f.publicRendered.cpuMsPerRequest)}`,
    ])
  if (f.signIn && f.signInRendered)
    rows.push(
      [
        f.signIn.label,
        fig(f.signIn),
        '—',
        `sign-in / minimal (CPU) = ${x(f.signIn.cpuMsPerRequest / f.minimal.cpuMsPerRequest)}`,
      ],
      [
        f.signInRendered.label,
        fig(f.signInRendered),
        '—',
        `prerendered / rendered (CPU) = ${x(f.signIn.cpuMsPerRequest / f.signInRendered.cpuMsPerRequest)}`,
      ],
    )
}

const summary = read<{ runs: number; medianSeconds: number; maxSeconds: number; turns: number }>('summary')
if (!missing('transcript stored → draft ready (`summary.bench.ts`)', summary)) {
  rows.push([
    `transcript stored → draft ready, Mistral fake, ${summary!.turns} turns (\`summary.bench.ts\`)`,
    `median ${summary!.medianSeconds.toFixed(2)} s, max ${summary!.maxSeconds.toFixed(2)} s over ${summary!.runs} runs` +
      stale(summary!),
    '≤ 60 s',
    `max / target = ${x(summary!.maxSeconds / 60)}`,
  ])
}

const slots = read<{
  withBookings: { p50: number; p95: number }
  noBookings: { p50: number }
  slots: number
}>('slots')
if (!missing('free slots (`slots.bench.ts`)', slots)) {
  rows.push([
    'free slots, 90-day horizon, 500 bookings (`slots.bench.ts`)',
    `p50 ${ms(slots!.withBookings.p50)}, p95 ${ms(slots!.withBookings.p95)}` + stale(slots!),
    '—',
    `500 bookings / none (p50) = ${x(slots!.withBookings.p50 / slots!.noBookings.p50)}`,
  ])
}

const pseudo = read<{
  p50Ms: number
  p95Ms: number
  mbPerSec20k: number
  mbPerSec20kMean?: number
  mbPerSec1m: number
  moduleRunner?: { p50Ms: number; mbPerSec20k: number }
  real?: RealFigures
}>('pseudonymize')
if (!missing('pseudonymiser (`pseudonymize.bench.ts`)', pseudo)) {
  rows.push(
    [
      'pseudonymiser, 20 KB text, latency (`pseudonymize.bench.ts`)',
      `p50 ${ms(pseudo!.p50Ms)}, p95 ${ms(pseudo!.p95Ms)}` + stale(pseudo!),
      'p95 < 50 ms',
      `p95 / target = ${x(pseudo!.p95Ms / 50)}`,
    ],
    [
      'pseudonymiser, throughput on one core',
      `${pseudo!.mbPerSec20k.toFixed(1)} MB/s (20 KB texts at p50` +
        (pseudo!.mbPerSec20kMean === undefined ? '' : `; ${pseudo!.mbPerSec20kMean.toFixed(1)} at the mean`) +
        `), ${pseudo!.mbPerSec1m.toFixed(1)} MB/s (one 1 MB text)` +
        (pseudo!.moduleRunner === undefined
          ? ''
          : `; under vitest's module runner ${pseudo!.moduleRunner.mbPerSec20k.toFixed(1)} MB/s at p50`),
      '≥ 5 MB/s (median)',
      `MB/s at p50 / target = ${x(pseudo!.mbPerSec20k / 5)}`,
    ],
  )
  const real = pseudo!.real
  if (real)
    rows.push(
      [
        `pseudonymiser, real texts: ${real.documents} documents of 20 KB joined from the labelled sets, each run once`,
        `p50 ${ms(real.p50Ms)}, p95 ${ms(real.p95Ms)}, max ${ms(real.maxMs)}` + stale(pseudo!),
        'p95 < 50 ms',
        `p95 / target = ${x(real.p95Ms / 50)}`,
      ],
      [
        'pseudonymiser, real texts, throughput on one core',
        `${real.mbPerSec.toFixed(2)} MB/s (20 KB documents); ${real.textsMbPerSec.toFixed(2)} MB/s over ` +
          `${real.texts} texts alone (p95 ${ms(real.textP95Ms)} per text)`,
        '≥ 5 MB/s',
        `MB/s / target = ${x(real.mbPerSec / 5)}`,
      ],
    )
}

const retention = read<{
  rows: number
  job: { rows: number; seconds: number; runs: number[] }
  raw: { rows: number; seconds: number }
  fits: boolean
}>('retention')
if (!missing('retention job vs raw DELETE (`retention.bench.ts`)', retention)) {
  const { job, raw, fits } = retention!
  const jobRate = job.rows / job.seconds
  const rawRate = raw.rows / raw.seconds
  rows.push([
    `retention job vs raw DELETE/UPDATE, ${rate(retention!.rows)} expired rows, PostgreSQL (\`retention.bench.ts\`)`,
    `job ${rate(job.rows)} rows in ${job.seconds.toFixed(1)} s = ${rate(jobRate)} rows/s (${job.runs.length} run); ` +
      `raw ${rate(raw.rows)} rows in ${raw.seconds.toFixed(1)} s = ${rate(rawRate)} rows/s` +
      stale(retention!),
    `one run fits 300 s: ${fits ? 'yes' : 'no'}`,
    `job rows/s / raw rows/s = ${x(jobRate / rawRate)}`,
  ])
}

type ExportRun = { ms: number; cpuMs?: number; bytes: number; rssBeforeMb: number; peakRssMb: number }
type ExportByFormat = Record<'json' | 'zip', Record<string, ExportRun>>
const exp = read<{
  database: string
  sizes: number[]
  passes: number
  // Since issue 18's second round: per runner (`bundled`, `tsx`); before, one set run with tsx.
  runners?: string[]
  results: Record<string, ExportByFormat> | ExportByFormat
  loadBefore: number
  loadAfter: number
}>('export')
if (!missing('data export (`export.bench.ts`)', exp)) {
  const [small, large] = exp!.sizes as [number, number]
  const byRunner: [string, ExportByFormat][] = exp!.runners
    ? exp!.runners.map((r) => [r, (exp!.results as Record<string, ExportByFormat>)[r]!])
    : [['tsx', exp!.results as ExportByFormat]]
  for (const [runner, results] of byRunner)
    for (const format of ['json', 'zip'] as const) {
      const a = results[format][small]!
      const b = results[format][large]!
      const run = (n: number, r: ExportRun) =>
        `${n.toLocaleString('en')}: ${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${(r.ms / 1000).toFixed(2)} s` +
        (r.cpuMs === undefined ? ', ' : ` (${(r.cpuMs / 1000).toFixed(2)} s CPU), `) +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB (${r.rssBeforeMb.toFixed(0)} before)`
      rows.push([
        `data export ${format.toUpperCase()} (${runner}), journal entries, ${exp!.database}, median of ${exp!.passes} (\`export.bench.ts\`)`,
        `${run(small, a)}; ${run(large, b)}; load ${exp!.loadBefore.toFixed(1)}→${exp!.loadAfter.toFixed(1)}` +
          stale(exp!),
        `${large.toLocaleString('en')} in ≤ 3 s, RSS ≤ 256 MB, ${large / small}× entries ≤ 6× time`,
        `time ${large.toLocaleString('en')} / ${small.toLocaleString('en')} = ${x(b.ms / a.ms)}`,
      ])
    }
}

const header: Row = ['what', 'figure', 'target', 'ratio']
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)))
const format = (r: Row) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
const table = [
  format(header),
  `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
  ...rows.map(format),
].join('\n')
mkdirSync(RESULTS_DIR, { recursive: true })
writeFileSync(join(RESULTS_DIR, 'report.md'), `${table}\n`)
console.log(`\nBenchmarks (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC):\n\n${table}\n`)
