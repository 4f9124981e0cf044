import { wordInfo, type WordInfo } from '../dictionary'
import { gazetteer, type Gazetteer } from '../gazetteer'
import { ENGLISH_ADJECTIVE_ENDING, NOUN_SUFFIXES } from '../lexicon'
import { Memo } from '../memo'
import type { Token } from '../tokens'
import type { EntityType, Language, Source } from '../types'
import { AMBIGUOUS_IN, DETERMINER_IN, G, W, gazIs, gazetteerFlags, lexIs } from '../word-flags'

/**
 * What every recogniser reads: the tokens, the gazetteers, the text's language and the shared judgements
 * ("could this be a name", "is this an ordinary word here"). Recognisers are pure functions of this
 * context and return candidate spans; `resolve` in ../index.ts decides overlaps by source, then length.
 */
export type Candidate = {
  start: number
  end: number
  type: EntityType
  source: Source
  /** Which rule produced it (for tests, suspects and debugging). */
  rule: string
}

export type Recogniser = {
  name: string
  /** Phase 1 reads only the text; phase 2 also reads what phase 1 accepted (`ctx.tagged`). */
  phase: 1 | 2
  run(ctx: RuleContext): Candidate[]
}

export type RuleContext = {
  text: string
  tokens: Token[]
  gaz: Gazetteer
  language: Language
  /** Phase 2: the entity type accepted for each token in phase 1. */
  tagged: (EntityType | undefined)[]
  inNames(key: string): boolean
  isCommon(t: Token): boolean
  isAmbiguous(t: Token): boolean
  nameLike(t: Token): boolean
  /** Dictionary facts for a token in the text's language. */
  word(t: Token): WordInfo
  /** A run of capitalised name words from i (particles allowed inside); returns the last index. */
  nameRun(i: number, max?: number): number
  span(from: number, to: number, type: EntityType, source: Source, rule: string): Candidate
  facts(i: number): TokenFacts
}

/** Memoised per suffix list and word (bounded): every recogniser asks it for the same words. */
const endingCaches = new WeakMap<readonly string[], Memo<string, boolean>>()
export function endsWithAny(word: string, suffixes: readonly string[]): boolean {
  let cache = endingCaches.get(suffixes)
  if (!cache) endingCaches.set(suffixes, (cache = new Memo(50_000)))
  return (
    cache.get(word) ??
    cache.set(
      word,
      suffixes.some((s) => word.endsWith(s)),
    )
  )
}

/**
 * An English adjective written with a capital names a team or department ("a colleague from Regulatory"), not a
 * person or place: a dictionary word in lower case only, with an adjective ending.
 */
export function isEnglishDepartment(ctx: RuleContext, t: Token): boolean {
  if (ctx.language !== 'en' || !ENGLISH_ADJECTIVE_ENDING.test(t.lower)) return false
  const info = ctx.word(t)
  return info.lower && !info.proper
}

// Italian articulated particles too: "Dal Bosco", "Dalle Molle", "Degli Esposti".
const PARTICLE_WORD =
  /^(von|van|vom|de|da|di|dal|del|della|dalla|dalle|dello|degli|dei|dos|das|le|la|lo|li|du|des|ten|ter)$/
const SECOND_PARTICLE = /^(der|den|dem|de|la|le|los|las|lo)$/

/** The capitalised word after name particles: any word but a function word ("Lo Bianco", "van der Berg"). */
const particleSurname = (t: Token) =>
  t.cap && !t.caps && t.key.length >= 2 && !lexIs(t, W.NEVER) && !lexIs(t, W.DETERMINER)

export function ruleContext(text: string, tokens: Token[], gaz: Gazetteer, language: Language): RuleContext {
  const n = tokens.length
  // Tokens carry their gazetteer bits for the process's gazetteer; another one needs its own.
  if (gaz !== gazetteer()) for (const t of tokens) t.gz = gazetteerFlags(t.key, gaz, t.lower)
  const inNames = (key: string) => gaz.firstNames.has(key) || gaz.lastNames.has(key)
  // The frequent-word list mixes languages: "Mia", "Can", "Devi" are function words elsewhere but names
  // mid-sentence in a German text, unless German itself knows them as words.
  // In English, Italian and Spanish a capital mid-sentence marks a proper noun even for a frequent word
  // ("with Autumn and the kids", "Hope called"), unless it is a function word.
  const isCommon = (t: Token) =>
    lexIs(t, W.NEVER) ||
    (gazIs(t, G.COMMON) &&
      !(language === 'de' && !t.sentenceStart && gazIs(t, G.NAME) && !gazIs(t, G.AMB_DE)) &&
      !(language !== 'de' && t.cap && !t.sentenceStart && !lexIs(t, W.FUNCTION)))
  // A capitalised word is ambiguous only if it is an ordinary word in the text's language ("Beat" is a
  // name in German, "Mia" a pronoun only in Italian); lowercase speech-to-text checks every language.
  const ambiguousHere = AMBIGUOUS_IN[language]
  const isAmbiguous = (t: Token) =>
    (t.cap || t.lowercaseLine ? gazIs(t, ambiguousHere) : gazIs(t, G.AMBIGUOUS)) || isCommon(t)
  const nameLikeUncached = (t: Token) => {
    if (!t.cap || t.caps) return false
    if (
      lexIs(t, W.NEVER) ||
      lexIs(t, W.DETERMINER) ||
      lexIs(t, W.ROLE) ||
      lexIs(t, W.RELATION) ||
      lexIs(t, W.TITLE)
    )
      return false
    if (gazIs(t, G.NAME)) return true
    if (isCommon(t) || gazIs(t, ambiguousHere)) return false
    if (language === 'de' && endsWithAny(t.lower, NOUN_SUFFIXES)) return false
    return true
  }
  const nameLike = (t: Token) => (t.nameLike ??= nameLikeUncached(t))
  const nameRun = (i: number, max = 3) => {
    let j = i
    let count = 1
    while (j + 1 < n && count < max) {
      const next = tokens[j + 1]!
      if (!(next.gap === ' ' || next.gap === '-')) break
      // Particles inside a name, also two of them: "van der Meulen", "Lo Bianco", "de la Cruz". The word after
      // them is part of the name even if it is an ordinary word ("Bianco").
      if (PARTICLE_WORD.test(next.lower)) {
        let p = j + 1
        if (p + 1 < n && SECOND_PARTICLE.test(tokens[p + 1]!.lower) && tokens[p + 1]!.gap === ' ') p++
        const after = tokens[p + 1]
        if (
          after &&
          after.gap === ' ' &&
          particleSurname(after) &&
          !departmentAfterParticle(j + 1, p, after)
        ) {
          j = p + 1
          count++
          continue
        }
      }
      if (!nameLike(next) || next.sentenceStart) break
      j++
      count++
    }
    return j
  }
  // German "vom", "von der", "von dem" bring in where a person works or belongs far more often than a name
  // particle: "Frau Albisser von der Personalabteilung", "Lea vom Yoga". The word after them joins the name only
  // if it is a listed surname or no word the dictionary knows ("von der Mühll", "vom Stein").
  const departmentAfterParticle = (particle: number, last: number, after: Token) => {
    if (language !== 'de') return false
    const word = tokens[particle]!.lower
    const contracted = word === 'vom' && last === particle
    const withArticle = word === 'von' && last === particle + 1 && /^(der|dem|den)$/.test(tokens[last]!.lower)
    if (!contracted && !withArticle) return false
    if (gazIs(after, G.LAST)) return false
    const info = wordInfo(language, after.text)
    return info.noun || info.compound || info.proper || info.lower
  }
  const factsMemo: (TokenFacts | undefined)[] = new Array(n)
  const factsOf = (i: number): TokenFacts => {
    const t = tokens[i]!
    const prev = i > 0 ? tokens[i - 1] : undefined
    // "a"/"en" are articles in English and Swiss German but prepositions in Italian and Spanish.
    const romancePreposition =
      prev !== undefined && lexIs(prev, W.PLACE_PREPOSITION) && (language === 'it' || language === 'es')
    const afterDeterminer =
      prev !== undefined &&
      lexIs(prev, DETERMINER_IN[language]) &&
      prev.lower !== 'la' &&
      !romancePreposition &&
      t.gap === ' '
    const placeCue =
      prev !== undefined &&
      // Swiss German "is" is "ins" ("is Fextal").
      (lexIs(prev, W.PLACE_PREPOSITION) || (language === 'de' && prev.lower === 'is')) &&
      (t.gap === '' || t.gap === ' ' || t.gap === "'" || t.gap === "' ")
    // In English, Italian and Spanish a capital mid-sentence marks a proper noun: "Mia", "Posta", "Rocío"
    // are ordinary words there only in lowercase.
    const properNoun = language !== 'de' && !t.sentenceStart && !afterDeterminer && !isCommon(t)
    const ambiguous = isAmbiguous(t) && !properNoun
    return { afterDeterminer, placeCue, properNoun, ambiguous }
  }
  return {
    text,
    tokens,
    gaz,
    language,
    tagged: filledTags(n),
    inNames,
    isCommon,
    isAmbiguous,
    nameLike,
    word: (t) => wordInfo(language, t.text),
    nameRun,
    facts: (i) => (factsMemo[i] ??= factsOf(i)),
    span: (from, to, type, source, rule) => ({
      start: tokens[from]!.start,
      end: tokens[to]!.end,
      type,
      source,
      rule,
    }),
  }
}

/** Per-token facts several recognisers share (computed once per token and text). */
export type TokenFacts = {
  /** After a determiner of the text's language: "der Koch", "ein Wolf". */
  afterDeterminer: boolean
  /** After a place preposition: "in Wil", "z'Bärn". */
  placeCue: boolean
  /** English/Italian/Spanish: a capital mid-sentence marks a proper noun. */
  properNoun: boolean
  /** An ordinary word in the text's language and no proper-noun reading applies. */
  ambiguous: boolean
}

/** Filled with undefined (no holes): phase 2 reads tagged[i] at every token, and a packed array reads faster. */
function filledTags(n: number): (EntityType | undefined)[] {
  const tags: (EntityType | undefined)[] = []
  for (let i = 0; i < n; i++) tags.push(undefined)
  return tags
}
