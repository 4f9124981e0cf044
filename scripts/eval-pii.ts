/**
 * Scores the pseudonymiser CLI on labelled texts (default ../shared/pii/dev.jsonl): per-type recall
 * (labelled identifiers no longer in the output), keep rate (labelled content words still there), the
 * share of documents leaking anything, and throughput. Usage: npm run eval:pii [-- file.jsonl] [--verbose]
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseLabelled, scorePseudonymised } from './pii-score'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const file = resolve(args.find((a) => !a.startsWith('--')) ?? '../shared/pii/dev.jsonl')
const docs = parseLabelled(readFileSync(file, 'utf8'))

const input = docs.map((d) => JSON.stringify({ id: d.id, text: d.text, known: d.known })).join('\n') + '\n'
const started = process.hrtime.bigint()
const run = spawnSync('npm', ['run', '--silent', 'pseudonymize'], {
  input,
  encoding: 'utf8',
  maxBuffer: 1 << 28,
})
const seconds = Number(process.hrtime.bigint() - started) / 1e9
if (run.status !== 0) {
  process.stderr.write(run.stderr)
  process.exit(1)
}
const outputs = new Map(
  run.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l) as { id: string; text: string }
      return [o.id, o.text] as const
    }),
)

const score = scorePseudonymised(docs, (doc) => {
  const out = outputs.get(doc.id)
  if (out === undefined) throw new Error(`no output for ${doc.id}`)
  if (verbose) process.stdout.write(`\n## ${doc.id}\n${out}\n`)
  return out
})
const { perType, kept, keepTotal, leakingDocs, misses } = score

const pct = (a: number, b: number) => (b === 0 ? '   –  ' : (a / b).toFixed(3))
const rows = [...perType.entries()].sort((a, b) => a[0].localeCompare(b[0]))
const all = rows.reduce((s, [, v]) => ({ total: s.total + v.total, removed: s.removed + v.removed }), {
  total: 0,
  removed: 0,
})
const bytes = Buffer.byteLength(docs.map((d) => d.text).join(''))
process.stdout.write(`\nPseudonymiser on ${docs.length} documents (${file})\n\n`)
process.stdout.write(`type            labelled  recall\n`)
for (const [type, v] of rows)
  process.stdout.write(`${type.padEnd(16)}${String(v.total).padStart(8)}  ${pct(v.removed, v.total)}\n`)
process.stdout.write(
  `${'ALL'.padEnd(16)}${String(all.total).padStart(8)}  ${pct(all.removed, all.total)} (target ≥ 0.970)\n`,
)
// The identifiers the issue holds at 1.00: known names, e-mails, phones, AHV and IBAN numbers.
const strict = ['EMAIL', 'PHONE', 'AHV', 'IBAN'].map((type) => perType.get(type) ?? { total: 0, removed: 0 })
const strictAll = strict.reduce((s, v) => ({ total: s.total + v.total, removed: s.removed + v.removed }), {
  total: score.knownNames.total,
  removed: score.knownNames.removed,
})
process.stdout.write(
  `known names     ${String(score.knownNames.total).padStart(8)}  ${pct(score.knownNames.removed, score.knownNames.total)}\n`,
)
process.stdout.write(
  `known names + e-mail/phone/AHV/IBAN ${strictAll.total}  ${pct(strictAll.removed, strictAll.total)} (target 1.000)\n\n`,
)
process.stdout.write(`keep rate        ${pct(kept, keepTotal)} (${kept}/${keepTotal}) (target ≥ 0.950)\n`)
process.stdout.write(
  `documents leaking ${pct(leakingDocs, docs.length)} (${leakingDocs}/${docs.length}) (target ≤ 0.050)\n`,
)
process.stdout.write(
  `throughput       ${(bytes / 1024 / seconds).toFixed(1)} KB/s through the CLI incl. start-up (${seconds.toFixed(2)} s); see npm run bench for MB/s\n`,
)
if (misses.length) process.stdout.write(`\nmisses:\n${misses.map((m) => `  ${m}`).join('\n')}\n`)
