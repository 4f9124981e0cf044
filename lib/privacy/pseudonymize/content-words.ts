import { wordInfo } from './dictionary'
import { gazetteer } from './gazetteer'
import { fold, isSpaceCode } from './normalize'
import type { Token } from './tokens'
import type { Language } from './types'

/**
 * Capitalised content words that name-shaped recognisers take for people (added after unseen set H): adjectives
 * of nationality and language, the name of an animal, a disease named after a person, a car model after its
 * make, the words of a quoted title. Each check reads a few characters around one inferred span.
 */

const ONE_WORD = /^\p{Lu}\p{Ll}+$/u
const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean))

let demonyms: Set<string> | undefined
/**
 * English adjectives of nationality built on the country names of the runtime's CLDR data (Intl.DisplayNames,
 * type 'region'): Kenya → Kenyan, Israel → Israeli, Brazil → Brazilian, Australia → Australian.
 */
function regionAdjectives(): Set<string> {
  if (demonyms) return demonyms
  demonyms = new Set()
  const display = new Intl.DisplayNames(['en'], { type: 'region' })
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  for (const a of letters)
    for (const b of letters) {
      let name: string | undefined
      try {
        name = display.of(a + b)
      } catch {
        continue
      }
      if (!name || !ONE_WORD.test(name)) continue
      const stem = name.replace(/[aeiouy]$/, '')
      for (const form of [`${name}n`, `${name}i`, `${stem}an`, `${stem}ian`, `${name}ian`]) demonyms.add(form)
    }
  return demonyms
}

/**
 * English -ish and -ese adjectives (Jewish, Scottish, Lebanese, Maltese) that are no listed name; German -isch
 * adjectives (Türkisch, Tamilisch, also as the language after "spreche" or "auf").
 */
const EN_ADJECTIVE = /^\p{Lu}\p{Ll}{2,}(?:ish|ese)$/u
/**
 * English adjectives of nationality and origin that neither rule derives: the country's name has two words or
 * another stem ("the United States" → American, "the Netherlands" → Dutch), and those of continents and regions.
 */
const EN_IRREGULAR_ADJECTIVES = words(`
  American Americans French Dutch Swiss Greek Thai Welsh Czech Slovak Filipino Norwegian Afghan Arab Arabic
  Korean Lankan Zealander Bosnian Kosovar Kosovan Emirati Saudi Croat Serb Scots Peruvian Ecuadorian Argentine
  Argentinian Ivorian Kurdish Tibetan Uyghur Basque Catalan Andalusian Sicilian Bavarian Flemish Walloon
  European African Asian Latin Latino Latina Hispanic Caribbean Balkan Scandinavian Nordic Mediterranean
  Middle-Eastern Anglo Western Eastern Oriental`)
const DE_ADJECTIVE = /^\p{Lu}\p{Ll}{2,}isch$/u

export function isNationalityAdjective(word: string, language: Language): boolean {
  // The shape first (cheap), the name lists after: most spans are no adjective.
  if (language === 'de') {
    // The German adjective is in the dictionary in lower case (türkisch); a place such as Glärnisch is not.
    if (!word.endsWith('isch') || !DE_ADJECTIVE.test(word) || !wordInfo('de', word).lower) return false
  } else if (
    language !== 'en' ||
    !(EN_ADJECTIVE.test(word) || EN_IRREGULAR_ADJECTIVES.has(word) || regionAdjectives().has(word))
  )
    return false
  const gaz = gazetteer()
  const key = fold(word)
  return !gaz.firstNames.has(key) && !gaz.lastNames.has(key)
}

/** Diseases named after a person, also without "Morbus" or "disease": "le diagnosticaron Parkinson". */
const DISEASE_EPONYMS = new Set(
  `parkinson alzheimer crohn hashimoto asperger tourette huntington hodgkin basedow raynaud cushing bechterew
   menière meniere sjögren duchenne`.split(/\s+/),
)
const TITLE_BEFORE =
  /(?:herr|herrn|frau|dr|prof|mr|mrs|ms|signor|signora|sig|señor|señora|sr|sra|don|doña|dott|dottoressa)\.?\s+$/iu

/** Pets and farm animals in de/gsw/en/it/es; the name right after one (or after its article) is the animal's. */
export const ANIMALS = words(`
  hund hunde hündin hundli welpe katze katzen kater chatz chatze büsi kuh kühe chue chüe kalb pferd pferde ross
  stute pony esel ziege ziegen geiss geissen schaf schafe kaninchen hase meerschweinchen hamster papagei
  wellensittich dog dogs puppy cat cats kitten cow cows horse donkey goat rabbit parrot budgie pet cane cani
  cagnolino cagnolina gatto gatta gatti micio mucca mucche vacca cavallo cavalla coniglio criceto pappagallo
  capra asino perro perra perrito perrita gato gata gatito gatita vaca vacas caballo yegua conejo cabra
  puppies kittens horses gattini cagnolini cavalli conigli perros perras perritos gatos gatas gatitos caballos
  conejos chatzä hündli`)
// Not 'de': in Italian and Spanish it brings in the owner (el perro de Juan).
const ARTICLES = words('der die das d dr the il lo la l el los las')
const NAMING = words(
  'namens heisst heißt hiess hieß called named chiamato chiamata chiama llamado llamada llama',
)
/** Between the naming verb and the name ("heisst übrigens Merlin"), and before the verb ("che si chiama"). */
const NAMING_ADVERBS = words('übrigens eigentlich nämlich actually also')
const NAMING_BEFORE = words('che si que se')
const OWNER = words('von vom vo of di de del')
const AND = words('und and e y')
/** Lower-case dictation: the article before the name, a few words after the animal ("der hund … der bruno"). */
const LOWER_ARTICLES = words('der die d dr il la el')
/** Words that bring in a person between the animal and the name: the owner, a companion, a relative. */
const PERSON_LINK = words(
  'von vo vom mit bei bim with of from di da del de con und and e y sagt sagte meinte said told',
)
const TAIL_TOKEN = /[\p{L}\p{M}]+|,/gu
const CAPITALISED = /^\p{Lu}/u
const LOWER_WORD = /^\p{Ll}+$/u
const CLOSING = /^\s*(?:[,.;:!?)]|$)/u

/** "(the dog)", "(üse Hund)", "(il mio gatto)": up to two words, then the animal. */
const ANIMAL_IN_BRACKETS = /^ ?\((?:[\p{L}'’]+ ){0,2}(\p{L}+)\)/u
/** A second name joined by and, then a comma or the sentence's end: "Pepe| e Sale, mi aspettavano". */
const PAIR_CLOSES = /^ (?:und|and|e|y) \p{Lu}[\p{L}\p{M}]*\s*(?:[,.;:!?)]|$)/u

const isAnimal = (w: string | undefined) => w !== undefined && ANIMALS.has(w.toLowerCase())

/**
 * The name's animal: read back over the clause's last words — an article or naming word, a comma, names joined
 * by and ("die Bella und die Rosi"), an owner ("die Kühe von Papa, die Bella") — to an animal noun.
 */
function isAnimalName(clause: string, closes: boolean, pairCloses: boolean): boolean {
  const t = clause.match(TAIL_TOKEN)
  if (!t) return false
  let i = t.length - 1
  const last = t[i]
  // Lower-case dictation: "der hund raus musste der bruno", one to three words between, none a link word.
  if (last !== undefined && LOWER_ARTICLES.has(last)) {
    for (let k = 1; k <= 3; k++) {
      const w = t[i - k]
      if (w === undefined || !LOWER_WORD.test(w) || PERSON_LINK.has(w)) break
      if (k >= 2 && ANIMALS.has(w)) return true
    }
  }
  let bare = true
  const skip = () => {
    const j = i >= 1 && NAMING_ADVERBS.has(t[i]!) && NAMING.has(t[i - 1]!) ? i - 1 : i
    if (j >= 0 && NAMING.has(t[j]!)) {
      // "un gatto che si chiama Garibaldi", "der Kater heisst übrigens Merlin"
      i = j - 1
      if (i >= 0 && NAMING_BEFORE.has(t[i]!)) i--
      if (i >= 0 && NAMING_BEFORE.has(t[i]!)) i--
      bare = false
    } else if (i >= 0 && ARTICLES.has(t[i]!)) {
      i--
      bare = false
    }
    if (t[i] === ',') i--
  }
  skip()
  // After a bare comma the name is an apposition that closes ("a cat, Biscuit, and plants"; "i gatti, Pepe e
  // Sale, mi aspettavano": a pair that closes), not the next subject of a list ("Der Hund, Sandra und ich").
  if (bare && t[t.length - 1] === ',' && !closes && !pairCloses) return false
  if (i >= 0 && AND.has(t[i]!)) {
    i--
    if (t[i] === ',') i--
    if (i < 0 || !CAPITALISED.test(t[i]!)) return false
    i--
    // "der Hund, Sandra und Peter gingen": after a bare comma the pair is the animals' only if it closes.
    const afterComma = t[i] === ','
    skip()
    if (afterComma && !closes) return false
  }
  // The owner between animal and name only before an article or comma ("die Kühe von Papa, die Bella"): right
  // after "von" the word is the owner's own name ("die Stute von Familie Bachmann").
  return isAnimal(t[i]) || (!bare && i >= 2 && OWNER.has(t[i - 1]!) && isAnimal(t[i - 2]))
}

/** Makes of car: the word after one is the model ("Fiat Panda", "VW Polo"), never a person. */
export const CAR_MAKES =
  words(`fiat vw volkswagen opel renault peugeot citroën citroen toyota honda mazda nissan subaru
  suzuki hyundai kia skoda škoda seat audi bmw mercedes porsche volvo tesla dacia lancia chevrolet`)
const WHITESPACE = /^\s+$/u

/** A quoted title: an article first, or four words or more with a lower-case function word among them. */
const OPENING = '"“„«‘'
const QUOTES = '"“”„«»‘’'
const TITLE_WORDS =
  /^(?:\p{Lu}[\p{L}'’-]*|of|the|and|in|on|to|for|der|die|das|des|und|im|am|di|del|della|e|de|la|y|en)(?:\s+(?:\p{Lu}[\p{L}'’-]*|of|the|and|in|on|to|for|der|die|das|des|und|im|am|di|del|della|e|de|la|y|en))+$/u
const TITLE_ARTICLE = /^(?:The|A|An|Der|Die|Das|Il|Lo|La|Le|Gli|I|El|Los|Las)\s/u
const FUNCTION_WORD = /\s(?:of|the|and|in|on|to|for|der|die|das|des|und|im|am|di|del|della|e|de|la|y|en)\s/u

function isQuotedTitle(text: string, start: number, end: number): boolean {
  let open = -1
  for (let k = start - 1; k >= 0 && k >= start - 80; k--) {
    const c = text[k]!
    if (c === '\n') return false
    if (QUOTES.includes(c)) {
      if (!OPENING.includes(c)) return false
      open = k
      break
    }
  }
  if (open < 0) return false
  let close = -1
  for (let k = end; k < text.length && k <= end + 80; k++) {
    const c = text[k]!
    if (c === '\n') return false
    if (QUOTES.includes(c)) {
      close = k
      break
    }
  }
  if (close < 0) return false
  const title = text.slice(open + 1, close).trim()
  if (!TITLE_WORDS.test(title)) return false
  const count = title.split(/\s+/).length
  return count >= 3 && (TITLE_ARTICLE.test(title) || (count >= 4 && FUNCTION_WORD.test(title)))
}

/**
 * Composers, painters and writers whose name stands for their work ("put on some Bach", "ascolto Vivaldi",
 * "algo de Chopin", "ich lese Kafka"): the best-known names of the Western canon that are played, shown and read
 * most, and a few of Switzerland (Hodler, Dürrenmatt). Some are surnames of living people too ("Bach", "Verdi"), so
 * a name counts as the work only after a word of listening, playing music or reading in the same sentence and
 * with no honorific before it. Left out: names that are common Swiss surnames or German nouns ("Wagner",
 * "Anker", "Klee", "Zweig") and given names ("Dante").
 */
const CREATORS = words(`
  bach mozart beethoven vivaldi chopin schubert schumann brahms händel handel haydn verdi puccini rossini
  tschaikowsky tchaikovsky chaikovski čajkovskij debussy ravel satie liszt mahler dvořák dvorak grieg sibelius
  rachmaninow rachmaninoff rachmaninov einaudi albinoni pachelbel paganini bizet mendelssohn bruckner monteverdi
  telemann purcell elgar gershwin piazzolla morricone bartók bartok strawinsky stravinsky prokofiev prokofjew
  schostakowitsch shostakovich fauré offenbach smetana
  picasso monet rembrandt klimt hodler kahlo dalí dali matisse cézanne cezanne renoir vermeer caravaggio
  botticelli kandinsky chagall miró miro magritte goya velázquez munch giacometti warhol
  goethe schiller kafka hesse rilke dürrenmatt shakespeare dickens austen tolstoi tolstoy dostojewski
  dostoevsky proust camus neruda borges cervantes petrarca leopardi manzoni calvino ferrante murakami
  coelho tolkien orwell brecht nietzsche`)
/** Listening, playing music, reading and looking at art, in de/en/it/es: a word of the sentence before the name. */
const WORK_CUE = new RegExp(
  `(?:^|[^\\p{L}])(?:${[
    'hör(?:e|st|t|te|ten|en)?',
    'gehört',
    'musik\\p{L}*',
    'konzert\\p{L}*',
    'klavier',
    'lese|liest|lesen|gelesen',
    'ausstellung',
    'listen\\p{L}*',
    'music',
    'concerts?',
    'put on',
    'read(?:ing)?',
    'exhibition',
    'ascolt\\p{L}*',
    'musica',
    'concerto',
    'leggo|leggere|letto|leggendo',
    'escuch\\p{L}*',
    'música',
    'concierto',
    'leo|leí|leer|leyendo',
    'exposición',
  ].join('|')})(?![\\p{L}])`,
  'iu',
)

function isCreatorsWork(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end)
  if (!CREATORS.has(word.toLowerCase())) return false
  if (TITLE_BEFORE.test(text.slice(Math.max(0, start - 16), start))) return false
  // The sentence before it (up to 120 characters).
  let from = start
  while (from > 0 && start - from < 120 && !/[.!?\n]/.test(text[from - 1]!)) from--
  return WORK_CUE.test(text.slice(from, start))
}

/**
 * A role someone plays or acts: "den Kasper machen", "de Kasper mache", "dr Löi spile", "den Sündenbock spielen";
 * and what the speaker says they are ("i bi nume dr Lagerischt").
 * The word after the article before a verb of playing is the role, not a person — unless it is a listed given
 * name that is no German noun ("den Peter spielen" may still be the boy) or a preposition brings the article in
 * ("mit dr Lisa spile").
 */
const ROLE_ARTICLE = /(?:^|[\s,(])(?:den|de|dr|der|die|d|di|the)\s+$/iu
const ROLE_PREPOSITION = /(?:^|\s)(?:mit|bi|bei|mi|with|zu|zur|zum|vo|von|für|gegen|and|und|u)\s+\S+\s+$/iu
const PLAY_VERB =
  /^\s+(?:spielen|spiele|spielt|spielte|gespielt|spile|spiut|gspiut|gspilt|machen|mache|macht|machte|gemacht|gmacht|markieren|markiere|markiert|play|plays|played|playing)(?![\p{L}])/iu

/**
 * "i bi nume dr Lagerischt", "ich bin halt der Depp": what the speaker says they only or always are is a role.
 * (Without such an adverb it may be their name: "Hoi, i bi d Sandra", "i bi dr Housi".)
 */
const I_AM_THE =
  /(?:^|[\s,])(?:(?:i|ich)\s+(?:bi|bin)|(?:bi|bin)\s+(?:i|ich))\s+(?:\p{Ll}+\s+)?(?:nume|nur|halt|haut|eifach|einfach|immer|geng|bloss|wieder|wider|scho|schon)\s+(?:dr|de|der|d|di|die|en|e|ein|eine|dä|das|ds|s)\s+$/u

/** Rough, but a superset of the articles' letters and no character of the regexes' left boundaries. */
const isLetterCode = (c: number) => ((c | 32) >= 97 && (c | 32) <= 122) || c >= 0xc0

/** The last words of I_AM_THE and ROLE_ARTICLE (lower-cased): both rules need one right before the word. */
const ROLE_LAST = new Set([
  'dr',
  'de',
  'der',
  'd',
  'di',
  'die',
  'en',
  'e',
  'ein',
  'eine',
  'dä',
  'das',
  'ds',
  's',
  'den',
  'the',
])

function isRolePlayed(text: string, start: number, end: number): boolean {
  // A cheap test first (this runs for every inferred span of a German text): an article right before it.
  let to = start
  while (to > 0 && isSpaceCode(text.charCodeAt(to - 1))) to--
  if (to === start) return false
  let from = to
  while (from > 0 && to - from <= 3 && isLetterCode(text.charCodeAt(from - 1))) from--
  if (!ROLE_LAST.has(text.slice(from, to).toLowerCase())) return false
  const before = text.slice(Math.max(0, start - 40), start)
  const word = text.slice(start, end)
  // Cheapest first: the end of the clause after it, then what the speaker says they are, then the name lists.
  if (
    /^\s*(?:[,.;:!?)]|$)/u.test(text.slice(end, end + 2)) &&
    I_AM_THE.test(before) &&
    !(gazetteer().firstNames.has(fold(word)) || gazetteer().lastNames.has(fold(word)))
  )
    return true
  if (!PLAY_VERB.test(text.slice(end, end + 14))) return false
  if (!ROLE_ARTICLE.test(before) || ROLE_PREPOSITION.test(before.slice(-24))) return false
  return !gazetteer().firstNames.has(fold(word)) || wordInfo('de', word).noun
}

/** What a text has for the checks, found once per text: where animal nouns stand, whether it has quotes. */
export type ContentCues = { animals: number[]; carStarts: number[]; carEnds: number[]; quotes: boolean }

export function contentCues(text: string, tokens: readonly Token[]): ContentCues {
  const cues: ContentCues = { animals: [], carStarts: [], carEnds: [], quotes: false }
  for (const t of tokens) {
    if (ANIMALS.has(t.lower)) cues.animals.push(t.end)
    else if (CAR_MAKES.has(t.lower)) {
      cues.carStarts.push(t.start)
      cues.carEnds.push(t.end)
    }
  }
  for (const q of OPENING) if (text.includes(q)) cues.quotes = true
  return cues
}

/** The last of sorted positions at or before a position, or undefined. */
function lastAtOrBefore(positions: readonly number[], at: number): number | undefined {
  let lo = 0
  let hi = positions.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (positions[mid]! <= at) lo = mid + 1
    else hi = mid - 1
  }
  return positions[hi]
}

/** Whether an inferred PERSON or LOCATION span is one of the content words above. */
const CURRENCIES = words(
  'franken fränkli stutz rappen euro euros dollar dollars pfund pound pounds franco franchi sterline dólares pesos libras',
)
const AMOUNT_BEFORE = /\p{N}[\p{N}'’.,]*(?:\.-|\.–)?\s?$/u

export function isContentWord(
  text: string,
  start: number,
  end: number,
  language: Language,
  cues: ContentCues,
): boolean {
  const word = text.slice(start, end)
  if (isNationalityAdjective(word, language)) return true
  // A currency after an amount: "250 Franken", "30 Pfund" (Franken is also a surname and a region).
  if (CURRENCIES.has(word.toLowerCase()) && AMOUNT_BEFORE.test(text.slice(Math.max(0, start - 12), start)))
    return true
  if (
    word.length >= 5 &&
    DISEASE_EPONYMS.has(word.toLowerCase()) &&
    !TITLE_BEFORE.test(text.slice(Math.max(0, start - 16), start))
  )
    return true
  // A make of car right before the span or as its first word: the model.
  if (cues.carEnds.length > 0) {
    const make = lastAtOrBefore(cues.carEnds, start)
    if (make !== undefined && start - make <= 2 && WHITESPACE.test(text.slice(make, start))) return true
    if (lastAtOrBefore(cues.carStarts, start) === start) return true
  }
  if (cues.quotes && isQuotedTitle(text, start, end)) return true
  if (isCreatorsWork(text, start, end)) return true
  if (language === 'de' && isRolePlayed(text, start, end)) return true
  // The animal named right after, in brackets: "Juno (the dog)", "dr Bäri (üse Hund)", "Pepe (il mio gatto)".
  if (text.charCodeAt(end) === 40 || (text.charCodeAt(end) === 32 && text.charCodeAt(end + 1) === 40)) {
    const after = ANIMAL_IN_BRACKETS.exec(text.slice(end, end + 40))
    if (after && isAnimal(after[1])) return true
  }
  const animal = lastAtOrBefore(cues.animals, start)
  if (animal === undefined || start - animal > 60) return false
  // The animal's name: within the sentence, no person brought in between.
  const before = text.slice(Math.max(0, start - 60), start)
  const cut = Math.max(
    before.lastIndexOf('.'),
    before.lastIndexOf('!'),
    before.lastIndexOf('?'),
    before.lastIndexOf('\n'),
  )
  const tail = text.slice(end, end + 40)
  return isAnimalName(before.slice(cut + 1), CLOSING.test(tail), PAIR_CLOSES.test(tail))
}
