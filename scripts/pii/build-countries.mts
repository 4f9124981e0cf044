/**
 * Generates lib/privacy/pseudonymize/data/countries.json: the names of every country and territory (ISO 3166
 * alpha-2 regions) in German, English, Italian, Spanish and French, from the ICU data of Node's
 * `Intl.DisplayNames` (Unicode CLDR, Unicode licence). Only the names of the regions themselves — no adjectives,
 * nationalities or languages ("Schweizer", "Irish", "Thai" stay ordinary words). `words` lists, per language,
 * the names that are also an ordinary word there by the Hunspell dictionaries the app reads ("turkey", "china",
 * "Polen" = Poles), so that they are taken as places only with a place cue.
 *
 * Run: npx tsx scripts/pii/build-countries.mts
 */
import fs from 'node:fs'
import path from 'node:path'
import { format } from 'prettier'
import { wordInfo } from '../../lib/privacy/pseudonymize/dictionary'
import { loadHunspell, readDictionaryPackage } from '../../lib/privacy/pseudonymize/hunspell'
import type { Language } from '../../lib/privacy/pseudonymize/types'

const LOCALES = ['de', 'en', 'it', 'es', 'fr']
const LANGUAGES: Language[] = ['de', 'en', 'it', 'es']
// Groupings and pseudo-regions that are no place a person lives in.
// (Diego Garcia is also a common Spanish personal name.)
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'DG'])

const codes: string[] = []
const probe = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' })
for (let a = 65; a <= 90; a++)
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b)
    if (!NOT_COUNTRIES.has(code) && probe.of(code) !== undefined) codes.push(code)
  }

const names = new Set<string>()
for (const locale of LOCALES) {
  // The short style gives the everyday name of some ("Hongkong" for "Sonderverwaltungsregion Hongkong").
  for (const style of ['long', 'short'] as const) {
    const display = new Intl.DisplayNames(locale, { type: 'region', style, fallback: 'none' })
    for (const code of codes) {
      const name = display.of(code)?.normalize('NFC').trim()
      // "Hongkong (SAR China)", "Sonderverwaltungsregion …", "Congo - Kinshasa": qualified names are not
      // written in text. "La Réunion" would match "la reunión" (the meeting) in lower-case text; "Réunion" stays.
      if (!name || name.length < 3 || /[().]|\bSAR\b|\bRAS\b|Sonderverwaltungsregion| - |^La /.test(name))
        continue
      names.add(name)
    }
  }
}

// igerman98 gives most country names compound flags ("Japanreise", lower-case "-japan"), so wordInfo calls
// them nouns. A German word reading is an inflected form of another noun ("Polen" of "Pol") or a lower-case
// stem with more than compound and case flags ("Malte" of "malen").
const de = readDictionaryPackage('dictionary-de-ch')
const german = loadHunspell(de.aff, de.dic)
const germanWord = (name: string) =>
  german.stems(name).some((s) => s.stem !== name && /[NEPTF]/.test(s.flags)) ||
  german.stems(name.toLowerCase()).some((s) => /[^Sozmhkeij]/.test(s.flags))

// The nations of the United Kingdom are no ISO regions but are named as countries ("born in Scotland", "In
// England we'd …"); their names in de/en/it/es/fr. General knowledge; ours.
for (const name of [
  'England',
  'Inghilterra',
  'Inglaterra',
  'Angleterre',
  'Schottland',
  'Scotland',
  'Scozia',
  'Escocia',
  'Écosse',
  'Wales',
  'Galles',
  'Gales',
  'Pays de Galles',
  'Nordirland',
  'Northern Ireland',
  'Irlanda del Nord',
  'Irlanda del Norte',
  'Irlande du Nord',
])
  names.add(name)

const sorted = [...names].sort()
const words: Record<Language, string[]> = { de: [], en: [], it: [], es: [] }
for (const name of sorted) {
  if (/\s/.test(name)) continue
  for (const language of LANGUAGES) {
    if (language === 'de' ? germanWord(name) : wordInfo(language, name).lower) words[language].push(name)
  }
}

const out = path.join(import.meta.dirname, '../../lib/privacy/pseudonymize/data/countries.json')
// Formatted as `npm run lint` checks it (prettier folds short arrays onto one line).
fs.writeFileSync(out, await format(JSON.stringify({ names: sorted, words }), { parser: 'json' }))
console.log(
  `${sorted.length} names, words:`,
  Object.fromEntries(Object.entries(words).map(([k, v]) => [k, v])),
)
