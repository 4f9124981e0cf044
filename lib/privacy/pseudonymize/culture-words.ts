import { ANIMALS } from './content-words'
import { wordInfo } from './dictionary'
import { gazetteer } from './gazetteer'
import { fold, isSpaceCode } from './normalize'
import type { EntityType, Language } from './types'

/**
 * Content words of the clients' cultures that the name-shaped recognisers take for identifiers, where the
 * context decides (added after unseen set L; R7.2: content words stay). The words that are never an
 * identifier (feasts, grape varieties, folk figures, dialect and language names, dishes) are a list instead:
 * data/culture-words.json, protected like the fixed expressions (../idioms.ts). Each check reads a few
 * characters around one inferred span; names known from the database never reach it.
 */

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean))

/**
 * A saint's day named after a day word: "Domani è San Martino", "el día de San Juan", "the feast of St Anne"
 * (it/es/en; German names the day in one word, "Martinstag"). Saints bear given names: "St. Gallen" stays a place.
 */
const SAINT = /^(?:San|Santa|Santo|Sant'|Sankt|St\.?|Saint|São)\s*\p{Lu}/u
const SAINT_BEFORE = /(?:^|[\s(])(?:San|Santa|Santo|Sankt|St\.?|Saint|São)\s+$|(?:^|[\s(])Sant['’]$/u
const DAY_BEFORE =
  /(?:\b(?:oggi|domani|ieri|dopodomani|hoy|mañana|ayer|today|tomorrow|yesterday)\s+(?:è|era|sarà|fu|es|era|será|fue|is|was|will be)\s+|\b(?:festa|giorno|notte|vigilia|fiera|estate|fiesta|fiestas|día|dia|noche|víspera|feria|veranillo|feast|day|eve)\s+(?:di|de|del|della|of)\s+)$/iu

/** "a la Virgen del Carmen", "la Virgen de Guadalupe": the Marian figure after an article (a parish has none). */
const MARIAN = /^(?:Virgen|Virgencita|Nuestra Señora)\s+(?:de|del|de la|de los)\s+\p{Lu}/u
/** The invocation's name alone ("Cocharcas" of "la Virgen de Cocharcas"). */
const MARIAN_BEFORE =
  /(?:^|[\s(])(?:la|Santísima)\s+(?:Virgen|Virgencita|Nuestra Señora)\s+(?:de|del|de la|de los)\s+$/u
const ARTICLE_BEFORE = /(?:^|[\s(])(?:la|a la|de la|por la|con la|Santísima)\s+$/u

/** Consumer brands used as the product or service ("tanta Coca-Cola", "took an Uber"), listed as organisations. */
const BRANDS = new Set(
  [
    'coca-cola',
    'coca cola',
    'red bull',
    'uber',
    'netflix',
    'spotify',
    'youtube',
    'whatsapp',
    'instagram',
    'facebook',
    'tiktok',
    'twitter',
    'linkedin',
    // Calls and chats by app ("We FaceTime", "on FaceTime"), like WhatsApp.
    'facetime',
    'skype',
    'snapchat',
    'toblerone',
    'ricola',
  ].map(fold),
)
const BRAND_MIN = Math.min(...[...BRANDS].map((b) => b.length))
const BRAND_MAX = Math.max(...[...BRANDS].map((b) => b.length))
/**
 * Whether text[from, to) can fold to a brand by its length: an ASCII word folds to its own length (a cheap
 * test before the slice and fold; a non-ASCII word may fold shorter or longer, so it always goes on).
 */
function brandLength(text: string, from: number, to: number): boolean {
  if (to - from >= BRAND_MIN && to - from <= BRAND_MAX) return true
  for (let k = from; k < to; k++) if (text.charCodeAt(k) > 127) return true
  return false
}
const HYPHENATED = /[\p{L}\p{M}-]/u
/** HYPHENATED at one position; ASCII by its code (most characters), the rest by the regex. */
function hyphenated(text: string, at: number): boolean {
  const c = text.charCodeAt(at)
  if (c < 128) return c === 45 || ((c | 32) >= 97 && (c | 32) <= 122)
  return HYPHENATED.test(text[at]!)
}
/** Before the brand: it is the employer ("bei Uber", "works for Netflix", "trabaja en Uber"). */
const EMPLOYER_BEFORE =
  /(?:\b(?:bei|beim|für|at|for|presso|per|chez|para)\s+|\b(?:arbeit\w*|schaff\w*|job\w*|stelle|angestellt|fahr\w*|fähr\w*|work\w*|employ\w*|hired|driv\w*|drove|lavor\w*|assunt\w*|guid\w*|trabaj\w*|emplead\w*|contratad\w*|conduc\w*)\s+(?:\S+\s+){0,2})$/iu

/**
 * Nouns of feeling that are also surnames ("Stolz", "Zorn", "Glück", "Mut"): the feeling after an article, a
 * possessive or a preposition, or as a speaker's one-word answer before a comma ("Klientin: Stolz, vielleicht").
 */
const FEELINGS = words(
  `stolz zorn glück mut neid frust ehre liebe freude trauer angst wut scham schuld reue sehnsucht heimweh
   hoffnung demut geduld sorge`,
)
const FEELING_BEFORE =
  /(?:^|[\s(])(?:der|die|das|den|dem|des|mein|meine|meinen|meinem|dein|deine|sein|seine|seinen|ihr|ihre|ihren|unser|unsere|voller|voll|aus|vor|mit|ohne|viel|kein|keine|keinen|so|solchen|etwas)\s+$/iu
const NEXT_AFTER_COMMA = /^\s*,\s*(\p{Lu}[\p{L}\p{M}]+)/u
const SPEAKER_BEFORE = /(?:^|\n)[\p{L} ]{2,30}:\s*$/u

/** The name of an animal named first: "La Bianca, la vacca più vecchia, …", "Bruno, unser Hund, …". */
const ANIMAL_ARTICLE_BEFORE = /(?:^|[\s(])(?:la|il|lo|der|die|das|d|dr|the|el)\s+$|(?:^|[\s(])[ld]['’]$/iu
const APPOSITION_TOKEN = /[\p{L}\p{M}]+/gu

/** Singers known by one name, after a song or concert word: "una canzone di Vasco", "un concierto de Shakira". */
const SINGERS = words(
  'vasco jovanotti ligabue zucchero mina shakira adele rihanna beyoncé madonna cher sting bono rosalía juanes',
)
const MUSIC_BEFORE =
  /\b(?:canzone|canzoni|concerto|album|disco|song|songs|concert|lied|lieder|konzert|canción|canciones|concierto)\s+(?:di|de|del|von|vom|by|of)\s+$/iu

/** A song title in quotes right after a singing or playing verb: she sang "Loch Lomond". */
const SING_BEFORE =
  /\b(?:sing|sings|sang|sung|singing|hum|hums|hummed|humming|play|plays|played|playing|singt|sang|sangen|gesungen|singen|spielte|gespielt|canta|cantava|cantato|cantare|cantar|cantaba|cantó|cantaron|tocaba|tocó|suonava)\s+(?:\p{Ll}+\s+){0,2}["“„«‘]$/iu

/** German (and Swiss German) names of language forms: "Hochdeutsch", "Berndeutsch", "Baseldytsch". */
const GERMAN_VARIETY = /^\p{Lu}\p{Ll}{2,}(?:deutsch|dütsch|dytsch|tüütsch|tütsch|ditsch|titsch)$/u

/** Swiss German articles before a noun: "dr Bärg", "d Geiss", "em Morgestraich". */
const SWISS_ARTICLE_BEFORE =
  /(?:^|[\s(])(?:dr|d|de|em|am|im|vom|zum|bim|ufem|uf dr|i dr)\s+$|(?:^|[\s(])d['’]$/u
const SINGLE_WORD = /^\p{Lu}[\p{Ll}\p{M}]+$/u
/** The last words of SAINT_BEFORE, MARIAN_BEFORE and SWISS_ARTICLE_BEFORE: a cheap test before each regex. */
const SAINT_WORDS = new Set(['San', 'Santa', 'Santo', 'Sankt', 'St', 'St.', 'Saint', 'São'])
const MARIAN_LAST = new Set(['de', 'del', 'la', 'los'])
const SWISS_ARTICLES = new Set(['dr', 'd', 'de', 'em', 'am', 'im', 'vom', 'zum', 'bim', 'ufem'])

/**
 * The run of non-space characters before the trailing spaces of `before`, an opening bracket left off, as far
 * as the tests on it read it: a word of more than five characters not ending in an apostrophe is in none of
 * the sets, so it is '' (no slice, no hash).
 */
function wordBefore(before: string): string {
  let to = before.length
  while (to > 0 && isSpaceCode(before.charCodeAt(to - 1))) to--
  const last = before.charCodeAt(to - 1)
  const apostrophe = last === 39 /* ' */ || last === 0x2019 /* ’ */
  let from = to
  // (Six characters allow for the bracket: "(Sankt".)
  while (from > 0 && !isSpaceCode(before.charCodeAt(from - 1))) {
    from--
    if (!apostrophe && to - from > 6) return ''
  }
  if (before.charCodeAt(from) === 40 /* ( */) from++
  return to - from > 5 && !apostrophe ? '' : before.slice(from, to)
}

/**
 * Swiss German writes vowels by their sound: "Bärg" (Berg), "Morgestraich" (Morgenstreich), "Chue" (Kuh). A
 * word is a dialect noun if one of these spellings is a German noun or compound in the dictionary.
 */
function isDialectNoun(word: string): boolean {
  const lower = word.toLowerCase()
  const variants = new Set<string>()
  const shifts: [RegExp, string][] = [
    [/ä/g, 'e'],
    [/ai/g, 'ei'],
    [/üe/g, 'u'],
    [/ue/g, 'u'],
  ]
  for (const [from, to] of shifts) variants.add(lower.replace(from, to))
  variants.add(lower.replace(/ä/g, 'e').replace(/ai/g, 'ei'))
  variants.delete(lower)
  for (const v of variants) {
    const cap = v.charAt(0).toUpperCase() + v.slice(1)
    const info = wordInfo('de', cap)
    if (info.noun || info.compound) return true
  }
  return false
}

function isFirstName(word: string): boolean {
  return gazetteer().firstNames.has(fold(word))
}

function isListedName(word: string): boolean {
  const gaz = gazetteer()
  const key = fold(word)
  return gaz.firstNames.has(key) || gaz.lastNames.has(key)
}

/** Whether an inferred span is one of the culture's content words above, by its context. */
export function isCultureWord(
  text: string,
  start: number,
  end: number,
  type: EntityType,
  language: Language,
): boolean {
  if (type !== 'PERSON' && type !== 'LOCATION' && type !== 'ORGANIZATION') return false
  const word = text.slice(start, end)
  const before = text.slice(Math.max(0, start - 48), start)
  // The word right before the span, as the regexes on `before` end in it: a set look-up rules most of them out
  // (this runs for every inferred span; each end-anchored regex would try all 48 positions).
  const prev = wordBefore(before)
  if (type !== 'LOCATION') {
    // The whole hyphenated word: "Cola" of "Coca-Cola" is a listed surname.
    let from = start
    let to = end
    while (from > 0 && hyphenated(text, from - 1)) from--
    while (to < text.length && hyphenated(text, to)) to++
    if (brandLength(text, from, to) && BRANDS.has(fold(text.slice(from, to))))
      return !EMPLOYER_BEFORE.test(text.slice(Math.max(0, from - 48), from))
  }
  if (type === 'ORGANIZATION') return false
  const saintWord = word.charCodeAt(0) === 83 /* S */ ? SAINT.exec(word) : null
  if (saintWord)
    return DAY_BEFORE.test(before) && isFirstName(word.slice(saintWord[0].length - 1).split(/\s/)[0]!)
  // The saint's name alone ("Martino" of "San Martino"): the day word before the saint word.
  const saint = SAINT_WORDS.has(prev) || /Sant['’]$/.test(prev) ? SAINT_BEFORE.exec(before) : null
  if (saint) return DAY_BEFORE.test(`${before.slice(0, saint.index)} `) && isFirstName(word.split(/\s/)[0]!)
  if ((word.startsWith('V') || word.startsWith('N')) && MARIAN.test(word)) return ARTICLE_BEFORE.test(before)
  if (MARIAN_LAST.has(prev) && MARIAN_BEFORE.test(before)) return true
  if (!SINGLE_WORD.test(word)) return quotedSong(text, end, before)
  const lower = word.toLowerCase()
  if (lower.endsWith('tsch') && GERMAN_VARIETY.test(word) && !isListedName(word)) return true
  if (FEELINGS.has(lower)) {
    if (FEELING_BEFORE.test(before)) return true
    // A name after the comma makes it a form field: "Klientin: Stolz, Andrea".
    const next = NEXT_AFTER_COMMA.exec(text.slice(end, end + 40))
    if (
      SPEAKER_BEFORE.test(before) &&
      /^\s*[,.]/.test(text.slice(end, end + 2)) &&
      !(next && isListedName(next[1]!))
    )
      return true
  }
  if (SINGERS.has(lower) && MUSIC_BEFORE.test(before)) return true
  // (A place needs an article before it, as animals' names take one: "La Stella, la capra …", not "Bern, die Katze".)
  if (
    text.charCodeAt(end) === 44 /* , */ &&
    (type === 'PERSON' || ANIMAL_ARTICLE_BEFORE.test(before)) &&
    isAnimalNamedFirst(text, end)
  )
    return true
  // (German texts only: "de", "am" are articles and prepositions of other languages too.)
  if (
    language === 'de' &&
    (SWISS_ARTICLES.has(prev) || /d['’]$/.test(prev)) &&
    SWISS_ARTICLE_BEFORE.test(before) &&
    !isListedName(word) &&
    !gazetteer().places.has(fold(word)) &&
    isDialectNoun(word)
  )
    return true
  return quotedSong(text, end, before)
}

function quotedSong(text: string, end: number, before: string): boolean {
  // A closing quote right after the span first: most spans have none.
  if (!/^\s*[”"“»’]/.test(text.slice(end, end + 2))) return false
  // The span is the title or its last words: the opening quote within the line before it.
  const open = Math.max(before.lastIndexOf('"'), before.lastIndexOf('“'), before.lastIndexOf('„'))
  if (open < 0 || before.slice(open).includes('\n')) return false
  return SING_BEFORE.test(before.slice(0, open + 1))
}

/** ", la vacca …", ", unser Hund": an animal noun within the three words after the comma. */
function isAnimalNamedFirst(text: string, end: number): boolean {
  const after = text.slice(end, end + 40)
  if (!after.startsWith(',')) return false
  const tokens = after.slice(1).match(APPOSITION_TOKEN) ?? []
  for (let k = 0; k < Math.min(3, tokens.length); k++) if (ANIMALS.has(tokens[k]!.toLowerCase())) return true
  return false
}
