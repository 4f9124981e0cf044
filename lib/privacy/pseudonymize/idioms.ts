import idioms from './data/idioms.json'

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

let cached: RegExp | undefined
function matcher(): RegExp {
  if (cached) return cached
  const parts = new Set<string>()
  for (const entry of idioms.de) parts.add(phrase(entry, true))
  for (const entry of [...idioms.en, ...idioms.it, ...idioms.es]) parts.add(phrase(entry, false))
  // Longest first, so the whole expression wins over a shorter entry inside it.
  const alternation = [...parts].sort((a, b) => b.length - a.length).join('|')
  cached = new RegExp(`(?<![\\p{L}\\p{M}])(?:${alternation})(?![\\p{L}\\p{M}])`, 'giu')
  return cached
}

/** Character ranges of fixed expressions in the text. */
export function idiomRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  for (const m of text.matchAll(matcher())) out.push({ start: m.index, end: m.index + m[0].length })
  return out
}
