import { matchesAt, positionsOf, stickyOf } from './anchored'
import type { Gazetteer } from './gazetteer'
import { fold } from './normalize'
import type { Span } from './types'

/**
 * Street addresses and postal code + place. Swiss spelling (Strasse, no ß) first, then the usual forms
 * in French, Italian, Spanish and English. An address is one span from street to town.
 */
const STREET_SUFFIX =
  'strasse|straße|str\\.|weg|gasse|gässli|platz|rain|halde|matte|quai|allee|ring|graben|steig|stutz|hof|acker|' +
  'bühl|wies|wiese|egg|höhe|park|strässli|weid|boden|berg|feld|rank|winkel|promenade|damm'
const CAP = "\\p{Lu}[\\p{L}\\p{M}.'-]*"
const NUMBER = '\\d{1,4}\\s?[a-zA-Z]?(?![\\p{L}\\p{N}])'
const PLZ_PLACE = `(?:CH-|D-|A-|I-|F-|FL-)?\\d{4,5}\\s${CAP}(?:[ -](?:${CAP}|am|an|im|bei|sur|près|de|di)){0,3}`

const STREET = new RegExp(
  `(?:${CAP}(?:${STREET_SUFFIX})(?![\\p{L}])|(?:${CAP}[ -])+(?:Strasse|Weg|Gasse|Platz|Allee|Ring)(?![\\p{L}]))(?:\\s${NUMBER})?(?:,?\\s${PLZ_PLACE})?`,
  'uy',
)
/** Street suffixes as plain text: a cheap scan finds where a street can end, the full pattern runs only there. */
const STREET_ANCHOR = new RegExp(`(?:${STREET_SUFFIX})(?![\\p{L}])`, 'giu')
const STREET_ANCHOR_AT = stickyOf(STREET_ANCHOR)

/**
 * The street suffixes' matches, as `text.matchAll(STREET_ANCHOR)` finds them. A suffix is letters (or
 * "str.") and no letter may follow, so a match ends where a run of letters ends: only those ends are
 * compared with the suffixes (case-insensitively, by the regex's own case classes), and the regex runs
 * only where one fits. A regex that tries 33 words at every position was the slowest part of the address
 * pass. Texts with surrogate pairs take the plain scan.
 */
export function streetAnchors(text: string): Iterable<RegExpExecArray> {
  const length = text.length
  const starts: number[] = []
  let a = 0
  while (a < length) {
    const code = text.charCodeAt(a)
    if (code >= 0xd800 && code <= 0xdfff) return text.matchAll(STREET_ANCHOR)
    if (!isLetter(code)) {
      a++
      continue
    }
    let r = a + 1
    while (r < length) {
      const c = text.charCodeAt(r)
      if (c >= 0xd800 && c <= 0xdfff) return text.matchAll(STREET_ANCHOR)
      if (!isLetter(c)) break
      r++
    }
    let first = -1
    const last = suffixClass(text.charCodeAt(r - 1))
    for (const suffix of last === 0 ? [] : (SUFFIXES_BY_LAST.get(last) ?? [])) {
      const p = r - suffix.classes.length
      if (p < a || (p >= first && first !== -1)) continue
      if (suffix.dot && text.charCodeAt(r) !== 46) continue
      let k = suffix.classes.length - 2
      while (k >= 0 && suffixClass(text.charCodeAt(p + k)) === suffix.classes[k]) k--
      if (k < 0) first = p
    }
    if (first !== -1) starts.push(first, ...range(first + 1, r))
    a = r
  }
  return matchesAt(text, STREET_ANCHOR_AT, starts)
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k)

/** Letters (\p{L}) by code unit: 1 yes, 2 no, 0 not yet known. */
const letterCache = new Uint8Array(65_536)
function isLetter(code: number): boolean {
  let known = letterCache[code]!
  if (known === 0) {
    known = /\p{L}/u.test(String.fromCharCode(code)) ? 1 : 2
    letterCache[code] = known
  }
  return known === 1
}

/** The suffixes' letters by case class under the regex's case-insensitive matching (1-based, 0 = none). */
const SUFFIX_LETTERS: string[] = []
const caseless = new Map<string, RegExp>()
const classCache = new Int16Array(65_536).fill(-1)
function suffixClass(code: number): number {
  let n = classCache[code]!
  if (n === -1) {
    const ch = String.fromCharCode(code)
    n = SUFFIX_LETTERS.findIndex((l) => caseless.get(l)!.test(ch)) + 1
    classCache[code] = n
  }
  return n
}
const SUFFIXES_BY_LAST = new Map<number, { classes: number[]; dot: boolean }[]>()
for (const alternative of STREET_SUFFIX.split('|')) {
  const dot = alternative.endsWith('\\.')
  const letters = dot ? alternative.slice(0, -2) : alternative
  const classes = [...letters].map((letter) => {
    let n = SUFFIX_LETTERS.findIndex((l) => caseless.get(l)!.test(letter)) + 1
    if (n === 0) {
      caseless.set(letter, new RegExp(`^${letter}$`, 'iu'))
      n = SUFFIX_LETTERS.push(letter)
    }
    return n
  })
  const list = SUFFIXES_BY_LAST.get(classes[classes.length - 1]!) ?? []
  list.push({ classes, dot })
  SUFFIXES_BY_LAST.set(classes[classes.length - 1]!, list)
}
const ROMANCE_STREET = new RegExp(
  `(?<![\\p{L}])(?:rue|chemin|avenue|av\\.|route|boulevard|place|via|viale|vicolo|piazza|corso|calle|avenida|av\\.|plaza|paseo|carrer|rua|travessa)\\s(?:(?:de|du|des|la|le|del|della|di|dei|do|da|dos|das)\\s|l')?${CAP}(?:\\s${CAP}){0,3},?\\s${NUMBER}(?:,?\\s${PLZ_PLACE})?`,
  'giu',
)
const ENGLISH_STREET = new RegExp(
  `(?<![\\p{N}])\\d{1,4}[a-z]?\\s(?:${CAP}\\s){1,3}(?:Street|St\\.|Road|Rd\\.|Lane|Avenue|Ave\\.|Close|Drive|Way|Gardens|Crescent|Place|Square|Terrace)\\b(?:,?\\s${CAP}(?:\\s${CAP})?)?`,
  'gu',
)
/**
 * Dictated or chat addresses in lower case, also in dialect: "chilchgass 7 z 5610 wohlen", "bahnhofstrasse 3".
 * Only with a house number; a postal code and place after it join the span.
 */
const LOWER_STREET = new RegExp(
  `(?<![\\p{L}\\p{M}])\\p{Ll}[\\p{L}\\p{M}-]{2,}(?:strasse|str\\.|gasse|gass|strass|weg|wäg|platz|rain|halde|matte|allee|ring)\\s\\d{1,4}[a-z]?(?![\\p{L}\\p{N}])(?!\\s*(?:mal|x|km|m|min|minuten|stunden|std|h|tage|wochen|jahre|prozent|%)(?![\\p{L}]))(?:,?\\s(?:(?:z|in|i)\\s)?\\d{4}\\s\\p{L}+)?`,
  'gu',
)

/** "Gertwies 27, 8476 Unterstammheim": any name + number right before a postal code and place. */
const NAME_NUMBER_BEFORE_PLZ = new RegExp(`(?<![\\p{L}\\p{M}])${CAP}(?:\\s${CAP}){0,2}\\s${NUMBER},\\s$`, 'u')
const PLZ_AT = new RegExp(PLZ_PLACE, 'uy')
const PLZ_ANCHOR = /(?:CH-|D-|A-|I-|F-|FL-)?\d{4,5}\s/g
const ADDRESS_FIELD =
  /(?:^|\n)[ \t]*(?:wohnadresse|adresse|anschrift|address|home address|indirizzo|dirección|domicilio|adresse postale)[ \t]*:[ \t]*([^\n]+)/giu

const ADDRESS_FIELD_AT = stickyOf(ADDRESS_FIELD)

function collect(text: string, re: RegExp, accept?: (m: string) => boolean): Span[] {
  const out: Span[] = []
  for (const m of text.matchAll(re)) {
    const value = m[0].replace(/[.,;:]+$/u, '')
    if (accept && !accept(value)) continue
    out.push({ start: m.index, end: m.index + value.length, type: 'ADDRESS', source: 'address' })
  }
  return out
}

export function addressSpans(text: string, gaz: Gazetteer): Span[] {
  const out: Span[] = []
  // A field starts the text or a line: run there only.
  for (const m of matchesAt(text, ADDRESS_FIELD_AT, [0, ...positionsOf(text, '\n')])) {
    const value = m[1]!.replace(/\s+$/u, '')
    const start = m.index + m[0].length - m[1]!.length
    if (/\d/.test(value)) out.push({ start, end: start + value.length, type: 'ADDRESS', source: 'address' })
  }
  out.push(...streetSpans(text))
  out.push(...collect(text, LOWER_STREET))
  out.push(...collect(text, ROMANCE_STREET))
  out.push(...collect(text, ENGLISH_STREET))
  out.push(...postalSpans(text, gaz))
  return out
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}.'-]/u.test(ch)

function streetSpans(text: string): Span[] {
  const out: Span[] = []
  let floor = 0
  for (const hit of streetAnchors(text)) {
    if (hit.index < floor) continue
    // Candidate starts: the word the suffix ends, and up to two capitalised words before it.
    let start = hit.index
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
      if (!m || from + m[0].length < hit.index + hit[0].length) continue
      const value = m[0].replace(/[.,;:]+$/u, '')
      const word = value.split(/\s/)[0]!
      // Without a number only unmistakable street words count: "Heimweg" and "Parkplatz" are nouns.
      if (!/\d/.test(value) && !/(?:strasse|straße|gasse|quai|allee)$/iu.test(word)) break
      out.push({ start: from, end: from + value.length, type: 'ADDRESS', source: 'address' })
      floor = from + value.length
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
