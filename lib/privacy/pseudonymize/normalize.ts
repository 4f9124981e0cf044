import { Memo } from './memo'

/**
 * Folding for lookups and mapping keys: case, umlauts (ü = ue), accents and ß. Two spellings of the same
 * name fold to the same key, so "Müller", "Mueller" and "MÜLLER" get one placeholder.
 */
export function fold(value: string): string {
  // ASCII has no umlauts, ß or marks: lower case is the whole fold (most words of a text).
  let ascii = true
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 127) {
      ascii = false
      break
    }
  }
  if (ascii) return value.toLowerCase()
  return foldCache.get(value) ?? foldCache.set(value, foldSlow(value))
}

// Regexes with \p{…} hoisted: the bundle (esbuild, node20) turns such a literal into `new RegExp` at every call.
const MARKS = /\p{M}/gu

/** Folded forms of non-ASCII words recur within and across texts (bounded). */
const foldCache = new Memo<string, string>(50_000)

function foldSlow(value: string): string {
  return value
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(MARKS, '')
}

/**
 * Same-length normalisation for scanning: typographic apostrophes, dashes and no-break spaces become
 * their ASCII forms so one rule covers them; offsets into the original stay valid.
 */
export function scanForm(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
}

export const isUpperInitial = (word: string) => /^\p{Lu}/u.test(word)
export const isAllCaps = (word: string) =>
  word.length >= 2 && /^[\p{Lu}\p{N}]+$/u.test(word) && /\p{Lu}/u.test(word)

export function levenshteinAtMostOne(a: string, b: string): boolean {
  if (a === b) return true
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > 1) return false
  let i = 0
  let j = 0
  let edits = 0
  while (i < la && j < lb) {
    if (a[i] === b[j]) {
      i++
      j++
      continue
    }
    if (++edits > 1) return false
    if (la > lb) i++
    else if (lb > la) j++
    else {
      i++
      j++
    }
  }
  return edits + (la - i) + (lb - j) <= 1
}

/** Exactly the characters of a regex \s, by code: cheap tests before a regex must never say no where it says yes. */
export const isSpaceCode = (c: number) =>
  (c >= 9 && c <= 13) ||
  c === 32 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff
