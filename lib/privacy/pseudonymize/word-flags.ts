import type { Gazetteer } from './gazetteer'
import {
  DETERMINERS,
  DETERMINERS_IN,
  LANGUAGE_MARKERS,
  NEVER_NAMES,
  PLACE_PREPOSITIONS,
  RELATIONS,
  ROLE_LABELS,
  TITLE_FILLERS,
  TITLES,
} from './lexicon'
import { anyNumberWord, compoundNumber, gluedDigits, hundredsWord, mayBeNumberWord } from './number-words'
import type { Language } from './types'

/**
 * Which word lists a token's spelling is in, as bits: computed once per distinct word (tokens.ts interns
 * spellings across calls) instead of a set lookup per token in every recogniser. `W` is read from the
 * lower-case form, `G` from the folded key in the gazetteers.
 */
export const W = {
  NEVER: 1 << 0,
  ROLE: 1 << 1,
  RELATION: 1 << 2,
  TITLE: 1 << 3,
  TITLE_FILLER: 1 << 4,
  DETERMINER: 1 << 5,
  PLACE_PREPOSITION: 1 << 6,
  /** Determiners, place prepositions and every language's marker words. */
  FUNCTION: 1 << 7,
  DET_DE: 1 << 8,
  DET_EN: 1 << 9,
  DET_IT: 1 << 10,
  DET_ES: 1 << 11,
  MARKER_DE: 1 << 12,
  MARKER_EN: 1 << 13,
  MARKER_IT: 1 << 14,
  MARKER_ES: 1 << 15,
  /** "und", "and", "e", "y", "oder", "or", "o", "u" (person-links). */
  COORDINATOR: 1 << 16,
  /** The word as written is letters only (/^\p{L}+$/u; set by tokens.ts, which has the original). */
  LETTERS: 1 << 17,
  /** Long enough and with the initial a number word can have (number-words.ts `anyNumberWord`). */
  NUMBER_INITIAL: 1 << 18,
  /** The word as written may hold a street suffix (addresses.ts `streetWordFlags`; set by tokens.ts). */
  STREET_WORD: 1 << 19,
  /** The word as written may end in a Romance street word (addresses.ts `streetWordFlags`). */
  ROMANCE_WORD: 1 << 20,
  /** A number word `dictatedNumbers` starts a run with (its test, once per word instead of once per token). */
  NUMBER_START: 1 << 21,
  /** A number word `numberElement` continues a run with (its word tests, once per word). */
  NUMBER_ELEMENT: 1 << 22,
} as const

const COORDINATORS = new Set(['und', 'and', 'e', 'y', 'oder', 'or', 'o', 'u'])

export const DETERMINER_IN: Record<Language, number> = {
  de: W.DET_DE,
  en: W.DET_EN,
  it: W.DET_IT,
  es: W.DET_ES,
}
export const MARKER_IN: Record<Language, number> = {
  de: W.MARKER_DE,
  en: W.MARKER_EN,
  it: W.MARKER_IT,
  es: W.MARKER_ES,
}

export const G = {
  FIRST: 1 << 0,
  LAST: 1 << 1,
  NAME: (1 << 0) | (1 << 1),
  PLACE: 1 << 2,
  COMMON: 1 << 3,
  AMBIGUOUS: 1 << 4,
  AMB_DE: 1 << 5,
  AMB_EN: 1 << 6,
  AMB_IT: 1 << 7,
  AMB_ES: 1 << 8,
  MEDICATION: 1 << 9,
  ORGANISATION: 1 << 10,
  /** First word of a multi-word gazetteer entry (gaz.multi): the phrase scan looks up only these. */
  PHRASE_START: 1 << 11,
} as const

export const AMBIGUOUS_IN: Record<Language, number> = {
  de: G.AMB_DE,
  en: G.AMB_EN,
  it: G.AMB_IT,
  es: G.AMB_ES,
}

const LANGUAGES = ['de', 'en', 'it', 'es'] as const

export function wordFlags(lower: string): number {
  let flags = 0
  // A genitive of such a word is no name either: "von Mamis Hochzeit", "Omas Garten".
  if (NEVER_NAMES.has(lower) || (lower.endsWith('s') && NEVER_NAMES.has(lower.slice(0, -1)))) flags |= W.NEVER
  if (ROLE_LABELS.has(lower)) flags |= W.ROLE
  if (RELATIONS.has(lower)) flags |= W.RELATION
  if (TITLES.has(lower)) flags |= W.TITLE
  if (TITLE_FILLERS.has(lower)) flags |= W.TITLE_FILLER
  if (DETERMINERS.has(lower)) flags |= W.DETERMINER | W.FUNCTION
  if (PLACE_PREPOSITIONS.has(lower)) flags |= W.PLACE_PREPOSITION | W.FUNCTION
  for (const language of LANGUAGES) {
    if (DETERMINERS_IN[language].has(lower)) flags |= DETERMINER_IN[language]
    if (LANGUAGE_MARKERS[language].has(lower)) flags |= MARKER_IN[language] | W.FUNCTION
  }
  if (COORDINATORS.has(lower)) flags |= W.COORDINATOR
  if (mayBeNumberWord(lower)) flags |= W.NUMBER_INITIAL
  // (Whether anyNumberWord has a value does not depend on the language: it tries all four.)
  const number = anyNumberWord(lower, 'de') !== undefined || hundredsWord(lower) !== undefined
  const compound = compoundNumber(lower) !== undefined
  const glued = gluedDigits(lower) !== undefined
  if (((flags & W.NUMBER_INITIAL) !== 0 && (number || glued)) || compound) flags |= W.NUMBER_START
  if (number || compound || glued) flags |= W.NUMBER_ELEMENT
  return flags
}

/**
 * The gazetteer bits of a folded key. With `lower` (the word as written, in lower case) a name listed only with
 * marks counts as the word its bare spelling is where the text writes it bare: "Bach" (Bách), not "Bách".
 */
export function gazetteerFlags(key: string, gaz: Gazetteer, lower?: string): number {
  let flags = 0
  if (lower === key)
    for (const language of LANGUAGES)
      if (gaz.bareWords[language].has(key)) flags |= AMBIGUOUS_IN[language] | G.AMBIGUOUS
  if (gaz.firstNames.has(key)) flags |= G.FIRST
  if (gaz.lastNames.has(key)) flags |= G.LAST
  if (gaz.places.has(key)) flags |= G.PLACE
  if (gaz.common.has(key)) flags |= G.COMMON
  if (gaz.ambiguous.has(key)) flags |= G.AMBIGUOUS
  for (const language of LANGUAGES) if (gaz.ambiguousIn[language].has(key)) flags |= AMBIGUOUS_IN[language]
  if (gaz.medications.has(key)) flags |= G.MEDICATION
  if (gaz.organisations.has(key)) flags |= G.ORGANISATION
  if (gaz.multi.has(key)) flags |= G.PHRASE_START
  return flags
}

/** The token's lower-case form is in one of the word lists `bits` (W) names. */
export const lexIs = (t: { lex: number }, bits: number) => (t.lex & bits) !== 0
/** The token's folded key is in one of the gazetteers `bits` (G) names. */
export const gazIs = (t: { gz: number }, bits: number) => (t.gz & bits) !== 0
