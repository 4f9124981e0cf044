import { describe, expect, it } from 'vitest'

import { gazetteer } from '@/lib/privacy/pseudonymize/gazetteer'
import { loadHunspell } from '@/lib/privacy/pseudonymize/hunspell'
import {
  headKey,
  knownMatcher,
  matchStarts,
  personEntity,
  simpleEntity,
  type KnownMatcher,
} from '@/lib/privacy/pseudonymize/known'

/**
 * Speed round pii-speed11: the fast paths must answer exactly as the plain ones did. Hunspell reads a suffix
 * candidate in place (conditions as code-unit classes, a Bloom filter before the look-up); the output check
 * finds word starts by code instead of a global regex.
 */
describe('Hunspell candidates read in place', () => {
  // Conditions of every shape the dictionaries use (negated and plain classes, dots, several units), strip
  // strings, a twofold suffix whose inner rule strips, a prefix with a cross product, and the regex fallback (a
  // condition and a stem beyond the BMP, a line end under a dot).
  const aff = [
    'SFX A Y 4',
    'SFX A y ies [^aeiou]y',
    'SFX A 0 s [aeiou]y',
    'SFX A 0 s [^y]',
    'SFX A 0 er .e',
    'SFX B Y 2',
    'SFX B 0 ung/C [^u]',
    'SFX B e ung/C e',
    'SFX C Y 1',
    'SFX C 0 en g',
    'SFX D N 1',
    'SFX D 0 x 😀',
    'SFX E Y 1',
    'SFX E 0 n .',
    'PFX U Y 1',
    'PFX U 0 un .',
  ].join('\n')
  const dic = '7\nspy/A\nboy/A\nhaus/AU\nwohne/B\nmeine/BE\nfröhlich/AE\n😀/D\nsta\nx😀/E\nrose/A\n'
  const dict = loadHunspell(aff, dic)
  // Expected: what the previous implementation (a string and a regex test per rule) returned for each form.
  const expected: [string, { stem: string; flags: string }[]][] = [
    ['spies', [{ stem: 'spy', flags: 'A' }]],
    ['spys', []],
    ['boys', [{ stem: 'boy', flags: 'A' }]],
    ['boies', []],
    ['hauss', [{ stem: 'haus', flags: 'AU' }]],
    ['hauser', []],
    ['roseer', [{ stem: 'rose', flags: 'A' }]],
    ['unhauss', [{ stem: 'haus', flags: 'AU' }]],
    ['wohnung', [{ stem: 'wohne', flags: 'B' }]],
    ['wohnungen', [{ stem: 'wohne', flags: 'B' }]],
    ['meinungen', [{ stem: 'meine', flags: 'BE' }]],
    ['wohnen', []],
    ['fröhlichs', [{ stem: 'fröhlich', flags: 'AE' }]],
    ['fröhlichn', [{ stem: 'fröhlich', flags: 'AE' }]],
    ['😀x', [{ stem: '😀', flags: 'D' }]],
    ['x😀n', [{ stem: 'x😀', flags: 'E' }]],
    ['a\nn', []],
    ['unboys', []],
    ['en', []],
    ['s', []],
    ['', []],
  ]
  it.each(expected)('%j', (form, stems) => {
    expect(dict.stems(form)).toEqual(stems)
  })
})

describe('output check: word starts read by code', () => {
  const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu
  /** The scan this replaced: every run of a global regex, its head folded as headKey folds it. */
  function reference(text: string, matcher: KnownMatcher) {
    const out: { at: number; head: string }[] = []
    for (const m of text.matchAll(WORD_RUN)) {
      const before = text[m.index - 1]
      if (before === '@' || before === '.') continue
      const head = headKey(m[0])
      if (matcher.loose.has(head) || matcher.strict.has(head)) out.push({ at: m.index, head })
    }
    for (const head of matcher.symbolHeads)
      for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) out.push({ at, head })
    return out.sort((a, b) => a.at - b.at)
  }
  const gaz = gazetteer()
  const matcher = knownMatcher(
    [
      personEntity('Zoë Müller'),
      personEntity('Anna Stern'),
      personEntity('Ørjan Łukasz'),
      simpleEntity('PHONE', '+41 79 555 12 34'),
      simpleEntity('EMAIL', 'anna@example.ch'),
      simpleEntity('ORGANIZATION', '𝐀cme 2000'),
      simpleEntity('LOCATION', 'Σίφνος'),
    ],
    gaz,
  )
  const texts = [
    'Zoë Müller und Anna Stern, anna@example.ch, +41 79 555 12 34; Ørjan und Łukasz.',
    // Non-ASCII letters after ASCII ones, marks, astral letters and symbols, digits, "@" and "." before a name.
    'Zoe\u0308 Mu\u0308ller Annas Anna2 2Anna 𝐀cme 2000 😀Anna Anna😀 x@Anna .Anna a.Anna Müllers',
    'ſtern STERN Stern’s ΣΊΦΝΟΣ σίφνος Σίφνος. \ud83dAnna Anna\udc00 \udc00Anna +41 +4179',
    '',
    'Anna',
    '😀',
  ]
  it.each(texts.map((t, i) => [i, t] as const))('text %i', (_, text) => {
    expect(matchStarts(text, matcher)).toEqual(reference(text, matcher))
  })
  it('finds the names', () => {
    expect(matchStarts(texts[0]!, matcher).length).toBeGreaterThan(5)
  })
})
