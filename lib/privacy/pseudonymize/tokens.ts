import { Memo, onForget } from './memo'
import { streetWordFlags } from './addresses'
import { gazetteer } from './gazetteer'
import { fold } from './normalize'
import { gazetteerFlags, MARKER_IN, W, wordFlags } from './word-flags'
import type { Language } from './types'

// Regexes with \p{…} hoisted: the bundle (esbuild, node20) turns such a literal into `new RegExp` at every call.
const LETTERS_ONLY = /^\p{L}+$/u
const STARTS_WITH_NUMBER = /^\p{N}/u

/** Word tokens with their offsets and the layout facts the recognisers read (sentence and line starts). */
export type Token = {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly key: string
  readonly lower: string
  readonly cap: boolean
  readonly caps: boolean
  /** Word lists of `lower` and gazetteers of `key` the word is in (word-flags.ts: W and G bits). */
  readonly lex: number
  /** Written by ruleContext for another gazetteer than the process's. */
  gz: number
  /** The characters between the previous token and this one. */
  readonly gap: string
  readonly sentenceStart: boolean
  readonly lineStart: boolean
  /** The line reads like lowercase speech-to-text: names are not capitalised there either. */
  lowercaseLine: boolean
  /** Memo of the rule layer's "could be a name" test (tokens belong to one call). */
  nameLike?: boolean
}

const SENTENCE_GAP = /[.!?:;…]["'»«”)\]]*\s+["'»«“(\[¿¡-]*$/u
const LIST_ITEM = /(?:^|\n)\s*(?:\d+[.)]|[-*•])\s*$/u

/** Word characters: ASCII by range, the rest by Unicode class, cached per code unit. */
const wordCharCache = new Uint8Array(65_536)
function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
  let known = wordCharCache[c]!
  if (known === 0) {
    known = /[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 2
    wordCharCache[c] = known
  }
  return known === 1
}

/** What a token's spelling alone says, interned per word (bounded): texts repeat their words. */
type Spelling = { key: string; lower: string; cap: boolean; caps: boolean; lex: number; gz: number }
function spellingFacts(word: string): Spelling {
  const lower = word.toLowerCase()
  const cap = word[0]! !== lower[0]
  const key = fold(word)
  return {
    key,
    lower,
    cap,
    caps: cap && word.length >= 2 && word !== lower && word === word.toUpperCase(),
    lex: wordFlags(lower) | (LETTERS_ONLY.test(word) ? W.LETTERS : 0) | streetWordFlags(word),
    gz: gazetteerFlags(key, gazetteer(), lower),
  }
}

/**
 * The interned words, found by a hash the scanner computes as it reads a word and compared in place: a word
 * seen before costs no string slice and no Map lookup (both were a tenth of the scan). Open addressing over a
 * fixed table, cleared when half full (bounded).
 */
const INTERN_SLOTS = 1 << 16
const INTERN_MASK = INTERN_SLOTS - 1
const internSlot = new Int32Array(INTERN_SLOTS).fill(-1)
const internHash: number[] = []
const internWord: string[] = []
const internSpelling: Spelling[] = []
function clearInterned(): void {
  internSlot.fill(-1)
  internHash.length = 0
  internWord.length = 0
  internSpelling.length = 0
}
// The interned words are the texts' words: forgotten with the memos (R10.2).
onForget(clearInterned, () => internWord.length)
function internAt(text: string, start: number, end: number, hash: number): number {
  const length = end - start
  let slot = hash & INTERN_MASK
  for (;;) {
    const index = internSlot[slot]!
    if (index === -1) break
    if (internHash[index] === hash) {
      const word = internWord[index]!
      if (word.length === length) {
        let k = 0
        while (k < length && word.charCodeAt(k) === text.charCodeAt(start + k)) k++
        if (k === length) return index
      }
    }
    slot = (slot + 1) & INTERN_MASK
  }
  if (internWord.length >= INTERN_SLOTS >> 1) {
    clearInterned()
    return internAt(text, start, end, hash)
  }
  const word = text.slice(start, end)
  const index = internWord.length
  internHash.push(hash)
  internWord.push(word)
  internSpelling.push(spellingFacts(word))
  internSlot[slot] = index
  return index
}

/**
 * A token copies its spelling facts from the interned Spelling: the recognisers read them at every step, and
 * plain fields beat getters there (measured; a 400 KB text was no slower for the larger objects).
 */
class WordToken implements Token {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly key: string
  readonly lower: string
  readonly cap: boolean
  readonly caps: boolean
  readonly lex: number
  gz: number
  readonly gap: string
  readonly sentenceStart: boolean
  readonly lineStart: boolean
  lowercaseLine = false
  nameLike: boolean | undefined = undefined
  constructor(
    start: number,
    end: number,
    text: string,
    spelling: Spelling,
    gap: string,
    sentenceStart: boolean,
    lineStart: boolean,
  ) {
    this.start = start
    this.end = end
    this.text = text
    this.key = spelling.key
    this.lower = spelling.lower
    this.cap = spelling.cap
    this.caps = spelling.caps
    this.lex = spelling.lex
    this.gz = spelling.gz
    this.gap = gap
    this.sentenceStart = sentenceStart
    this.lineStart = lineStart
  }
}

/** A gap that ends a sentence (1), may end a list item's number or bullet (2: look at the text), or neither (0). */
const LIST_MARK_END = /[.)*•-]\s*$/u
const gapKinds = new Memo<string, number>(10_000)
function gapKind(gap: string): number {
  let kind = gapKinds.get(gap)
  if (kind === undefined) {
    kind = SENTENCE_GAP.test(gap) ? 1 : LIST_MARK_END.test(gap) ? 2 : 0
    gapKinds.set(gap, kind)
  }
  return kind
}

/** Gaps of one character and the usual two (", ", ". ") as constants: no string per token for them. */
const SINGLE_GAPS: (string | undefined)[] = new Array<string | undefined>(128).fill(undefined)
for (const g of [' ', '\n', '-', "'", '.', ',', '@', '/']) SINGLE_GAPS[g.charCodeAt(0)] = g
function singleGap(text: string, at: number): string {
  const c = text.charCodeAt(at)
  return (c < 128 ? SINGLE_GAPS[c] : undefined) ?? text.slice(at, at + 1)
}
function commonGap(text: string, from: number, to: number): string {
  if (to === from + 2 && text.charCodeAt(from + 1) === 32) {
    const c = text.charCodeAt(from)
    if (c === 44) return ', '
    if (c === 46) return '. '
    if (c === 58) return ': '
    if (c === 59) return '; '
  }
  return text.slice(from, to)
}

/** Words with offsets; a hand-written scanner, because this runs over every character of long transcripts. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  const length = text.length
  let last = 0
  let i = 0
  while (i < length) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++
      continue
    }
    const start = i
    let hash = 0
    for (; i < length; i++) {
      const c = text.charCodeAt(i)
      if (!isWordCode(c)) break
      hash = (Math.imul(hash, 31) + c) | 0
    }
    const interned = internAt(text, start, i, hash)
    const gap =
      start === last ? '' : start === last + 1 ? singleGap(text, last) : commonGap(text, last, start)
    const lineStart = out.length === 0 || (gap.length > 1 && gap.includes('\n')) || gap === '\n'
    // A list item's mark ("1.", "-") is the last non-space character of the gap, so only such gaps look back.
    let sentenceStart = lineStart
    if (!lineStart && gap !== ' ' && gap !== '') {
      const kind = gapKind(gap)
      sentenceStart = kind === 1 || (kind === 2 && LIST_ITEM.test(text.slice(Math.max(0, start - 6), start)))
    }
    out.push(
      new WordToken(
        start,
        i,
        internWord[interned]!,
        internSpelling[interned]!,
        gap,
        sentenceStart,
        lineStart,
      ),
    )
    last = i
  }
  markLowercaseLines(out)
  return out
}

/** A line whose sentences mostly start in lowercase (a speaker label aside) is speech-to-text style. */
function markLowercaseLines(tokens: Token[]) {
  let from = 0
  while (from < tokens.length) {
    let to = from + 1
    while (to < tokens.length && !tokens[to]!.lineStart) to++
    let lower = 0
    let upper = 0
    for (let k = from; k < to; k++) {
      const t = tokens[k]!
      const isLabel = k === from && k + 1 < to && /^\s*:/.test(tokens[k + 1]!.gap)
      if (!t.sentenceStart || isLabel || STARTS_WITH_NUMBER.test(t.text)) continue
      if (t.cap) upper++
      else lower++
    }
    if (lower > 0 && lower >= upper) for (let k = from; k < to; k++) tokens[k]!.lowercaseLine = true
    from = to
  }
}

export function detectLanguage(tokens: Token[]): Language {
  const counts: Record<Language, number> = { de: 0, en: 0, it: 0, es: 0 }
  const limit = Math.min(tokens.length, 600)
  for (let i = 0; i < limit; i++) {
    const { lex } = tokens[i]!
    if (lex & MARKER_IN.de) counts.de++
    if (lex & MARKER_IN.en) counts.en++
    if (lex & MARKER_IN.it) counts.it++
    if (lex & MARKER_IN.es) counts.es++
  }
  return (Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] as Language) ?? 'de'
}

/** The index of the token starting at `at`, or -1. */
export function tokenStartingAt(tokens: readonly Token[], at: number): number {
  let lo = 0
  let hi = tokens.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = tokens[mid]!.start
    if (s === at) return mid
    if (s < at) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}
