/**
 * The data export inside the built app (issue 18): the RSS of `next start` before and during a 10 000-entry export
 * over HTTP, the way a browser asks for it. Not part of `npm run bench`; alone, after `npx next build`:
 * `tsx bench/export-server.ts`.
 *
 * Through bench/app-server.ts: a throwaway database on TEST_DATABASE_URL's server (else
 * postgres://postgres@127.0.0.1:5432), migrated and seeded (db/migrate.ts, db/seed.ts); the demo client's journal
 * entries copied (same ciphertexts, her key) up to EXPORT_SERVER_ENTRIES (10 000); a session row and its signed
 * cookie; `next start` on a free port.
 * Then: the server's RSS idle, after a signed-in page, and for a JSON and a zip export (POST
 * /settings/data/export, same-origin) its RSS before, the highest RSS sampled every 10 ms while the body streams, and
 * the time. RSS is the server's process tree, from /proc (Linux).
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { benchCanRun, prepareApp, processTree, repeatDemoEntries, rssMb } from './app-server'
import { writeResult } from './results'

// Bench tooling like tests/**: reads its own knobs (lib/env.ts is for the app).
// eslint-disable-next-line no-restricted-properties
const ENTRIES = Number(process.env.EXPORT_SERVER_ENTRIES ?? 10_000)
const CLIENT_EMAIL = 'klientin@mialma.test'

async function main(): Promise<void> {
  if (!(await benchCanRun('export server bench', { build: 'required' }))) return
  const app = await prepareApp({ prefix: 'export_server' })
  const { base } = app
  try {
    const cookie = await app.signIn(CLIENT_EMAIL)
    const entries = await repeatDemoEntries(app.dbUrl, CLIENT_EMAIL, ENTRIES, 'hour')
    const pid = await app.start()
    const pids = () => processTree(pid)
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
      `export in next start (PostgreSQL, ${entries} journal entries, ${pids().length} server process(es)): ` +
        `server RSS ${idleMb.toFixed(0)} MB idle, ${signedInMb.toFixed(0)} MB after /settings/data`,
    )
    for (const [format, f] of Object.entries(figures))
      console.log(
        `  ${format}: ${(f.bytes / 1024 / 1024).toFixed(1)} MB in ${(f.ms / 1000).toFixed(2)} s; RSS ` +
          `${f.beforeMb.toFixed(0)} MB before, peak ${f.peakMb.toFixed(0)} MB, ${f.afterMb.toFixed(0)} MB after`,
      )
    console.log(`  load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`)
    writeResult('export-server', {
      entries,
      idleMb,
      signedInMb,
      figures,
      loadBefore,
      loadAfter,
    })
  } finally {
    await app.close()
  }
}

main().catch((error: unknown) => {
  console.error(`export server bench failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
