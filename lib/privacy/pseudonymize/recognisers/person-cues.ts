import { GREETINGS, NAMING_CUES, NOUN_SUFFIXES } from '../lexicon'
import { wordInfo } from '../dictionary'
import type { Token } from '../tokens'
import { endsWithAny, type Candidate, type Recogniser, type RuleContext } from './context'
import { personVerbAfter, speechAt } from './person-verbs'
import { AMBIGUOUS_IN, G, MARKER_IN, W, gazIs, lexIs } from '../word-flags'
import { DIALECT_MARKERS } from '../word-use'
import { isDialectShapeNoun } from '../dialect-nouns'

// (Hoisted: the bundler turns a literal with \p{…} into `new RegExp()`, built again on every call.)
const DIGIT_FIRST = /^\p{N}/u
const LETTERS_ONLY = /^\p{L}+$/u
const TWO_LETTERS_OR_MORE = /^\p{L}{2,}$/u

/**
 * Person names by the words around them, in any case: titles and honorifics ("Herr Rüegg", "frau dr.
 * tanner", "de herr odermatt"), relation and role words before ("mein Bruder Valon", "la vicina Serena")
 * or after ("Rowan, my manager", "Serena, la vicina", "Bluebell from the parents' group"), naming phrases
 * ("alle sagen Sascha"), and verbs of speaking or relating after ("Amsel hat gesagt", "Rocío dice que").
 */

/** Titles written in lowercase in Romance languages and English abbreviations: "la señora Keller". */
const LOWERCASE_TITLES = new Set(
  'signor signore signora signorina sig dott dottor dottore dottoressa señor señora señorita sr sra srta don doña monsieur madame mme mlle mr mrs ms dr prof ing avv arch geom'.split(
    ' ',
  ),
)

/** Surname particles that may open a name after a title ("il dottor Della Casa", "Herr von Gunten"). */
const PARTICLE = /^(?:della|dalla|delle|dalle|dello|degli|del|dal|de|di|da|dos|das|do|van|von|le|la|lo)$/i

/** The last word of each naming cue: the cheap test before the phrase comparison. */
const CUE_LAST_WORDS = new Set(
  NAMING_CUES.map((cue) =>
    cue
      .split(/[\s.]+/)
      .filter(Boolean)
      .pop()!
      .toLowerCase(),
  ),
)

/** Possessives and articles between a name and a relation word after it: "Rowan, my manager". */
const RELATION_LEAD = new Set(
  (
    'mein meine meinem meinen meiner unser unsere unserem unseren dein deine sein seine ihr ihre der die ' +
    'mini mis mys myni dini sini üse üsi de d ' +
    'mi mis tu su sus nuestro nuestra el la il lo mio mia mio suo sua nostro nostra my our his her their the'
  ).split(' '),
)

/** Groups a person is "from": "Bluebell from the parents' group", "Reto aus meinem Chor". */
const GROUP_WORDS = new Set(
  (
    'group choir team class club course gym church office work school band circle chor verein team kurs ' +
    'klasse turnverein gruppe büro geschäft firma schule kita gemeinde coro gruppo squadra corso classe ' +
    'ufficio lavoro coro grupo equipo clase curso oficina trabajo'
  ).split(' '),
)

/** A word that may be a name by its own looks: capitalised (or lower case in dictation), not a function word. */
function candidateWord(ctx: RuleContext, t: Token): boolean {
  if (t.caps || t.key.length < 2) return false
  if (
    lexIs(t, W.NEVER) ||
    lexIs(t, W.DETERMINER) ||
    lexIs(t, W.ROLE) ||
    lexIs(t, W.RELATION) ||
    lexIs(t, W.TITLE) ||
    lexIs(t, W.TITLE_FILLER)
  )
    return false
  if (gazIs(t, G.COMMON) && !(gazIs(t, G.NAME) && !gazIs(t, AMBIGUOUS_IN[ctx.language]))) return false
  return true
}

/**
 * A lower-case word after an honorific is a name if it is a known name or no ordinary word here. After a
 * strong honorific ("frau dr. sommer", "el señor cuadrado" in dictation) a noun or adjective counts too.
 */
function lowercaseNameAfterTitle(ctx: RuleContext, t: Token, strong = false): boolean {
  if (t.cap || t.key.length < 3 || DIGIT_FIRST.test(t.text)) return false
  if (lexIs(t, W.NEVER) || lexIs(t, W.DETERMINER) || lexIs(t, W.TITLE) || lexIs(t, W.TITLE_FILLER))
    return false
  if (lexIs(t, W.ROLE) || lexIs(t, W.RELATION) || lexIs(t, MARKER_IN[ctx.language])) return false
  const info = ctx.word(t)
  const common = gazIs(t, G.COMMON)
  if (!common && (gazIs(t, G.NAME) || !info.lower)) return true
  if (!strong) return false
  if (!info.lower || info.noun) return true
  return t.lowercaseLine && ctx.language !== 'de' && !common && t.key.length >= 4
}

/** German determiners and possessives before "frau"/"herr" make them nouns ("die frau", "mein herr"). */
const NOUN_USE = new Set(
  'die der den dem des eine einer einen einem meine meiner mein jede jeder diese dieser'.split(' '),
)

/**
 * Whether "dr" without a dot is the Swiss German article in this text: it is dialect (its function words), or
 * "dr" without a dot stands before a lower-case word somewhere ("uf dr offerte"). One pass, on the first "dr".
 */
/** Swiss German auxiliaries and particles besides word-use's markers ("het", "hei", "wäg"). */
const MORE_DIALECT_MARKERS = new Set('het hed hei hend wäg wäge gsii öpper nämli nöd nüt'.split(' '))

function drIsArticle(ctx: RuleContext): boolean {
  const { tokens } = ctx
  if (ctx.language !== 'de') return false
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (DIALECT_MARKERS.has(t.lower) || MORE_DIALECT_MARKERS.has(t.lower)) return true
    const next = tokens[i + 1]
    if (
      t.lower === 'dr' &&
      next &&
      next.gap === ' ' &&
      !next.cap &&
      !next.lowercaseLine &&
      LETTERS_ONLY.test(next.text)
    )
      return true
  }
  return false
}

function titles(ctx: RuleContext, out: Candidate[]) {
  const { tokens } = ctx
  const n = tokens.length
  let drArticle: boolean | undefined
  for (let i = 0; i + 1 < n; i++) {
    const t = tokens[i]!
    if (!lexIs(t, W.TITLE) || tokens[i + 1]!.gap.includes('\n')) continue
    // Italian "sig." without its dot outside Italian text is Swiss German "sei" ("ich sig schuld").
    if (t.lower === 'sig' && ctx.language !== 'it' && !tokens[i + 1]!.gap.startsWith('.')) continue
    const greeting = GREETINGS.has(t.lower) || /^(liebe|lieber|dear|caro|cara|querido|querida)$/.test(t.lower)
    let j = i + 1
    while (j < n && lexIs(tokens[j]!, W.TITLE_FILLER) && /^\.?\s*$/.test(tokens[j]!.gap.replace(/^\./, '')))
      j++
    const cand = tokens[j]
    if (!cand || !/^\.?[ ,]?\s?$/.test(cand.gap) || cand.caps || lexIs(cand, W.NEVER)) continue
    // German quantifying adjectives are on the determiner list ("ganz", "viel"), yet surnames too: after a
    // capitalised honorific and before punctuation or a verb, "Frau Ganz, sagt …" is the person.
    const surnameAdjective =
      lexIs(cand, W.DETERMINER) &&
      ctx.language === 'de' &&
      t.cap &&
      !greeting &&
      cand.cap &&
      ctx.word(cand).adjective &&
      (j + 1 >= n || /^\s*[,;:.!?)]/.test(tokens[j + 1]!.gap) || !tokens[j + 1]!.cap)
    if (lexIs(cand, W.DETERMINER) && !PARTICLE.test(cand.text) && !surnameAdjective) continue
    if (cand.cap) {
      // A capitalised title always counts; a lowercase one only where titles are written that way.
      if (!(t.cap || LOWERCASE_TITLES.has(t.lower) || t.lowercaseLine || !greeting)) continue
      if (greeting && !gazIs(cand, G.NAME)) continue
      // Honorifics take any capitalised word ("Herr Koch", "Dr. Adler"); greetings only names. Swiss German
      // "Dr" without a dot is the article ("Dr Zug isch abgfahre").
      const article = t.lower === 'dr' && !tokens[i + 1]!.gap.startsWith('.')
      if ((greeting || article) && ctx.isCommon(cand) && !gazIs(cand, G.NAME)) continue
      if (article && ctx.word(cand).noun && !gazIs(cand, G.NAME)) continue
      // Written in lower case in German text it is the article before an adjective too ("dr Brandig", "dr
      // Ganz Tag"); a surname that is one needs a comma or a verb after it (person-names.ts).
      if (article && !t.cap && ctx.language === 'de' && ctx.word(cand).adjective && !gazIs(cand, G.NAME))
        continue
      // In a dialect text "dr" is the article before the dialect's own nouns too, which no dictionary has as
      // written ("dr Montig", "Dr Obmaa", "dr Tat"): a listed name after it is still one ("dr Beat").
      if (
        article &&
        !gazIs(cand, G.NAME) &&
        isDialectShapeNoun(cand.text) &&
        (drArticle ??= drIsArticle(ctx))
      )
        continue
      // German verbs and adverbs are no names ("Herr Leider" does not occur); adjectives may be ("Herr Kühn").
      const info = ctx.word(cand)
      if (ctx.language === 'de' && info.lower && !info.noun && !info.adjective && !gazIs(cand, G.NAME))
        continue
      if (PARTICLE.test(cand.text) && j + 1 < n && tokens[j + 1]!.gap === ' ') {
        out.push(ctx.span(j, ctx.nameRun(j + 1), 'PERSON', 'context', 'title'))
        continue
      }
      if (lexIs(cand, W.RELATION) || lexIs(cand, W.ROLE) || lexIs(cand, W.TITLE)) continue
      out.push(ctx.span(j, ctx.nameRun(j), 'PERSON', 'context', 'title'))
      continue
    }
    // Lower case ("herr rüegg", "frau dr. tanner", "de herr odermatt"): honorifics, not greetings.
    if (greeting) {
      if (t.lowercaseLine && gazIs(cand, G.NAME) && !ctx.isAmbiguous(cand) && !GREETINGS.has(t.lower))
        out.push(ctx.span(j, j, 'PERSON', 'context', 'title-lowercase'))
      continue
    }
    const prev = i > 0 ? tokens[i - 1] : undefined
    // Swiss German "dr" without a dot is the article ("wäg dr offerte", "bi dr polizei"): a name after it
    // only if it is a listed name and no noun ("dr meier").
    // In lower-case dictation of Standard German it is the title, as dictation writes it ("dr käppeli hat es
    // erklärt").
    if (
      t.lower === 'dr' &&
      j === i + 1 &&
      ctx.language === 'de' &&
      !cand.gap.startsWith('.') &&
      !(gazIs(cand, G.NAME) && !ctx.word(cand).noun && !ctx.word(cand).lower) &&
      !(t.lowercaseLine && !isDialectShapeNoun(cand.text) && !(drArticle ??= drIsArticle(ctx)))
    )
      continue
    const strong =
      j > i + 1 ||
      (t.lowercaseLine && !(ctx.language === 'de' && prev !== undefined && NOUN_USE.has(prev.lower)))
    let k = j
    const afterParticle = j + 1 < n ? tokens[j + 1]! : undefined
    if (PARTICLE.test(cand.text) && afterParticle && afterParticle.gap === ' ') {
      // "Herr von Gunten", "frau de weck": the particle belongs to the name.
      if (
        afterParticle.cap ? candidateWord(ctx, afterParticle) : lowercaseNameAfterTitle(ctx, afterParticle)
      ) {
        out.push(ctx.span(j, afterParticle.cap ? ctx.nameRun(j + 1) : j + 1, 'PERSON', 'context', 'title'))
        continue
      }
    }
    if (!lowercaseNameAfterTitle(ctx, cand, strong)) continue
    // A second lowercase name word: "frau anna tanner"; a listed one before a hyphen is a double surname
    // even if it is a noun too ("frau anna keller-huber").
    if (
      k + 1 < n &&
      tokens[k + 1]!.gap === ' ' &&
      gazIs(tokens[k]!, G.FIRST) &&
      gazIs(tokens[k + 1]!, G.NAME) &&
      (lowercaseNameAfterTitle(ctx, tokens[k + 1]!) || tokens[k + 2]?.gap === '-')
    )
      k++
    // A double surname: "frau dr. theres huber-lang" (the second part may be an ordinary word).
    while (
      k + 1 < n &&
      tokens[k + 1]!.gap === '-' &&
      !tokens[k + 1]!.cap &&
      TWO_LETTERS_OR_MORE.test(tokens[k + 1]!.key)
    )
      k++
    out.push(ctx.span(j, k, 'PERSON', 'context', 'title-lowercase'))
  }
}

function relationsBefore(ctx: RuleContext, out: Candidate[]) {
  const { tokens, language } = ctx
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!
    const next = tokens[i + 1]!
    const cue = lexIs(t, W.RELATION) || (CLIENT_WORDS.has(t.lower) && next.gap === ' ')
    // "mein Bruder Valon", "Bruder: Christian" (a list of family members).
    // A family list, not a transcript speaker ("Coach: …"): only a listed name counts after the colon.
    const labelled =
      t.lineStart &&
      lexIs(t, W.RELATION) &&
      !lexIs(t, W.ROLE) &&
      !SPEAKER_WORDS.has(t.lower) &&
      next.gap === ': ' &&
      gazIs(next, G.NAME)
    if (!cue || lexIs(next, W.TITLE) || !(/^,? $/.test(next.gap) || labelled)) continue
    if (next.sentenceStart && !labelled) continue
    if (next.cap) {
      if (!candidateWord(ctx, next) && !gazIs(next, G.NAME)) continue
      // "meiner Mutter Blumen gebracht": an ordinary German noun after a relation word is an object, not a name.
      const germanNoun = language === 'de' && (endsWithAny(next.lower, NOUN_SUFFIXES) || ctx.word(next).noun)
      if (gazIs(next, G.NAME) || (!ctx.isCommon(next) && !germanNoun))
        out.push(ctx.span(i + 1, ctx.nameRun(i + 1), 'PERSON', 'context', 'relation-before'))
    } else if (t.lowercaseLine || !t.cap) {
      // "mein bruder valon", "my flatmate heather", "cliente aurora gianinazzi": a known name in lower case.
      const info = ctx.word(next)
      const dictation = t.lowercaseLine && !info.verb
      if (
        gazIs(next, G.NAME) &&
        candidateWord(ctx, next) &&
        (!info.lower || dictation) &&
        !gazIs(next, G.COMMON)
      ) {
        let k = i + 1
        // A lowercase surname after it: "aurora gianinazzi", "consuelo paredes".
        const after = tokens[k + 1]
        if (after && after.gap === ' ' && !after.cap && gazIs(after, G.NAME) && !ctx.word(after).lower) k++
        out.push(ctx.span(i + 1, k, 'PERSON', 'context', 'relation-before'))
      }
    }
  }
}

function relationsAfter(ctx: RuleContext, out: Candidate[]) {
  const { tokens } = ctx
  const n = tokens.length
  for (let i = 0; i + 1 < n; i++) {
    const t = tokens[i]!
    const next = tokens[i + 1]!
    // Cheap tests first: this runs for every token.
    // In lowercase dictation a listed name counts too: "graf, mini vermieterin".
    const lowerName = !t.cap && t.lowercaseLine && next.gap !== ' ' && gazIs(t, G.NAME) && !lexIs(t, W.NEVER)
    if (
      (!t.cap && !lowerName) ||
      (next.gap === ' ' ? !APPOSITION_PREPOSITIONS.has(next.lower) : next.gap.length > 4)
    )
      continue
    if (!(lowerName || candidateWord(ctx, t)) || ctx.facts(i).afterDeterminer) continue
    let k = i + 1
    let apposition = false
    if (/^\s*,\s*$|^\s*\(\s*$|^\s+[-–]\s+$/.test(next.gap)) {
      if (RELATION_LEAD.has(next.lower) && k + 1 < n && tokens[k + 1]!.gap === ' ') k++
      // Article and possessive: "Serena, la mia collega, …", "Marco, il suo capo".
      if (RELATION_LEAD.has(tokens[k]!.lower) && k > i + 1 && k + 1 < n && tokens[k + 1]!.gap === ' ') k++
      apposition = lexIs(tokens[k]!, W.RELATION) || ROLE_WORDS.has(tokens[k]!.lower)
    } else if (
      next.gap === ' ' &&
      /^(vom|von)$/.test(next.lower) &&
      gazIs(t, G.NAME) &&
      !t.sentenceStart &&
      k + 1 < n &&
      (tokens[k + 1]!.cap || tokens[k + 1]!.lower === 'der')
    ) {
      // "Glaser vom Subunternehmer …", "Frei von der Spitex": a surname with its affiliation.
      apposition = true
    } else if (next.gap === ' ' && /^(from|aus|vom|von|dal|dalla|del|de)$/.test(next.lower)) {
      // "Bluebell from the parents' group", "Reto aus meinem Chor".
      let g = k + 1
      while (g < n && g - k <= 3 && !GROUP_WORDS.has(tokens[g]!.lower) && !/[.,;\n]/.test(tokens[g]!.gap)) g++
      apposition =
        g < n &&
        g - k <= 3 &&
        GROUP_WORDS.has(tokens[g]!.lower) &&
        RELATION_LEAD.has(tokens[k + 1]?.lower ?? '')
    }
    if (!apposition) continue
    // An ordinary German noun in apposition is a thing ("Team Kundenberatung, meine Chefin …").
    if (ctx.language === 'de' && !gazIs(t, G.NAME)) {
      const info = ctx.word(t)
      if (info.noun || info.compound || endsWithAny(t.lower, NOUN_SUFFIXES)) continue
    }
    out.push(ctx.span(i, i, 'PERSON', 'context', 'relation-after'))
  }
}

/** Articles before a name in colloquial Italian, Spanish and Swiss German: "mi prima la Nena", "el Txema". */
const NAME_ARTICLES = new Set('la il lo el de d dr em der die'.split(' '))

/** Fronts of four to six letters of the listed first names, built on first use per gazetteer. */
const nameFronts = new WeakMap<object, Set<string>>()
function isNameFront(ctx: RuleContext, key: string): boolean {
  if (key.length < 4 || key.length > 6) return false
  let fronts = nameFronts.get(ctx.gaz)
  if (!fronts) {
    fronts = new Set()
    for (const name of ctx.gaz.firstNames)
      for (let k = 4; k <= 6 && k < name.length; k++) fronts.add(name.slice(0, k))
    nameFronts.set(ctx.gaz, fronts)
  }
  return fronts.has(key)
}

/** Feminine nouns on -o and masculine ones on -a (es/it): they agree with their article after all. */
const IRREGULAR_GENDER = new Set(
  'mano foto moto radio libido dinamo polio auto día dia mapa problema tema sistema programa clima idioma poeta papa'.split(
    ' ',
  ),
)
/** A feminine article before a word on -o, or a masculine one before a word on -a: no agreement. */
const genderClash = (article: string, key: string) =>
  !IRREGULAR_GENDER.has(key) &&
  ((article === 'la' && key.endsWith('o')) || ((article === 'el' || article === 'il') && key.endsWith('a')))

/** Italian and Spanish adjective and participle endings: "mia madre, stanca, …" is no name. */
const ROMANCE_ADJECTIVE = /(?:at[oa]|it[oa]|ut[oa]|ad[oa]|id[oa]|os[oa]|ent[ea]|ant[ea]|issim[oa]|ic[oa])$/

/**
 * A name in apposition to a relation or role word, in any case: "der vorarbeiter, scharf, ist …", "la mia
 * ragazza, vale, mi ha detto", "mi cuñado, el txema, …", "mi prima la nena, la que …". The relation word is
 * a noun phrase (a possessive or article before it) and the name is closed by punctuation. After an article
 * the word must be a listed first name or no dictionary word ("a mi hija, la peque, …" stays); a bare word
 * anything but an ordinary word of the kind that stands in apposition (adverbs, adjectives, participles).
 */
function appositionAfterRelation(ctx: RuleContext, out: Candidate[]) {
  const { tokens, language } = ctx
  const n = tokens.length
  for (let i = 1; i + 2 < n; i++) {
    const t = tokens[i]!
    if (!lexIs(t, W.RELATION) || lexIs(t, W.ROLE) || !RELATION_LEAD.has(tokens[i - 1]!.lower)) continue
    const comma = /^\s*,\s*$/.test(tokens[i + 1]!.gap)
    if (!comma && tokens[i + 1]!.gap !== ' ') continue
    let x = i + 1
    const article = NAME_ARTICLES.has(tokens[x]!.lower) && tokens[x + 1]!.gap === ' '
    if (article) x++
    else if (!comma) continue
    const cand = tokens[x]!
    const close = tokens[x + 1]
    // Spanish/Italian chat closes the apposition with the verb instead: "mi ex la caro dice que …".
    const speaks =
      article &&
      (language === 'es' || language === 'it') &&
      close !== undefined &&
      close.gap === ' ' &&
      speechAt(tokens, x + 1)
    if (close && !/^\s*[,;:.!?)–-]/.test(close.gap) && !speaks) continue
    if (cand.caps || cand.key.length < 3 || !LETTERS_ONLY.test(cand.key) || cand.sentenceStart) continue
    if (lexIs(cand, W.NEVER | W.FUNCTION | W.RELATION | W.ROLE)) continue
    // A word whose ending contradicts the article ("la caro", "il vale") is a short form of a name when
    // it is the front of a listed first name and a verb of speaking follows (even a salutation word).
    const shortForm =
      speaks && !cand.cap && genderClash(tokens[x - 1]!.lower, cand.key) && isNameFront(ctx, cand.key)
    if (lexIs(cand, W.TITLE | W.TITLE_FILLER) && !shortForm) continue
    const name = gazIs(cand, G.NAME)
    if (gazIs(cand, G.COMMON) && !shortForm && !(name && !gazIs(cand, AMBIGUOUS_IN[language]))) continue
    if (gazIs(cand, G.PLACE | G.ORGANISATION) && !name) continue
    const info = ctx.word(cand)
    if (cand.cap) {
      if (!name && (ctx.isCommon(cand) || (language === 'de' && (info.noun || info.compound)))) continue
    } else if (article) {
      if (!gazIs(cand, G.FIRST) && !shortForm && (info.lower || info.noun || info.compound)) continue
      // Closed by the verb alone, a listed name that is also a word ("la nona dice") stays.
      if (speaks && !shortForm && !/^\s*[,;:.!?)–-]/.test(close!.gap) && info.lower) continue
    } else if (language === 'de') {
      if (info.lower && !name) continue
      if (info.noun) continue
    } else if (info.lower && !name) {
      // A dictionary word counts only as the front of a listed first name ("vale" of Valentina); adverbs
      // and adjectives in apposition stay ("my boss, sadly, …", "mia sorella, invece, …").
      if (ROMANCE_ADJECTIVE.test(cand.key) || info.verb || !isNameFront(ctx, cand.key)) continue
    }
    out.push(ctx.span(x, x, 'PERSON', 'context', 'relation-apposition'))
  }
}

/** Ailments only people (and pets) have: "has a fever", "has the flu", "is teething". */
const AILMENT_AFTER_HAS =
  /^(?:a (?:fever|temperature|cold|cough|rash|migraine|tummy bug|sore throat)|the (?:flu|measles|chickenpox)|flu|covid|chickenpox|measles|tonsillitis)\b/
const STATE_AFTER_IS =
  /^(?:alright|all right|ill|sick|poorly|unwell|off sick|teething|pregnant|grumpy|stressed|upset|knackered|exhausted|in hospital)\b/

/**
 * Lower-case English chat: a word opening a clause before a person's state is a name — "…, ruby has a fever
 * again", "gaz is alright when …". A dictionary word counts only as a listed first name and only before an
 * ailment ("the car is alright", "work is alright" stay).
 */
function chatStates(ctx: RuleContext, out: Candidate[]) {
  const { tokens, text } = ctx
  if (ctx.language !== 'en') return
  for (let i = 0; i + 2 < tokens.length; i++) {
    const t = tokens[i]!
    if (t.cap || !t.lowercaseLine || t.key.length < 3 || !LETTERS_ONLY.test(t.key)) continue
    const verb = tokens[i + 1]!
    if (verb.gap !== ' ' || (verb.lower !== 'has' && verb.lower !== 'is')) continue
    const clauseStart =
      i === 0 || /[,.;:!?\n]/.test(t.gap) || /^(?:and|but|so|cos|because)$/.test(tokens[i - 1]!.lower)
    if (!clauseStart || ctx.facts(i).afterDeterminer) continue
    if (lexIs(t, W.NEVER | W.FUNCTION | W.RELATION | W.ROLE | W.TITLE) || gazIs(t, G.COMMON | G.PLACE))
      continue
    const rest = text.slice(tokens[i + 2]!.start, tokens[i + 2]!.start + 24)
    const ailment = verb.lower === 'has' ? AILMENT_AFTER_HAS.test(rest) : STATE_AFTER_IS.test(rest)
    if (!ailment) continue
    const info = ctx.word(t)
    if (info.lower && !(gazIs(t, G.FIRST) && verb.lower === 'has')) continue
    out.push(ctx.span(i, i, 'PERSON', 'context', 'chat-state'))
  }
}

/** Transcript speaker labels that are also relation words ("Coach: Schäm isch es Gfühl"). */
const SPEAKER_WORDS = new Set('coach trainer trainerin therapeut therapeutin therapist terapeuta'.split(' '))

/** Words for the client in dictated notes: "cliente aurora gianinazzi", "clienta consuelo paredes". */
const CLIENT_WORDS = new Set(
  'cliente clienta client klient klientin patient patientin paziente paciente'.split(' '),
)

/** Roles that may follow a name in apposition, beyond the relation words: "Tanner, Beistand". */
const ROLE_WORDS = new Set(
  'beistand beiständin götti gotte gotti vormund vormundin sozialarbeiter sozialarbeiterin berufsbeiständin berufsbeistand lehrerin lehrer manager vicina vicino'.split(
    ' ',
  ),
)

/** Naming phrases after which even a lower-case word is the name: "si chiama speranza", "er heisst sonne". */
const LOWERCASE_NAMING_CUES = ['si chiama', 'se llama', 'heisst', 'heißt', 'named', "s'appelle"]
/**
 * Phrases often followed by an adverb or a word instead ("er nennt mich immer so", "un tal vez"): in lower
 * case only a listed given name or no dictionary word after them is the name ("una tal arantxa").
 */
const LOWERCASE_NAME_CUES = [
  'una tal',
  'un tal',
  'nennt mich',
  'nennen mich',
  'me llaman',
  'mi chiamano',
  // The speaker's own name or nickname: "auf dem handy heisse ich gogo", "me llamo rocío".
  'ich heisse',
  'heisse ich',
  'i heisse',
  'i heiss',
  'heiss i',
  'mi chiamo',
  'me llamo',
  'my name is',
]

function namingCues(ctx: RuleContext, out: Candidate[]) {
  const { tokens, text } = ctx
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!
    const next = tokens[i + 1]!
    if (next.caps || !CUE_LAST_WORDS.has(t.lower)) continue
    const before = text.slice(Math.max(0, next.start - 16), next.start).toLowerCase()
    // In lowercase dictation the name after a naming phrase is lower case too, even an ordinary word:
    // "una ragazza che si chiama speranza", "er heisst sonne".
    if (!next.cap) {
      if (
        next.lowercaseLine &&
        next.gap === ' ' &&
        next.key.length >= 3 &&
        !DIGIT_FIRST.test(next.text) &&
        !lexIs(next, W.NEVER) &&
        !lexIs(next, W.DETERMINER) &&
        !lexIs(next, MARKER_IN[ctx.language]) &&
        !lexIs(next, W.ROLE) &&
        !lexIs(next, W.FUNCTION) &&
        (LOWERCASE_NAMING_CUES.some((cue) => before.trimEnd().endsWith(cue)) ||
          (LOWERCASE_NAME_CUES.some((cue) => before.trimEnd().endsWith(cue)) &&
            !lexIs(next, W.TITLE | W.TITLE_FILLER) &&
            (gazIs(next, G.FIRST) || !ctx.word(next).lower)))
      )
        out.push(ctx.span(i + 1, i + 1, 'PERSON', 'context', 'naming-cue-lowercase'))
      continue
    }
    if (
      NAMING_CUES.some((cue) => before.trimEnd().endsWith(cue)) &&
      !lexIs(next, W.NEVER) &&
      (gazIs(next, G.NAME) || !ctx.isCommon(next))
    )
      out.push(ctx.span(i + 1, ctx.nameRun(i + 1, 4), 'PERSON', 'context', 'naming-cue'))
  }
}

/**
 * A German infinitive: its third person singular is a dictionary word ("Schwimmen" → "schwimmt",
 * "Wandern" → "wandert"). Capitalised, it is a nominalised activity.
 */
function isInfinitive(ctx: RuleContext, lower: string): boolean {
  const stem = /(?:ern|eln)$/.test(lower) ? lower.slice(0, -1) : lower.slice(0, -2)
  if (stem.length < 3 || !/(?:en|ern|eln)$/.test(lower)) return false
  return wordInfo('de', `${stem}t`).lower
}

/** German and Swiss German prepositions fused with an article: a noun follows. */
const FUSED_ARTICLES = new Set('im am zum zur vom beim bim ins ufm ufem aufm übers fürs'.split(' '))

function verbsAfter(ctx: RuleContext, out: Candidate[]) {
  const { tokens } = ctx
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.cap || t.key.length < 3) continue
    const strength = personVerbAfter(ctx, i)
    if (strength === 0 || ctx.facts(i).afterDeterminer) continue
    if (i > 0 && /^(und|and|e|y|oder|or|o)$/.test(tokens[i - 1]!.lower) && !ctx.nameLike(t)) continue
    // A frequent word that is also a name ("Summer", "Hope") counts before a verb only people use.
    const nameWord = strength === 3 && gazIs(t, G.NAME) && ctx.language !== 'de'
    // A place or organisation from the lists is no speaker ("in Dübendorf hat …").
    if ((gazIs(t, G.PLACE) || gazIs(t, G.ORGANISATION)) && !gazIs(t, G.NAME)) continue
    if (!candidateWord(ctx, t) && !(nameWord && !lexIs(t, W.NEVER) && !lexIs(t, W.RELATION))) continue
    const info = ctx.word(t)
    if (ctx.language === 'de') {
      // Adverbs and verbs ("Leider hat mich …") are lower-case words; adjectives may be surnames ("Kühn").
      if (info.lower && !info.adjective && !gazIs(t, G.NAME)) continue
      if ((info.noun || t.sentenceStart) && strength < 2 && !gazIs(t, G.NAME) && !info.adjective) continue
      if (t.sentenceStart && ctx.isCommon(t)) continue
      // A nominalised infinitive is an activity, not a speaker: "Wandern hilft mir", "Lesen hat mir geholfen".
      if (!gazIs(t, G.NAME) && isInfinitive(ctx, t.lower)) continue
      // A Swiss German noun in its dialect spelling ("Hoffnig chunnt nid"), or a word after a preposition fused
      // with its article ("bim Kafi het mir …"): an unlisted word there is a thing.
      if (
        !gazIs(t, G.NAME) &&
        (isDialectShapeNoun(t.text) || (i > 0 && FUSED_ARTICLES.has(tokens[i - 1]!.lower)))
      )
        continue
    } else if (t.sentenceStart) {
      // Sentence start: every word is capitalised there, so ordinary words need the strongest verbs.
      if (ctx.isCommon(t) && !nameWord) continue
      // A verb stem ("Work", "Call") needs a verb only people do ("said", "texted"), not "drove me".
      if (info.lower && (strength < 2 || (info.verb && strength < 3)) && !gazIs(t, G.NAME)) continue
    }
    out.push(ctx.span(i, i, 'PERSON', 'context', 'verb-after'))
  }
}

const APPOSITION_PREPOSITIONS = new Set(['from', 'aus', 'vom', 'von', 'dal', 'dalla', 'del', 'de'])

/** Closing words before a signature: "lg lena", "Liebe Grüsse, Anna", "cheers, ruby". */
const CLOSERS = new Set(
  'lg glg gruss grüsse grüessli grüess liebs liebi cheers best thanks xx xo saludos besos abrazos baci ciao bacioni'.split(
    ' ',
  ),
)

/** A signature: a first name alone on its line or closing the text, or after a closing word. */
function signOffs(ctx: RuleContext, out: Candidate[]) {
  const { tokens } = ctx
  const n = tokens.length
  const nameAt = (k: number) => {
    const t = tokens[k]
    if (!t || t.caps || !gazIs(t, G.FIRST) || lexIs(t, W.NEVER) || gazIs(t, G.COMMON)) return false
    return t.cap || !ctx.word(t).lower || gazIs(t, G.NAME)
  }
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!
    if (!gazIs(t, G.FIRST)) continue
    const closer = i > 0 && CLOSERS.has(tokens[i - 1]!.lower) && !t.gap.includes('\n')
    const alone =
      (t.lineStart || /[.!?]\s*$/.test(t.gap)) &&
      (i + 1 >= n || tokens[i + 1]!.lineStart || (i + 2 >= n && tokens[i + 1]!.gap === ' '))
    if (!(closer || alone) || !nameAt(i)) continue
    // Only at the end of a text or a line of its own: not the first word of a sentence.
    if (alone && !closer && i + 1 < n && !tokens[i + 1]!.lineStart && i + 2 < n) continue
    const last = i + 1 < n && tokens[i + 1]!.gap === ' ' && gazIs(tokens[i + 1]!, G.NAME) ? i + 1 : i
    out.push(ctx.span(i, last, 'PERSON', 'context', 'sign-off'))
  }
}

/**
 * A listed given name addressed at the opening of an utterance: right after a speaker's colon or an opening
 * quotation mark, followed by a comma and a clause in lower case ("Coach: Manolo, ¿cómo ha ido …", «Nico,
 * l'avevamo capito»), also where the name is a word of the language. Not a frequent word ("Mira, no sé", "Allora,
 * …"), and not the first item of a capitalised list ("Hope, Joy, Honesty").
 */
function openingVocatives(ctx: RuleContext, out: Candidate[]) {
  const { tokens } = ctx
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.cap || t.caps || t.key.length < 3 || !gazIs(t, G.FIRST) || gazIs(t, G.COMMON)) continue
    if (lexIs(t, W.NEVER) || INTERJECTIONS.has(t.key)) continue
    if (!OPENING.test(t.gap) && !(i > 0 && /^:\s+$/.test(t.gap) && tokens[i - 1]!.lineStart)) continue
    const next = tokens[i + 1]!
    if (!/^,\s*[¿¡]?$/.test(next.gap) || next.cap || next.gap.includes('\n')) continue
    out.push(ctx.span(i, i, 'PERSON', 'context', 'opening-vocative'))
  }
}
/** Interjections that are also listed given names somewhere ("Ay, no sé", "Oje, …"). */
const INTERJECTIONS = new Set(
  'ay ahi ayy oje ojo oye vaya hala uff boh mah beh dai ecco jaja haha'.split(' '),
)
/** A gap that ends with an opening quotation mark (after a space, a colon or the text's start). */
const OPENING = /(?:^|[\s:(])["„“«‹‚]$/

export const personCues: Recogniser = {
  name: 'person-cues',
  phase: 1,
  run(ctx) {
    const out: Candidate[] = []
    titles(ctx, out)
    relationsBefore(ctx, out)
    relationsAfter(ctx, out)
    appositionAfterRelation(ctx, out)
    chatStates(ctx, out)
    namingCues(ctx, out)
    verbsAfter(ctx, out)
    signOffs(ctx, out)
    openingVocatives(ctx, out)
    return out
  },
}
