import { performance } from 'node:perf_hooks'
import { bench, describe } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'
import { writeResult } from './results'

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
function document(bytes: number): string {
  let text = ''
  let i = 0
  while (Buffer.byteLength(text) < bytes) text += `${paragraphs[i++ % paragraphs.length]}\n`
  return text
}
const text20k = document(20 * 1024)
const text1m = document(1024 * 1024)
const context = { client: { name: 'Reto Beispiel', phone: '079 555 12 34' }, coach: { name: 'Andrea Meier' } }

// Warm-up: the first call loads the gazetteers; the next ones let V8 optimise the code, as in a server that has
// been running for a while. Figures are taken after that (see docs/benchmarks.md, "Pseudonymiser speed").
const WARM_UP = 30
const RUNS = 200
for (let i = 0; i < WARM_UP; i++) pseudonymize(text20k, context)

// One summary line with the figures the targets are stated in (p95 and MB/s are not in vitest's table).
{
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    pseudonymize(text20k, context)
    times.push(performance.now() - started)
  }
  const meanMs = times.reduce((sum, t) => sum + t, 0) / RUNS
  times.sort((a, b) => a - b)
  const p50Ms = (times[RUNS / 2 - 1]! + times[RUNS / 2]!) / 2
  const p95Ms = times[Math.ceil(RUNS * 0.95) - 1]!
  const large: number[] = []
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    pseudonymize(text1m, context)
    large.push((performance.now() - started) / 1000)
  }
  large.sort((a, b) => a - b)
  const mb = Buffer.byteLength(text20k) / 1024 / 1024
  const mbLarge = Buffer.byteLength(text1m) / 1024 / 1024
  const figures = {
    p50Ms,
    p95Ms,
    meanMs,
    // The R7.2 throughput figure: a 20 KB text's size over its median time.
    mbPerSec20k: mb / (p50Ms / 1000),
    // The same over the mean time (every run weighs, slow outliers included).
    mbPerSec20kMean: mb / (meanMs / 1000),
    // One 1 MB text, median of 3 runs.
    mbPerSec1m: mbLarge / large[1]!,
  }
  console.log(
    `pseudonymiser (${WARM_UP} warm-up runs, then ${RUNS}): 20 KB p50 ${p50Ms.toFixed(1)} ms, ` +
      `p95 ${p95Ms.toFixed(1)} ms (target < 50 ms), mean ${meanMs.toFixed(1)} ms; ` +
      `${figures.mbPerSec20k.toFixed(1)} MB/s at p50 (target ≥ 5 MB/s per core), ` +
      `${figures.mbPerSec20kMean.toFixed(1)} MB/s at the mean; ` +
      `${figures.mbPerSec1m.toFixed(1)} MB/s on one 1 MB text (median of 3)`,
  )
  writeResult('pseudonymize', figures)
}

describe('pseudonymiser (R7.2)', () => {
  bench('20 KB mixed-language text', () => {
    pseudonymize(text20k, context)
  })
})
