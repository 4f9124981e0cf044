import ambiguousData from './data/ambiguous.json'
import bareWordsData from './data/bare-words.json'
import countriesData from './data/countries.json'
import firstNamesData from './data/first-names.json'
import lastNamesData from './data/last-names.json'
import medicationsData from './data/medications.json'
import orgWordsData from './data/org-words.json'
import organisationsData from './data/organisations.json'
import placesData from './data/places.json'
import { GERMAN_PROPER_NAMES, NOT_IDENTIFYING_ORGS } from './lexicon'
import { fold } from './normalize'

/**
 * The gazetteers as lookup structures, built once per process. Single words are looked up by their
 * folded form; multi-word entries ("Lido di Lugano", "Zurich Insurance") by their folded word sequence.
 */
export type Gazetteer = {
  firstNames: Set<string>
  lastNames: Set<string>
  places: Set<string>
  /** Country and territory names (folded, one word): "deutschland" is a place even where it reads as a noun. */
  countries: Set<string>
  medications: Set<string>
  organisations: Set<string>
  /** Single-word organisations of 7+ letters by their first four letters, for one-edit matches. */
  organisationsByPrefix: Map<string, string[]>
  /** Acronym organisations, matched case-sensitively ("SBB", "ETH"). */
  acronyms: Set<string>
  orgHeads: Set<string>
  orgSuffixes: Set<string>
  /** Multi-word entries by folded first word → folded full sequences (longest first). */
  multi: Map<string, { words: string[]; type: 'LOCATION' | 'ORGANIZATION' | 'MEDICATION' | 'PERSON' }[]>
  /** Names and places that are also ordinary words (any language): lowercase matches need care. */
  ambiguous: Set<string>
  /** The same per language (de includes Swiss German): what a capitalised word can be in that language. */
  ambiguousIn: Record<'de' | 'en' | 'it' | 'es', Set<string>>
  /**
   * Per language, keys of names and places listed only with marks whose bare spelling is a word there ("bach" of
   * Vietnamese Bách, "solar" of Šolar): ambiguous where the text writes them without the marks (tokens.ts).
   */
  bareWords: Record<'de' | 'en' | 'it' | 'es', Set<string>>
  /** Frequent capitalised words (nouns, sentence starters): never an identifier without a strong cue. */
  common: Set<string>
  maxMultiWords: number
}

let cached: Gazetteer | undefined

const WORD = /[\p{L}\p{M}\p{N}]+/gu
const words = (value: string) => (value.match(WORD) ?? []).map(fold)

/**
 * German inflects a listed name's adjectives and its last noun: "die Rhätische Bahn" → "bei der Rhätischen
 * Bahn", "Anonyme Alkoholiker" → "bei den Anonymen Alkoholikern", "das Rote Kreuz" → "des Roten Kreuzes".
 * Only names with an adjective before the noun (a word of 5+ letters on -e or -es) get the other forms:
 * every adjective takes the same ending (-e, -en, -es: the forms after an article, as names are used), the
 * last word its dative plural (-n after -er/-el/-e) or genitive (-s, -es after a sibilant).
 */
function germanInflections(parts: readonly string[]): string[][] {
  const last = parts.length - 1
  const stems = parts.map((w, k) => {
    if (k === last || w.length < 5) return undefined
    return /[^e]e$/.test(w) ? w.slice(0, -1) : /[^e]es$/.test(w) ? w.slice(0, -2) : undefined
  })
  if (!stems.some((s) => s !== undefined)) return []
  const noun = parts[last]!
  const nouns = [
    noun,
    /(?:er|el|e)$/.test(noun) ? `${noun}n` : /(?:s|x|z)$/.test(noun) ? `${noun}es` : `${noun}s`,
  ]
  // Swiss German spells an initial k as "ch" and "eu" as "ü" ("Kreuz" → "Chrüz"): the noun in dialect.
  const dialect = noun.replace(/^k/, 'ch').replace(/eu/g, 'ue')
  if (dialect !== noun) nouns.push(dialect)
  const out: string[][] = []
  // Swiss German adjectives end in -i after an article and drop the e of a participle's -en before it:
  // "di Roti", "d Dargebotni Hand" (Dargebotene).
  for (const ending of ['e', 'en', 'es', 'i', 'syncope'])
    for (const lastWord of nouns) {
      const variant = parts.map((w, k) => {
        const stem = stems[k]
        if (k === last || stem === undefined) return k === last ? lastWord : w
        if (ending !== 'syncope') return stem + ending
        return /[^aeiou]en$/.test(stem) ? `${stem.slice(0, -2)}ni` : stem + 'i'
      })
      if (variant.some((w, k) => w !== parts[k])) out.push(variant)
    }
  return out
}

export function gazetteer(): Gazetteer {
  if (cached) return cached
  const multi: Gazetteer['multi'] = new Map()
  let maxMultiWords = 1
  const addMulti = (value: string, type: 'LOCATION' | 'ORGANIZATION' | 'MEDICATION' | 'PERSON') => {
    const parts = words(value)
    if (parts.length < 2) return false
    const list = multi.get(parts[0]!) ?? []
    list.push({ words: parts, type })
    multi.set(parts[0]!, list)
    maxMultiWords = Math.max(maxMultiWords, parts.length)
    return true
  }
  const singles = (values: readonly string[], type: 'LOCATION' | 'ORGANIZATION' | 'MEDICATION') => {
    const out = new Set<string>()
    for (const value of values) if (!addMulti(value, type)) out.add(fold(value))
    return out
  }
  const acronyms = new Set<string>()
  const organisations = new Set<string>()
  for (const value of organisationsData as string[]) {
    if (NOT_IDENTIFYING_ORGS.has(value.toLowerCase())) continue
    if (addMulti(value, 'ORGANIZATION')) {
      for (const variant of germanInflections(words(value))) {
        const list = multi.get(variant[0]!) ?? []
        list.push({ words: variant, type: 'ORGANIZATION' })
        multi.set(variant[0]!, list)
      }
      continue
    }
    if (/^[\p{Lu}\d&]{2,6}$/u.test(value)) acronyms.add(value)
    else organisations.add(fold(value))
  }
  for (const list of multi.values()) list.sort((a, b) => b.words.length - a.words.length)
  const organisationsByPrefix = new Map<string, string[]>()
  for (const org of organisations) {
    if (org.length < 7) continue
    const list = organisationsByPrefix.get(org.slice(0, 4)) ?? []
    list.push(org)
    organisationsByPrefix.set(org.slice(0, 4), list)
  }
  const orgWords = orgWordsData as { heads: string[]; suffixes: string[] }
  const ambiguous = ambiguousData as {
    words: string[]
    byLanguage?: Record<string, string[]>
    commonCapitalised?: string[]
  }
  const countries = countriesData as { names: string[]; words: Record<'de' | 'en' | 'it' | 'es', string[]> }
  const countryWords = (code: string) => (code in countries.words ? countries.words[code as 'de'] : [])
  const lang = (...codes: string[]) =>
    new Set(
      codes.flatMap((code) => [...(ambiguous.byLanguage?.[code] ?? []), ...countryWords(code)]).map(fold),
    )
  cached = {
    firstNames: new Set((firstNamesData as string[]).map(fold)),
    lastNames: new Set((lastNamesData as string[]).map(fold)),
    // Countries are places too (the consent promises every place is replaced); their names in de/en/it/es/fr.
    places: singles([...(placesData as string[]), ...countries.names], 'LOCATION'),
    countries: new Set(countries.names.filter((n) => !/\s/.test(n)).map(fold)),
    medications: singles(medicationsData as string[], 'MEDICATION'),
    organisations,
    organisationsByPrefix,
    acronyms,
    orgHeads: new Set(orgWords.heads.map(fold)),
    orgSuffixes: new Set(orgWords.suffixes.map((s) => fold(s.replace(/\.$/, '')))),
    multi,
    ambiguous: new Set([...ambiguous.words, ...Object.values(countries.words).flat()].map(fold)),
    ambiguousIn: {
      de: new Set([...lang('de', 'gsw')].filter((w) => !GERMAN_PROPER_NAMES.has(w))),
      en: lang('en'),
      it: lang('it'),
      es: lang('es'),
    },
    common: new Set((ambiguous.commonCapitalised ?? []).map(fold)),
    bareWords: {
      de: new Set(bareWordsData.de),
      en: new Set(bareWordsData.en),
      it: new Set(bareWordsData.it),
      es: new Set(bareWordsData.es),
    },
    maxMultiWords,
  }
  return cached
}
