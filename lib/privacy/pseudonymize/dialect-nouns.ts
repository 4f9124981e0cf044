import { wordInfo } from './dictionary'
import { Memo } from './memo'

/**
 * Swiss German nouns written as spoken: "Montig" (Montag), "Obmaa" (Obmann), "Pausa" (Pause), "Pischta"
 * (Piste), "Zyt" (Zeit), "Hoffnig" (Hoffnung), "Wohnig" (Wohnung). A word is one if a Standard German shape that
 * the dialect's regular sound correspondences give — one or two vowel or cluster changes and one ending change —
 * is a noun in the dictionary (or, with `compounds`, a compound: for the first part of a compound that is itself
 * a place's name, "Fuessgänger-"). (The word as written is the caller's check: these are the words no dictionary
 * has.)
 */
export function isDialectShapeNoun(word: string, compounds = false): boolean {
  if (word.length < 3) return false
  const key = compounds ? `+${word}` : word
  let hit = cache.get(key)
  if (hit === undefined) {
    hit = uncached(word, compounds)
    cache.set(key, hit)
  }
  return hit
}

/** Up to some hundred dictionary look-ups per word: memoised per word (bounded). */
const cache = new Memo<string, boolean>(20_000)

/** Inner correspondences, dialect → standard. */
const INNER: readonly [RegExp, string][] = [
  [/ä/g, 'e'],
  [/üe/g, 'u'],
  [/ue/g, 'u'],
  [/ü/g, 'au'],
  [/ü/g, 'eu'],
  [/y/g, 'ei'],
  [/ii/g, 'ei'],
  [/aa/g, 'ann'],
  [/aa/g, 'a'],
  [/sch(?=[tp])/g, 's'],
  [/u(?=n)/g, 'o'],
  [/ne(?=[a-zäöü])/g, 'nen'],
]
/** Endings, dialect → standard: -ig for -ung and -ag, -a and -i for -e and -en, a dropped -e or -en. */
const ENDINGS: readonly [RegExp, string][] = [
  [/$/, ''],
  [/ig$/, 'ung'],
  [/ig$/, 'ag'],
  [/a$/, 'e'],
  [/a$/, 'en'],
  [/i$/, 'e'],
  [/([^e])$/, '$1e'],
  [/([^e])$/, '$1en'],
]

function uncached(word: string, compounds: boolean): boolean {
  const lower = word.toLowerCase()
  const inner = new Set<string>([lower])
  for (const [a, b] of INNER) {
    const once = lower.replace(a, b)
    if (once === lower) continue
    inner.add(once)
    for (const [c, d] of INNER) inner.add(once.replace(c, d))
  }
  for (const form of inner)
    for (const [e, f] of ENDINGS) {
      const std = form.replace(e, f)
      if (std === lower) continue
      const cap = std.charAt(0).toUpperCase() + std.slice(1)
      // Swiss ss for ß where the dictionary lists only the latter ("Fussgänger").
      const info =
        std.includes('ss') && !wordInfo('de', cap).noun
          ? wordInfo('de', cap.replace(/ss/g, 'ß'))
          : wordInfo('de', cap)
      // A noun, not a compound: vowel and ending changes turn many place names into compounds ("Spalebärg",
      // "Ringelspitz", "Bahnhofstrass"), and a place after "dr" is no content word.
      if (info.noun || (compounds && info.compound)) return true
    }
  return false
}
