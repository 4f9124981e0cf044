import { wordInfo } from './dictionary'
import { idiomRanges } from './idioms'
import type { KnownEntity, KnownMatcher } from './known'
import { umlautVariants } from './known'
import { WeakMemo } from './memo'
import { fold } from './normalize'
import { tokenStartingAt, type Token } from './tokens'
import type { Language } from './types'
import { speechAt } from './recognisers/person-verbs'
import { gazIs, G, lexIs, W } from './word-flags'

/**
 * A known name that is also an ordinary word ("Sommer", "Vogel", "Knight", "Lobo", "April", "Will") is
 * sometimes used as the word: "Seit dem Sommer", "wie en Vogel", "a knight in shining armour", "un lobo
 * solitario". Such an occurrence stays when the grammar around it says "word" — an article, an adjective,
 * a month's date context, lower case in a text that capitalises names, a verb-first question — and no cue
 * says "name" (an honorific, the person's other name part, a first name, a genitive form). When unsure, the
 * name wins. knownSpans (index.ts) asks this for the pseudonymiser and for the leak check alike.
 */

const set = (words: string) => new Set(words.split(/[\s,]+/).filter(Boolean))

/** Indefinite articles (Swiss German "en", "e", "es", "kei" too): a person's name does not take them. */
const INDEFINITE: Record<Language, Set<string>> = {
  de: set('ein eine einen einem einer eines kein keine keinen keinem keiner keines en e es kei keis käi'),
  en: set('a an another'),
  it: set('un uno una nessun nessuno nessuna'),
  es: set('un una uno unos unas ningún ninguna algún alguna'),
}

/**
 * German definite articles and preposition + article contractions. In Standard German a name takes no
 * article ("Seit dem Sommer", "Zum Glück"); Swiss German puts one before every name ("de Vogel hät gseit",
 * "am Peter gsäit"), so there they are no cue. "beim" and "vom" are left out: "beim Vogel", "vom Fuchs" name the
 * person's place or word even in Standard German.
 */
const GERMAN_DEFINITE = set('der die das dem den des im am zum zur ins ans aufs ums übers')

/** German and Swiss German possessive determiners: "meinen Zürcher Dialekt", "mis Basler Büro". */
const POSSESSIVES = set(
  `mein meine meinen meinem meiner meines dein deine deinen deinem deiner deines sein seine seinen seinem
   seiner seines ihr ihre ihren ihrem ihrer ihres unser unsere unseren unserem unserer unseres euer eure
   euren eurem eurer eures min mini mis mim minere din dini dis sin sini sis üse üsi üses`,
)

/** Function words of Swiss German that Standard German lacks: their presence makes the text dialect. */
export const DIALECT_MARKERS = set(
  `isch gsi gsii gsy hät händ hend nöd nüd nid chli chlii weisch öppis öpper gseit gsait gsäit säit nüme bitzli
   mitenand zwüsche hüt nüt chunnt chunt chunsch wott ha han hani hesch bisch gha ghört verzellt dänn gäll muesch`,
)

/** Subject pronouns after a verb that opens a question or a wish: "Will ich das?", "Will I ever …". */
const PRONOUNS_AFTER_VERB: Partial<Record<Language, Set<string>>> = {
  de: set('ich du er sie es wir ihr man i mer si'),
  // An imperative takes an object or a possessive too: "Mark my words".
  en: set('i you he she it we they me my your us our them their'),
}

const MONTHS = set(`
  januar jänner februar märz april mai juni juli august september oktober november dezember january february
  march may june july october december gennaio febbraio marzo aprile maggio giugno luglio agosto settembre
  ottobre novembre dicembre enero febrero abril mayo junio julio septiembre octubre noviembre diciembre
`)
/**
 * Words before a month that make it the month: "last April", "seit April", "Anfang Mai", "desde abril". Not
 * "bis", "until", "da": "bis August kommt" is a person.
 */
const BEFORE_MONTH = set(`
  in since last next this early late mid every im seit anfang mitte ende letzten nächsten diesen jeden
  vergangenen en desde cada ad letztem nächstem diesem jedem vergangenem kommenden kommendem
`)
/** Seasons take the same time words as months: "seit letztem Winter", "last summer", "im Herbst". */
const SEASONS = set(`
  winter sommer frühling herbst summer autumn inverno estate primavera autunno invierno verano otoño
`)
/** Words after a month that make it the month: "April again", "Mai wieder". */
const AFTER_MONTH = set('again already wieder schon nochmal ancora già otra ya')

const basePartsMemo = new WeakMemo<KnownEntity, Set<string>>()
/** The entity's name words themselves (umlaut spellings too), not derived forms like a genitive. */
function baseParts(entity: KnownEntity): Set<string> {
  let parts = basePartsMemo.get(entity)
  if (!parts) {
    parts = new Set()
    for (const word of entity.value.split(/[\s-]+/))
      if (word.length >= 3) for (const v of umlautVariants(word)) parts.add(fold(v))
    basePartsMemo.set(entity, parts)
  }
  return parts
}

/** "sechsjährige", "zwöijährige": an age, said of people (and animals), not of things a name is also the word for. */
const AGE_ADJECTIVE = /j[äa]e?hrig/

/** A German adjective form; Swiss spelling writes ss where the dictionary has ß ("heisser", "grosse"). */
const germanAdjective = (word: string) =>
  wordInfo('de', word).adjectiveForm ||
  (word.includes('ss') && wordInfo('de', word.replace(/ss/g, 'ß')).adjectiveForm)

/** A German plural in -e, -n, -en or -er whose singular the dictionary has as a noun ("Berge" of "Berg"). */
function germanPluralOfNoun(word: string): boolean {
  const m = /^(.{3,}?)(?:en|er|e|n)$/u.exec(word)
  return m !== null && wordInfo('de', m[1]!).noun
}

/** `misspelt`: the match is a one-edit form of a name part ("Sterne" near "Stern"), not a variant. */
export type WordUseCheck = (match: string, start: number, entity: KnownEntity, misspelt?: boolean) => boolean

/**
 * The check for one text. `lowercaseNames`: the text writes a known name that is no ordinary word in lower
 * case somewhere, so lower case says nothing about a word there.
 */
export function wordUseCheck(
  text: string,
  tokens: readonly Token[],
  language: Language,
  matcher: KnownMatcher,
  lowercaseNames: boolean,
  /** The text's fixed expressions as a character mask (1 inside one), if the caller has it already. */
  idiomMask?: Uint8Array,
): WordUseCheck {
  let dialect: boolean | undefined
  const isDialect = () => (dialect ??= language === 'de' && tokens.some((t) => DIALECT_MARKERS.has(t.lower)))
  let idiom = idiomMask
  const inIdiom = (start: number, end: number) => {
    if (!idiom) {
      idiom = new Uint8Array(text.length + 1)
      for (const r of idiomRanges(text)) idiom.fill(1, r.start, r.end)
    }
    return idiom[start] === 1 && idiom[end - 1] === 1
  }
  const tokenAt = (start: number) => tokenStartingAt(tokens, start)
  const sameEntity = (t: Token | undefined, entity: KnownEntity) =>
    t !== undefined && matcher.byVariant.get(t.key) === entity
  const article = (t: Token) =>
    INDEFINITE[language].has(t.lower) || (language === 'de' && !isDialect() && GERMAN_DEFINITE.has(t.lower))

  return (match, start, entity, misspelt = false) => {
    if (entity.type !== 'PERSON' || entity.anyCase) return false
    const k = tokenAt(start)
    if (k < 0) return false
    const t = tokens[k]!
    if (t.end !== start + match.length || (!misspelt && !baseParts(entity).has(t.key))) return false
    const prev = k > 0 ? tokens[k - 1] : undefined
    const before = k > 1 ? tokens[k - 2] : undefined
    const next = k + 1 < tokens.length ? tokens[k + 1] : undefined
    const joinedPrev = prev !== undefined && (t.gap === ' ' || t.gap === '-')
    const joinedNext = next !== undefined && (next.gap === ' ' || next.gap === '-')

    // Name cues win: an honorific or role ("Frau Sommer", "herr fuchs", "Dr. Vogel", "Coach Lobo"), the
    // person's other name part or a first name beside it ("Petra Sommer", "Sommer Petra", "Anna Vogel").
    const titleLike = W.TITLE | W.TITLE_FILLER | W.ROLE | W.RELATION
    // A speaker label before a colon is no title: "Coach: Mark my words".
    const titleBefore =
      prev !== undefined && /^\.?\s+$/.test(t.gap) && lexIs(prev, titleLike) && !article(prev)
    // A fixed expression of several words around it is the expression: "jeder Hinz und Kunz" for a client
    // Kunz, "nicht Hans im Glück" for a coach Hans, "Frau X kocht Zürcher Geschnetzeltes" for a coach
    // Zürcher. A title right before the name outside the expression, or the person's other name part beside
    // it, still says "name"; a one-word entry such as "Casanova" needs the word cues below.
    if (
      inIdiom(t.start, t.end) &&
      (idiom![t.start - 1] === 1 || idiom![t.end] === 1) &&
      // (Not across a blanked placeholder: the leak check reads "Frau [PERSON_1] Berner Platte" so.)
      !(titleBefore && t.gap.length <= 2 && idiom![prev.start] !== 1) &&
      !(joinedPrev && sameEntity(prev, entity)) &&
      !(joinedNext && sameEntity(next, entity))
    )
      return true
    if (titleBefore) return false
    if (before && lexIs(before, W.TITLE | W.TITLE_FILLER) && /^\.?\s$/.test(prev!.gap)) return false
    if (joinedPrev && (sameEntity(prev, entity) || (prev.cap && gazIs(prev, G.FIRST)))) return false
    if (joinedNext && (sameEntity(next, entity) || (next.cap && gazIs(next, G.FIRST)))) return false
    // Someone who speaks or acts on someone is a person: "Der Winter meinte, …", "Der Vogel hat mir geraten".
    if (next?.gap === ' ' && speechAt(tokens, k + 1)) return false

    const lower = !t.cap
    // A month with a date around it: "April again", "im April", "April 2025", "3. April".
    if (MONTHS.has(t.lower) || SEASONS.has(t.lower)) {
      if (joinedNext && (/^(?:19|20)\d\d$/.test(next.text) || AFTER_MONTH.has(next.lower))) return true
      if (prev && /^\s$/.test(t.gap) && BEFORE_MONTH.has(prev.lower)) return true
      if (prev && /^\d{1,2}(?:st|nd|rd|th)?$/.test(prev.text) && /^\.?\s$/.test(t.gap)) return true
    }
    const found = wordInfo(language, t.text)
    // A one-edit form of the name may be a German noun's plural the dictionary lacks as such ("Berge" near
    // a coach Berger: the dictionary has "Berg" and a name "Berge"): the singular decides.
    const info =
      misspelt && language === 'de' && !found.noun && t.cap && germanPluralOfNoun(t.text)
        ? { ...found, noun: true }
        : found
    if (!info.lower && !info.noun) return false
    // A one-edit "misspelling" of the name that is itself a common word of the text's language, with no
    // name cue (above), is that word: "Winter doesn't get the last word" near a client Winters.
    if (misspelt && language !== 'de' && info.lower) return true
    // A noun after an article: German nouns are capitalised (lower case only in dictation, which writes
    // nothing capitalised); elsewhere a dictionary word.
    // (Outside German a capital is the name's: Italian and Spanish put an article before a family name, "una
    // Fumagalli non abbassa la testa", "la Gutiérrez", and the dictionaries derive surnames as words by affix.)
    const noun = language === 'de' ? info.noun && (t.cap || t.lowercaseLine) : info.lower && !t.cap
    // An article right before it ("ein Engel", "en Vogel", "Seit dem Sommer", "a knight", "un lobo").
    if (noun && prev && t.gap === ' ' && article(prev)) return true
    // A one-edit form of the name that is a noun after a possessive is the noun: "deine Mutter" near a client
    // Sutter (German puts no possessive before a surname).
    if (misspelt && noun && prev && t.gap === ' ' && POSSESSIVES.has(prev.lower)) return true
    // An article and an adjective before it: "ein schlauer fuchs", "der lange Winter".
    if (
      noun &&
      language === 'de' &&
      prev &&
      before &&
      t.gap === ' ' &&
      prev.gap === ' ' &&
      !prev.cap &&
      !lexIs(prev, W.TITLE) &&
      germanAdjective(prev.lower) &&
      // An age describes a person: "der sechsjährige Roman sagt", also in dictation (set M).
      !AGE_ADJECTIVE.test(prev.lower) &&
      article(before)
    )
      return true
    // A determiner before it and a noun after it: the word is an attribute, as place adjectives are
    // ("meinen Zürcher Dialekt", "das Berner Oberland", "mis Basler Büro"). A name before a noun takes no
    // determiner; a first name or surname after it is the name's other part (handled above).
    if (
      language === 'de' &&
      t.cap &&
      prev &&
      next &&
      t.gap === ' ' &&
      next.gap === ' ' &&
      next.cap &&
      !next.sentenceStart &&
      (article(prev) || GERMAN_DEFINITE.has(prev.lower) || POSSESSIVES.has(prev.lower)) &&
      !gazIs(next, G.NAME) &&
      wordInfo('de', next.text).noun
    )
      return true
    // Lower case in a text that capitalises names: "wieder fröhlich werden", "my baker". A German noun in
    // lower case there is a slip, for the word or the name alike: no cue.
    const lowerWord = language === 'de' ? info.lower && (!info.noun || info.adjective) : info.lower
    if (lower && lowerWord && !t.lowercaseLine && !lowercaseNames) return true
    // A verb opening a question before its pronoun: "Will ich das wirklich?", "Will I ever …".
    const pronouns = PRONOUNS_AFTER_VERB[language]
    if (
      t.sentenceStart &&
      pronouns &&
      next?.gap === ' ' &&
      pronouns.has(next.lower) &&
      info.lower &&
      !info.noun
    )
      return true
    // Inside a fixed expression: "Mark my words", "Jack Frost", "Glück im Unglück" (a German noun is
    // capitalised there as anywhere).
    if ((info.lower || (language === 'de' && info.noun)) && inIdiom(t.start, t.end)) return true
    return false
  }
}
