/**
 * Signed-in pages side by side (issue 18): server CPU per request and latency of
 *   - a minimal signed-in page of this app (`/dev/minimal`: the session and one indexed SELECT of 20 rows),
 *   - the floor (`/settings/profile`, the cheapest page of the app's shell),
 *   - `/journal` of a client with 20 entries and of one with 2,000 entries,
 *   - `/datenschutz` (public) as served from the build (prerendered, hash CSP) and as rendered per request (the
 *     proxy's fallback for a visitor with a session cookie but no language cookie — what every visit cost before
 *     issue 18); the build must have the server's public configuration (lib/config/public-config.ts),
 * in one run against `next start` on PostgreSQL, targets interleaved over PAGES_BENCH_PASSES passes (default 5)
 * of PAGES_BENCH_REQUESTS sequential requests each (default 40, one connection: latency ≈ server time), after a
 * warm-up. Signed in with a session cookie and the language cookie, as a browser after the sign-in form sends
 * them. Entries are written through the app's service (distinct ciphertexts, bench/seed-journal.ts). Server CPU
 * is the CPU time of `next start` and its child processes (/proc), divided by the requests served. The load
 * average is recorded at start and end: on a busy machine compare ratios, not absolute times.
 * `tsx bench/pages.ts`; figures in .data/bench/pages.json for bench/report.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { maskedUrl, postgresReachable } from './postgres'
import { newSessionId, signSessionId } from '@/lib/auth/session-token'
import { writeResult } from './results'

// eslint-disable-next-line no-restricted-properties
const parentEnv = process.env
const SERVER = parentEnv.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const PASSES = Number(parentEnv.PAGES_BENCH_PASSES ?? 5)
const REQUESTS = Number(parentEnv.PAGES_BENCH_REQUESTS ?? 40)
const FEW = { email: 'klientin@mialma.test', name: 'Lea Meier', entries: 20 }
const MANY = { email: 'klient@mialma.test', name: 'Marco Keller', entries: 2_000 }
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx')
const nextBin = join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next')
const TICK_MS = 10 // USER_HZ = 100 on Linux

export type PageFigures = {
  path: string
  label: string
  requests: number
  p50: number
  p95: number
  cpuMsPerRequest: number
  htmlBytes: number
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`)),
    )
  })
}

/** CPU time (ms) of a process and all its descendants, from /proc/<pid>/stat (utime + stime). */
function treeCpuMs(root: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      stats.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) })
    } catch {
      // Gone meanwhile.
    }
  }
  let ticks = 0
  for (const [pid, s] of stats) {
    let p: number | undefined = pid
    while (p !== undefined && p > 1 && p !== root) p = stats.get(p)?.ppid
    if (p === root) ticks += s.ticks
  }
  return ticks * TICK_MS
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN

async function waitForApp(base: string, app: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`next start exited with ${app.exitCode}:\n${log()}`)
    try {
      if ((await fetch(`${base}/datenschutz`)).ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`next start did not answer within 90 s:\n${log()}`)
}

function stop(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null || app.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => app.kill('SIGKILL'), 10_000)
    app.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    app.kill('SIGTERM')
  })
}

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
  if (!(await postgresReachable(SERVER))) {
    const reason = `no PostgreSQL at ${maskedUrl(SERVER)}`
    console.log(`pages bench: skipped — ${reason}`)
    writeResult('pages', { skipped: reason })
    return
  }
  if (!existsSync(join(process.cwd(), '.next', 'BUILD_ID'))) {
    console.log('pages bench: no build in .next — running next build first')
    await run(process.execPath, [nextBin, 'build'], { ...parentEnv, NEXT_TELEMETRY_DISABLED: '1' })
  }
  const loadAtStart = loadavg()[0]!
  const name = `mialma_pages_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const dbUrl = new URL(SERVER)
  dbUrl.pathname = `/${name}`
  const dataDir = mkdtempSync(join(tmpdir(), 'mialma-pages-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const secret = randomBytes(32).toString('base64url')
  const env: NodeJS.ProcessEnv = {
    ...parentEnv,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: dbUrl.toString(),
    MI_ALMA_LOCAL_AUTH: '1',
    LOCAL_AUTH_SECRET: secret,
    APP_URL: base,
    DATA_DIR: dataDir,
    PORT: String(port),
  }
  let app: ChildProcess | null = null
  try {
    await run(tsx, ['--conditions=react-server', 'db/migrate.ts'], env)
    await run(tsx, ['--conditions=react-server', 'db/seed.ts'], env)
    const db = new pg.Client({ connectionString: dbUrl.toString() })
    await db.connect()
    const cookies: Record<string, string> = {}
    for (const who of [FEW, MANY]) {
      const { rows } = await db.query<{ id: string; n: number }>(
        `SELECT u.id, (SELECT count(*)::int FROM journal_entries e WHERE e.user_id = u.id) AS n
           FROM users u WHERE u.email = $1`,
        [who.email],
      )
      const user = rows[0]!
      const missing = Math.max(0, who.entries - user.n)
      await run(tsx, ['--conditions=react-server', 'bench/seed-journal.ts', who.email, String(missing)], env)
      const sessionId = newSessionId()
      await db.query(
        `INSERT INTO local_sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
        [sessionId, user.id],
      )
      // Both cookies a browser carries after the sign-in form: the session and the language.
      cookies[who.email] =
        `mialma_session=${signSessionId(Buffer.from(secret, 'utf8'), sessionId)}; NEXT_LOCALE=de`
    }
    await db.end()

    let output = ''
    app = spawn(process.execPath, [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000)
    }
    app.stdout!.on('data', keep)
    app.stderr!.on('data', keep)
    await waitForApp(base, app, () => output)

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
        const before = treeCpuMs(app.pid!)
        for (let i = 0; i < REQUESTS; i++) latencies.get(t.key)!.push(await once(t))
        cpu.set(t.key, cpu.get(t.key)! + treeCpuMs(app.pid!) - before)
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
    if (app) await stop(app)
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`pages bench failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
