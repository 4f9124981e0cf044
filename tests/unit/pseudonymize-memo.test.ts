import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'
import {
  expireTexts,
  forgetTexts,
  heldEntries,
  MAX_AGE_MS,
  Memo,
  WeakMemo,
} from '@/lib/privacy/pseudonymize/memo'

// R10.2: deletion reaches every copy — the pseudonymiser's caches in process memory hold names of texts too.
// All of them are memos of memo.ts, which the deletion flow empties and which age out after MAX_AGE_MS.

const DIR = 'lib/privacy/pseudonymize'

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

describe('R10.2 the pseudonymiser forgets', () => {
  beforeEach(() => forgetTexts())

  it('a text leaves its words in the caches; forgetTexts empties every one', () => {
    expect(heldEntries()).toBe(0)
    pseudonymize('Gestern hat Frau Tschudin mit Röbi Lüthi in Grindelwald telefoniert.', {
      client: { name: 'Ladina Tscharner' },
    })
    expect(heldEntries()).toBeGreaterThan(0)
    forgetTexts()
    expect(heldEntries()).toBe(0)
  })

  it('the caches expire after MAX_AGE_MS, not before; the output stays the same', () => {
    const start = Date.now()
    forgetTexts(start)
    const text = 'Mit Beat Zwahlen im Gasthof Sternen in Wilen.'
    const first = pseudonymize(text).text
    expireTexts(start + MAX_AGE_MS - 1)
    expect(heldEntries()).toBeGreaterThan(0)
    expireTexts(start + MAX_AGE_MS)
    expect(heldEntries()).toBe(0)
    expect(pseudonymize(text).text).toBe(first)
  })

  it('a memo is bounded and a weak memo forgets too', () => {
    const memo = new Memo<string, number>(2)
    memo.set('a', 1)
    memo.set('b', 2)
    expect(memo.size).toBe(2)
    memo.set('c', 3)
    expect(memo.size).toBe(1)
    expect(memo.get('a')).toBeUndefined()
    const key = {}
    const weak = new WeakMemo<object, string>()
    weak.set(key, 'Imhof')
    expect(weak.get(key)).toBe('Imhof')
    forgetTexts()
    expect(weak.get(key)).toBeUndefined()
  })

  it('no module-level Map or WeakMap that grows at run time: every cache is a memo', () => {
    // A module-level map that is written to after load would be a cache memo.ts cannot forget. Maps of memos
    // (one memo per type, language or suffix list) are fine; so are maps filled from listed data only: at load,
    // or per gazetteer object (the dictionaries, letter and month names, facts of the gazetteer's own lists).
    const STATIC = [
      'dictionary.ts: loaded',
      'number-words.ts: GLUE_DIGITS',
      'recognisers/organisation.ts: acronymLowers',
      'recognisers/organisation.ts: headMemo',
      'recognisers/person-cues.ts: nameFronts',
      'recognisers/spoken-numbers.ts: LETTER_NAMES',
      'recognisers/spoken-numbers.ts: MONTHS',
    ].map((s) => `${DIR}/${s}`)
    const growing: string[] = []
    for (const file of sources(DIR)) {
      const src = readFileSync(file, 'utf8')
      for (const m of src.matchAll(
        /^(?:export )?(?:const|let) (\w+)(?::[^=]+)? = new (?:Weak)?Map(<[^\n]*>)?\(/gm,
      )) {
        const [, name, types = ''] = m
        if (!new RegExp(`\\b${name}\\.set\\(`).test(src)) continue
        if (/Memo</.test(types) || STATIC.includes(`${file}: ${name}`)) continue
        growing.push(`${file}: ${name}`)
      }
    }
    expect(growing).toEqual([])
  })

  it('no module-level array or Set that grows at run time unless memo.ts forgets it', () => {
    // The tokenizer's interned words were such a copy (a list, not a map): a list or set filled at run time must be
    // handed to onForget in its own file, which clears it with the memos. Sets and lists of listed data are static.
    const growing: string[] = []
    for (const file of sources(DIR)) {
      const src = readFileSync(file, 'utf8')
      const forgotten = [...src.matchAll(/onForget\(([\s\S]*?)\)\n/g)].map((m) => m[1]).join('\n')
      const clearers = [...src.matchAll(/^function (\w+)\(\): void \{\n([\s\S]*?)^\}/gm)].filter(([, name]) =>
        new RegExp(`\\b${name}\\b`).test(forgotten),
      )
      for (const m of src.matchAll(/^(?:export )?(?:const|let) (\w+)(?::[^=\n]+)? = (?:\[\]|new Set\b)/gm)) {
        const name = m[1]!
        if (!new RegExp(`\\b${name}\\.(push|add|unshift|splice)\\(`).test(src)) continue
        const named = new RegExp(`\\b${name}\\b`)
        if (named.test(forgotten) || clearers.some(([, , body]) => named.test(body!))) continue
        if (file.endsWith('/memo.ts') && name === 'everything') continue
        growing.push(`${file}: ${name}`)
      }
    }
    expect(growing).toEqual([])
  })

  it('the interned words of the tokenizer are forgotten too', () => {
    pseudonymize('Röbi Lüthi wohnt seit Jahren in Grindelwald.')
    const held = heldEntries()
    expect(held).toBeGreaterThan(0)
    forgetTexts()
    expect(heldEntries()).toBe(0)
  })

  it('no hand-made bounded cache (size check, then clear) outside memo.ts', () => {
    const handMade = sources(DIR)
      .filter((file) => !file.endsWith('/memo.ts'))
      .filter((file) => /\.size >=? [\d_]+\) \w+\.clear\(\)/.test(readFileSync(file, 'utf8')))
    expect(handMade).toEqual([])
  })
})
