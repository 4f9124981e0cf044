/**
 * Oracle for speed work on the pseudonymiser (issue 14): hashes the full result (text, mapping, suspects,
 * stats) of every labelled text and the bench's 20 KB text. `--write` records the snapshot; without it the
 * script compares and exits 1 on any difference. Optimisations must leave every hash unchanged. Each text is
 * run twice (second pass in reverse order), so a cache that carries state between calls shows up as well.
 *
 *   npx tsx scripts/pseudonymize-snapshot.ts [--write] [--dev=path/to/dev.jsonl]
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { benchContext, benchDocument } from '../bench/pseudonymize-text'
import { pseudonymize, type PseudonymizeContext } from '../lib/privacy/pseudonymize'

const SNAPSHOT = 'tests/fixtures/pii/pseudonymize-snapshot.json'
const FILES = [
  process.argv.find((a) => a.startsWith('--dev='))?.slice(6) ?? '/work/shared/pii/dev.jsonl',
  'tests/fixtures/pii/holdout.jsonl',
  'tests/fixtures/pii/unseen-a.jsonl',
  'tests/fixtures/pii/unseen-b.jsonl',
  'tests/fixtures/pii/unseen-c.jsonl',
  'tests/fixtures/pii/unseen-d.jsonl',
  'tests/fixtures/pii/unseen-e.jsonl',
  'tests/fixtures/pii/unseen-f.jsonl',
  'tests/fixtures/pii/unseen-g.jsonl',
  'tests/fixtures/pii/unseen-h.jsonl',
  'tests/fixtures/pii/unseen-i.jsonl',
  'tests/fixtures/pii/unseen-j.jsonl',
  'tests/fixtures/pii/unseen-k.jsonl',
  'tests/fixtures/pii/unseen-l.jsonl',
  'tests/fixtures/pii/unseen-m.jsonl',
  'tests/fixtures/pii/unseen-n.jsonl',
  'tests/fixtures/pii/unseen-o.jsonl',
  'tests/fixtures/pii/unseen-p.jsonl',
  'tests/fixtures/pii/unseen-q.jsonl',
  'tests/fixtures/pii/unseen-r.jsonl',
]
const now = new Date('2026-12-07T12:00:00Z')

type Doc = { id: string; text: string; context: PseudonymizeContext }
const docs: Doc[] = []
for (const file of FILES) {
  if (!existsSync(file)) {
    console.error(`missing: ${file} (its texts are not compared)`)
    continue
  }
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const doc = JSON.parse(line) as { id: string; text: string; known?: { client?: string; coach?: string } }
    docs.push({
      id: `${file.split('/').pop()}:${doc.id}`,
      text: doc.text,
      context: {
        now,
        client: doc.known?.client ? { name: doc.known.client } : undefined,
        coach: doc.known?.coach ? { name: doc.known.coach } : undefined,
      },
    })
  }
}
// The bench's text (bench/pseudonymize-text.ts), with its context.
docs.push({
  id: 'bench:20k',
  text: benchDocument(20 * 1024),
  context: { now, ...benchContext },
})

const hashOf = (doc: Doc) => {
  const r = pseudonymize(doc.text, doc.context)
  const json = JSON.stringify([r.text, r.mapping, r.suspects, r.stats])
  return createHash('sha256').update(json).digest('hex').slice(0, 16)
}
const hashes: Record<string, string> = {}
for (const doc of docs) hashes[doc.id] = hashOf(doc)
let failures = 0
for (const doc of [...docs].reverse()) {
  if (hashOf(doc) !== hashes[doc.id]) {
    console.error(`not repeatable across calls: ${doc.id}`)
    failures++
  }
}

if (process.argv.includes('--write')) {
  writeFileSync(SNAPSHOT, `${JSON.stringify(hashes, null, 2)}\n`) // prettier's layout: `npm run lint` checks it
  console.log(`wrote ${Object.keys(hashes).length} hashes to ${SNAPSHOT}`)
} else {
  const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, string>
  for (const [id, hash] of Object.entries(expected)) {
    if (hashes[id] === undefined) console.error(`not run: ${id}`)
    else if (hashes[id] !== hash) {
      console.error(`changed: ${id}`)
      failures++
    }
  }
  console.log(`${Object.keys(hashes).length} texts compared, ${failures} differences`)
}
process.exit(failures > 0 ? 1 : 0)
