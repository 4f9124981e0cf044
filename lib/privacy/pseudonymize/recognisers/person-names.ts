import { Memo } from '../memo'
import { wordInfo } from '../dictionary'
import { numberWord } from '../number-words'
import { speechAt } from './person-verbs'
import { DIALECT_ARTICLES, NOUN_SUFFIXES, colourAfterIn } from '../lexicon'
import { endsWithAny, isEnglishDepartment, type Candidate, type Recogniser } from './context'
import { DETERMINER_IN, G, MARKER_IN, W, gazIs, lexIs } from '../word-flags'

/** Words of festivities that end a feast's name: "the Spring Festival", "the Lantern Festival". */
const FEAST_WORDS = new Set([
  'festival',
  'feast',
  'fair',
  'carnival',
  'parade',
  'day',
  'eve',
  'week',
  'holiday',
  'holidays',
])

// (Hoisted: the bundler turns a literal with \p{…} into `new RegExp()`, built again on every call.)
const INNER_CAPITAL = /^\p{Lu}\p{Ll}+\p{Lu}/u
const SURNAME_PREFIX_CAPITAL = /^(?:Mc|Mac|De|Di|Da|Le|La)\p{Lu}/u

/**
 * Person names without a cue word: the name gazetteers (an ordinary word only with a surname after it or
 * a Swiss German article before it), genitives of names, lowercase speech-to-text, and the shape of the
 * word — a capital mid-sentence in English/Italian/Spanish, an uninflected German adjective written with
 * a capital mid-sentence ("bei Redlich", "dass Kühn …"), foreign surname endings.
 */

/**
 * Surname endings that German nouns don't have (Balkan, Turkish, Tamil; "-egger"). Swiss "-li" and "-ler"
 * are left out on purpose: "Gipfeli" and "Tippfehler" end the same way.
 */
const FOREIGN_SURNAME_ENDINGS = [
  'egger',
  'ović',
  'ovic',
  'ević',
  'evic',
  'ić',
  'oğlu',
  'oglu',
  'qi',
  'aj',
  'kumar',
  'nathan',
]

/** Words before a nominalised adjective ("etwas Neues", "nichts Gutes"): then it is no name. */
const QUANTIFIERS = new Set(
  'etwas nichts viel viele wenig alles allem allen mehr weniger manches einiges'.split(' '),
)

/** Months of the languages that write them in lower case. */
const ROMANCE_MONTHS = new Set(
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre'.split(
    ' ',
  ),
)
/** Words around a month in a date: "a principios de abril", "nel mese di aprile", "fino ad aprile". */
const DATE_WORDS = new Set(
  'de del di dal da a al ad in en nel entre hasta desde fino inizio fine principios finales mediados mese mes since'.split(
    ' ',
  ),
)
/** Swiss German articles before a first name: "de Ruedi", "em Kari", "d'Anna", "s'Vreni". */
const SWISS_NAME_ARTICLES = new Set(['de', 'dr', 'dä', 'em', 'am', 'd', 's'])

/** Swiss German prepositions of place not in the shared list: "i d badi", "dur de wald", "as fescht". */
const SWISS_PLACE_WORDS = new Set('i is as dur under hinder vor näbed nöch gegen zur zum im'.split(' '))

/** "di due anni", "de tres años": the words of an age after a name. */
const AGE_OF = new Set(['di', 'de'])
const AGE_UNITS = new Set(['anni', 'anno', 'mesi', 'mese', 'años', 'año', 'meses', 'mes'])

/** Spanish and Italian plural articles before a family's surname: "los Hofmann", "gli Esposito". */
const FAMILY_ARTICLES = new Set(['los', 'las', 'i', 'gli'])

/** Articles (incl. Swiss German) before a surname used colloquially: "der Stark", "d Fröhlich". */
const ARTICLES_BEFORE_SURNAME = new Set(['der', 'die', 'de', 'dr', 'd'])
/** Finite verbs that follow a subject: enough to read the word before as the subject. */
const AFTER_SURNAME_VERBS = new Set(
  'hat het ist isch war wär sagt seit meint ruft ruft chunnt kommt will wott findet macht mached'.split(' '),
)

/**
 * Swiss German nouns on -el that have no Standard German shape in the dictionary: insults, a cold, a rabbit
 * ("de Tubel vom Dienst", "de Pfnüsel", "de Chüngel").
 */
const SWISS_EL_NOUNS = new Set(
  'tubel dubel chüngel sürmel bängel chnebel chnübel seckel säckel hudel fötzel pfnüsel schnäbel chrüppel'.split(
    ' ',
  ),
)

/** Words before a school subject and "de/di/of/in" ("clases de Lengua", "esame di Storia", "degree in Law"). */
const TEACHING_WORDS = new Set(
  `clase clases profesor profesora profesores maestro maestra asignatura examen curso cursos nota notas
   lezione lezioni professore professoressa insegnante docente esame esami corso corsi materia voto voti
   teacher teachers lesson lessons class classes exam exams course courses degree grade`.split(/\s+/),
)

/** Swiss German masculine articles before a nickname: "de Chrigel", "dr Kusi", "em Rüedu". */
const DIALECT_NICKNAME_ARTICLES = new Set(['de', 'dr', 'dä', 'em'])

/**
 * A German noun as written or in the Standard German shape of a Swiss spelling (Ch → K, ü → eu, ä → e,
 * -u → -el).
 */
function dialectNoun(word: string): boolean {
  let hit = dialectNounCache.get(word)
  if (hit === undefined) {
    hit = dialectNounUncached(word)
    dialectNounCache.set(word, hit)
  }
  return hit
}

/** Up to nine dictionary look-ups per word: memoised per word (bounded), as dayWord and headKind are. */
const dialectNounCache = new Memo<string, boolean>(20_000)

function dialectNounUncached(word: string): boolean {
  if (SWISS_EL_NOUNS.has(word.toLowerCase())) return true
  const forms = new Set<string>([word])
  const stems = [word, word.replace(/^Ch/, 'K')]
  for (const stem of stems) {
    forms.add(stem)
    forms.add(stem.replace(/ü/g, 'eu'))
    forms.add(stem.replace(/ä/g, 'e'))
    if (stem.endsWith('u') && stem.length > 3) {
      const base = stem.slice(0, -1)
      forms.add(`${base}el`)
      // A consonant the -el form doubles: "Himu" → "Himmel".
      forms.add(`${base}${base.slice(-1)}el`)
      forms.add(`${base.replace(/ü/g, 'eu')}el`)
    }
  }
  // A diminutive of a noun: "Schätzeli" (Schatz), "Hündeli" (Hund), "Bänkeli" (Bank).
  const small = /^(.{3,})eli$/.exec(word)
  if (small) {
    const stem = small[1]!
    const plain = stem.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u')
    for (const s of [stem, plain, `${stem}e`, `${plain}e`]) forms.add(s)
  }
  for (const form of forms) {
    const info = wordInfo('de', form)
    if (info.noun || info.lower) return true
  }
  return false
}

function diminutiveOf(ctx: Parameters<Recogniser['run']>[0], key: string): boolean {
  const { firstNames } = ctx.gaz
  const listed = (b: string) => firstNames.has(b) && !ctx.gaz.common.has(b)
  // Bernese and Valais short forms on -u: "Heidu" (Heidi), "Hansu" (Hans), "Michu" (Michel).
  const u = /^(.{3,}?)u$/.exec(key)
  if (u) {
    const base = u[1]!
    return [`${base}i`, base, `${base}el`].some(listed)
  }
  const m = /^(.{3,}?)(?:eli|li|i)$/.exec(key)
  if (!m) return false
  const base = m[1]!
  return [base, `${base}e`, `${base}a`, `${base}el`].some(listed)
}

/** German articles and preposition + article contractions before a noun in lower-case dictation. */
const ARTICLE_BEFORE_NOUN = new Set('am im vom zum zur beim ins dem den der des das'.split(' '))

export const personNames: Recogniser = {
  name: 'person-names',
  phase: 1,
  run(ctx) {
    const { tokens, gaz, language } = ctx
    const n = tokens.length
    const out: Candidate[] = []
    const push = (from: number, to: number, source: Candidate['source'], rule: string) =>
      out.push(ctx.span(from, to, 'PERSON', source, rule))
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!
      const prev = i > 0 ? tokens[i - 1] : undefined
      const next = i + 1 < n ? tokens[i + 1] : undefined
      // Italian and Spanish write months in lower case: a listed first name that is a month, capitalised
      // mid-sentence and away from numbers and prepositions, is the name ("con Abril y los niños").
      if (
        t.cap &&
        !t.caps &&
        !t.sentenceStart &&
        (language === 'it' || language === 'es') &&
        ROMANCE_MONTHS.has(t.lower) &&
        gazIs(t, G.FIRST) &&
        prev !== undefined &&
        !/\d/.test(prev.text) &&
        !DATE_WORDS.has(prev.lower) &&
        !(next !== undefined && next.gap === ' ' && (/\d/.test(next.text) || DATE_WORDS.has(next.lower)))
      ) {
        push(i, i, 'guess', 'name-month-word')
        continue
      }
      if (t.caps || lexIs(t, W.NEVER) || lexIs(t, W.ROLE)) continue
      // A given name with an age after it is a person even where it is a word: "la piccola giada di due anni",
      // "Rosa, de tres años" — a thing has no age in years.
      if (
        (language === 'it' || language === 'es') &&
        (t.cap || t.lowercaseLine) &&
        gazIs(t, G.FIRST) &&
        t.key.length >= 3 &&
        !lexIs(t, W.FUNCTION | W.RELATION | W.TITLE) &&
        i + 3 < n &&
        AGE_OF.has(tokens[i + 1]!.lower) &&
        /^,? $/.test(tokens[i + 1]!.gap) &&
        (/^\d{1,2}$/.test(tokens[i + 2]!.text) || numberWord(tokens[i + 2]!.lower, language) !== undefined) &&
        AGE_UNITS.has(tokens[i + 3]!.lower)
      ) {
        push(i, i, 'guess', 'name-with-age')
        continue
      }
      // Titles and relation words are cues, never names themselves ("Frau" is also a surname somewhere).
      if (lexIs(t, W.TITLE) || lexIs(t, W.RELATION) || lexIs(t, DETERMINER_IN[language])) continue
      if (!t.cap) {
        // Swiss German puts an article before first names, also in lower-case chat ("de luki isch …", "mit
        // em kari"): a listed first name or a diminutive of one counts there unless it is an ordinary word
        // ("de chef", "em zug", "de kafi").
        if (
          language === 'de' &&
          prev !== undefined &&
          !prev.cap &&
          SWISS_NAME_ARTICLES.has(prev.lower) &&
          (t.gap === ' ' || t.gap === "'") &&
          // After a preposition of place the article is a thing's: "i d badi", "uf em platz".
          !(
            i > 1 &&
            (lexIs(tokens[i - 2]!, W.PLACE_PREPOSITION) || SWISS_PLACE_WORDS.has(tokens[i - 2]!.lower))
          ) &&
          t.key.length >= 3 &&
          !lexIs(t, W.FUNCTION | W.RELATION | W.TITLE) &&
          (gazIs(t, G.FIRST) || diminutiveOf(ctx, t.key)) &&
          !gazIs(t, G.COMMON | G.AMBIGUOUS | G.PLACE) &&
          !ctx.word(t).lower &&
          !wordInfo('de', t.text.charAt(0).toUpperCase() + t.text.slice(1)).noun
        ) {
          push(i, i, 'gazetteer', 'name-dialect-article')
          continue
        }
        // Lowercase speech-to-text: only unambiguous gazetteer names.
        if (
          t.lowercaseLine &&
          t.key.length >= 3 &&
          !ctx.isAmbiguous(t) &&
          // A first name that is no function word ("han" is Swiss German for "habe"); a surname that is no
          // adjective ("hässig" is dialect for angry, and a surname too).
          // A number word of the text's language is the number ("la piccola di due anni").
          !(lexIs(t, W.NUMBER_INITIAL) && numberWord(t.lower, language) !== undefined) &&
          ((gazIs(t, G.FIRST) && (t.key.length >= 4 || !lexIs(t, MARKER_IN[language]))) ||
            (gazIs(t, G.LAST) &&
              t.key.length >= 5 &&
              !ctx.word(t).lower &&
              !/(?:ig|lich|isch|bar|sam|haft)$/.test(t.key))) &&
          // A German noun after an article or a preposition with one is the noun: "am bach spaziert".
          !(
            language === 'de' &&
            prev !== undefined &&
            t.gap === ' ' &&
            ARTICLE_BEFORE_NOUN.has(prev.lower) &&
            wordInfo('de', t.text.charAt(0).toUpperCase() + t.text.slice(1)).noun &&
            // … unless a relation or role names the person first ("mein cousin der milan") or the word speaks.
            !(i > 1 && lexIs(tokens[i - 2]!, W.RELATION | W.ROLE)) &&
            !(i + 1 < tokens.length && tokens[i + 1]!.gap === ' ' && speechAt(tokens, i + 1))
          )
        )
          push(i, ctx.nameRun(i), 'gazetteer', 'name-lowercase-line')
        continue
      }
      // Swiss German nicknames after the article: "de Chrigel", "dr Kusi", "em Rüedu", "de Beneli" — a
      // capitalised -el/-u/-eli word that is no German noun, neither as written nor in its dialect shape
      // ("Chübel" → "Kübel", "Tüfel" → "Teufel", "Vogu" → "Vogel", "Himu" → "Himmel").
      if (
        language === 'de' &&
        prev !== undefined &&
        !prev.cap &&
        DIALECT_NICKNAME_ARTICLES.has(prev.lower) &&
        t.gap === ' ' &&
        t.key.length >= 5 &&
        /(?:el|u|eli)$/.test(t.key) &&
        !(
          i > 1 &&
          (lexIs(tokens[i - 2]!, W.PLACE_PREPOSITION) || SWISS_PLACE_WORDS.has(tokens[i - 2]!.lower))
        ) &&
        !gazIs(t, G.COMMON | G.AMBIGUOUS | G.PLACE) &&
        !ctx.word(t).lower &&
        !dialectNoun(t.text)
      ) {
        push(i, i, 'guess', 'name-dialect-nickname')
        continue
      }
      const { afterDeterminer } = ctx.facts(i)
      // At a sentence start a dictionary word of the text's language ("Nací") needs a cue. (German keeps
      // its curated list: "Beat" opens many Swiss sentences and is a loanword in the dictionary.)
      const ambiguous =
        ctx.facts(i).ambiguous ||
        (language !== 'de' && t.sentenceStart && ctx.word(t).lower && !ctx.word(t).proper)
      const first = gazIs(t, G.FIRST)
      const last = gazIs(t, G.LAST)
      // "die Flurina", "de Beat": colloquial articles before names; a determiner only makes an ambiguous word a noun.
      // "los Hofmann", "i Bernasconi": Spanish and Italian name a family by its surname after the plural article.
      const family =
        last &&
        !ambiguous &&
        (language === 'it' || language === 'es') &&
        prev !== undefined &&
        !prev.cap &&
        t.gap === ' ' &&
        FAMILY_ARTICLES.has(prev.lower) &&
        !gazIs(t, G.PLACE) &&
        !ctx.word(t).lower
      if ((first || last) && (!afterDeterminer || (first && !ambiguous) || family)) {
        const dialectArticle =
          prev !== undefined &&
          first &&
          !gazIs(t, G.AMB_DE) &&
          !gazIs(t, G.COMMON) &&
          DIALECT_ARTICLES.has(prev.lower) &&
          (t.gap === "'" || t.gap === ' ') &&
          !prev.cap
        const cued =
          dialectArticle ||
          (next !== undefined &&
            next.cap &&
            next.gap === ' ' &&
            gazIs(next, G.LAST) &&
            !ctx.isAmbiguous(next) &&
            !next.sentenceStart)
        if (!ambiguous || cued) {
          push(i, ctx.nameRun(i), 'gazetteer', 'name-gazetteer')
          continue
        }
      }
      // Swiss diminutives of a listed first name: "Bärbeli" (Bärbel), "Hansli", "Vreneli".
      if (!first && !last && !afterDeterminer && diminutiveOf(ctx, t.key)) {
        const info = ctx.word(t)
        // (A short form on -u must be no dialect noun either: "Vogu" is "Vogel".)
        if (!info.lower && !info.noun && !info.compound && !(t.key.endsWith('u') && dialectNoun(t.text))) {
          push(i, i, 'gazetteer', 'name-diminutive')
          continue
        }
      }
      // Genitive of a name: "Beats", "Annas", "Fatlinds".
      const base = t.key.length > 3 && t.key.endsWith('s') ? t.key.slice(0, -1) : undefined
      if (
        base &&
        !ambiguous &&
        !afterDeterminer &&
        (gaz.firstNames.has(base) || gaz.lastNames.has(base)) &&
        !gaz.ambiguousIn[language].has(base)
      ) {
        push(i, i, 'gazetteer', 'name-genitive')
        continue
      }
      // "der Stark, ruft …", "die Fröhlich hat …": after an article a German adjective is inflected ("der
      // starke"); an uninflected one written with a capital and followed by a comma or a verb is a surname.
      // Swiss German articles ("dr", "d", "em") are no determiners for ctx.facts, yet they make a noun too.
      const dialectArticle =
        language === 'de' && prev !== undefined && !prev.cap && SWISS_NAME_ARTICLES.has(prev.lower)
      if (
        language === 'de' &&
        (afterDeterminer || dialectArticle) &&
        prev !== undefined &&
        ARTICLES_BEFORE_SURNAME.has(prev.lower) &&
        t.key.length >= 4 &&
        next !== undefined &&
        (/^\s*[,;]/.test(next.gap) || (next.gap === ' ' && AFTER_SURNAME_VERBS.has(next.lower)))
      ) {
        const info = ctx.word(t)
        if (info.adjective && !info.noun && !info.proper) {
          push(i, i, 'guess', 'name-adjective-after-article')
          continue
        }
      }
      if (
        language === 'de' &&
        !t.sentenceStart &&
        !afterDeterminer &&
        !dialectArticle &&
        !(prev && QUANTIFIERS.has(prev.lower)) &&
        t.key.length >= 4 &&
        !ctx.isCommon(t)
      ) {
        // German writes adjectives in lower case: a bare, uninflected one with a capital mid-sentence is a
        // name — but a colour after "in" is the colour ("ein Kleid in Hellblau").
        const info = ctx.word(t)
        if (info.adjective && !info.noun && !info.proper && !colourAfterIn(prev, t.lower)) {
          push(i, i, 'guess', 'name-adjective')
          continue
        }
      }
      if (ambiguous || ctx.isCommon(t) || t.key.length < 3) continue
      // "FaGe", "iPhone": a capital inside a word marks an abbreviation or a brand, not a name.
      if (INNER_CAPITAL.test(t.text) && !SURNAME_PREFIX_CAPITAL.test(t.text)) continue
      if (language === 'de' && endsWithAny(t.lower, NOUN_SUFFIXES)) continue
      // Unknown capitalised words. In English, Italian and Spanish a capital mid-sentence marks a proper
      // noun; in German every noun is capitalised, so only name-shaped words count.
      if (!t.sentenceStart && !afterDeterminer && language !== 'de') {
        // School subjects are written with a capital: "clases de Lengua", "professoressa di Storia".
        if (
          i >= 2 &&
          /^(de|di|of|in)$/.test(prev!.lower) &&
          TEACHING_WORDS.has(tokens[i - 2]!.lower) &&
          ctx.word(t).lower
        )
          continue
        // "by the Spring Festival", "on Mother's Day": two ordinary words after the article, the second a word of
        // festivities, name a feast, not a person ("the Chapel Bridge", "the Olympic Museum" stay places).
        if (
          language === 'en' &&
          i >= 2 &&
          prev!.cap &&
          t.gap === ' ' &&
          FEAST_WORDS.has(t.lower) &&
          lexIs(tokens[i - 2]!, DETERMINER_IN.en) &&
          ctx.word(prev!).lower
        )
          continue
        const last = ctx.nameRun(i)
        if (last === i) {
          // "a conflict with Dr. X from Regulatory": a department.
          if (isEnglishDepartment(ctx, t)) continue
          // A German common noun alone in an Italian, Spanish or English text is a German word the writer
          // kept ("hacer Zopf"), not a name (a name cue or a gazetteer name still says name) — unless English
          // has the word too, as French and English share many ("Police cantonale").
          if (t.key.length >= 4 && wordInfo('de', t.text).noun && !wordInfo('en', t.lower).lower) continue
        }
        const { placeCue } = ctx.facts(i)
        out.push(ctx.span(i, last, placeCue ? 'LOCATION' : 'PERSON', 'guess', 'proper-noun'))
        continue
      }
      if (
        !t.sentenceStart &&
        !afterDeterminer &&
        endsWithAny(t.lower, FOREIGN_SURNAME_ENDINGS) &&
        t.key.length >= 5
      )
        push(i, i, 'guess', 'name-foreign-ending')
    }
    return out
  },
}
