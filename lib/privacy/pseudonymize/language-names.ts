import { wordInfo } from './dictionary'
import type { Language } from './types'

/**
 * English names of languages are also the adjectives of nationality and cuisine ("Irish", "Thai",
 * "Swedish"): "the old Irish kind", "maybe Thai food". Before an ordinary noun such a word is the adjective,
 * not a person or a place, even where it is also a given name. The names come from the runtime's CLDR data
 * (Intl.DisplayNames over the two-letter ISO 639 codes), one word each.
 */

let names: Set<string> | undefined
function languageNames(): Set<string> {
  if (names) return names
  names = new Set()
  const display = new Intl.DisplayNames(['en'], { type: 'language' })
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  for (const a of letters)
    for (const b of letters) {
      const code = a + b
      let name: string | undefined
      try {
        name = display.of(code)
      } catch {
        continue
      }
      if (name && name !== code && ONE_WORD.test(name)) names.add(name)
    }
  return names
}

const ONE_WORD = /^\p{Lu}\p{Ll}+$/u
const NEXT_WORD = /^ (\p{Ll}{3,})\b/u

/**
 * Past forms of frequent irregular verbs: "Thai told me" is a person acting. (A regular verb form after
 * a name ends in -ed or -s; a bare form after a singular subject is a noun: "Thai curry", "Irish stew".)
 */
const IRREGULAR_PAST = new Set(
  `said told went came gave took made got felt thought knew saw wrote rang sent left met kept brought bought
   found began ran sat stood spoke broke chose drove ate fell forgot held heard lost meant paid put read
   sang slept spent taught understood won was had did`.split(/\s+/),
)

/** A span that is one English language name before a lower-case noun of English: an adjective. */
export function isLanguageAdjective(text: string, start: number, end: number, language: Language): boolean {
  if (language !== 'en' || end - start < 3 || !languageNames().has(text.slice(start, end))) return false
  const next = NEXT_WORD.exec(text.slice(end, end + 24))
  if (!next) return false
  const word = next[1]!
  if (IRREGULAR_PAST.has(word)) return false
  const info = wordInfo('en', word)
  return info.lower && !(info.verb && VERB_FORM.test(word))
}

const VERB_FORM = /(?:ed|s)$/
