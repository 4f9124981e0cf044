import { describe, expect, it } from 'vitest'

import culture from '@/lib/privacy/pseudonymize/data/culture-words.json'
import idioms from '@/lib/privacy/pseudonymize/data/idioms.json'
import { idiomPatterns, idiomRanges } from '@/lib/privacy/pseudonymize/idioms'
import { scanForm } from '@/lib/privacy/pseudonymize/normalize'
import { tokenize } from '@/lib/privacy/pseudonymize/tokens'

/**
 * R7.2 speed round 10: the idiom search compiles its regexes without the lookarounds and checks them outside. It
 * must find exactly what one global match of the whole alternation with the lookarounds finds, also where a letter,
 * a mark or an astral letter follows or precedes an expression (there the search falls back to the full regex).
 */
describe('idiom search without lookarounds in its regexes', () => {
  const reference = (text: string) =>
    [
      ...text.matchAll(
        new RegExp(`(?<![\\p{L}\\p{M}])(?:${idiomPatterns().join('|')})(?![\\p{L}\\p{M}])`, 'giu'),
      ),
    ].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  const phrases = [
    ...idioms.de,
    ...idioms.en,
    ...idioms.it,
    ...idioms.es,
    ...culture.de,
    ...culture.en,
    ...culture.it,
    ...culture.es,
  ]
  const around = ['', 'x', 'en', '\u0301', '𝐀', '😀', "'", '’', '-', '2', ' ', '.']
  const texts = around.flatMap((before) =>
    around.map((after) =>
      phrases.map((p, i) => `${before}${i % 3 === 1 ? p.toUpperCase() : p}${after} und so`).join(' '),
    ),
  )
  it.each(texts.map((t, i) => [i, t] as const))('text %i', (_, raw) => {
    const scan = scanForm(raw.normalize('NFC'))
    const expected = reference(scan)
    expect(idiomRanges(scan)).toEqual(expected)
    expect(idiomRanges(scan, tokenize(scan))).toEqual(expected)
  })
  it('keeps a longer word out and still finds the expression before it', () => {
    const scan = 'Sie spielt den Schwarzen Peterli, dann den Schwarzen Peter.'
    expect(idiomRanges(scan).map((r) => scan.slice(r.start, r.end))).toEqual(['Schwarzen Peter'])
  })
})
