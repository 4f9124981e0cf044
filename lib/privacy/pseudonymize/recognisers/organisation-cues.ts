import { wordInfo } from '../dictionary'
import { NOT_IDENTIFYING_ORGS } from '../lexicon'
import { fold } from '../normalize'
import type { Token } from '../tokens'
import { G, W, gazIs, lexIs } from '../word-flags'
import type { Candidate, Recogniser, RuleContext } from './context'
import { TRADE_WORDS, headKind } from './organisation'

/**
 * Organisations named by a word no dictionary knows, found by the words around them (round pii-r-org2):
 * - English "at the Farinet", "to the Rabadan", "outside the Provigo": a place preposition, "the" and a
 *   capitalised word that no dictionary of the four languages knows (or a German compound on an institution
 *   word: "at the Kunstmuseum") is a venue or institution; a word English knows stays ("at the Station").
 * - A word of working or leaving before such a word, in any language: "works at Vetrox", "arbeite bei Plusminus".
 * - German "bei/vom/an der X in <place>": a firm or school with its branch ("bei der ecap in biel", "bei Saurer in
 *   Arbon"); X is no ordinary word ("bei Regen in Bern", "beim Wandern in Davos" stay).
 * - A camel-case word with a listed place in it: "GastroLuzern", "ZüriWerk".
 * - French public offices in texts of any language: "Service de la population (et des migrations)".
 * - A trade word and a name: before a legal form also an ordinary noun ("die Immobilien Stamm AG"); in a
 *   lower-case line after "von der/bei der" a word no dictionary knows ("von der holzbau näf in ebnat").
 * - A word for a group or band before a word no dictionary knows: "mit der Gruppe Airiños", "el grupo Tamborin".
 */

/**
 * Italian writes common nouns in lower case: an Italian noun capitalised mid-sentence after a contracted article is
 * a name ("al Politecnico", "della Sapienza", "lavoravo alle Poste"). The nouns Italian capitalises for the
 * public bodies, the Church and the compass ("al Comune", "dello Stato", "della Madonna", "al Nord") stay.
 */
const IT_ARTICLE_BEFORE_NAME =
  /^(al|alla|alle|allo|all|della|delle|dello|dell|dal|dalla|dalle|dall|nella|nelle|nello|nell|sulla)$/
const IT_CAPITALISED_NOUNS = new Set(
  (
    'comune regione stato cantone confederazione provincia governo parlamento consiglio municipio repubblica ' +
    'chiesa madonna signore dio papa vangelo bibbia paradiso inferno cielo nord sud est ovest oriente occidente ' +
    'natale pasqua capodanno ferragosto patria nazione terra luna sole universo internet'
  ).split(' '),
)

/**
 * The capitalised noun at i is the whole name: the clause ends, or a function word follows that does not lead on
 * into the name ("al Politecnico a piangere"; "al Pronto soccorso", "al Politecnico di Milano" go on).
 */
function itNameEndsHere(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1]
  if (next === undefined || next.gap !== ' ') return true
  if (next.cap || !lexIs(next, W.FUNCTION)) return false
  const after = tokens[i + 2]
  return !(/^(di|del|della|dei|delle|dello)$/.test(next.lower) && after !== undefined && after.cap)
}

/** Words for a group of people that name it by the word after them. */
const GROUP_WORDS = new Set('gruppe band ensemble truppe formation group grupo gruppo'.split(' '))

/** English prepositions of place before "the" and a venue's name. */
const EN_PLACE_BEFORE_THE = /^(at|to|outside|from|near|into|inside|behind|opposite|by|in)$/
/** Institution words a German compound ends in ("Kunstmuseum", "Kulturzentrum"): the compound is the institution. */
const INSTITUTION_TAIL = /(?:museum|zentrum|spital|klinik|theater|bibliothek|stiftung|institut|archiv)$/

/** No dictionary of the four languages knows the word as a word, a proper noun or (German) a compound ("Bahnhof"). */
function unknownToAll(t: Token): boolean {
  for (const l of ['de', 'en', 'it', 'es'] as const) {
    const w = wordInfo(l, t.text)
    if (w.lower || w.noun || w.proper || w.compound) return false
  }
  return true
}

/** A capitalised word mid-sentence that could be a venue or firm's own name (not a given name, place or function word). */
const nameShaped = (t: Token) =>
  t.cap &&
  !t.caps &&
  !t.sentenceStart &&
  t.key.length >= 4 &&
  lexIs(t, W.LETTERS) &&
  !lexIs(t, W.NEVER) &&
  !lexIs(t, W.FUNCTION) &&
  !lexIs(t, W.ROLE) &&
  !lexIs(t, W.RELATION) &&
  !gazIs(t, G.FIRST | G.PLACE | G.COMMON) &&
  !NOT_IDENTIFYING_ORGS.has(t.lower)

/**
 * "at the Kulturzentrum": a German compound (no simple noun) on an institution word, unknown to English (the
 * school house or town hall, "Schulhaus", "Gemeindehaus", are buildings of every place and stay).
 */
function germanInstitution(t: Token): boolean {
  if (!INSTITUTION_TAIL.test(t.key)) return false
  const de = wordInfo('de', t.text)
  const en = wordInfo('en', t.text)
  return !de.noun && !de.lower && !en.lower && !en.noun && !en.proper
}

const SHORT_CAPITALS = /^\p{Lu}{1,4}$/u
/** The last of up to two capitalised words going on the name at i: "Schulthess Klinik", "Rhätischen Bahn". */
function nameGoesOn(tokens: readonly Token[], i: number): number {
  let k = i
  while (
    k + 1 < tokens.length &&
    k - i < 2 &&
    /^[ -]$/.test(tokens[k + 1]!.gap) &&
    tokens[k + 1]!.cap &&
    !tokens[k + 1]!.sentenceStart &&
    // (A letter or acronym ends a firm's name, "Groupe E", even where it spells a function word.)
    ((!lexIs(tokens[k + 1]!, W.FUNCTION) && !lexIs(tokens[k + 1]!, W.NEVER)) ||
      SHORT_CAPITALS.test(tokens[k + 1]!.text))
  )
    k++
  return k
}

/** A word of working somewhere (or leaving it) right before the preposition and an optional article. */
const WORK_BEFORE =
  /(?:arbeit\p{L}*|schaff\p{L}*|stelle|job|jobs|lehre|praktikum|angestellt\p{L}*|work\p{L}*|employed|intern\p{L}*|lavor\p{L}*|trabaj\p{L}*|pensioniert|gekündigt|entlassen|retired|fired|licenziat\p{L}*)\s+(?:bei|bi|at|for|presso|per|en|para|von|vo|by|from|da|de|alla|al|nella|nel|dalla|dal)\s+(?:(?:der|de|dr|the|la|il|el)\s+)?$/iu

/**
 * Standard German prepositions before a firm with its branch: "bei (der) X in …", "vom X in …", "an der X in …".
 * Dialect forms ("bi de Tanke z Muri") and those of going somewhere ("am/zum Märit in Biel") are left out:
 * after them stand the dialect words of every day that no dictionary knows.
 */
const BRANCH_PREPOSITIONS = /^(bei|beim|vom|von|an|für|fuer)$/
const BRANCH_ARTICLES = /^(der|dem)$/

/** The index of "bei" in "bei (der)" right before i, or -1. */
function branchPrepositionBefore(tokens: readonly Token[], i: number): number {
  let p = i - 1
  if (p < 1 || tokens[i]!.gap !== ' ') return -1
  const article = BRANCH_ARTICLES.test(tokens[p]!.lower) && tokens[p]!.gap === ' '
  if (article) p--
  const preposition = tokens[p]!.lower
  if (!BRANCH_PREPOSITIONS.test(preposition)) return -1
  // "an X" is a time or place ("an Ostern"); "beim der", "vom der" are no German.
  if (preposition === 'an' ? !article : article && /^(beim|vom)$/.test(preposition)) return -1
  return p
}

/** "in Biel": a listed place right after token i. */
function branchPlaceAfter(tokens: readonly Token[], i: number): boolean {
  const at = tokens[i + 1]
  const place = tokens[i + 2]
  return (
    at !== undefined &&
    place !== undefined &&
    at.gap === ' ' &&
    place.gap === ' ' &&
    // (Only the standard "in": after the dialect "z" stand dialect words, "vom Hornusse z Biglen".)
    at.lower === 'in' &&
    gazIs(place, G.PLACE)
  )
}

/**
 * The firm before its branch: a capitalised word that is no German noun, compound or verb form ("Saurer",
 * "Plusminus"; "beim Wandern", "bei Regen" stay), or in a lower-case line a word no dictionary knows ("ecap").
 */
function firmBeforeBranch(ctx: RuleContext, t: Token): boolean {
  if (t.key.length < 3 || !lexIs(t, W.LETTERS) || lexIs(t, W.FUNCTION) || lexIs(t, W.NEVER)) return false
  if (gazIs(t, G.FIRST | G.PLACE | G.COMMON) || NOT_IDENTIFYING_ORGS.has(t.lower)) return false
  // A kind of institution is no name: "an der Fachhochschule in Olten", "an der primarschule in näfels".
  if (headKind(ctx.gaz, t.key) !== undefined) return false
  const info = ctx.word(t)
  if (t.cap && !t.caps && !t.sentenceStart)
    // (A nominalised infinitive is "beim Wandern": a lower-case word on -en.)
    return !info.noun && !info.compound && !info.verb && !info.proper && !(info.lower && t.key.endsWith('en'))
  if (t.cap || !t.lowercaseLine || info.lower || info.noun || info.compound || info.proper) return false
  // (In a lower-case line the noun is asked in its capitalised form: "primarschule".)
  const capitalised = wordInfo('de', t.text.charAt(0).toUpperCase() + t.text.slice(1))
  return !capitalised.noun && !capitalised.compound && !capitalised.proper
}

/** French public offices and their field: "Service de la population", "Office de l'emploi". */
const FRENCH_BODIES = /^(service|office|département|departement|direction|secrétariat|secretariat)$/
const FRENCH_PARTICLES = /^(de|du|des|la|l)$/

/** The last token of "de la population (et des migrations)" after a French body at i, or i. */
function frenchBodyField(ctx: RuleContext, i: number): number {
  const { tokens } = ctx
  let last = i
  let j = i + 1
  for (let part = 0; part < 2; part++) {
    if (part === 1) {
      if (tokens[j]?.lower !== 'et' || tokens[j]!.gap !== ' ') break
      j++
    }
    const start = j
    while (j < tokens.length && j - start < 2 && FRENCH_PARTICLES.test(tokens[j]!.lower)) j++
    const noun = tokens[j]
    if (j === start || noun === undefined || noun.cap || noun.key.length < 4 || !lexIs(noun, W.LETTERS)) break
    if (!/^[ '’]$/.test(noun.gap)) break
    last = j
    j++
  }
  return last
}

/** A camel-case word one of whose two parts is a listed place: "GastroLuzern", "BaselArea". */
const CAMEL = /^(\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}{2,})$/u

export const organisationCues: Recogniser = {
  name: 'organisation-cues',
  phase: 1,
  run(ctx) {
    const { tokens, language, gaz } = ctx
    const n = tokens.length
    const out: Candidate[] = []
    for (let i = 1; i < n; i++) {
      const t = tokens[i]!
      // "GastroLuzern": a brand made of a word and a listed place.
      if (t.cap && !t.caps && t.key.length >= 7 && !lexIs(t, W.NEVER)) {
        const m = CAMEL.exec(t.text)
        if (m && (gaz.places.has(fold(m[1]!)) || gaz.places.has(fold(m[2]!)))) {
          out.push(ctx.span(i, i, 'ORGANIZATION', 'context', 'org-camel-place'))
          continue
        }
      }
      if (t.gap !== ' ') continue
      // "at the Farinet", "to the Rabadan in Bellinzona", "works at the Kunstmuseum".
      if (
        language === 'en' &&
        i >= 2 &&
        tokens[i - 1]!.lower === 'the' &&
        EN_PLACE_BEFORE_THE.test(tokens[i - 2]!.lower) &&
        nameShaped(t) &&
        (unknownToAll(t) || germanInstitution(t))
      ) {
        const k = nameGoesOn(tokens, i)
        out.push(ctx.span(i, k, 'ORGANIZATION', 'context', 'org-en-at-the'))
        i = k
        continue
      }
      if (!t.cap && !t.lowercaseLine) continue
      // "arbeite bei Plusminus", "works at Vetrox", "lavoro presso Tecnolux": an employer no dictionary knows.
      if (
        nameShaped(t) &&
        unknownToAll(t) &&
        WORK_BEFORE.test(ctx.text.slice(Math.max(0, t.start - 40), t.start))
      ) {
        const k = nameGoesOn(tokens, i)
        out.push(ctx.span(i, k, 'ORGANIZATION', 'context', 'org-work-unknown'))
        i = k
        continue
      }
      // "bei der ecap in biel", "bei Saurer in Arbon", "vom biz in stans".
      if (
        language === 'de' &&
        branchPlaceAfter(tokens, i) &&
        branchPrepositionBefore(tokens, i) !== -1 &&
        firmBeforeBranch(ctx, t)
      ) {
        out.push(ctx.span(i, i, 'ORGANIZATION', 'context', 'org-branch-place'))
        continue
      }
      // "al Politecnico", "della Sapienza": an Italian noun with a capital after a contracted article.
      if (
        language === 'it' &&
        i >= 1 &&
        (t.gap === ' ' || t.gap === "'" || t.gap === '’') &&
        t.cap &&
        !t.caps &&
        !t.sentenceStart &&
        t.key.length >= 4 &&
        IT_ARTICLE_BEFORE_NAME.test(tokens[i - 1]!.lower) &&
        lexIs(t, W.LETTERS) &&
        !lexIs(t, W.NEVER) &&
        !lexIs(t, W.ROLE) &&
        !lexIs(t, W.RELATION) &&
        !gazIs(t, G.PLACE | G.FIRST) &&
        !IT_CAPITALISED_NOUNS.has(t.key) &&
        // (A kind before its name, "alla Scuola Montessori", "al Parco Ciani", is left to the head rules.)
        headKind(gaz, t.key) === undefined &&
        itNameEndsHere(tokens, i) &&
        wordInfo('it', t.lower).lower
      ) {
        out.push(ctx.span(i, i, 'ORGANIZATION', 'context', 'org-it-capitalised-noun'))
        continue
      }
      // "mit der Gruppe Airiños": a group named by a word no dictionary knows.
      if (GROUP_WORDS.has(t.key) && tokens[i + 1] !== undefined) {
        const name = tokens[i + 1]!
        if (name.gap === ' ' && nameShaped(name) && !gazIs(name, G.NAME) && unknownToAll(name)) {
          out.push(ctx.span(i + 1, nameGoesOn(tokens, i + 1), 'ORGANIZATION', 'context', 'org-group-name'))
          i++
          continue
        }
      }
      // "die Immobilien Stamm AG": a trade word, a capitalised word (also a noun) and a legal form.
      const name = tokens[i + 1]
      const legal = tokens[i + 2]
      if (
        t.cap &&
        TRADE_WORDS.has(t.lower) &&
        name !== undefined &&
        legal !== undefined &&
        name.gap === ' ' &&
        legal.gap === ' ' &&
        name.cap &&
        !name.caps &&
        !lexIs(name, W.FUNCTION) &&
        (legal.caps || legal.key.length > 3) &&
        gaz.orgSuffixes.has(legal.key)
      ) {
        out.push(ctx.span(i, i + 2, 'ORGANIZATION', 'context', 'org-trade-name-legal'))
        i += 2
        continue
      }
      // "von der holzbau näf in ebnat kappel": in a lower-case line a trade word and a word no dictionary knows.
      if (
        !t.cap &&
        t.lowercaseLine &&
        TRADE_WORDS.has(t.lower) &&
        name !== undefined &&
        name.gap === ' ' &&
        !name.cap &&
        i >= 2 &&
        /^(der|dem)$/.test(tokens[i - 1]!.lower) &&
        /^(bei|von|für|fuer|mit)$/.test(tokens[i - 2]!.lower) &&
        name.key.length >= 3 &&
        lexIs(name, W.LETTERS) &&
        !lexIs(name, W.FUNCTION) &&
        !gazIs(name, G.PLACE | G.COMMON) &&
        unknownToAll(name)
      ) {
        out.push(ctx.span(i, i + 1, 'ORGANIZATION', 'context', 'org-trade-lower-name'))
        i++
        continue
      }
      // "Service de la population et des migrations" (capitalised: "le service de la dette" is no office).
      if (t.cap && !t.caps && FRENCH_BODIES.test(t.lower) && tokens[i + 1] !== undefined) {
        const k = frenchBodyField(ctx, i)
        if (k > i) {
          out.push(ctx.span(i, k, 'ORGANIZATION', 'context', 'org-french-body'))
          i = k
          continue
        }
      }
    }
    return out
  },
}
