/**
 * One data export in a process of its own (`bench/export.bench.ts` starts it), so that the peak RSS it reports is
 * the export's and not the seeding's: connects to the seeded database (a PostgreSQL URL, or an embedded database's
 * directory), streams the client's export in the given format to the end, and prints one JSON line — time, CPU
 * time, bytes, RSS before (with the V8 heap and code space then) and the process's peak RSS.
 * Usage, either with tsx compiling TypeScript in this process:
 *   node --expose-gc --import ./bench/plain-node-hooks.mjs --import tsx bench/export-child.ts <url|dir> <userId> <json|zip>
 * or as the bundle export.bench.ts builds with esbuild (compiled beforehand, like the app's server code):
 *   node --expose-gc .data/bench/export-child/export-child.mjs <url|dir> <userId> <json|zip>
 */
import { performance } from 'node:perf_hooks'
import { getHeapSpaceStatistics } from 'node:v8'
import { eq } from 'drizzle-orm'
import { connectDatabase } from '@/db/connect'
import { users } from '@/db/schema'
import { openExport } from '@/lib/account/export/service'
import { toActor } from '@/lib/auth/actor'

const [where, userId, format] = process.argv.slice(2) as [string, string, 'json' | 'zip']
// PGlite (tens of MB of JavaScript and WebAssembly) is loaded only when there is no PostgreSQL server: the app
// never loads it in a deployment either.
const handle = where.startsWith('postgres')
  ? connectDatabase(where)
  : await import('@/db/embedded').then(async ({ openEmbeddedDatabase }) => {
      const { pgliteHandle } = await import('@/db/pglite')
      return pgliteHandle(await openEmbeddedDatabase(where))
    })
const [user] = await handle.db.select().from(users).where(eq(users.id, userId))
globalThis.gc?.()
const memoryBefore = process.memoryUsage()
const rssBeforeMb = memoryBefore.rss / 1024 / 1024
const heapBeforeMb = memoryBefore.heapUsed / 1024 / 1024
const codeBeforeMb =
  (getHeapSpaceStatistics().find((s) => s.space_name === 'code_space')?.space_used_size ?? 0) / 1024 / 1024
// The process's peak so far (loading and compiling the modules): the export's own peak may lie below it.
const maxRssBeforeMb = process.resourceUsage().maxRSS / 1024
let peakRssMb = rssBeforeMb
const started = performance.now()
const cpuStarted = process.cpuUsage()
// A fresh "now" per run keeps the export rate limit (5 per hour) out of the measurement.
const { stream } = await openExport(handle.db, toActor(user!), format, {
  now: new Date(Date.UTC(2040, 0, 1) + Math.floor(Math.random() * 1e6) * 3_600_000),
})
let bytes = 0
const reader = stream.getReader()
for (;;) {
  const { done, value } = await reader.read()
  if (done) break
  bytes += value.byteLength
  peakRssMb = Math.max(peakRssMb, process.memoryUsage.rss() / 1024 / 1024)
}
// The highest RSS seen while the export ran (sampled at every chunk).
const sampledPeakRssMb = peakRssMb
const ms = performance.now() - started
// CPU time of this process (user + system): the export's own work, robust to a busy machine (the database's is not in it).
const cpu = process.cpuUsage(cpuStarted)
const cpuMs = (cpu.user + cpu.system) / 1000
// maxRSS (kilobytes) also catches a peak between two samples — and one before the export (see maxRssBeforeMb).
peakRssMb = Math.max(peakRssMb, process.resourceUsage().maxRSS / 1024)
await handle.close()
console.log(
  JSON.stringify({
    ms,
    cpuMs,
    bytes,
    rssBeforeMb,
    heapBeforeMb,
    codeBeforeMb,
    maxRssBeforeMb,
    sampledPeakRssMb,
    peakRssMb,
  }),
)
