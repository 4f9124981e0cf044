/**
 * Terms named after people are content, not identifiers: "Murphy's law", "Morbus Crohn", "Asperger-Syndrom",
 * "Parkinson's disease", "sindrome di Down". A person span right before such a word (or after "Morbus")
 * is dropped.
 */
const AFTER =
  /^(?:'s)?[\s-]*(?:law|laws|disease|syndrome|syndrom|krankheit|erkrankung|effekt|effect|principle|prinzip|sindrome|síndrome|morbo|enfermedad|malattia|ley|legge)\b/iu
const BEFORE = /(?:morbus|sindrome di|síndrome de|maladie de|mal de)\s+$/iu

export function isEponym(text: string, start: number, end: number): boolean {
  return AFTER.test(text.slice(end, end + 24)) || BEFORE.test(text.slice(Math.max(0, start - 16), start))
}
