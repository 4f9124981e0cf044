/**
 * Generates lib/privacy/pseudonymize/data/bare-words.json: the names and places of the gazetteers that are
 * listed only with marks ("Bách", "Šolar", "Liège") and whose bare spelling — the key the pseudonymiser folds
 * every word to — is an ordinary word of German, English, Italian or Spanish by the Hunspell dictionaries the
 * app reads ("Bach" = brook, "Solar" = solar power, "Liege" = deck chair). `ambiguous.json` compares the entries
 * as written, so it misses these; the tokeniser marks such a word as ambiguous where it is written without the
 * marks (tokens.ts), while "Šolar" as written stays the name.
 *
 * Run: npx tsx scripts/pii/build-bare-words.mts
 */
import fs from 'node:fs'
import path from 'node:path'
import { format } from 'prettier'
import { wordInfo } from '../../lib/privacy/pseudonymize/dictionary'
import { fold } from '../../lib/privacy/pseudonymize/normalize'
import type { Language } from '../../lib/privacy/pseudonymize/types'

const DATA = path.join(import.meta.dirname, '../../lib/privacy/pseudonymize/data')
const LANGUAGES: Language[] = ['de', 'en', 'it', 'es']
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as string[]
const entries = [...read('first-names.json'), ...read('last-names.json'), ...read('places.json')]
// A bare spelling that is itself listed ("Rios" beside "Ríos") was compared by the gazetteer build already.
const plain = new Set(entries.map((e) => e.toLowerCase()))
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const words: Record<Language, Set<string>> = { de: new Set(), en: new Set(), it: new Set(), es: new Set() }
for (const entry of entries) {
  if (/[\s'-]/.test(entry)) continue
  const key = fold(entry)
  // Only keys the text can spell in plain letters; umlauts fold to ae/oe/ue, which no dictionary word shares.
  if (key === entry.toLowerCase() || plain.has(key) || !/^[a-z]+$/.test(key)) continue
  for (const language of LANGUAGES) {
    // German: a noun (capitalised) or any lower-case word; elsewhere a lower-case word (a capital there is a name).
    const word =
      wordInfo(language, key).lower || (language === 'de' && wordInfo(language, capitalise(key)).noun)
    if (word) words[language].add(key)
  }
}

const out = Object.fromEntries(LANGUAGES.map((l) => [l, [...words[l]].sort()]))
fs.writeFileSync(path.join(DATA, 'bare-words.json'), await format(JSON.stringify(out), { parser: 'json' }))
console.log(Object.fromEntries(LANGUAGES.map((l) => [l, words[l].size])))
