// Where the export process's memory goes before the first row (issue 18): imports the modules of the export path
// one step at a time and prints the RSS (and V8 heap, code space, external memory) after each, after a GC. A module
// shared by two steps counts in the first; `--order` lists the steps, so the attribution can be checked by
// reordering. Diagnostic only, not part of `npm run bench`.
// Usage (from the project root):
//   node --expose-gc --import ./bench/plain-node-hooks.mjs --import tsx bench/export-imports.mjs
//   node --expose-gc --import ./bench/plain-node-hooks.mjs bench/export-imports.mjs   (packages only, no tsx)
import { getHeapSpaceStatistics } from 'node:v8'

const STEPS = {
  drizzle: ['drizzle-orm', 'drizzle-orm/pg-core'],
  pg: ['pg', 'drizzle-orm/node-postgres'],
  neon: ['@neondatabase/serverless', 'ws', 'drizzle-orm/neon-serverless'],
  pglite: ['@electric-sql/pglite', '@electric-sql/pglite/contrib/btree_gist', '@electric-sql/pglite-socket'],
  zod: ['zod', '@t3-oss/env-nextjs'],
  'next-intl': ['next-intl'],
  'next/headers': ['next/headers.js'],
  resend: ['resend'],
  mistral: ['@mistralai/mistralai'],
  openai: ['openai'],
  fflate: ['fflate'],
  'pdf-lib': ['pdf-lib', '@pdf-lib/fontkit'],
  // The app's own modules (need tsx, or a bundle).
  'app:schema': ['@/db/schema'],
  'app:connect': ['@/db/connect'],
  'app:env+log': ['@/lib/env', '@/lib/log'],
  'app:crypto': ['@/lib/crypto'],
  'app:email': ['@/lib/email'],
  'app:app-url': ['@/lib/http/app-url'],
  'app:sections': ['@/lib/account/export/sections'],
  'app:service': ['@/lib/account/export/service'],
  'app:ai-pipeline': ['@/lib/ai/pipeline'],
  'app:zip': ['@/lib/account/export/zip'],
  'app:pdf': ['@/lib/account/export/pdf'],
}

const orderArg = process.argv.find((a) => a.startsWith('--order='))
const order = orderArg ? orderArg.slice('--order='.length).split(',') : Object.keys(STEPS)

const mb = (n) => (n / 1024 / 1024).toFixed(1)
function sample() {
  globalThis.gc?.()
  const m = process.memoryUsage()
  const code = getHeapSpaceStatistics().find((s) => s.space_name === 'code_space')?.space_used_size ?? 0
  return { rss: m.rss, heap: m.heapUsed, code, external: m.external }
}

let last = sample()
console.log(
  `start${' '.repeat(20)}rss ${mb(last.rss)} MB  heap ${mb(last.heap)}  code ${mb(last.code)}  external ${mb(last.external)}`,
)
for (const name of order) {
  const specifiers = STEPS[name]
  if (!specifiers) throw new Error(`unknown step ${name}`)
  let skipped = null
  const t0 = performance.now()
  for (const s of specifiers) {
    try {
      await import(s)
    } catch (error) {
      skipped = `${s}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
      break
    }
  }
  const ms = performance.now() - t0
  const now = sample()
  console.log(
    `${name.padEnd(24)} +${mb(now.rss - last.rss).padStart(6)} MB rss (${mb(now.rss)})  ` +
      `heap +${mb(now.heap - last.heap)}  code +${mb(now.code - last.code)}  external +${mb(now.external - last.external)}` +
      `  ${ms.toFixed(0)} ms${skipped ? `  [failed: ${skipped}]` : ''}`,
  )
  last = now
}
console.log(`maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`)
