/**
 * Signed-in pages side by side (issue 18): server CPU per request and latency of
 *   - a minimal signed-in page of this app (`/dev/minimal`: the session and one indexed SELECT of 20 rows),
 *   - the floor (`/settings/profile`, the cheapest page of the app's shell),
 *   - `/journal` of a client with 20 entries and of one with 2,000 entries,
 *   - `/datenschutz` (public) as served from the build (prerendered, hash CSP) and as rendered per request (the
 *     proxy's fallback for a visitor with a session cookie but no language cookie — what every visit cost before
 *     issue 18); the build must have the server's public configuration (lib/config/public-config.ts),
 *   - `/sign-in?next=…` the same two ways (an invalid session cookie makes the proxy let it render),
 * in one run against `next start` on PostgreSQL, targets interleaved over PAGES_BENCH_PASSES passes (default 5)
 * of PAGES_BENCH_REQUESTS sequential requests each (default 40, one connection: latency ≈ server time), after a
 * warm-up. Signed in with a session cookie and the language cookie, as a browser after the sign-in form sends
 * them. Entries are written through the app's service (distinct ciphertexts, bench/seed-journal.ts). Server CPU
 * is the CPU time of `next start` and its child processes (/proc), divided by the requests served. The load
 * average is recorded at start and end: on a busy machine compare ratios, not absolute times.
 * `tsx bench/pages.ts`; figures in .data/bench/pages.json for bench/report.ts.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { benchCanRun, prepareApp, treeCpuMs } from './app-server'
import { writeResult } from './results'

// Bench tooling like tests/**: reads its own knobs (lib/env.ts is for the app).
// eslint-disable-next-line no-restricted-properties
const parentEnv = process.env
const PASSES = Number(parentEnv.PAGES_BENCH_PASSES ?? 5)
const REQUESTS = Number(parentEnv.PAGES_BENCH_REQUESTS ?? 40)
const FEW = { email: 'klientin@mialma.test', name: 'Lea Meier', entries: 20 }
const MANY = { email: 'klient@mialma.test', name: 'Marco Keller', entries: 2_000 }

export type PageFigures = {
  path: string
  label: string
  requests: number
  p50: number
  p95: number
  cpuMsPerRequest: number
  htmlBytes: number
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN

/** `csp`: how the page must have been served — from the build (hashes) or rendered per request (nonce). */
type Target = {
  key: string
  label: string
  url: string
  cookie: string
  expect: string
  csp?: 'hash' | 'nonce'
}

async function main(): Promise<void> {
  if (!(await benchCanRun('pages bench', { resultKey: 'pages', build: 'if-missing' }))) return
  const loadAtStart = loadavg()[0]!
  const app = await prepareApp({ prefix: 'pages' })
  const { base } = app
  try {
    const db = new pg.Client({ connectionString: app.dbUrl })
    await db.connect()
    const cookies: Record<string, string> = {}
    for (const who of [FEW, MANY]) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT (SELECT count(*)::int FROM journal_entries e WHERE e.user_id = u.id) AS n
           FROM users u WHERE u.email = $1`,
        [who.email],
      )
      const missing = Math.max(0, who.entries - rows[0]!.n)
      await app.tsx('bench/seed-journal.ts', who.email, String(missing))
      // Both cookies a browser carries after the sign-in form: the session and the language.
      cookies[who.email] = `${await app.signIn(who.email)}; NEXT_LOCALE=de`
    }
    await db.end()

    const pid = await app.start('/datenschutz')

    const targets: Target[] = [
      {
        key: 'minimal',
        label: 'minimal signed-in page (/dev/minimal)',
        url: '/dev/minimal',
        cookie: cookies[FEW.email]!,
        expect: '<h1>',
      },
      {
        key: 'floor',
        label: 'floor (/settings/profile)',
        url: '/settings/profile',
        cookie: cookies[FEW.email]!,
        expect: FEW.name,
      },
      {
        key: 'journal20',
        label: `/journal, ${FEW.entries} entries`,
        url: '/journal',
        cookie: cookies[FEW.email]!,
        expect: FEW.name,
      },
      {
        key: 'journal2000',
        label: `/journal, ${MANY.entries.toLocaleString('en')} entries`,
        url: '/journal',
        cookie: cookies[MANY.email]!,
        expect: MANY.name,
      },
      {
        key: 'public',
        label: '/datenschutz (public, prerendered)',
        url: '/datenschutz',
        cookie: 'NEXT_LOCALE=de',
        expect: '<table',
        csp: 'hash',
      },
      {
        key: 'publicRendered',
        label: '/datenschutz (public, rendered per request)',
        url: '/datenschutz',
        // A session cookie (not a valid one) and no language cookie: the proxy lets the page render.
        cookie: 'mialma_session=none',
        expect: '<table',
        csp: 'nonce',
      },
      {
        key: 'signIn',
        label: '/sign-in?next=… (public, prerendered)',
        url: '/sign-in?next=%2Fjournal',
        cookie: 'NEXT_LOCALE=de',
        expect: 'type="password"',
        csp: 'hash',
      },
      {
        key: 'signInRendered',
        label: '/sign-in?next=… (rendered per request)',
        url: '/sign-in?next=%2Fjournal',
        // A session cookie that is not valid: the proxy lets the page render (and it says the session expired).
        cookie: 'mialma_session=none; NEXT_LOCALE=de',
        expect: 'type="password"',
        csp: 'nonce',
      },
    ]
    const latencies = new Map<string, number[]>(targets.map((t) => [t.key, []]))
    const cpu = new Map<string, number>(targets.map((t) => [t.key, 0]))
    const bytes = new Map<string, number>()
    const once = async (t: Target) => {
      const started = performance.now()
      const response = await fetch(`${base}${t.url}`, { headers: { cookie: t.cookie }, redirect: 'manual' })
      const html = await response.text()
      const took = performance.now() - started
      if (response.status !== 200 || !html.includes(t.expect))
        throw new Error(`${t.url} (${t.key}): ${response.status}, not the expected page`)
      const nonce = /'nonce-/.test(response.headers.get('content-security-policy') ?? '')
      if (t.csp && nonce !== (t.csp === 'nonce'))
        throw new Error(
          `${t.url} (${t.key}): not served ${t.csp === 'hash' ? 'from the build' : 'per request'}`,
        )
      bytes.set(t.key, Buffer.byteLength(html))
      return took
    }
    for (const t of targets) for (let i = 0; i < 20; i++) await once(t) // warm-up
    const started = performance.now()
    for (let pass = 0; pass < PASSES; pass++) {
      // Rotate the order each pass, so no target always follows the same neighbour.
      const order = targets.map((_, i) => targets[(i + pass) % targets.length]!)
      for (const t of order) {
        const before = treeCpuMs(pid)
        for (let i = 0; i < REQUESTS; i++) latencies.get(t.key)!.push(await once(t))
        cpu.set(t.key, cpu.get(t.key)! + treeCpuMs(pid) - before)
      }
    }
    const loadAtEnd = loadavg()[0]!
    const figures: Record<string, PageFigures> = {}
    for (const t of targets) {
      const sorted = latencies.get(t.key)!.sort((a, b) => a - b)
      figures[t.key] = {
        path: t.url,
        label: t.label,
        requests: sorted.length,
        p50: quantile(sorted, 0.5),
        p95: quantile(sorted, 0.95),
        cpuMsPerRequest: cpu.get(t.key)! / sorted.length,
        htmlBytes: bytes.get(t.key)!,
      }
    }
    const f = figures
    const ratios = {
      floorVsMinimalCpu: f.floor!.cpuMsPerRequest / f.minimal!.cpuMsPerRequest,
      journalVsFloorCpu: f.journal20!.cpuMsPerRequest / f.floor!.cpuMsPerRequest,
      journal2000VsJournal20P50: f.journal2000!.p50 / f.journal20!.p50,
    }
    const fmt = (n: number) => n.toFixed(n < 10 ? 1 : 0)
    console.log(
      `pages bench (next start, PostgreSQL, ${PASSES} interleaved passes × ${REQUESTS} sequential requests per target; ` +
        `load average ${loadAtStart.toFixed(1)} → ${loadAtEnd.toFixed(1)}; ${((performance.now() - started) / 1000).toFixed(0)} s):\n` +
        targets
          .map((t) => {
            const x = f[t.key]!
            return `  ${x.label}: server CPU ${fmt(x.cpuMsPerRequest)} ms/request, p50 ${fmt(x.p50)} ms, p95 ${fmt(x.p95)} ms, ${Math.round(x.htmlBytes / 1024)} KB HTML`
          })
          .join('\n') +
        `\n  floor / minimal (CPU) = ${ratios.floorVsMinimalCpu.toFixed(2)} × (target ≤ 2); ` +
        `journal / floor (CPU) = ${ratios.journalVsFloorCpu.toFixed(2)} × (target ≤ 1.5); ` +
        `journal p50 2,000 / 20 entries = ${ratios.journal2000VsJournal20P50.toFixed(2)} × (target ≤ 1.2)`,
    )
    writeResult('pages', { passes: PASSES, requests: REQUESTS, loadAtStart, loadAtEnd, figures, ratios })
  } finally {
    await app.close()
  }
}

main().catch((error: unknown) => {
  console.error(`pages bench failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
