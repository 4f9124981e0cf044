import type { Gazetteer } from './gazetteer'
import { fold } from './normalize'
import type { Token } from './tokens'
import type { Span } from './types'
import { wordInfo } from './dictionary'
import { GENERIC_STREET_FRONT } from './lexicon'
import { W } from './word-flags'

/**
 * Street addresses and postal code + place. Swiss spelling (Strasse, no ß) first, then the usual forms
 * in French, Italian, Spanish and English. An address is one span from street to town.
 */
const STREET_SUFFIX =
  'strasse|straße|str\\.|weg|gasse|gässli|platz|rain|halde|matte|quai|allee|ring|graben|steig|stutz|hof|acker|' +
  'bühl|wies|wiese|egg|höhe|park|strässli|weid|boden|berg|feld|rank|winkel|promenade|damm|' +
  // Swiss German spellings: "Multergass", "Zürcherstrass", Lucerne "Pilatusstross", Basel "Baslerstrooss".
  'strass|stross|strooss|gass'
const CAP = "\\p{Lu}[\\p{L}\\p{M}.'-]*"
const NUMBER = '\\d{1,4}\\s?[a-zA-Z]?(?![\\p{L}\\p{N}])'
// The town's words: a full stop only after a saint's abbreviation ("9000 St. Gallen", "1450 Ste-Croix"); after
// any other word it ends the sentence ("8500 Frauenfeld. Am Dunschtig …" is no three-word town).
const TOWN_WORD = "(?:(?:St|Ste|Sta|S)\\.\\s?)?\\p{Lu}[\\p{L}\\p{M}'-]*"
const PLZ_PLACE = `(?:CH-|D-|A-|I-|F-|FL-)?\\d{4,5}\\s${TOWN_WORD}(?:[ -](?:${TOWN_WORD}|am|an|im|bei|sur|près|de|di)){0,3}`

const STREET = new RegExp(
  `(?:${CAP}(?:${STREET_SUFFIX})(?![\\p{L}])|(?:${CAP}[ -])+(?:Strasse|Weg|Gasse|Platz|Allee|Ring)(?![\\p{L}]))(?:\\s${NUMBER})?(?:,?\\s${PLZ_PLACE})?`,
  'uy',
)
/**
 * The same alternatives grouped by their first letter, order kept within each group: "s(?:trasse|…)|w(?:eg|…)".
 * The engine tries every alternative at every position of the text; grouped, one letter test rules out most of
 * them (half the time of the whole-text scan). No two groups can match at the same place (their first letters
 * differ, also case-folded), so the matches are the same as with the flat list.
 */
function byFirstLetter(alternatives: string): string {
  const groups = new Map<string, string[]>()
  for (const word of alternatives.split('|')) {
    const rest = groups.get(word[0]!) ?? []
    rest.push(word.slice(1))
    groups.set(word[0]!, rest)
  }
  return [...groups].map(([first, rest]) => `${first}(?:${rest.join('|')})`).join('|')
}

/**
 * Street suffixes as plain text: where a street can end; the full pattern runs only there. Scanned within the
 * tokens that can hold one (W.STREET_WORD, found once per spelling by `streetWordFlags`) instead of over
 * the whole text: the suffix's letters lie inside one token, and the lookahead is checked again in the text.
 */
export const STREET_ANCHOR = new RegExp(`(?:${byFirstLetter(STREET_SUFFIX)})(?![\\p{L}])`, 'giu')
const STREET_IN_WORD = new RegExp(STREET_ANCHOR.source, 'iu')
/** "Bahnhofstr.": the dot lies outside the token. */
const STR_END = /str$/iu
const NOT_LETTER_AT = /(?![\p{L}])/uy

/**
 * The street facts of a word as written (W bits, once per spelling in tokens.ts): STREET_WORD, it has a
 * street suffix before a non-letter or ends in "str" (for "str."); ROMANCE_WORD, it ends in a Romance street
 * word ("via", "3rue", "av" for "av.") after no letter.
 */
export function streetWordFlags(word: string): number {
  return (
    (STREET_IN_WORD.test(word) || STR_END.test(word) ? W.STREET_WORD : 0) |
    (ROMANCE_END.test(word) ? W.ROMANCE_WORD : 0)
  )
}

const notLetterAt = (text: string, at: number) => {
  NOT_LETTER_AT.lastIndex = at
  return NOT_LETTER_AT.test(text)
}

/** STREET_ANCHOR's matches in the text, in order, as [start, end] pairs, found within the candidate tokens. */
export function streetAnchors(text: string, tokens: readonly Token[]): number[] {
  const out: number[] = []
  for (const t of tokens) {
    if ((t.lex & W.STREET_WORD) === 0) continue
    const word = t.text
    for (const m of word.matchAll(STREET_ANCHOR)) {
      const end = m.index + m[0].length
      // At the token's end the text goes on: an astral letter (no token character) fails the lookahead there.
      if (end === word.length && !notLetterAt(text, t.end)) continue
      out.push(t.start + m.index, t.start + end)
    }
    if (text.charCodeAt(t.end) === 46 && STR_END.test(word) && notLetterAt(text, t.end + 1))
      out.push(t.end - 3, t.end + 1)
  }
  return out
}
const ROMANCE_WORDS =
  'rue|chemin|avenue|av\\.|route|boulevard|place|via|viale|vicolo|piazza|corso|calle|avenida|av\\.|plaza|paseo|carrer|rua|travessa'
export const ROMANCE_STREET = new RegExp(
  `(?<![\\p{L}])(?:${byFirstLetter(ROMANCE_WORDS)})\\s(?:(?:de|du|des|la|le|del|della|di|dei|do|da|dos|das)\\s|l')?${CAP}(?:\\s${CAP}){0,3},?\\s${NUMBER}(?:,?\\s${PLZ_PLACE})?`,
  'giu',
)
/**
 * ROMANCE_STREET's word ends at a space or the dot of "av.", so at a token's end: the pattern runs (sticky)
 * only from such tokens instead of at every position of the text.
 */
const ROMANCE_AT = new RegExp(ROMANCE_STREET.source, 'iuy')
const ROMANCE_END = new RegExp(`(?<![\\p{L}])(?:${ROMANCE_WORDS.replace(/\\\./g, '')})$`, 'iu')

/** The same spans as `collect(text, ROMANCE_STREET)`. */
export function romanceStreetSpans(text: string, tokens: readonly Token[]): Span[] {
  const out: Span[] = []
  let floor = 0
  for (const t of tokens) {
    if ((t.lex & W.ROMANCE_WORD) === 0) continue
    const word = ROMANCE_END.exec(t.text)
    if (!word) continue
    const start = t.end - word[0].length
    if (start < floor) continue
    ROMANCE_AT.lastIndex = start
    const m = ROMANCE_AT.exec(text)
    if (!m) continue
    floor = start + m[0].length
    const value = m[0].replace(/[.,;:]+$/u, '')
    out.push({ start, end: start + value.length, type: 'ADDRESS', source: 'address' })
  }
  return out
}

const ENGLISH_STREET = new RegExp(
  `(?<![\\p{N}])\\d{1,4}[a-z]?\\s(?:${CAP}\\s){1,3}(?:Street|St\\.|Road|Rd\\.|Lane|Avenue|Ave\\.|Close|Drive|Way|Gardens|Crescent|Place|Square|Terrace)\\b(?:,?\\s${CAP}(?:\\s${CAP})?)?`,
  'gu',
)
/**
 * English chat in lower case: "14 marsh lane, eastwick". Only street words that are no everyday noun after a
 * number ("a 10 minute drive", "one way", "2 close friends" stay), the words between are no units or function
 * words, and the town after a comma is one word that is no function word.
 */
const EN_LOWER_STOP =
  'the|a|an|and|or|but|so|to|of|in|on|at|by|for|with|from|my|our|your|his|her|their|its|more|minute|minutes|' +
  'min|mile|miles|hour|hours|km|metre|metres|meter|meters|yard|yards|foot|feet|lane|lanes|way|ways|year|years|day|days'
const LOWER_ENGLISH_STREET = new RegExp(
  `(?<![\\p{L}\\p{N}])\\d{1,4}[a-z]?\\s(?:(?!(?:${EN_LOWER_STOP})\\s)\\p{Ll}{3,}\\s){1,2}(?:street|road|lane|avenue|crescent|terrace|gardens|grove)(?![\\p{L}])(?:,\\s(?!(?:${EN_LOWER_STOP}|which|where|who|that|then|i|we|it|is|was|near|next|not|just)(?![\\p{L}]))\\p{Ll}{3,}(?![\\p{L}]))?`,
  'gu',
)

/**
 * Dictated or chat addresses in lower case, also in dialect: "chilchgass 7 z 5610 wohlen", "bahnhofstrasse 3".
 * Only with a house number; a postal code and place after it join the span.
 */
const LOWER_STREET = new RegExp(
  `(?<![\\p{L}\\p{M}])\\p{Ll}[\\p{L}\\p{M}-]{2,}(?:strasse|str\\.|gasse|gass|strass|stross|strooss|weg|wäg|platz|rain|halde|matte|allee|ring)\\s\\d{1,4}[a-z]?(?![\\p{L}\\p{N}])(?!\\s*(?:mal|x|km|m|min|minuten|stunden|std|h|tage|wochen|jahre|prozent|%)(?![\\p{L}]))(?:,?\\s(?:(?:z|in|i)\\s)?\\d{4}\\s\\p{L}+)?`,
  'gu',
)
const LOWER_STREET_AT = new RegExp(LOWER_STREET.source, 'uy')
/** What every LOWER_STREET match ends its words with (a street word, a space, a digit): the cheap scan. */
const LOWER_STREET_ANCHOR = new RegExp(
  `(?:${byFirstLetter('strasse|str\\.|gasse|gass|strass|stross|strooss|weg|wäg|platz|rain|halde|matte|allee|ring')})\\s\\d`,
  'g',
)

/** "Gertwies 27, 8476 Unterstammheim": any name + number right before a postal code and place. */
const NAME_NUMBER_BEFORE_PLZ = new RegExp(`(?<![\\p{L}\\p{M}])${CAP}(?:\\s${CAP}){0,2}\\s${NUMBER},\\s$`, 'u')
const PLZ_AT = new RegExp(PLZ_PLACE, 'uy')
const PLZ_ANCHOR = /(?:CH-|D-|A-|I-|F-|FL-)?\d{4,5}\s/g
const ADDRESS_FIELD =
  /(?:^|\n)[ \t]*(?:wohnadresse|adresse|anschrift|address|home address|indirizzo|dirección|domicilio|adresse postale)[ \t]*:[ \t]*([^\n]+)/giu

function collect(text: string, re: RegExp, accept?: (m: string) => boolean): Span[] {
  const out: Span[] = []
  for (const m of text.matchAll(re)) {
    const value = m[0].replace(/[.,;:]+$/u, '')
    if (accept && !accept(value)) continue
    out.push({ start: m.index, end: m.index + value.length, type: 'ADDRESS', source: 'address' })
  }
  return out
}

export function addressSpans(text: string, tokens: readonly Token[], gaz: Gazetteer): Span[] {
  const out: Span[] = []
  for (const m of text.matchAll(ADDRESS_FIELD)) {
    const value = m[1]!.replace(/\s+$/u, '')
    const start = m.index + m[0].length - m[1]!.length
    if (/\d/.test(value)) out.push({ start, end: start + value.length, type: 'ADDRESS', source: 'address' })
  }
  out.push(...streetSpans(text, tokens))
  out.push(...lowerStreetSpans(text))
  out.push(...romanceStreetSpans(text, tokens))
  out.push(...collect(text, ENGLISH_STREET))
  out.push(...collect(text, LOWER_ENGLISH_STREET))
  out.push(...postalSpans(text, gaz))
  return out
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}.'-]/u.test(ch)

function streetSpans(text: string, tokens: readonly Token[]): Span[] {
  const out: Span[] = []
  let floor = 0
  const anchors = streetAnchors(text, tokens)
  for (let a = 0; a < anchors.length; a += 2) {
    const hitIndex = anchors[a]!
    const hitEnd = anchors[a + 1]!
    if (hitIndex < floor) continue
    // Candidate starts: the word the suffix ends, and up to two capitalised words before it.
    let start = hitIndex
    while (start > floor && isWordChar(text[start - 1])) start--
    const starts = [start]
    for (let k = 0; k < 2; k++) {
      let prev = starts[starts.length - 1]! - 1
      if (prev <= floor || !/[ -]/.test(text[prev]!)) break
      while (prev > floor && isWordChar(text[prev - 1])) prev--
      if (!/\p{Lu}/u.test(text[prev] ?? '')) break
      starts.push(prev)
    }
    for (const from of starts.reverse()) {
      if (!/\p{Lu}/u.test(text[from] ?? '') || (from > 0 && /[\p{L}\p{M}]/u.test(text[from - 1]!))) continue
      STREET.lastIndex = from
      const m = STREET.exec(text)
      if (!m || from + m[0].length < hitEnd) continue
      const value = m[0].replace(/[.,;:]+$/u, '')
      const word = value.split(/\s/)[0]!
      // Without a number only unmistakable street words count: "Heimweg" and "Parkplatz" are nouns.
      if (!/\d/.test(value) && !/(?:strasse|straße|gasse|quai|allee)$/iu.test(word)) break
      // … and not the kinds of road ("eine Einbahnstrasse", "in der Sackgasse"): a dictionary noun or a generic front.
      if (!/\d/.test(value) && !value.includes(' ') && genericStreet(word)) break
      out.push({ start: from, end: from + value.length, type: 'ADDRESS', source: 'address' })
      floor = from + value.length
      break
    }
  }
  return out
}

/** A street word that names a kind of road: a dictionary noun ("Sackgasse") or a generic first part ("Einbahn-"). */
function genericStreet(word: string): boolean {
  const m = /^(.+?)(?:strasse|straße|gasse)$/iu.exec(word)
  if (m && GENERIC_STREET_FRONT.test(m[1]!.toLowerCase())) return true
  return wordInfo('de', word).noun
}

/**
 * LOWER_STREET's matches, found from where a street word meets a house number instead of trying the whole
 * pattern at every word. A match's words run without a space up to the street word, so its start lies in the
 * word run before that anchor: those starts are tried in order, as the global scan would.
 */
function lowerStreetSpans(text: string): Span[] {
  const out: Span[] = []
  let floor = 0
  for (const hit of text.matchAll(LOWER_STREET_ANCHOR)) {
    const end = hit.index + hit[0].length - 2
    if (end < floor) continue
    let from = end
    if (text[from - 1] === '.') from--
    while (from > floor && /[\p{L}\p{M}-]/u.test(text[from - 1]!)) from--
    for (let p = from; p < end; p++) {
      if (!/\p{Ll}/u.test(text[p]!) || (p > 0 && /[\p{L}\p{M}]/u.test(text[p - 1]!))) continue
      LOWER_STREET_AT.lastIndex = p
      const m = LOWER_STREET_AT.exec(text)
      if (!m) continue
      const value = m[0].replace(/[.,;:]+$/u, '')
      out.push({ start: p, end: p + value.length, type: 'ADDRESS', source: 'address' })
      floor = p + m[0].length
      break
    }
  }
  return out
}

/** Postal code + place (alone only before a known place or with a country prefix), and "Name 12, PLZ Ort". */
function postalSpans(text: string, gaz: Gazetteer): Span[] {
  const out: Span[] = []
  for (const hit of text.matchAll(PLZ_ANCHOR)) {
    const before = text[hit.index - 1]
    if (before !== undefined && /[\p{L}\p{N}.']/u.test(before)) continue
    PLZ_AT.lastIndex = hit.index
    const m = PLZ_AT.exec(text)
    if (!m) continue
    const plz = m[0].replace(/[.,;:]+$/u, '')
    const end = hit.index + plz.length
    const lead = NAME_NUMBER_BEFORE_PLZ.exec(text.slice(Math.max(0, hit.index - 80), hit.index))
    if (lead) {
      out.push({ start: hit.index - lead[0].length, end, type: 'ADDRESS', source: 'address' })
      continue
    }
    // 4 digits are too often a year or an amount: a postal code alone needs a known place or a prefix.
    const place = plz.replace(/^\S+\s/, '')
    const firstWord = fold(place.split(/[ -]/)[0]!)
    if (
      /^(CH|D|A|I|F|FL)-/.test(plz) ||
      gaz.places.has(fold(place)) ||
      gaz.places.has(firstWord) ||
      gaz.multi.has(firstWord)
    )
      out.push({ start: hit.index, end, type: 'ADDRESS', source: 'address' })
  }
  return out
}
