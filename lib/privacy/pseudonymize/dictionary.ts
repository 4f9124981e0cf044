import { loadHunspell, readDictionaryPackage, type Hunspell, type Stem } from './hunspell'
import { Memo } from './memo'
import type { Language } from './types'

/**
 * "Is this an ordinary word here, and of which kind?" per language, answered by the Hunspell dictionaries
 * of the npm packages dictionary-de-ch, dictionary-en, dictionary-it and dictionary-es (loaded on first
 * use of a language, ~0.3–0.8 s each). German capitalises nouns and names: igerman98 marks nouns with
 * plural/genitive/compound flags, while names carry only S/M/m — so "Amsel" (Nm) is a noun, "Anna" (S)
 * and "Zürich" (Sm) are not, and "kühn" (A, adjective) is an ordinary word only in lower case.
 */

const PACKAGES: Record<Language, string> = {
  de: 'dictionary-de-ch',
  en: 'dictionary-en',
  it: 'dictionary-it',
  es: 'dictionary-es',
}

export type WordInfo = {
  /** The lower-case form is a dictionary word (in German: not a noun — an adjective, verb, adverb …). */
  lower: boolean
  /** German: the capitalised form is a dictionary noun (noun flags); elsewhere: never. */
  noun: boolean
  /** A capitalised dictionary entry without noun flags: mostly a proper name ("Anna", "Zürich"). */
  proper: boolean
  /** German: the lower-case form is itself an uninflected adjective stem ("kühn", "redlich"). */
  adjective: boolean
  /** German: an unknown capitalised word that splits into known words ending in a noun ("Schlafprobleme"). */
  compound: boolean
  /** English: the lower-case form is (also) a verb ("work", "call"): at a sentence start it is no name. */
  verb: boolean
  /** German: the lower-case form is an adjective, also inflected ("schlauer" of "schlau", flag A). */
  adjectiveForm: boolean
}

const NOUN_FLAGS = /[NEPTFijJ]/
const NAME_ONLY = /^[SMm]*$/

const loaded = new Map<Language, Hunspell>()
/** Per language: the words of texts, names among them (memo.ts forgets them). */
const caches: Record<Language, Memo<string, WordInfo>> = {
  de: new Memo(100_000),
  en: new Memo(100_000),
  it: new Memo(100_000),
  es: new Memo(100_000),
}

function hunspell(language: Language): Hunspell {
  let dict = loaded.get(language)
  if (!dict) {
    const { aff, dic } = readDictionaryPackage(PACKAGES[language])
    dict = loadHunspell(aff, dic)
    loaded.set(language, dict)
  }
  return dict
}

const upperInitial = (s: string) => s.charAt(0) !== s.charAt(0).toLowerCase()
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

function capitalStems(dict: Hunspell, form: string): Stem[] {
  return dict.stems(form).filter((s) => upperInitial(s.stem))
}

function isGermanNoun(dict: Hunspell, form: string): boolean {
  return capitalStems(dict, form).some((s) => NOUN_FLAGS.test(s.flags) || !NAME_ONLY.test(s.flags))
}

/** German compounds are not in the dictionary: a known noun at the end and a known word before it. */
function isGermanCompound(dict: Hunspell, word: string, depth = 0): boolean {
  const length = word.length
  for (let split = 3; split <= length - 3; split++) {
    const tail = capitalise(word.slice(split))
    if (!isGermanNoun(dict, tail)) continue
    const head = word.slice(0, split)
    // Linking elements: Schlaf-probleme, Arbeit-s-platz, Tage-s-licht, Familie-n-fest, Kind-er-garten.
    for (const h of linkForms(head)) {
      if (h.length < 3) continue
      const lower = h.toLowerCase()
      if (isGermanNoun(dict, capitalise(lower)) || dict.stems(lower).length > 0) return true
      if (depth === 0 && isGermanCompound(dict, capitalise(lower), 1)) return true
    }
  }
  return false
}

function linkForms(head: string): string[] {
  const out = [head]
  if (head.endsWith('s')) out.push(head.slice(0, -1))
  if (head.endsWith('es') || head.endsWith('en') || head.endsWith('er')) out.push(head.slice(0, -2))
  if (head.endsWith('n') || head.endsWith('e')) out.push(head.slice(0, -1))
  // Verb stems as first part: "Schlaf" from "schlafen", "Wohn" from "wohnen".
  out.push(`${head.toLowerCase()}en`, `${head.toLowerCase()}n`)
  return out
}

function classify(language: Language, word: string, dialect = false): WordInfo {
  const dict = hunspell(language)
  const lowerForm = word.toLowerCase()
  const lowerStems = dict.stems(lowerForm).filter((s) => !upperInitial(s.stem))
  const lower = lowerStems.length > 0
  const capForm = capitalise(lowerForm)
  const caps = capitalStems(dict, capForm)
  if (language !== 'de') {
    // English affix flags D and G are -ed and -ing: the stem is a verb.
    const verb = language === 'en' && lowerStems.some((s) => /[DG]/.test(s.flags))
    return {
      lower,
      noun: false,
      proper: caps.length > 0,
      adjective: false,
      compound: false,
      verb,
      adjectiveForm: false,
    }
  }
  const noun = caps.some((s) => NOUN_FLAGS.test(s.flags) || !NAME_ONLY.test(s.flags))
  const proper = !noun && caps.length > 0
  const adjective = lowerStems.some((s) => s.stem === lowerForm && s.flags.includes('A'))
  const adjectiveForm = lowerStems.some((s) => s.flags.includes('A'))
  const compound = !lower && !noun && !proper && word.length >= 7 && isGermanCompound(dict, capForm)
  if (!lower && !noun && !proper && !compound && !dialect) {
    const standard = standardSpelling(lowerForm)
    // Swiss German also writes the open e as ä: "Näbel" (Nebel), "Wätter" (Wetter), "Läbe" (Leben: -e for -en
    // is left to the callers).
    for (const form of standard.includes('ä') ? [standard, standard.replace(/ä/g, 'e')] : [standard]) {
      if (form === lowerForm) continue
      const info = classify('de', form, true)
      if (info.lower || info.noun) return { ...info, proper: false, compound: false }
    }
  }
  return { lower, noun, proper, adjective, compound, verb: false, adjectiveForm }
}

/**
 * Swiss German writes common words by their sound: "Angscht" (Angst), "Musig" (Musik), "Chopf" (Kopf).
 * An unknown word is read once more in the standard spelling these regular sound shifts give: -scht- → -st-,
 * final -ig → -ik, initial ch- → k- (only for a word no dictionary knows, so "Chur" or "König" are untouched); then
 * with ä read as e ("Näbel").
 */
function standardSpelling(lower: string): string {
  let out = lower.replace(/scht/g, 'st')
  if (out.length >= 5 && out.endsWith('ig')) out = `${out.slice(0, -2)}ik`
  if (out.length >= 4 && out.startsWith('ch')) out = `k${out.slice(2)}`
  return out
}

/** Word facts for a token in a language, memoised (bounded) across calls. */
export function wordInfo(language: Language, word: string): WordInfo {
  const cache = caches[language]
  return cache.get(word) ?? cache.set(word, classify(language, word))
}

/** German: per word, whether it reads only as another noun's plural or case form (memo.ts forgets them). */
const pluralMemo = new Memo<string, boolean>(20_000)
/** Verb flags of igerman98 (infinitive, participles, conjugations): "raten", "weiden", "singen". */
const VERB_FLAGS = /[DIVWXYZ]/

/**
 * German: the word is only an inflected form of another noun — a plural such as "Wangen" (Wange), "Schlieren"
 * (Schliere), "Erlen" — with no reading as a noun of its own ("Essen"), a name, or a verb ("Raten" of raten,
 * "Weiden" of weiden). Such a plural takes an article after "in", "nach", "aus" unless it names a place.
 */
export function germanInflectedNounOnly(word: string): boolean {
  let known = pluralMemo.get(word)
  if (known === undefined) {
    const dict = hunspell('de')
    const capital = capitalise(word.toLowerCase())
    const caps = capitalStems(dict, capital)
    known =
      caps.length > 0 &&
      caps.every((s) => s.stem !== capital && NOUN_FLAGS.test(s.flags)) &&
      !dict.stems(capital.toLowerCase()).some((s) => !upperInitial(s.stem) && VERB_FLAGS.test(s.flags))
    pluralMemo.set(word, known)
  }
  return known
}

/** Loads a language's dictionary now (servers warm up; tests measure steady state). */
export function warmDictionary(language: Language): void {
  hunspell(language)
}
