import { describe, expect, it } from 'vitest'

import idioms from '@/lib/privacy/pseudonymize/data/idioms.json'
import { idiomRanges } from '@/lib/privacy/pseudonymize/idioms'
import { scanForm } from '@/lib/privacy/pseudonymize/normalize'
import { tokenize } from '@/lib/privacy/pseudonymize/tokens'

/** The speed paths must find exactly what the plain scans find (made-up sentences and the lexicon itself). */
describe('idiom search read off the tokens', () => {
  const phrases = [...idioms.de, ...idioms.en, ...idioms.it, ...idioms.es]
  const texts = [
    'Er hat wieder den Schwarzen Peter, sagt Anna. Murphy’s Law halt.',
    'Das war l’uovo di Colombo, meinte Luca; dann Earl Grey mit Milch.',
    // After a digit, a mark, an astral letter, inside a word, in capitals.
    ...['', ' ', '2', 'x', '\u0301', '𝐀', '3a ', '-', "'"].map((before) =>
      phrases.map((p) => `${before}${p} und ${before}${p.toUpperCase()}.`).join(' 7'),
    ),
  ]
  it.each(texts.map((t, i) => [i, t] as const))('text %i', (_, text) => {
    const scan = scanForm(text.normalize('NFC'))
    expect(idiomRanges(scan, tokenize(scan))).toEqual(idiomRanges(scan))
  })
  it('finds the expressions', () => {
    const scan = scanForm(texts[0]!)
    expect(idiomRanges(scan, tokenize(scan)).map((r) => scan.slice(r.start, r.end))).toEqual([
      'Schwarzen Peter',
      "Murphy's Law",
    ])
  })
})
