/**
 * One data export in a process of its own (`bench/export.bench.ts` starts it), so that the peak RSS it reports is
 * the export's and not the seeding's: connects to the seeded database (a PostgreSQL URL, or an embedded database's
 * directory), streams the client's export in the given format to the end, and prints one JSON line — time, CPU
 * time, bytes, RSS before and the process's peak RSS.
 * Usage: node --expose-gc --import ./bench/plain-node-hooks.mjs --import tsx bench/export-child.ts <url|dir> <userId> <json|zip>
 */
import { performance } from 'node:perf_hooks'
import { eq } from 'drizzle-orm'
import { connectDatabase } from '@/db/connect'
import { openEmbeddedDatabase } from '@/db/embedded'
import { pgliteHandle } from '@/db/pglite'
import { users } from '@/db/schema'
import { openExport } from '@/lib/account/export/service'
import { toActor } from '@/lib/auth/actor'

const [where, userId, format] = process.argv.slice(2) as [string, string, 'json' | 'zip']
const handle = where.startsWith('postgres')
  ? connectDatabase(where)
  : pgliteHandle(await openEmbeddedDatabase(where))
const [user] = await handle.db.select().from(users).where(eq(users.id, userId))
globalThis.gc?.()
const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024
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
  peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1024 / 1024)
}
const ms = performance.now() - started
// CPU time of this process (user + system): the export's own work, robust to a busy machine (the database's is not in it).
const cpu = process.cpuUsage(cpuStarted)
const cpuMs = (cpu.user + cpu.system) / 1000
// maxRSS (kilobytes) also catches a peak between two samples.
peakRssMb = Math.max(peakRssMb, process.resourceUsage().maxRSS / 1024)
await handle.close()
console.log(JSON.stringify({ ms, cpuMs, bytes, rssBeforeMb, peakRssMb }))
