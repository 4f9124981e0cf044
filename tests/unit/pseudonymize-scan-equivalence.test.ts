import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

import idioms from '@/lib/privacy/pseudonymize/data/idioms.json'
import { gazetteer } from '@/lib/privacy/pseudonymize/gazetteer'
import { idiomRanges } from '@/lib/privacy/pseudonymize/idioms'
import {
  knownMatcherFor,
  knownMatches,
  matchStarts,
  type Alternatives,
} from '@/lib/privacy/pseudonymize/known'
import { scanForm } from '@/lib/privacy/pseudonymize/normalize'
import { tokenize } from '@/lib/privacy/pseudonymize/tokens'
import type { Mapping } from '@/lib/privacy/pseudonymize/types'
import { parseLabelled } from '../../scripts/pii-score'

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

/**
 * R7.2: the known-entity search tries each variant only where its first run of letters and digits stands, instead
 * of one alternation regex of every variant at every position (seconds for a 20 KB text with a few hundred
 * entities). It must find exactly what that regex finds: the leftmost match, the first variant of the alternation
 * there (longest first), none after a letter, digit, "@" or ".", none followed by a word character.
 */
describe('known variants found at their heads, as the alternation regex finds them', () => {
  const boundary = (variants: string[], flags: string) =>
    new RegExp(
      `(?<![\\p{L}\\p{M}\\p{N}@.])(?:${variants.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{M}\\p{N}]|@|\\.[\\p{L}\\p{N}])`,
      flags,
    )
  // The alternation as the old regex had it: every group's variants, longest (escaped) first, stable.
  const alternation = (alternatives: Alternatives) =>
    [...alternatives.values()]
      .flat()
      // Prefix nicknames that are ordinary words are not in the alternation.
      .filter((v) => alternatives.usable?.(v) ?? true)
      .sort(
        (a, b) =>
          b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').length - a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').length,
      )
  const found = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => `${m.index}:${m[0]}`)

  // Every labelled identifier of a set in the mapping at once (~900 entities); a sample of their texts (the
  // reference regex is the slow search this replaced).
  const docs = parseLabelled(readFileSync('tests/fixtures/pii/unseen-m.jsonl', 'utf8'))
  // Shapes the regex treats specially.
  const made = [
    '+41 79 555 12 34',
    'Hans-Peter Imhof',
    'anna.muster@example.ch',
    "'s Vreni",
    'Strasse',
    'Wolf',
    'Müller',
    'ſusanne',
  ]
  const hard = [
    'Hans-Peter Imhofs Satz; hans-peter imhof sagt, HANS-PETER. Imhof@x.ch, x.Imhof, Imhof.ch und Imhof. Ende.',
    "Ruf +41 79 555 12 34 an, nicht 0+41 79 555 12 34; 's Vreni und das Vreni; anna.muster@example.ch.",
    'Der Wolf, der wolf, WOLF; die Strasse; Müllers Müller MÜLLER muller; Susanne und ſusanne; Ωmega 7Wolf.',
  ]
  it('on labelled texts and hard shapes', () => {
    const entries = [...docs.flatMap((d) => d.pii), ...made.map((value) => ({ type: 'PERSON', value }))]
    const mapping = {
      version: 1 as const,
      entries: entries.map((e, i) => ({ token: `${e.type}_${i + 1}`, type: e.type, value: e.value })),
    } as Mapping
    const { matcher } = knownMatcherFor({}, mapping, gazetteer())
    const loose = boundary(alternation(matcher.loose), 'giu')
    const strict = boundary(alternation(matcher.strict), 'gu')
    const strictAnyCase = boundary(alternation(matcher.strict), 'giu')
    for (const text of [...docs.filter((_, i) => i % 8 === 0).map((d) => d.text), ...hard]) {
      const starts = matchStarts(text, matcher)
      expect(found(knownMatches(text, starts, matcher.loose, true))).toEqual(found(text.matchAll(loose)))
      expect(found(knownMatches(text, starts, matcher.strict, false))).toEqual(found(text.matchAll(strict)))
      expect(found(knownMatches(text, starts, matcher.strict, true))).toEqual(
        found(text.matchAll(strictAnyCase)),
      )
    }
  })
})
