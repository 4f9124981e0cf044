import culture from './data/culture-words.json'
import idioms from './data/idioms.json'
import type { Token } from './tokens'
import { Memo } from './memo'
import { W } from './word-flags'

/**
 * Fixed expressions, proverbial and fictional figures and products that look like names ("den Schwarzen
 * Peter", "Murphy's Law", "l'uovo di Colombo", "Ratoncito Pérez", "Earl Grey"): content, never an
 * identifier. A small hand-written lexicon (data/idioms.json, see data/README.md); what it covers is
 * protected from every inferred span, while known names from the database are still replaced.
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** German adjectives inflect: "Schwarzer Peter", "den Schwarzen Peter", "dr schwarz peter". */
function germanWord(word: string, last: boolean): string {
  if (last || word.length <= 5 || !/^\p{L}+$/u.test(word)) return escape(word)
  const stem = word.replace(/(?:er|en|es|em|e)$/u, '')
  return `${escape(stem)}(?:e|er|en|es|em)?`
}

function phrase(entry: string, german: boolean): string {
  const words = entry.split(/\s+/)
  return words
    .map((w, k) => (german ? germanWord(w, k === words.length - 1) : escape(w)))
    .join('\\s+')
    .replace(/'/g, "['’]?")
}

type Matcher = {
  /** The phrases' patterns, longest first (the order of the one alternation they stand for). */
  parts: string[]
  /** The letters phrases open with, one per case-insensitive class; a class's number is its index + 1. */
  letters: string[]
  /** Per letter run of one, two or three letters: the patterns that start with it. */
  byPrefix: Map<number, number[]>
  /**
   * By the letters read at a position (their classes as digits of base letters + 1, 0 for unread): a sticky
   * regex over the patterns they allow, null for none, undefined until first asked. An array, as a lookup
   * at every word start was a fifth of the search.
   */
  sticky: (RegExp | null | undefined)[]
  /** The same per slot without the lookarounds (see `expressionAt`). */
  bare: (RegExp | null | undefined)[]
}

const LETTERS_SEEN = 3

let cached: Matcher | undefined
function matcher(): Matcher {
  if (cached) return cached
  const unique = new Set<string>()
  for (const entry of idioms.de) unique.add(phrase(entry, true))
  for (const entry of [...idioms.en, ...idioms.it, ...idioms.es]) unique.add(phrase(entry, false))
  // Feasts, wines, folk figures, language and dialect names, dishes (data/culture-words.json): the same protection.
  for (const entry of culture.de) unique.add(phrase(entry, true))
  for (const entry of [...culture.en, ...culture.it, ...culture.es]) unique.add(phrase(entry, false))
  // Longest first, so the whole expression wins over a shorter entry inside it.
  const parts = [...unique].sort((a, b) => b.length - a.length)
  const letters: string[] = []
  const byPrefix = new Map<number, number[]>()
  parts.forEach((part, index) => {
    // The literal letters a pattern opens with (every entry starts with a letter; an escape, a group or
    // a quote ends the run).
    let key = 0
    let k = 0
    for (; k < LETTERS_SEEN && k < part.length && /\p{L}/u.test(part[k]!); k++) {
      const letter = part[k]!
      let n = letters.findIndex((l) => caseless(l).test(letter)) + 1
      if (n === 0) n = letters.push(letter)
      key = key * 256 + n
    }
    if (k === 0) throw new Error(`idiom pattern without a leading letter: ${part}`)
    const list = byPrefix.get(key * 4 + k) ?? []
    list.push(index)
    byPrefix.set(key * 4 + k, list)
  })
  if (letters.length > 255) throw new Error('too many idiom letters for the prefix key')
  cached = {
    parts,
    letters,
    byPrefix,
    sticky: new Array<RegExp | null | undefined>((letters.length + 1) ** 3).fill(undefined),
    bare: new Array<RegExp | null | undefined>((letters.length + 1) ** 3).fill(undefined),
  }
  return cached
}

/** The patterns, longest first: one global match of their alternation is what `idiomRanges` finds (for tests). */
export const idiomPatterns = (): readonly string[] => matcher().parts

const caselessCache = new Memo<string, RegExp>(10_000)
function caseless(letter: string): RegExp {
  let re = caselessCache.get(letter)
  if (!re) {
    re = new RegExp(`^${letter}$`, 'iu')
    caselessCache.set(letter, re)
  }
  return re
}

/** Which pattern letter a code unit matches under the alternation's case-insensitive (iu) matching. */
const letterOf = new Int16Array(65_536).fill(-1)
function letterIndex(m: Matcher, code: number): number {
  let n = letterOf[code]!
  if (n === -1) {
    const ch = String.fromCharCode(code)
    n = m.letters.findIndex((l) => caseless(l).test(ch)) + 1
    letterOf[code] = n
  }
  return n
}

/** The alternation of the patterns some opening letters allow, in their original order; null for none. */
function alternationFor(m: Matcher, key: number, read: number): string | null {
  const indices: number[] = []
  for (let k = 1; k <= read; k++) {
    const list = m.byPrefix.get(Math.floor(key / 256 ** (read - k)) * 4 + k)
    if (list) indices.push(...list)
  }
  indices.sort((a, b) => a - b)
  return indices.length ? indices.map((i) => m.parts[i]).join('|') : null
}

/**
 * A sticky, case-insensitive regex by its source: many slots allow the same patterns (all those after one opening
 * letter whose other letters open no pattern, say), and each compile costs more than most searches.
 */
function compiled(source: string): RegExp {
  let re = compiledBySource.get(source)
  if (!re) re = compiledBySource.set(source, new RegExp(source, 'iuy'))
  return re
}
const compiledBySource = new Memo<string, RegExp>(20_000)

/** A sticky regex over the patterns some opening letters allow, not after or before a letter or mark. */
function stickyFor(m: Matcher, key: number, read: number, slot: number): RegExp | null {
  let re = m.sticky[slot]
  if (re === undefined) {
    const alternation = alternationFor(m, key, read)
    re = alternation === null ? null : compiled(`(?<![\\p{L}\\p{M}])(?:${alternation})(?![\\p{L}\\p{M}])`)
    m.sticky[slot] = re
  }
  return re
}

/**
 * The same without the lookarounds. Compiling `[\p{L}\p{M}]` case-insensitively costs milliseconds per regex, and
 * real texts keep meeting new opening letters: the compiles were most of the idiom search and a tenth of the time
 * of a short text. The lookarounds are checked outside instead (`expressionAt`).
 */
function bareFor(m: Matcher, key: number, read: number, slot: number): RegExp | null {
  let re = m.bare[slot]
  if (re === undefined) {
    const alternation = alternationFor(m, key, read)
    re = alternation === null ? null : compiled(`(?:${alternation})`)
    m.bare[slot] = re
  }
  return re
}

/** Letters and marks (what the lookbehind excludes), by code unit: 1 yes, 2 no, 0 not yet known. */
const letterOrMark = new Uint8Array(65_536)
function isLetterOrMark(code: number): boolean {
  let known = letterOrMark[code]!
  if (known === 0) {
    known = /[\p{L}\p{M}]/u.test(String.fromCharCode(code)) ? 1 : 2
    letterOrMark[code] = known
  }
  return known === 1
}

/** The end of a fixed expression starting at `p`, or -1 (the letters read decide which patterns are tried). */
function expressionAt(m: Matcher, text: string, p: number, base: number): number {
  const first = letterIndex(m, text.charCodeAt(p))
  if (first === 0) return -1
  // The lookbehind decides exactly; this only skips the middle of words cheaply (not after a surrogate).
  let afterSurrogate = false
  if (p > 0) {
    const before = text.charCodeAt(p - 1)
    afterSurrogate = before >= 0xd800 && before <= 0xdfff
    if (!afterSurrogate && isLetterOrMark(before)) return -1
  }
  const length = text.length
  let key = first
  let slot = first
  let read = 1
  while (read < LETTERS_SEEN && p + read < length) {
    const n = letterIndex(m, text.charCodeAt(p + read))
    if (n === 0) break
    key = key * 256 + n
    slot = slot * base + n
    read++
  }
  for (let k = read; k < LETTERS_SEEN; k++) slot *= base
  if (!afterSurrogate) {
    // Not after a letter or mark (checked above): the lookbehind holds. Without the lookahead the alternation
    // finds the same match as with it whenever no letter or mark follows that match (both try the same paths in
    // the same order, and the first to get through is that one); where one follows, or a surrogate whose code
    // point may be one, the regex with the lookarounds decides (it goes on to other paths).
    const bare = bareFor(m, key, read, slot)
    if (!bare) return -1
    bare.lastIndex = p
    const hit = bare.exec(text)
    if (!hit) return -1
    const end = p + hit[0].length
    const after = text.charCodeAt(end)
    if (end === length || ((after < 0xd800 || after > 0xdfff) && !isLetterOrMark(after))) return end
  }
  const re = stickyFor(m, key, read, slot)
  if (!re) return -1
  re.lastIndex = p
  const hit = re.exec(text)
  return hit ? p + hit[0].length : -1
}

/**
 * Character ranges of fixed expressions in the text: the same as one global match of the whole
 * alternation, but the alternation runs only where a phrase's first letters stand, and only over the
 * phrases that start with them (hundreds of alternatives tried at every position were a tenth of the time).
 * Given the text's tokens, only the places a phrase can start are visited: a letters-only token's first
 * character (inside it a letter follows a letter), every character of other tokens (a letter after a digit
 * may start one). Every letter is in a token, so nothing is missed.
 */
export function idiomRanges(text: string, tokens?: readonly Token[]): { start: number; end: number }[] {
  const m = matcher()
  const out: { start: number; end: number }[] = []
  if (!tokens) {
    scanRange(m, text, 0, text.length, 0, out)
    return out
  }
  let floor = 0
  for (const t of tokens)
    floor = scanRange(m, text, t.start, t.lex & W.LETTERS ? t.start + 1 : t.end, floor, out)
  return out
}

/** Expressions starting in [from, to), none before `floor` (the end of the last one); returns the new floor. */
function scanRange(
  m: ReturnType<typeof matcher>,
  text: string,
  from: number,
  to: number,
  floor: number,
  out: { start: number; end: number }[],
): number {
  const base = m.letters.length + 1
  for (let p = Math.max(from, floor); p < to; p++) {
    const end = expressionAt(m, text, p, base)
    if (end === -1) continue
    out.push({ start: p, end })
    floor = end
    p = end - 1
  }
  return floor
}
