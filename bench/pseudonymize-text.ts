import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PseudonymizeContext } from '@/lib/privacy/pseudonymize'

// R7.2 targets: ≥ 5 MB/s per core and p95 < 50 ms for a 20 KB text. Synthetic text with the density of a
// questionnaire or transcript: names, places, phones, e-mails, dates and plenty of ordinary prose.
const paragraphs = [
  'Coach: Wie ist es dir seit unserem letzten Gespräch ergangen, Reto?',
  'Klient: Ehrlich gesagt nicht so gut. Bei der Post haben sie die Schichtpläne umgestellt, ich arbeite fast nur noch Nacht.',
  'Meine Schwester Claudia ruft dauernd an wegen der Hochzeit in Bellinzona. Herr Gysin ist eigentlich okay.',
  'Telefon 079 555 12 34, E-Mail reto.beispiel@example.ch, Adresse: Seestrasse 14, 8002 Zürich, geb. 03.05.1979.',
  'Ich nehme seit März Escitalopram und schlafe trotzdem schlecht. Die Therapie hilft, aber die Angst bleibt.',
  'Yesterday my friend Hannah took me to Basel; we talked about boundaries and my job at Novartis.',
  'Sono andata a Lugano con mia sorella Giulia, e ho parlato con il dottore della mia ansia.',
  'Mi hermana Pilar vive en Sevilla y me llama cada domingo; siento culpa y rabia a la vez.',
]
export function benchDocument(bytes: number): string {
  // The size counted as it grows: measuring the whole string each time was quadratic (5 s for 1 MB).
  const parts: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const paragraph = `${paragraphs[i % paragraphs.length]}\n`
    parts.push(paragraph)
    size += Buffer.byteLength(paragraph)
  }
  return parts.join('')
}

/** The context the benchmark and the snapshot oracle (scripts/pseudonymize-snapshot.ts) pass with it. */
export const benchContext = {
  client: { name: 'Reto Beispiel', phone: '079 555 12 34' },
  coach: { name: 'Andrea Meier' },
} satisfies PseudonymizeContext

/**
 * Real texts instead of eight paragraphs over and over: the labelled texts of tests/fixtures/pii (about a
 * thousand, written by many writers), in id order, each used once. Repeated paragraphs meet the pseudonymiser's
 * caches after the first round and keep its mapping small; real texts bring new names, places and words all the
 * time, and a long text's mapping grows with them (that is what made a 20 KB text take seconds, docs/benchmarks.md).
 * `realDocuments(bytes)` joins consecutive texts of one half into documents of at least `bytes`.
 */
export function realTexts(half: 'documents' | 'alone'): string[] {
  const dir = join('tests', 'fixtures', 'pii')
  const docs: { id: string; text: string }[] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')))
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n'))
      if (line.trim()) docs.push(JSON.parse(line) as { id: string; text: string })
  // Every other text for each use, so the texts measured alone were not seen in the documents before.
  return docs
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((_, i) => i % 2 === (half === 'documents' ? 0 : 1))
    .map((d) => d.text)
}

export function realDocuments(bytes: number): string[] {
  const out: string[] = []
  let parts: string[] = []
  let size = 0
  for (const text of realTexts('documents')) {
    parts.push(text)
    size += Buffer.byteLength(text) + 2
    if (size >= bytes) {
      out.push(parts.join('\n\n'))
      parts = []
      size = 0
    }
  }
  return out
}

/** What the bench measures on real texts (bench/pseudonymize.bench.ts) and the report reads (bench/report.ts). */
export type RealFigures = {
  /** Documents of ≥ 20 KB joined from distinct labelled texts, each run once. */
  documents: number
  p50Ms: number
  p95Ms: number
  maxMs: number
  /** Their bytes over their summed time. */
  mbPerSec: number
  /** Each labelled text alone (~0.8 KB), each run once: bytes over summed time, and the p95 of one text. */
  texts: number
  textsMbPerSec: number
  textP95Ms: number
}
