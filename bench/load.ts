/**
 * Load benchmark (issue 9): the journal page's latency under 50 concurrent signed-in users, against the built app
 * (`next start`) on a real PostgreSQL, next to a genuinely static response served by the same server in the same
 * run. `npm run bench` runs it after the vitest benches; alone: `tsx --conditions=react-server bench/load.ts`.
 *
 * Steps 1–3 through bench/app-server.ts.
 * 1. a throwaway database on TEST_DATABASE_URL's server (else postgres://postgres@127.0.0.1:5432), migrated and
 *    seeded with the demo accounts (db/migrate.ts, db/seed.ts); skipped with a message when no server answers;
 * 2. `next start` (building first if .next/BUILD_ID is missing) on a free port with DATABASE_URL,
 *    MI_ALMA_LOCAL_AUTH=1, a random LOCAL_AUTH_SECRET and DATA_DIR in a temp dir;
 *    the demo client's journal entries are copied (same ciphertext, her key) up to LOAD_BENCH_ENTRIES (500);
 * 3. a session row for the demo client (klientin@mialma.test) written straight into local_sessions and its cookie
 *    signed as lib/auth/session-token.ts does — the sign-in form itself is not what is measured;
 * 4. autocannon, 50 connections, LOAD_BENCH_SECONDS (default 15) each, after a short warm-up: `/journal` with the
 *    cookie, `/datenschutz` (public: served prerendered since issue 18 when the build has this server's public
 *    configuration, lib/config/public-config.ts; else rendered per request) and the app's stylesheet under /_next/static (a file from disk — the static baseline);
 * 5. p50/p95/p99 from every response's latency (autocannon's own histogram has no p95), req/s, the ratios; then
 *    stops the app, drops the database and writes .data/bench/load.json for bench/report.ts.
 */
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import { benchCanRun, prepareApp, repeatDemoEntries } from './app-server'
import { writeResult } from './results'

// Bench tooling like tests/**: reads its own knobs (lib/env.ts is for the app).
// eslint-disable-next-line no-restricted-properties
const parentEnv = process.env
const SECONDS = Number(parentEnv.LOAD_BENCH_SECONDS ?? 15)
// A client who has journaled for a while: the demo entries (encrypted with her key) copied up to this many.
const ENTRIES = Number(parentEnv.LOAD_BENCH_ENTRIES ?? 500)
const CONNECTIONS = 50
const CLIENT_EMAIL = 'klientin@mialma.test'
const CLIENT_NAME = 'Lea Meier'

type Figures = {
  path: string
  connections: number
  seconds: number
  requests: number
  reqPerSec: number
  p50: number
  p95: number
  p99: number
  max: number
  non2xx: number
  errors: number
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}

/** One autocannon run; latencies of every response (ms), not autocannon's percentile buckets. */
function load(url: string, headers: Record<string, string>, seconds: number, connections = CONNECTIONS) {
  return new Promise<Figures>((resolve, reject) => {
    const latencies: number[] = []
    const instance = autocannon(
      { url, connections, duration: seconds, headers, timeout: 30 },
      (error, result) => {
        if (error) return reject(error)
        latencies.sort((a, b) => a - b)
        resolve({
          path: new URL(url).pathname,
          connections,
          seconds,
          requests: latencies.length,
          reqPerSec: latencies.length / result.duration,
          p50: quantile(latencies, 0.5),
          p95: quantile(latencies, 0.95),
          p99: quantile(latencies, 0.99),
          max: latencies.at(-1) ?? NaN,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        })
      },
    )
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
      latencies.push(ms),
    )
  })
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`
const line = (f: Figures) =>
  `${f.path}: p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, p99 ${ms(f.p99)}, ${f.reqPerSec.toFixed(0)} req/s ` +
  `(${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors)`

async function main(): Promise<void> {
  if (!(await benchCanRun('load bench', { resultKey: 'load', build: 'if-missing' }))) return
  const app = await prepareApp({ prefix: 'load' })
  const { base } = app
  try {
    const cookie = await app.signIn(CLIENT_EMAIL)
    const entries = await repeatDemoEntries(app.dbUrl, CLIENT_EMAIL, ENTRIES, 'day')
    await app.start()

    // The cookie really signs in: the page greets the demo client; without it, no journal.
    const page = await fetch(`${base}/journal`, { headers: { cookie }, redirect: 'manual' })
    const html = await page.text()
    if (page.status !== 200 || !html.includes(CLIENT_NAME))
      throw new Error(`/journal with the session cookie: ${page.status}, not the client's journal`)
    const anonymous = await fetch(`${base}/journal`, { redirect: 'manual' })
    if (anonymous.status === 200 && (await anonymous.text()).includes(CLIENT_NAME))
      throw new Error(
        '/journal without a cookie shows the journal: the load test would not measure a session',
      )
    const stylesheet = html.match(/href="(\/_next\/static\/[^"]+\.css)"/)?.[1]
    if (!stylesheet) throw new Error('no stylesheet link under /_next/static in the journal page')
    const publicPage = await fetch(`${base}/datenschutz`)
    if (!publicPage.ok) throw new Error(`/datenschutz: ${publicPage.status}`)

    const started = performance.now()
    const targets = [
      { key: 'journal', url: `${base}/journal`, headers: { cookie } },
      { key: 'publicPage', url: `${base}/datenschutz`, headers: {} },
      { key: 'static', url: `${base}${stylesheet}`, headers: {} },
    ] as const
    const figures: Record<string, Figures> = {}
    for (const target of targets) {
      await load(target.url, target.headers, 3, 10) // warm-up: compiled routes, pool connections, JIT
      figures[target.key] = await load(target.url, target.headers, SECONDS)
    }
    const journal = figures.journal!
    const publicFigures = figures.publicPage!
    const staticFigures = figures.static!
    const ratio = journal.p95 / staticFigures.p95
    console.log(
      `load bench (next start, PostgreSQL, ${CONNECTIONS} connections, ${SECONDS} s each, ` +
        `${entries} journal entries seeded):\n` +
        `  ${line(journal)}\n  ${line(publicFigures)}\n  ${line(staticFigures)} [static file]\n` +
        `  journal p95 / static p95 = ${ratio.toFixed(1)}; journal p95 / /datenschutz p95 = ` +
        `${(journal.p95 / publicFigures.p95).toFixed(1)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    )
    if (journal.non2xx || journal.errors)
      console.log('  note: /journal answered with errors or non-2xx under load; see the counts above')
    writeResult('load', {
      connections: CONNECTIONS,
      seconds: SECONDS,
      journalEntries: entries,
      journal,
      publicPage: publicFigures,
      static: staticFigures,
      ratio,
    })
  } finally {
    await app.close()
  }
}

main().catch((error: unknown) => {
  console.error(`load bench failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
