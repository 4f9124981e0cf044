/**
 * The built app (`next start`) on a throwaway PostgreSQL database, for the benchmarks that measure it over HTTP
 * (bench/load.ts, bench/pages.ts, bench/export-server.ts): one copy of the scaffolding, so they all start,
 * sign in and clean up the same way.
 *
 * `prepareApp` creates the database on BENCH_SERVER, migrates and seeds it with the demo accounts (db/migrate.ts,
 * db/seed.ts) under the app's environment (NODE_ENV=production, DATABASE_URL, MI_ALMA_LOCAL_AUTH=1, a random
 * LOCAL_AUTH_SECRET, APP_URL, DATA_DIR in a temp dir, PORT free); the caller adds its own rows and session cookies
 * (`signIn`: a local_sessions row, its cookie signed as lib/auth/session-token.ts does — the sign-in form is not
 * what is measured), then `start()`s `next start`, and `close()`s in a finally (app stopped, database dropped,
 * temp dir removed).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { newSessionId, signSessionId } from '@/lib/auth/session-token'
import { BENCH_SERVER, createThrowawayDatabase, maskedUrl, postgresReachable } from './postgres'
import { writeResult } from './results'

// Bench tooling like tests/**: passes its environment on to the app (lib/env.ts is for the app).
// eslint-disable-next-line no-restricted-properties
const parentEnv = process.env
const tsxBin = join(process.cwd(), 'node_modules', '.bin', 'tsx')
const nextBin = join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next')
const TICK_MS = 10 // USER_HZ = 100 on Linux

/** Spawns and waits; output goes to this process's. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`)),
    )
  })
}

/**
 * Whether the bench can run: false (after a message, and a skipped result under `resultKey` when given) when no
 * PostgreSQL answers. A missing build is built when `build` is 'if-missing', else an error.
 */
export async function benchCanRun(
  label: string,
  { resultKey, build }: { resultKey?: string; build: 'if-missing' | 'required' },
): Promise<boolean> {
  if (!(await postgresReachable(BENCH_SERVER))) {
    const reason = `no PostgreSQL at ${maskedUrl(BENCH_SERVER)}`
    console.log(`${label}: skipped — ${reason}`)
    if (resultKey) writeResult(resultKey, { skipped: reason })
    return false
  }
  if (!existsSync(join(process.cwd(), '.next', 'BUILD_ID'))) {
    if (build === 'required') throw new Error('no build in .next: npx next build')
    console.log(`${label}: no build in .next — running next build first`)
    await run(process.execPath, [nextBin, 'build'], { ...parentEnv, NEXT_TELEMETRY_DISABLED: '1' })
  }
  return true
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

async function waitForApp(url: string, app: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`next start exited with ${app.exitCode}:\n${log()}`)
    try {
      if ((await fetch(url)).ok) return
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

export type BenchApp = {
  /** `http://127.0.0.1:<port>` */
  base: string
  dbUrl: string
  /** The app's environment, for scripts run against its database and DATA_DIR. */
  env: NodeJS.ProcessEnv
  /** `tsx --conditions=react-server <script> …args` under the app's environment. */
  tsx: (script: string, ...args: string[]) => Promise<void>
  /** A session for the seeded account: the `mialma_session=…` cookie pair. */
  signIn: (email: string) => Promise<string>
  /** `next start`, ready once `readyPath` answers 2xx; resolves to its pid. */
  start: (readyPath?: string) => Promise<number>
  /** Stops the app, drops the database, removes DATA_DIR. */
  close: () => Promise<void>
}

/** A migrated and seeded throwaway database `mialma_<prefix>_<random>` and the environment to serve it. */
export async function prepareApp({ prefix }: { prefix: string }): Promise<BenchApp> {
  const database = await createThrowawayDatabase(prefix)
  const dataDir = mkdtempSync(join(tmpdir(), `mialma-${prefix.replaceAll('_', '-')}-`))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const secret = randomBytes(32).toString('base64url')
  const env: NodeJS.ProcessEnv = {
    ...parentEnv,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: database.url,
    MI_ALMA_LOCAL_AUTH: '1',
    LOCAL_AUTH_SECRET: secret,
    APP_URL: base,
    DATA_DIR: dataDir,
    PORT: String(port),
  }
  let app: ChildProcess | null = null
  // Ctrl-C stops the app, so the waiting script fails and its finally drops the database.
  const onSignal = () => app?.kill('SIGTERM')
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const close = async () => {
    if (app) await stop(app)
    await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  const tsx = (script: string, ...args: string[]) =>
    run(tsxBin, ['--conditions=react-server', script, ...args], env)

  try {
    // The demo data is encrypted with DATA_DIR/secrets/master.key, which the app then reads from the same dir.
    await tsx('db/migrate.ts')
    await tsx('db/seed.ts')
  } catch (error) {
    await close()
    throw error
  }

  return {
    base,
    dbUrl: database.url,
    env,
    tsx,
    close,
    signIn: async (email) => {
      const db = new pg.Client({ connectionString: database.url })
      await db.connect()
      try {
        const sessionId = newSessionId()
        const { rowCount } = await db.query(
          `INSERT INTO local_sessions (id, user_id, expires_at)
           SELECT $1, id, now() + interval '1 day' FROM users WHERE email = $2`,
          [sessionId, email],
        )
        if (rowCount !== 1) throw new Error(`no seeded account ${email}`)
        return `mialma_session=${signSessionId(Buffer.from(secret, 'utf8'), sessionId)}`
      } finally {
        await db.end()
      }
    },
    start: async (readyPath = '/sign-in') => {
      let output = ''
      const child = spawn(
        process.execPath,
        [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
        { env, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      app = child
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000)
      }
      child.stdout!.on('data', keep)
      child.stderr!.on('data', keep)
      await waitForApp(`${base}${readyPath}`, child, () => output)
      return child.pid!
    },
  }
}

/**
 * The demo client's journal entries repeated (her key, same ciphertexts) until she has `upTo`, one every `step`
 * back from now; returns how many she has.
 */
export async function repeatDemoEntries(
  dbUrl: string,
  email: string,
  upTo: number,
  step: 'day' | 'hour',
): Promise<number> {
  const db = new pg.Client({ connectionString: dbUrl })
  await db.connect()
  try {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])
    const userId = rows[0]!.id
    await db.query(
      `INSERT INTO journal_entries (user_id, kind, title_enc, body_enc, mood, tags_enc, tag_index, shared_at,
         created_at, updated_at)
       SELECT e.user_id, e.kind, e.title_enc, e.body_enc, e.mood, e.tags_enc, e.tag_index, e.shared_at, t, t
         FROM (SELECT *, row_number() OVER (ORDER BY created_at) AS i, count(*) OVER () AS n
                 FROM journal_entries WHERE user_id = $1) e
         JOIN (SELECT g, now() - g * $3::interval AS t FROM generate_series(1, $2::int) g) s
           ON (s.g - 1) % e.n = e.i - 1
        WHERE s.g > e.n`,
      [userId, upTo, `1 ${step}`],
    )
    const count = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM journal_entries WHERE user_id = $1',
      [userId],
    )
    return count.rows[0]!.n
  } finally {
    await db.end()
  }
}

/** pid → parent pid and CPU ticks (utime + stime), from /proc/<pid>/stat (Linux). */
function procStats(): Map<number, { ppid: number; ticks: number }> {
  const stats = new Map<number, { ppid: number; ticks: number }>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      // The fields after the command in parentheses: state, ppid, … utime (14), stime (15).
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      stats.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) })
    } catch {
      // Gone meanwhile.
    }
  }
  return stats
}

function descendants(root: number, stats: Map<number, { ppid: number }>): number[] {
  const out = [root]
  for (let i = 0; i < out.length; i++) for (const [pid, s] of stats) if (s.ppid === out[i]) out.push(pid)
  return out
}

/** The process and its descendants (next start may run the server in a child). */
export const processTree = (root: number): number[] => descendants(root, procStats())

/** CPU time (ms) of a process and all its descendants. */
export function treeCpuMs(root: number): number {
  const stats = procStats()
  let ticks = 0
  for (const pid of descendants(root, stats)) ticks += stats.get(pid)?.ticks ?? 0
  return ticks * TICK_MS
}

/** Sum of VmRSS (MB) over the given processes. */
export function rssMb(pids: number[]): number {
  let kb = 0
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      kb += Number(m?.[1] ?? 0)
    } catch {
      // Gone.
    }
  }
  return kb / 1024
}
