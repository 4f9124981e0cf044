import type { Gazetteer } from './gazetteer'
import { wordInfo } from './dictionary'
import type { KnownEntity, KnownMatcher } from './known'
import { WeakMemo } from './memo'
import { fold } from './normalize'
import type { Token } from './tokens'
import type { Language, Span } from './types'
import { G, W, gazIs, lexIs } from './word-flags'

// Regexes with \p{…} hoisted: the bundle (esbuild, node20) turns such a literal into `new RegExp` at every call.
const LETTERS_ONLY = /^\p{L}+$/u

/**
 * Pet forms of the people the database names for a text (client, coach, others), in any language: the
 * name's stem with any short ending ("Lucariello" of Luca, "Rosetta" of Rosa, "Martincito" of Martín,
 * "Dianita" of Diana), a truncation ("Ale" of Alessia, "Hürli" of Hürlimann) and the first syllable
 * doubled or rhymed with a hyphen ("Em-Em" of Emma, "Ry-guy" of Ryan). Part of `knownSpans`, so the leak
 * check refuses what the pseudonymiser replaces. Ordinary words stay: a German word never counts (German
 * capitalises nouns, so a capital says nothing there); a word of another language only capitalised where
 * a capital marks a name (mid-sentence, or a sentence opening addressed "Rosetta, …").
 */

type PetStem = {
  /** Folded front the form must open with: the name, or the name without its final vowel. */
  stem: string
  /** The folded name part the stem is cut from. */
  name: string
  /** Shortest truncation of the name that counts (3 for a given name, 4 for a surname). */
  min: number
  given: boolean
  entity: KnownEntity
}

/** Endings a pet form may add to a stem: "-ariello", "-cito", "-etta", "-li". */
const MAX_ENDING = 7

const PARTICLES =
  /^(von|van|vom|der|den|de|da|di|dal|del|della|dalla|dalle|dello|degli|dos|das|le|la|lo|du|des)$/

type PetStems = {
  stems: PetStem[]
  /** Two-letter stems of three-letter given names ("ev" of Eva): with a diminutive ending only. */
  shortStems: PetStem[]
  /** The first three letters of every name part, and the first two of every given name: a quick filter. */
  heads: Set<string>
  syllables: Set<string>
  /** The first code unit of every head: most tokens fail this before any string is cut. */
  starts: Set<number>
}

const stemsMemo = new WeakMemo<KnownMatcher, PetStems>()

function petStems(matcher: KnownMatcher): PetStems {
  const hit = stemsMemo.get(matcher)
  if (hit) return hit
  const stems: PetStem[] = []
  const shortStems: PetStem[] = []
  const seen = new Set<KnownEntity>()
  for (const entity of matcher.pets) {
    if (!entity.pet || entity.type !== 'PERSON' || seen.has(entity)) continue
    seen.add(entity)
    const words = entity.value.split(/\s+/).filter((w) => !PARTICLES.test(w.toLowerCase()))
    words.forEach((word, index) => {
      for (const part of word.split('-')) {
        const name = fold(part)
        if (!LETTERS_ONLY.test(name)) continue
        const given = index === 0 && part === word.split('-')[0]
        const min = given ? 3 : 4
        if (name.length < min) continue
        stems.push({ stem: name, name, min, given, entity })
        const bare = name.replace(/[aeiouy]$/, '')
        if (bare !== name && bare.length >= min) stems.push({ stem: bare, name, min, given, entity })
        // A three-letter given name ("Eva", "Ana", "Ivo") keeps a two-letter stem for its diminutives only.
        else if (given && bare !== name && bare.length === 2)
          shortStems.push({ stem: bare, name, min, given, entity })
      }
    })
  }
  const out = {
    stems,
    shortStems,
    heads: new Set(stems.map((s) => s.name.slice(0, 3))),
    syllables: new Set(stems.filter((s) => s.given).map((s) => s.name.slice(0, 2))),
    starts: new Set(stems.map((s) => s.name.charCodeAt(0))),
  }
  stemsMemo.set(matcher, out)
  return out
}

/**
 * Swiss and English endings on a cut front: "Zimmi" (Zimmermann), "Stephli", "Jonny", and the Bernese and
 * Basel short forms on -u and -e ("Dänu" of Daniel, "Löru" of Lorenz, "Dome" of Dominik).
 */
const TRUNCATION_ENDINGS = ['', 'i', 'li', 'y', 'u', 'e']

/** Diminutive endings on a two-letter stem: "Evi", "Evita", "Anita", "Ivino", "Evchen". */
const SHORT_STEM_ENDINGS = new Set([
  'i',
  'y',
  'ie',
  'ita',
  'ito',
  'ina',
  'ino',
  'etta',
  'etto',
  'li',
  'eli',
  'chen',
])

/**
 * Bernese short forms umlaut the name's vowel ("Löru" of Lorenz, "Mänu" of Manuel, "Thömu" of Thomas): the
 * folded key with the umlaut taken back (ae → a), asked only of words that have one.
 */
function withoutUmlaut(t: Token): string | undefined {
  const lower = t.lower
  if (!/[äöü]/.test(lower)) return undefined
  return fold(lower.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u'))
}

/** A front of the name (its minimum length or more, short of the whole), bare or with -i/-li/-y. */
function truncationOf(key: string, s: PetStem): 'bare' | 'ending' | undefined {
  for (const ending of TRUNCATION_ENDINGS) {
    if (!key.endsWith(ending)) continue
    const front = key.length === ending.length ? '' : key.slice(0, key.length - ending.length)
    if (front.length >= s.min && front.length < s.name.length && s.name.startsWith(front))
      return ending === '' ? 'bare' : 'ending'
  }
  return undefined
}

type PetSpan = Span & { entity?: KnownEntity }

/**
 * A word built on a known name that is itself a listed name ("Martina" by a Martín, "Rosetta") may be
 * another person: replaced all the same (the name wins), under a placeholder of its own.
 */
function isOtherName(key: string, gaz: Gazetteer): boolean {
  return gaz.firstNames.has(key) || gaz.lastNames.has(key)
}

const LANGUAGES: readonly Language[] = ['de', 'en', 'it', 'es']

/** A word of any of the languages: a German noun capitalised, otherwise a lower-case dictionary word. */
function isWordIn(l: Language, t: Token, capForm: string): boolean {
  return l === 'de'
    ? wordInfo('de', capForm).noun || wordInfo('de', t.lower).lower
    : wordInfo(l, t.lower).lower
}

/** A German compound whose tail is a noun: "Martinstag", "Hansestadt", "Paulskirche" stay words. */
function hasGermanNounTail(text: string): boolean {
  for (let split = 3; split <= text.length - 3; split++) {
    const tail = text[split]!.toUpperCase() + text.slice(split + 1).toLowerCase()
    if (wordInfo('de', tail).noun) return true
  }
  return false
}

/** Token `k` is a capitalised listed name joined to its neighbour by a space (`joint`: the later token). */
function besideName(tokens: readonly Token[], k: number, joint: Token | undefined): boolean {
  const t = tokens[k]
  if (!t || !joint || joint.gap !== ' ' || !t.cap) return false
  return gazIs(t, G.FIRST) || gazIs(t, G.LAST)
}

/**
 * Swiss and German place names are built on family names ("Rüeggisau", "Hürlimannswil", "Bachikon"): such
 * a word is a place, the place recognisers' to take.
 */
const PLACE_ENDING =
  /(?:au|wil|wyl|ikon|iken|ingen|hofen|stetten|dorf|berg|bach|egg|matt|thal|tal|burg|heim|hausen)$/

/** May this capitalised word be read as a name here, though it is also a word? */
function nameNotWord(
  tokens: readonly Token[],
  i: number,
  key: string,
  gaz: Gazetteer,
  language: Language,
  /** Short fronts ("Bene" of Benedetta) meet words too often: a truncation that is a word stays one. */
  truncation: boolean,
): boolean {
  const t = tokens[i]!
  if (lexIs(t, W.FUNCTION | W.NEVER) || gaz.common.has(key) || gaz.places.has(key)) return false
  // Addressed: "Das isch mutig, Dome." — a known person's pet form even where it is a word.
  if (t.cap && addressed(tokens, i)) return true
  const capForm = t.text[0]!.toUpperCase() + t.text.slice(1)
  // In an Italian or Spanish text a word of another language is no reading of a capitalised truncation
  // ("Sole" of Soledad: German brine, English sole): only the words of the text's own language keep it a word.
  if (truncation && t.cap && (language === 'it' || language === 'es'))
    return !gaz.ambiguousIn[language].has(key) && !isWordIn(language, t, capForm)
  if (wordInfo('de', capForm).noun || wordInfo('de', capForm).compound || wordInfo('de', t.lower).lower)
    return false
  if (truncation) return !gaz.ambiguous.has(key) && !isWordIn(language, t, capForm)
  if (hasGermanNounTail(t.text) || PLACE_ENDING.test(key)) return false
  const word = gaz.ambiguous.has(key) || LANGUAGES.some((l) => isWordIn(l, t, capForm))
  if (!word) return true
  // German capitalises nouns, so a capital says nothing there for a German word; a word of another
  // language only ("Evita", Spanish "avoids") is no German noun, so mid-sentence it is the name there too.
  // Elsewhere a capital marks a name mid-sentence, and at a sentence start only in an address ("Rosetta, vieni").
  if (!t.cap || t.lowercaseLine) return false
  if (language === 'de' && gaz.ambiguousIn.de.has(key)) return false
  return !t.sentenceStart || tokens[i + 1]?.gap.trimStart().startsWith(',') === true
}

/**
 * A word addressed to someone: after a comma and closing the sentence ("…, Dome." "…, Dome?"). Not a
 * sentence opening before a comma: interjections stand there ("Bene, allora …", "Gut, dann …").
 */
function addressed(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1]
  return /^,\s*$/.test(tokens[i]!.gap) && (next === undefined || /^[.!?]/.test(next.gap.trimStart()))
}

/**
 * The token is part of an address, a handle or a link ("ana.horvat@…", "linkedin.com/in/ana-horvat"): those
 * are the patterns' to replace whole, as the known variants' boundaries leave them too.
 */
function inLinkOrAddress(text: string, t: Token): boolean {
  let from = t.start
  while (from > 0 && !/\s/.test(text[from - 1]!)) from--
  let to = t.end
  while (to < text.length && !/\s/.test(text[to]!)) to++
  return /[@/_]|\.[\p{L}\p{N}]/u.test(text.slice(from, to).replace(/[.!?…]+$/u, ''))
}

export function petSpans(
  text: string,
  tokens: readonly Token[],
  matcher: KnownMatcher,
  gaz: Gazetteer,
  language: Language,
  covered: Uint8Array,
): PetSpan[] {
  const { stems, shortStems, heads, syllables, starts } = petStems(matcher)
  if (stems.length === 0) return []
  const out: PetSpan[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (covered[t.start] || (!t.cap && !t.lowercaseLine) || t.caps) continue
    const key = t.key
    if (!starts.has(key.charCodeAt(0))) continue
    if (!heads.has(key.slice(0, 3)) && !syllables.has(key.slice(0, 2))) continue
    // "Em-Em", "Ry-guy": the front of a given name, doubled or rhymed after a hyphen.
    const next = tokens[i + 1]
    if (next && next.gap === '-' && key.length >= 2 && key.length <= 4 && !covered[next.start]) {
      const rhyme = next.key === key || (next.key.length <= 4 && next.key.at(-1) === key.at(-1))
      const stem = rhyme
        ? stems.find((s) => s.given && s.name.length > key.length && s.name.startsWith(key))
        : undefined
      if (
        stem &&
        LETTERS_ONLY.test(next.key) &&
        !lexIs(t, W.FUNCTION | W.NEVER) &&
        !inLinkOrAddress(text, t)
      ) {
        out.push({ start: t.start, end: next.end, type: 'PERSON', source: 'known', entity: stem.entity })
        i++
        continue
      }
    }
    let hit: { entity: KnownEntity; truncation: boolean; bare: boolean } | undefined
    if (shortStems.length > 0 && key.length >= 3 && LETTERS_ONLY.test(key))
      for (const s of shortStems)
        if (key.startsWith(s.stem) && SHORT_STEM_ENDINGS.has(key.slice(2))) {
          hit = { entity: s.entity, truncation: false, bare: false }
          break
        }
    const plain = hit || key.charCodeAt(key.length - 1) !== 117 ? undefined : withoutUmlaut(t)
    // Only the Bernese ending -u: an umlauted front with -i or -li is as often a dialect noun ("Märli").
    if (
      plain !== undefined &&
      plain.endsWith('u') &&
      heads.has(plain.slice(0, 3)) &&
      LETTERS_ONLY.test(plain)
    )
      for (const s of stems) {
        // The Swiss short form: a front of the name with its umlaut ("Löru" of Lorenz, "Mänu" of Manuel).
        const truncation = s.stem === s.name ? truncationOf(plain, s) : undefined
        if (truncation) {
          hit = { entity: s.entity, truncation: true, bare: truncation === 'bare' }
          break
        }
      }
    if (!hit && (key.length < 3 || !heads.has(key.slice(0, 3)) || !LETTERS_ONLY.test(key))) continue
    if (!hit)
      for (const s of stems) {
        if (
          key.length > s.stem.length &&
          key.length - s.stem.length <= MAX_ENDING &&
          key.startsWith(s.stem)
        ) {
          hit = { entity: s.entity, truncation: false, bare: false }
          break
        }
        const truncation = s.stem === s.name ? truncationOf(key, s) : undefined
        if (truncation) {
          hit = { entity: s.entity, truncation: true, bare: truncation === 'bare' }
          break
        }
      }
    if (!hit || inLinkOrAddress(text, t)) continue
    // A known variant is the matcher's, except a prefix form it dropped as a word ("Dome" of Domenico, a
    // German noun) where it is addressed to someone: "Gut gemacht, Dome." — or in an Italian or Spanish
    // text, where a German reading says nothing (`nameNotWord` asks the text's own language).
    if (
      matcher.byVariant.get(key) === hit.entity &&
      !(
        hit.entity.weak?.has(key) === true &&
        t.cap &&
        (addressed(tokens, i) || language === 'it' || language === 'es')
      )
    )
      continue
    if (!nameNotWord(tokens, i, key, gaz, language, hit.truncation)) continue
    // A listed name built on the stem ("Martina", "Oberli") is someone else's, unless merely cut from the
    // name ("Max" of Maximilian); beside another name word it is that person's other part, the
    // recognisers' to take ("Noemi Oberli").
    const other = !hit.bare && isOtherName(key, gaz)
    if (other && (besideName(tokens, i - 1, t) || besideName(tokens, i + 1, tokens[i + 1]))) continue
    out.push({
      start: t.start,
      end: t.end,
      type: 'PERSON',
      source: 'known',
      ...(other ? {} : { entity: hit.entity }),
    })
  }
  return out
}
