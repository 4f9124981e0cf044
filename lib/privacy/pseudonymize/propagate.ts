import type { Gazetteer } from './gazetteer'
import { isWeakFormUsable, personEntity, simpleEntity, umlautVariants, type KnownEntity } from './known'
import { wordInfo } from './dictionary'
import { Memo, WeakMemo } from './memo'
import { fold } from './normalize'
import type { Token } from './tokens'
import { subjectVerbAfter } from './recognisers/person-verbs'
import type { EntityType, Language, Span } from './types'
import { W, lexIs } from './word-flags'

// Regexes with \p{…} hoisted: the bundle (esbuild, node20) turns such a literal into `new RegExp` at every call.
const LETTERS_ONLY = /^\p{L}+$/u

/**
 * Document-level propagation (R7.2): every surface form of an entity found anywhere in the text is
 * replaced everywhere in it — in any case, with genitive -s, Swiss -li/-i diminutives, hyphen parts and
 * without its particles ("Frau Imhof" … "Imhofs Satz" … "imhof meint"; "Herr von Schwendi" … "Von
 * Schwendi"). Forms that are ordinary words ("Amsel", "Stern") must be capitalised, except in lowercase
 * dictation. Token-based: one pass over the words, whatever the number of entities.
 */

export type Propagated = Span & { entity: KnownEntity }

const PROPAGATED_TYPES = new Set<EntityType>(['PERSON', 'LOCATION', 'ORGANIZATION', 'MEDICATION'])

/** Entities by type, then value: the same names recur across a client's texts (bounded, per process). */
const entityCache = new Map<EntityType, Memo<string, KnownEntity>>()

/** The entity of each accepted span whose forms should propagate. */
export function entitiesOf(text: string, spans: readonly Span[], gaz?: Gazetteer): KnownEntity[] {
  // By type, then value (no joined key string per span); `out` keeps the order first seen.
  const seen = new Map<EntityType, Set<string>>()
  const out: KnownEntity[] = []
  for (const span of spans) {
    if (!PROPAGATED_TYPES.has(span.type) || span.source === 'known') continue
    const value = text.slice(span.start, span.end).trim()
    if (value.length < 3) continue
    let seenOfType = seen.get(span.type)
    if (!seenOfType) seen.set(span.type, (seenOfType = new Set()))
    if (seenOfType.has(value)) continue
    let cached = entityCache.get(span.type)
    if (!cached) entityCache.set(span.type, (cached = new Memo(20_000)))
    const entity =
      cached.get(value) ??
      cached.set(
        value,
        span.type === 'PERSON'
          ? personEntity(value, [], false, isFirstName(value, gaz))
          : simpleEntity(span.type, value, [...umlautVariants(value), `${value}s`]),
      )
    seenOfType.add(value)
    out.push(entity)
  }
  return out
}

/** A found name that opens with a listed first name: its prefix nicknames propagate ("Isi", "Sere"). */
function isFirstName(value: string, gaz: Gazetteer | undefined): boolean {
  const first = value.split(/[\s-]+/)[0] ?? ''
  return gaz !== undefined && first.length >= 5 && gaz.firstNames.has(fold(first))
}

const WORD_SEPARATOR = /[\s'-]/

/** Folded words of a variant, memoised: propagation looks at the same variants in every text. */
const wordsCache = new Memo<string, string[]>(100_000)
function variantWords(variant: string): string[] {
  // One word (most variants): its fold alone, without the split and the memo (its key would be hashed for nothing:
  // an entity's forms are memoised already, `formsOf`).
  if (!WORD_SEPARATOR.test(variant)) return variant === '' ? [] : [fold(variant)]
  return (
    wordsCache.get(variant) ??
    wordsCache.set(
      variant,
      variant
        .split(/[\s'-]+/)
        .filter(Boolean)
        .map(fold),
    )
  )
}

type Form = {
  entity: KnownEntity
  words: string[]
  ordinary: boolean
  key: string
  /** A part of a double name ("Lang" of "Huber-Lang"). */
  hyphenPart: boolean
  /** A prefix nickname: a form only if no ordinary word (`isWeakFormUsable`, asked where its first word stands). */
  weak: boolean
}

/** An entity's propagating forms, in variant order; entities recur across calls (entityCache), so memoised. */
const formsCache = new WeakMemo<KnownEntity, { gaz: Gazetteer; forms: Form[] }>()
function formsOf(entity: KnownEntity, gaz: Gazetteer): Form[] {
  const hit = formsCache.get(entity)
  if (hit && hit.gaz === gaz) return hit.forms
  const forms: Form[] = []
  // The folded parts of the value's double names ("huber", "lang" of "Anna Huber-Lang"), read once per entity.
  const hyphenParts = new Set<string>()
  for (const p of entity.value.split(/\s+/))
    if (p.includes('-')) for (const x of p.split('-')) hyphenParts.add(fold(x))
  for (const variant of entity.variants) {
    if (variant.includes("'")) continue
    const words = variantWords(variant)
    if (words.length === 0 || words.some((w) => w.length === 0)) continue
    const key = words.length === 1 ? words[0]! : words.join(' ')
    if (words.length === 1 && key.length < 3) continue
    // (A one-word variant's only word is its fold: variantWords.)
    const weak =
      entity.weak?.has(words.length === 1 && !WORD_SEPARATOR.test(variant) ? key : fold(variant)) ?? false
    const capOnly = entity.capOnly?.has(key) ?? false
    const ordinary = words.length === 1 && (weak || capOnly || gaz.ambiguous.has(key) || gaz.common.has(key))
    const hyphenPart = words.length === 1 && hyphenParts.has(key)
    forms.push({ entity, words, ordinary, key, hyphenPart, weak })
  }
  formsCache.set(entity, { gaz, forms })
  return forms
}

/**
 * Endings of hypocorisms built on the front of a given name, across the languages: "Toni" (Tonino), "Yoli"
 * (Yolanda), "Luki" (Lukas), "Gaby" (Gabriele), "Susie", "Beatli", "Pepa", "Juanito", "Robertino", "Ale".
 * Longest first, so "Juanito" is read as "Juan" + "-ito".
 */
const DIMINUTIVE_ENDINGS = ['ito', 'ita', 'ino', 'ina', 'eli', 'ie', 'li', 'i', 'y', 'o', 'a', 'e']
/**
 * German diminutives of a given name's front: "Julchen" (Julia), "Annelein" (Anne), with the umlaut the
 * ending brings: "Hänschen" (Hans), "Gretlein". Ordinary nouns in -chen/-lein are German nouns and stay.
 */
const GERMAN_DIMINUTIVE = /^(\p{L}{3,}?)(?:chen|lein)$/u

/** Surname particles open no given name ("Dal Bosco", "von Gunten"). */
const PARTICLE_WORDS =
  /^(von|van|vom|de|da|di|dal|del|della|dalla|dalle|dello|degli|dos|das|le|la|lo|du|des)$/

type GivenStems = {
  stems: Map<string, KnownEntity>
  heads: Set<string>
  /** The first code unit of each head: most tokens fail this before any string is cut. */
  headStarts: Set<number>
  /** The opening consonant + vowel of each given name ("ce" of "Céline"), for doubled forms ("Cécé"). */
  syllables: Map<string, KnownEntity>
}

/**
 * The fronts (three letters or more) of every found or known given name: a word that is such a front plus a
 * diminutive ending is the same person ("Tonino … Toni", "luki … lukas" even when the short form comes first).
 */
function givenStems(entities: readonly KnownEntity[], gaz: Gazetteer): GivenStems | undefined {
  let out: GivenStems | undefined
  for (const entity of entities) {
    if (entity.type !== 'PERSON') continue
    // A listed first name, or the first word of a found full name ("Bartholomew Quinn").
    const words = entity.value.split(/\s+/)
    const first = fold(words[0]!.split('-')[0]!)
    if (first.length < 4 || !LETTERS_ONLY.test(first) || PARTICLE_WORDS.test(first)) continue
    if (!gaz.firstNames.has(first) && (words.length < 2 || gaz.lastNames.has(first))) continue
    out ??= { stems: new Map(), heads: new Set(), headStarts: new Set(), syllables: new Map() }
    out.heads.add(first.slice(0, 3))
    out.headStarts.add(first.charCodeAt(0))
    const syllable = first.slice(0, 2)
    if (/^[^aeiouy][aeiouy]$/.test(syllable) && !out.syllables.has(syllable))
      out.syllables.set(syllable, entity)
    for (let k = 3; k <= first.length; k++) {
      const stem = first.slice(0, k)
      if (!out.stems.has(stem)) out.stems.set(stem, entity)
    }
  }
  return out
}

/**
 * A hypocorism of a given name in the text. One that is an ordinary word (the lexicon, as for prefix
 * nicknames) counts only capitalised, and never as a German noun ("Marke" is no "Marko").
 */
function hypocorismOf(
  tokens: readonly Token[],
  i: number,
  given: GivenStems,
  gaz: Gazetteer,
  language: Language,
): KnownEntity | undefined {
  const t = tokens[i]!
  const key = t.key
  if (key.length < 4 || t.caps) return undefined
  // Runs on every token: the three shapes a hypocorism can have are checked first, on the key alone.
  const doubled =
    key.length === 4 &&
    t.cap &&
    key.charCodeAt(0) === key.charCodeAt(2) &&
    key.charCodeAt(1) === key.charCodeAt(3)
  const germanDiminutive =
    key.charCodeAt(key.length - 1) === 110 && (key.endsWith('chen') || key.endsWith('lein'))
  const headed = given.headStarts.has(key.charCodeAt(0)) && given.heads.has(key.slice(0, 3))
  if (!doubled && !germanDiminutive && !headed) return undefined
  if (lexIs(t, W.FUNCTION | W.NEVER)) return undefined
  // The first syllable doubled, French style: "Cécé" (Céline), "Jojo" (Johanna). Capitalised only, and
  // no ordinary word ("Mama", "Papa" are nouns; "coco", "bebe" words).
  if (doubled) {
    const entity = given.syllables.get(key.slice(0, 2))
    if (entity && isWeakFormUsable(key, gaz) && !wordInfo(language, key).lower) return entity
  }
  if (!LETTERS_ONLY.test(key)) return undefined
  // German -chen/-lein: the front of the name, with its umlaut undone ("haens" → "hans").
  const diminutive = germanDiminutive ? GERMAN_DIMINUTIVE.exec(key) : null
  if (diminutive) {
    const front = diminutive[1]!
    const entity =
      given.stems.get(front) ??
      given.stems.get(front.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u'))
    if (entity && isWeakFormUsable(key, gaz) && !wordInfo('de', t.text).noun) return entity
  }
  if (!headed) return undefined
  for (const ending of DIMINUTIVE_ENDINGS) {
    if (!key.endsWith(ending) || key.length - ending.length < 3) continue
    const entity = given.stems.get(key.slice(0, -ending.length))
    if (!entity) continue
    // The word as written too: folding takes the accent a dictionary word needs ("valentía" of Valentina).
    const word = wordInfo(language, key).lower || (t.lower !== key && wordInfo(language, t.lower).lower)
    if (isWeakFormUsable(key, gaz) && !word) return entity
    // A capital says proper noun mid-sentence; at a sentence start only with a verb after ("Toni è così",
    // not "Bene, allora").
    const ordinaryHere =
      !t.cap ||
      gaz.common.has(key) ||
      gaz.places.has(key) ||
      wordInfo('de', t.text).noun ||
      (t.sentenceStart && !subjectVerbAfter(tokens, i))
    return ordinaryHere ? undefined : entity
  }
  return undefined
}

/** A dictionary word in lower case in this language (not a German noun, which is capitalised). */
function isLowerWord(t: Token, language: Language): boolean {
  const info = wordInfo(language, t.text)
  return info.lower && !(language === 'de' && info.noun)
}

export function propagate(
  tokens: readonly Token[],
  entities: readonly KnownEntity[],
  gaz: Gazetteer,
  taken: Uint8Array,
  language: Language,
  /** Known people too: their given names' hypocorisms count like those of found names. */
  known: readonly KnownEntity[] = [],
): Propagated[] {
  if (entities.length === 0 && known.length === 0) return []
  const given = givenStems([...entities, ...known], gaz)
  // Forms by their first folded word; multi-word forms are checked word by word. Each list is settled where its
  // first word is first met (`settled`): most never are, and a prefix nickname's check costs dictionary look-ups.
  const byFirst = new Map<string, Form[]>()
  for (const entity of entities) {
    for (const form of formsOf(entity, gaz)) {
      const list = byFirst.get(form.words[0]!)
      if (list) list.push(form)
      else byFirst.set(form.words[0]!, [form])
    }
  }
  const settledLists = new Map<string, Form[] | undefined>()
  const settled = (first: string): Form[] | undefined => {
    if (settledLists.has(first)) return settledLists.get(first)
    const raw = byFirst.get(first)
    let list: Form[] | undefined
    if (raw) {
      // The first entity with a usable form keeps it (a form's key fixes its first word: all forms of a key are
      // in one list, in entity order).
      const keys = new Set<string>()
      list = []
      for (const form of raw) {
        if (form.weak && !isWeakFormUsable(form.key, gaz)) continue
        if (keys.has(form.key)) continue
        keys.add(form.key)
        list.push(form)
      }
      list.sort((a, b) => b.words.length - a.words.length)
      if (list.length === 0) list = undefined
    }
    settledLists.set(first, list)
    return list
  }
  const out: Propagated[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (taken[t.start]) continue
    const forms = byFirst.has(t.key) ? settled(t.key) : undefined
    if (!forms) {
      // hypocorismOf's own first test, here: most tokens need no call.
      const entity = given && t.key.length >= 4 && !t.caps && hypocorismOf(tokens, i, given, gaz, language)
      if (entity) out.push({ start: t.start, end: t.end, type: 'PERSON', source: 'propagated', entity })
      continue
    }
    for (const form of forms) {
      const last = i + form.words.length - 1
      if (last >= tokens.length) continue
      let ok = true
      for (let k = 1; k < form.words.length && ok; k++) {
        const tk = tokens[i + k]!
        // Later words may already be taken ("Von" + a found "Schwendi"): the longer form replaces them.
        ok = tk.key === form.words[k] && (tk.gap === ' ' || tk.gap === "'" || tk.gap === '-')
      }
      if (!ok) continue
      if (form.ordinary && !t.cap && !t.lowercaseLine) continue
      // A found name that is also a word of the language, written lower case in a text that capitalises:
      // the word ("Lucky Liam" … "I don't feel lucky").
      if (
        form.words.length === 1 &&
        !t.cap &&
        !t.lowercaseLine &&
        form.entity.type === 'PERSON' &&
        !form.entity.anyCase &&
        isLowerWord(t, language)
      )
        continue
      // A lower-case part of a double name that is an ordinary word stands for the person only where a
      // subject stands, before a verb ("lang hat mir …", not "eine lang ersehnte Reise").
      if (form.ordinary && form.hyphenPart && !t.cap && !subjectVerbAfter(tokens, last)) continue
      out.push({
        start: t.start,
        end: tokens[last]!.end,
        type: form.entity.type,
        source: 'propagated',
        entity: form.entity,
      })
      i = last
      break
    }
  }
  return out
}
