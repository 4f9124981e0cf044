/**
 * The data export inside the built app (issue 18): the RSS of `next start` before and during a 10 000-entry export
 * over HTTP, the way a browser asks for it. Not part of `npm run bench`; alone, after `npx next build`:
 * `tsx bench/export-server.ts`.
 *
 * A throwaway database on TEST_DATABASE_URL's server (else postgres://postgres@127.0.0.1:5432), migrated and seeded
 * (db/migrate.ts, db/seed.ts, as bench/load.ts does); the demo client's journal entries copied (same ciphertexts,
 * her key) up to EXPORT_SERVER_ENTRIES (10 000); a session row and its signed cookie; `next start` on a free port.
 * Then: the server's RSS idle, after a signed-in page, and for a JSON and a zip export (POST
 * /settings/data/export, same-origin) its RSS before, the highest RSS sampled every 10 ms while the body streams, and
 * the time. RSS is the server's process tree, from /proc (Linux).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { newSessionId, signSessionId } from '@/lib/auth/session-token'
import { maskedUrl, postgresReachable } from './postgres'
import { writeResult } from './results'

// Bench tooling like tests/**: reads its own knobs and passes its environment on (lib/env.ts is for the app).
// eslint-disable-next-line no-restricted-properties
const parentEnv = process.env
const SERVER = parentEnv.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ENTRIES = Number(parentEnv.EXPORT_SERVER_ENTRIES ?? 10_000)
const CLIENT_EMAIL = 'klientin@mialma.test'
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx')
const nextBin = join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next')

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

/** The process and its descendants (next start may run the server in a child). */
function tree(root: number): number[] {
  const parents = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      // Field 4 of /proc/<pid>/stat, after the command in parentheses.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // Gone meanwhile.
    }
  }
  const out = [root]
  for (let i = 0; i < out.length; i++)
    for (const [pid, parent] of parents) if (parent === out[i]) out.push(pid)
  return out
}

/** Sum of VmRSS (MB) over the server's processes. */
function rssMb(pids: number[]): number {
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

async function waitForApp(base: string, app: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`next start exited with ${app.exitCode}:\n${log()}`)
    try {
      if ((await fetch(`${base}/sign-in`)).ok) return
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

async function main(): Promise<void> {
  if (!(await postgresReachable(SERVER))) {
    console.log(`export server bench: skipped — no PostgreSQL at ${maskedUrl(SERVER)}`)
    return
  }
  if (!existsSync(join(process.cwd(), '.next', 'BUILD_ID')))
    throw new Error('no build in .next: npx next build')
  const name = `mialma_export_server_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const dbUrl = new URL(SERVER)
  dbUrl.pathname = `/${name}`
  const dataDir = mkdtempSync(join(tmpdir(), 'mialma-export-server-'))
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
    const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [CLIENT_EMAIL])
    const userId = rows[0]!.id
    const sessionId = newSessionId()
    await db.query(
      `INSERT INTO local_sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
      [sessionId, userId],
    )
    // The demo entries repeated (her key, same ciphertexts) up to ENTRIES, one an hour back from now.
    await db.query(
      `INSERT INTO journal_entries (user_id, kind, title_enc, body_enc, mood, tags_enc, tag_index, shared_at,
         created_at, updated_at)
       SELECT e.user_id, e.kind, e.title_enc, e.body_enc, e.mood, e.tags_enc, e.tag_index, e.shared_at, t, t
         FROM (SELECT *, row_number() OVER (ORDER BY created_at) AS i, count(*) OVER () AS n
                 FROM journal_entries WHERE user_id = $1) e
         JOIN (SELECT g, now() - g * interval '1 hour' AS t FROM generate_series(1, $2::int) g) s
           ON (s.g - 1) % e.n = e.i - 1
        WHERE s.g > e.n`,
      [userId, ENTRIES],
    )
    const count = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM journal_entries WHERE user_id = $1',
      [userId],
    )
    await db.end()
    const cookie = `mialma_session=${signSessionId(Buffer.from(secret, 'utf8'), sessionId)}`

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
    const pids = () => tree(app!.pid!)
    await new Promise((r) => setTimeout(r, 1000))
    const idleMb = rssMb(pids())
    const page = await fetch(`${base}/settings/data`, { headers: { cookie }, redirect: 'manual' })
    if (page.status !== 200) throw new Error(`/settings/data with the session cookie: ${page.status}`)
    await page.text()
    const signedInMb = rssMb(pids())
    const loadBefore = loadavg()[0]!

    const figures: Record<
      string,
      { beforeMb: number; peakMb: number; afterMb: number; ms: number; bytes: number }
    > = {}
    for (const format of ['json', 'zip'] as const) {
      const watched = pids()
      const beforeMb = rssMb(watched)
      let peakMb = beforeMb
      const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb(watched))), 10)
      const started = performance.now()
      const response = await fetch(`${base}/settings/data/export`, {
        method: 'POST',
        headers: { cookie, origin: base, 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ format }),
      })
      if (response.status !== 200)
        throw new Error(`export ${format}: ${response.status} ${await response.text()}`)
      let bytes = 0
      for await (const chunk of response.body!) bytes += (chunk as Uint8Array).byteLength
      const ms = performance.now() - started
      clearInterval(sampler)
      peakMb = Math.max(peakMb, rssMb(watched))
      await new Promise((r) => setTimeout(r, 500))
      figures[format] = { beforeMb, peakMb, afterMb: rssMb(watched), ms, bytes }
    }
    const loadAfter = loadavg()[0]!
    console.log(
      `export in next start (PostgreSQL, ${count.rows[0]!.n} journal entries, ${pids().length} server process(es)): ` +
        `server RSS ${idleMb.toFixed(0)} MB idle, ${signedInMb.toFixed(0)} MB after /settings/data`,
    )
    for (const [format, f] of Object.entries(figures))
      console.log(
        `  ${format}: ${(f.bytes / 1024 / 1024).toFixed(1)} MB in ${(f.ms / 1000).toFixed(2)} s; RSS ` +
          `${f.beforeMb.toFixed(0)} MB before, peak ${f.peakMb.toFixed(0)} MB, ${f.afterMb.toFixed(0)} MB after`,
      )
    console.log(`  load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`)
    writeResult('export-server', {
      entries: count.rows[0]!.n,
      idleMb,
      signedInMb,
      figures,
      loadBefore,
      loadAfter,
    })
  } finally {
    if (app) await stop(app)
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`export server bench failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
