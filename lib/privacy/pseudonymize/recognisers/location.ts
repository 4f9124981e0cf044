import { isDialectShapeNoun } from '../dialect-nouns'
import { Memo } from '../memo'
import { germanInflectedNounOnly, wordInfo } from '../dictionary'
import { fold } from '../normalize'
import { numberWord } from '../number-words'
import type { Gazetteer } from '../gazetteer'
import { GENERIC_STREET_FRONT, PLACE_SUFFIXES, RELATIONS, colourAfterIn } from '../lexicon'
import type { Token } from '../tokens'
import type { Language } from '../types'
import {
  endsWithAny,
  isEnglishDepartment,
  type Candidate,
  type Recogniser,
  type RuleContext,
} from './context'
import { AMBIGUOUS_IN, DETERMINER_IN, G, MARKER_IN, W, gazIs, lexIs } from '../word-flags'

const COORD_PREP =
  /^(?:in|im|am|an|auf|aufs|ins|nach|zum|zur|uf|a|al|allo|alla|sul|sulla|nel|nella|en|au|à|to|at|on)$/
const MOUNTAIN_WORD = /^(?:Monte|Mont|Piz|Pizzo|Mount|Cima|Sasso|Munt)$/
const COORD_CONJ = /^(?:und|oder|od|u|o|e|y|or|and|ou|et)$/

/** A German word ending in -s that reads only as the genitive of a noun ("kerns" of Kern, not "kurs"). */
function genitiveOnly(language: Language, word: string): boolean {
  const stem = wordInfo(language, word.slice(0, -1))
  if (!stem.noun || word.length < 5) return false
  // The stem's plural is in -e ("kerne") and the -s form has no plural of its own ("kurse" makes "kurs" a noun).
  return wordInfo(language, `${word.slice(0, -1)}e`).noun && !wordInfo(language, `${word}e`).noun
}

/**
 * Places: the gazetteer (ambiguous ones such as "Zug" or "Wil" only after a place preposition), Swiss
 * German forms without the final -n ("Oerlike"), lakes, place-shaped words after a preposition, and —
 * in any case — a gazetteer place after a preposition ("in wilen", "z huttwil", "en zamora").
 */

/** Swiss German drops a final -n: "Oerlike" (Oerlikon), "Schwamendinge" (Schwamendingen). */
/** (Memoised per gazetteer and word, bounded: asked for most tokens, and each ask builds two new strings.) */
const dialectMemo = new WeakMap<Gazetteer, Memo<string, boolean>>()
const dialectPlace = (ctx: RuleContext, key: string) => {
  if (key.length < 6 || !key.endsWith('e')) return false
  let memo = dialectMemo.get(ctx.gaz)
  if (!memo) dialectMemo.set(ctx.gaz, (memo = new Memo(20_000)))
  let known = memo.get(key)
  if (known === undefined) {
    known = ctx.gaz.places.has(`${key}n`) || ctx.gaz.places.has(`${key.slice(0, -1)}on`)
    memo.set(key, known)
  }
  return known
}

/**
 * Other forms of a listed place, found by rule and checked against the list (folded keys):
 * - Swiss German vowels and prefixes: "Luzärn", "Bärn" (-ärn/-ärg for -ern/-erg: "Glaubebärg"), "Chlyhüninge",
 *   "Chliwabere" (Chly-/Chli- for Klein-), with the final -n of -en dropped ("…inge" for "…ingen");
 * - a locality named after its municipality: "Alpnachstad" (the landing place), "Alpnachdorf";
 * - a region or shore named after a place: "Zürioberland", "Säntisgebiet", "Rheinufer", "Baselbiet".
 * The caller checks that the word is no dictionary word ("Waldgebiet", "Bergdorf" are compounds).
 */
const variantMemo = new WeakMap<Gazetteer, Memo<string, boolean>>()
const VARIANT_HEADS = ['oberland', 'unterland', 'gebiet', 'ufer', 'biet', 'stad', 'dorf']
export const placeVariant = (gaz: Gazetteer, key: string): boolean => {
  if (key.length < 7) return false
  let memo = variantMemo.get(gaz)
  if (!memo) variantMemo.set(gaz, (memo = new Memo(20_000)))
  let known = memo.get(key)
  if (known === undefined) {
    known = variantOf(gaz, key)
    memo.set(key, known)
  }
  return known
}
function variantOf(gaz: Gazetteer, key: string): boolean {
  const listed = (k: string) =>
    k.length >= 4 &&
    !gaz.ambiguous.has(k) &&
    (gaz.places.has(k) ||
      (k.endsWith('e') && (gaz.places.has(`${k}n`) || gaz.places.has(`${k.slice(0, -1)}on`))))
  let swiss = key.replace(/aer(n|g)/g, 'er$1')
  if (/^chl[iy]i?/.test(swiss)) swiss = swiss.replace(/^chl[iy]i?/, 'klein')
  if (swiss !== key && listed(swiss)) return true
  // The diphthong "ue" before ch for "u": "Entlebuech", "Buechs".
  if (key.includes('uech') && listed(key.replace(/uech/g, 'uch'))) return true
  for (const head of VARIANT_HEADS)
    if (swiss.endsWith(head) && listed(swiss.slice(0, swiss.length - head.length))) return true
  return false
}

/** Prepositions that take a bare place name (no article), per language: "in", Swiss "z", "uf", Spanish "en". */
const BARE_PLACE_PREPOSITIONS: Record<Language, Set<string>> = {
  de: new Set(['in', 'nach', 'aus', 'z', 'uf', 'ga', 'vo', 'vor']),
  en: new Set(['in', 'to', 'from']),
  it: new Set(['a', 'in', 'da', 'di']),
  es: new Set(['en', 'a', 'desde', 'de']),
}

/**
 * Endings of Swiss and German place names ("Seewil", "Hinterwiesen", "Reusstal", "Rüderswil"): with a place
 * preposition before it, an unknown word with one of them is a place. Narrower than PLACE_SUFFIXES, which
 * also serves capitalised words ("-au", "-heim" end many ordinary words in lower case).
 */
const TOPONYM_ENDINGS = [
  'wil',
  'wyl',
  'wiler',
  'weiler',
  'ikon',
  'iken',
  'ikofen',
  'ingen',
  'dorf',
  'matt',
  'matten',
  'bach',
  'berg',
  'egg',
  'tal',
  'thal',
  'wiesen',
  'hausen',
  'hofen',
  'stetten',
  'felden',
  'rüti',
  'schwand',
  'brugg',
]
/** Prepositions before a bare place in any case, with the Swiss German "bi" (at) and "z" (in). */
// ("de", "en" are Swiss German articles; after "von" a place-name ending is a family name: "von Rotberg".)
const TOPONYM_PREPOSITIONS = new Set(['in', 'aus', 'nach', 'bei', 'bi', 'z', 'uf', 'vo', 'ab'])
/** A compound is an ordinary noun ("Schuldenberg", "Nachbardorf") unless its first part places it. */
const LOCATIONAL_PREFIX =
  /^(hinter|vorder|ober|unter|nieder|mittel|inner|usser|ausser|gross|klein|alt|neu|hoch|hohen|st)/

function toponymAfterPreposition(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  const prev = i > 0 ? tokens[i - 1] : undefined
  // (Every ending below is at least three letters and needs three more before it.)
  if (t.lower.length < 6 || !prev || !TOPONYM_CUES.has(prev.lower)) return false
  if (!(t.gap === ' ' || t.gap === "'" || t.gap === '') || !lexIs(t, W.LETTERS)) return false
  const lower = t.lower
  // "im Reusstal", "is Emmental", "uf em Chasseral-…": valleys, hills and peaks take the article.
  // (Set lookups, not regexes: this runs on every token.)
  const valley = prev.lower === 'im' || prev.lower === 'ins' || mountainArticle(tokens, i)
  if (!valley && !TOPONYM_PREPOSITIONS.has(prev.lower)) return false
  const ending = valley
    ? MOUNTAIN_ENDINGS.find((e) => lower.endsWith(e) && lower.length >= e.length + 3)
    : TOPONYM_ENDINGS.find((e) => lower.endsWith(e) && lower.length >= e.length + 3)
  // "Claraspital", "Kapital", "total", "digital" end in -tal without being valleys ("Wängital" is one).
  if (!ending || /(?:pital|gital|vital|otal)$/.test(lower) || gazIs(t, G.COMMON) || gazIs(t, G.FIRST))
    return false
  // "bei Rosenberg", "vo Steinbach": a listed surname after a preposition that also takes people.
  if (gazIs(t, G.LAST) && !/^(in|z|uf|nach|aus)$/.test(prev.lower)) return false
  const info = ctx.word(t)
  if (info.lower || info.noun) return false
  // Hills, woods, lakes and gates name places far more often than not, but many ordinary compounds end in
  // them too ("Schuldenberg", "Mischwald", "Gartentor", "Fussballtor" in Swiss spelling no dictionary
  // compounds): only a locational first part ("Obertor") or one that is no word at all ("Sihlwald",
  // "Zugerberg", dialect "grenchenberg", "Weissestei") makes the place.
  if (valley && DESTINATION_ENDINGS.includes(ending)) {
    // (Not "gross", "hoch", "st": "Grossstein", "Hochwald", "Stadttor" are ordinary.)
    if (/^(hinter|vorder|ober|unter|nieder|inner|usser|ausser)/.test(lower)) return true
    const front = t.text.slice(0, t.text.length - ending.length)
    // Swiss spelling writes ss for ß: "Fussball" is "Fußball".
    const info = (w: string) => {
      const f = wordInfo(ctx.language, w)
      return w.includes('ss') && !(f.noun || f.adjective || f.lower)
        ? wordInfo(ctx.language, w.replace(/ss/g, 'ß'))
        : f
    }
    const f = info(front)
    if (!f.noun && !f.proper && !f.adjective && !f.compound && !f.lower) return true
    // An inflected adjective before the head is a name's shape ("Weissestei", "Schwarzenberg"); an ordinary
    // compound takes the bare stem ("Hochwald", "Grossstein").
    const inflected = /^(.{3,}?)(?:e|en)$/.exec(front)
    return inflected !== null && !f.noun && info(inflected[1]!).adjective
  }
  if (!info.compound || LOCATIONAL_PREFIX.test(lower)) return true
  // "im Klöntal" (klön-), unlike "im Seitental": a valley or peak compound whose first part is no noun
  // ("Seiten", "Fluss", "Bienen" are) names a place.
  if (!valley || !t.cap) return false
  const first = wordInfo(ctx.language, t.text.slice(0, t.text.length - ending.length))
  // Peaks are named with a bare adjective ("Wildspitz", "Schwarzhorn", "Grossstock"); after an article of
  // place such a compound the dictionary does not know is the peak.
  if (first.adjective && PEAK_ENDINGS.has(ending)) return true
  return !first.noun && !first.proper && !first.adjective
}

/** Endings of peaks, which take an adjective as their first part. */
const PEAK_ENDINGS = new Set(['horn', 'spitz', 'stock', 'chopf', 'fluh', 'flue', 'grat'])

/** Hills, woods, lakes, rocks and town gates: with a place article before them ("auf den Zugerberg", "im
 * Sihlwald", "uf e Weissestei" — Swiss German -stei for -stein, "am Obertor"), checked more strictly. */
const DESTINATION_ENDINGS = ['berg', 'see', 'wald', 'stein', 'stei', 'tor']

/**
 * In an Italian, Spanish or English text a capitalised word after a place preposition with a Swiss place-name
 * ending ("al Zugerberg", "in Oberwil") that neither the text's language nor German knows as a word, nor as a
 * compound on an ordinary German word ("Schuldenberg"), is a place in Switzerland.
 */
function swissToponymAbroad(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  if (i === 0 || !t.cap || t.caps || t.sentenceStart || t.gap !== ' ' || t.key.length < 7) return false
  const prev = ctx.tokens[i - 1]!.lower
  // "to the Sihlwald", "up the Eschenberg", "outside the Hallenstadion": English takes the article before them.
  const englishArticle = prev === 'the' && i >= 2 && ENGLISH_PLACE_PREPOSITIONS.has(ctx.tokens[i - 2]!.lower)
  if (!englishArticle && !/^(al|a|en|de|del|da|di|dal|nel|sul|to|in|at|from|near)$/.test(prev)) return false
  const lower = t.lower
  const ending = ABROAD_ENDINGS.find((e) => lower.endsWith(e) && lower.length >= e.length + 4)
  if (!ending || gazIs(t, G.NAME) || gazIs(t, G.COMMON) || ctx.isCommon(t)) return false
  const here = ctx.word(t)
  if (here.lower || here.noun || here.proper || here.compound) return false
  // "outside the Hauptbahnhof": English has no use for a German noun of place but as the place's name.
  if (englishArticle && ctx.language === 'en' && GERMAN_LANDMARK_ENDINGS.some((e) => lower.endsWith(e)))
    return true
  const german = wordInfo('de', t.text)
  if (german.lower || german.noun || german.proper) return false
  // After "the", a German compound on a place head is a name: English has no use for the German word
  // ("the Eschenberg", "the Hallenstadion"); after a bare preposition its first part must be no word.
  if (!german.compound || englishArticle) return true
  const front = wordInfo('de', t.text.slice(0, t.text.length - ending.length))
  return !front.noun && !front.lower && !front.adjective && !front.proper
}

/** English prepositions of place and motion before "the" and a German place-name compound. */
const ENGLISH_PLACE_PREPOSITIONS = new Set(
  'to at near from past along up down in on into onto around round outside inside towards toward by over through'.split(
    ' ',
  ),
)

/**
 * "a de rötistrass" (dictated), "an der Mösligasse": a street name without a house number after "an der", "a
 * de", "in der", "am". Only when the first part is no word: "an der Hauptstrasse", "am Waldweg" stay.
 */
function streetWithoutNumber(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  // (Every token comes here: the cheapest tests first — the street endings end in -e, -s or -g.)
  const last = t.lower[t.lower.length - 1]
  if (i < 2 || t.key.length < 6 || (last !== 'e' && last !== 's' && last !== 'g') || t.gap !== ' ')
    return false
  if (t.sentenceStart) return false
  const prev = tokens[i - 1]!
  const article =
    /^(am|im)$/.test(prev.lower) ||
    (/^(der|de|dr)$/.test(prev.lower) && prev.gap === ' ' && /^(an|a|in|i)$/.test(tokens[i - 2]!.lower))
  if (!article) return false
  const ending = STREET_ENDING.exec(t.lower)?.[0]
  if (!ending || t.lower.length < ending.length + 3 || gazIs(t, G.NAME) || gazIs(t, G.COMMON)) return false
  const info = ctx.word(t)
  if (info.lower || info.noun || info.proper) return false
  // A street ("Strasse", "Gasse") is named by any first part — a name ("Pilatus-"), a place, a noun ("Rosen-",
  // "See-"), a compound ("Feldberg-"): after the article of place only the generic kinds of road stay words.
  const front = wordInfo('de', t.text.slice(0, t.text.length - ending.length))
  // In dictation the kinds of street stay words ("an der hauptstrasse", "in der seitengasse"): a compound or a
  // name as first part is the name ("an der feldbergstrasse").
  if (ending !== 'weg' && !t.cap) return !front.noun && !front.lower && !front.adjective
  if (ending !== 'weg') return !GENERIC_STREET_FRONT.test(t.lower.slice(0, t.lower.length - ending.length))
  return !front.noun && !front.lower && !front.adjective && !front.proper && !front.compound
}
/** Street heads with their Swiss German forms ("Pilatusstross", "Baslerstrooss", "Multergass"). */
const STREET_ENDING = /(?:strasse|strass|stross|strooss|gasse|gass|weg)$/

/** Endings of valleys, hills and peaks after "im", "uf em", "auf dem": "Klöntal", "Hörnliegg", "Rothorn". */
const MOUNTAIN_ENDINGS = [
  'tal',
  'thal',
  'egg',
  'horn',
  'stock',
  'fluh',
  'flue',
  'grat',
  // Peaks and hills: "Wildspitz", "Rigichopf", "Gurtenhubel", "Chuderhüsi" (a hill named after its inn).
  'spitz',
  'chopf',
  'hubel',
  'hüsi',
  ...DESTINATION_ENDINGS,
]

/** Every Swiss place-name ending, for names in texts of other languages (and squares, streets, gorges, stadiums). */
/** German landmark nouns that an English text uses only as the name of the one in the story. */
const GERMAN_LANDMARK_ENDINGS = ['bahnhof', 'platz', 'strasse', 'gasse', 'brücke', 'stadion']
const ABROAD_ENDINGS = [
  'bahnhof',
  ...TOPONYM_ENDINGS,
  ...MOUNTAIN_ENDINGS,
  'stadion',
  'schlucht',
  'alp',
  'platz',
  'strasse',
  'gasse',
]

const ARTICLE_BEFORE_PEAK = new Set(['ufem', 'ufm', 'am', 'aufm', 'zum', 'zur'])
// (Bernese and Valais "ds" is the neuter article: "uf ds Gebidumhorn".)
const DATIVE_ARTICLE = new Set(['em', 'dem', 'den', 'dr', 'de', 'd', 'e', 'ds'])
/**
 * Every word that can stand right before a toponym here (a preposition, "im", an article before a peak): one
 * lookup rules out most tokens, as this runs on every token of a German text.
 */
const TOPONYM_CUES = new Set([
  ...TOPONYM_PREPOSITIONS,
  'im',
  'ins',
  ...ARTICLE_BEFORE_PEAK,
  ...DATIVE_ARTICLE,
])

/** "uf em", "auf dem", "auf den", "uf e", "ufem", "am", "zum", "zur": an article before a hill, lake or peak. */
function mountainArticle(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1]!
  if (ARTICLE_BEFORE_PEAK.has(prev.lower)) return true
  const before = i >= 2 ? tokens[i - 2]! : undefined
  return (
    before !== undefined &&
    DATIVE_ARTICLE.has(prev.lower) &&
    prev.gap === ' ' &&
    (before.lower === 'uf' || before.lower === 'auf')
  )
}

/**
 * "in baden", "z rapperswil" in lower-case text: German takes no verb after "in" or Swiss "z" (a nominalised
 * one has the article, "im Baden"), so a listed place whose word reading is a verb is the place there.
 */
function verbAfterIn(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  if (ctx.language !== 'de' || !t.lowercaseLine || !/^(in|z)$/.test(ctx.tokens[i - 1]!.lower)) return false
  const info = ctx.word(t)
  if (info.noun || info.adjective || t.key.length < 5) return false
  if (!info.adjectiveForm) return true
  // "in wohlen hat …": an inflected adjective after "in" needs its noun ("in kleinen schritten"); with a verb
  // or the end of the clause after it, the word is the place.
  const next = ctx.tokens[i + 1]
  if (next === undefined || /[.,;:!?\n]/.test(next.gap)) return true
  if (lexIs(next, W.COORDINATOR) || !lexIs(next, W.LETTERS)) return false
  const after = ctx.word(next)
  return (
    !after.noun && !after.adjective && !after.adjectiveForm && !after.compound && (after.lower || after.verb)
  )
}

/**
 * Heads of German and Swiss German place-name compounds after an article of place: a gorge, a lake, a wood, a
 * hill, a fall, a bath, an alp, a stadium, a square, a street ("in der Saxetschlucht", "am Rotsee", "am
 * Rheinfall", "ufe Moosalp", "im Marzilibad", "am Idaplatz", "a de Weststrass"). Longest first.
 */
const PLACE_HEADS = [
  'schlucht',
  'stadion',
  'strooss',
  'stross',
  'strasse',
  'strass',
  'gasse',
  'platz',
  'gass',
  'wald',
  'berg',
  // Basel German -bärg for -berg: "am Spalebärg"; Bernese -grabe for -graben: "am Bäregrabe".
  'bärg',
  'grabe',
  'fall',
  'see',
  'alp',
  'bad',
  'weg',
]
/** Streets are also named after a plain adjective: "Langstrasse", "Neugasse", "Breitweg". */
// (Basel German "strooss": "am Baslerstrooss".)
const STREET_HEADS = new Set(['strasse', 'strass', 'strooss', 'stross', 'gasse', 'gass', 'weg'])
/** A colour or compass word before a head names the place ("Rotsee", "Schwarzwald", "Weststrasse"). */
const NAMING_FRONT = /^(rot|schwarz|weiss|wyss|grün|blau|gelb|grau|nord|süd|ost|west)$/
/** Words before which a place-name compound stands: articles of place, dative articles after a preposition. */
const PLACE_HEAD_CUES = new Set([
  'den',
  'im',
  'am',
  'ins',
  'vom',
  'zum',
  'zur',
  'ufe',
  'ufd',
  'ufem',
  'ufm',
  'aufm',
  'bim',
  'beim',
  'der',
  'dem',
  'de',
  'dr',
  'em',
  'd',
  'die',
])
const PLACE_HEAD_PREPOSITIONS =
  /^(in|i|an|a|uf|auf|bi|bei|vo|von|us|aus|zu|zur|über|hinter|nach|ga|gege|gegen)$/

/**
 * A compound on a place-name head after an article of place is a place when the whole is no dictionary word
 * and its first part is no ordinary word ("Saxet-", "Marzili-"), a name ("Rhein-", "Ida-"), a colour or compass
 * word ("Rot-", "West-"), any for an alp ("Moosalp"), or — for streets — an adjective ("Lang-"). "Bergsee", "Stadtpark", "Hallenbad",
 * "Waldweg", "Spielplatz", "Unfall" have an ordinary noun first (or are dictionary words) and stay.
 */
function placeHeadCompound(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  if (i === 0 || t.key.length < 6 || t.sentenceStart || (t.gap !== ' ' && t.gap !== "'")) return false
  const prev = tokens[i - 1]!
  if (!PLACE_HEAD_CUES.has(prev.lower)) return false
  // "der", "de", "die", "d", "em" are articles of place only after a preposition ("in der", "a de", "uf d").
  if (
    !/^(im|am|ins|vom|zum|zur|ufe|ufd|ufem|ufm|aufm|bim|beim)$/.test(prev.lower) &&
    !(i >= 2 && prev.gap === ' ' && PLACE_HEAD_PREPOSITIONS.test(tokens[i - 2]!.lower))
  )
    return false
  const lower = t.lower
  const head = PLACE_HEADS.find((h) => lower.endsWith(h) && lower.length >= h.length + 3)
  if (head === undefined || !lexIs(t, W.LETTERS) || gazIs(t, G.COMMON) || gazIs(t, G.NAME)) return false
  const whole = ctx.word(t)
  if (whole.lower || whole.noun || whole.proper) return false
  const frontText = t.text.slice(0, t.text.length - head.length)
  const frontLower = frontText.toLowerCase()
  // An alp is named, not described ("Moosalp", "Chüealp"): any first part.
  if (NAMING_FRONT.test(frontLower) || head === 'alp') return true
  // Swiss spelling writes ss for ß: "Fussball" is "Fußball". A lower-case text gets its front capitalised.
  const capital = frontText[0]!.toUpperCase() + frontText.slice(1)
  let front = wordInfo('de', capital)
  if (capital.includes('ss') && !(front.noun || front.adjective || front.lower))
    front = wordInfo('de', capital.replace(/ss/g, 'ß'))
  if (front.proper && !front.noun && !front.lower) return true
  // Streets and squares are also named with an adjective: "Langstrasse", "Zentralplatz".
  if ((STREET_HEADS.has(head) || head === 'platz') && front.adjective) return true
  // … or with the adjective of the town they lead to: "Baslerstrooss", "Bernerstrasse" (Basel, Bern).
  if (STREET_HEADS.has(head) && townAdjective(ctx.gaz, frontLower)) return true
  // (A linking s: "Bahnhofs-", "Friedhofs-" are ordinary nouns.)
  const bare = /^(.{3,})s$/.exec(capital)
  if (bare && wordInfo('de', bare[1]!).noun) return false
  return !front.noun && !front.proper && !front.adjective && !front.compound && !front.lower
}

/**
 * Swiss mountains and hills whose names are also German words (folded, with the Swiss German forms without the
 * final -n): Gurten (belts), Niesen (to sneeze), Mönch (monk), Jungfrau, Mythen (myths), Pfannenstiel, Harder,
 * Speer, Napf. General knowledge of the best-known peaks; a word reading needs the article of place before it.
 */
const WORD_MOUNTAINS = new Set(
  'gurten gurte niesen niese monch jungfrau mythen pfannenstiel harder speer napf'.split(' '),
)
/** Forms of "to be" before "am" make a progressive ("ich bin am Niesen"), not a place. */
const PROGRESSIVE_BE = new Set('bin bist ist sind seid war waren bi bisch isch si sy sin gsi'.split(' '))

/**
 * "auf den Niesen", "uf em Gurte", "am niesen", "an den gurten": a mountain whose name is also a word, after an
 * article of place ("am", "zum", "auf den", "uf em", "an den"); "ich bin am Niesen" is sneezing.
 */
function wordMountain(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  if (i < 1 || !WORD_MOUNTAINS.has(t.key) || t.caps || (t.gap !== ' ' && t.gap !== "'")) return false
  const prev = tokens[i - 1]!
  const before = i >= 2 ? tokens[i - 2]!.lower : ''
  if (prev.lower === 'am' || prev.lower === 'zum' || ARTICLE_BEFORE_PEAK.has(prev.lower))
    return !PROGRESSIVE_BE.has(before)
  return DATIVE_ARTICLE.has(prev.lower) && prev.gap === ' ' && /^(auf|uf|an|a|ufe|vom|zum)$/.test(before)
}

/**
 * Heads of Swiss landmark names that are used without an article of place: bridges ("Nydeggbrücke", Basel German
 * "-brugg", Bernese "-brügg": "Chornhuusbrügg"), squares and quays ("Barfüsserplatz", "Claraplatz"), churches named after a saint ("Elisabethenkirche",
 * Swiss German "-chilche"), rock faces ("Wasserflue"), peaks ("Glishorn") and waterfalls ("Staubbachfall").
 */
const LANDMARK_HEAD =
  /(?:brücke|brugg|brügg|platz|quai|kirche|chilche|kapelle|flue|fluh|horn|spitz|grat|stock|fall|fälle)$/
/**
 * LANDMARK_HEAD's match without the regex, which tries its alternation at every position of every long
 * capitalised word: the longest of its words the word ends with (the leftmost match of an end-anchored one).
 */
const LANDMARK_HEAD_WORDS = LANDMARK_HEAD.source.slice(3, -2).split('|')
const landmarkHead = (lower: string) => {
  let found: string | undefined
  for (const head of LANDMARK_HEAD_WORDS)
    if (lower.endsWith(head) && head.length > (found?.length ?? 0)) found = head
  return found
}
const CHURCH_HEADS = new Set(['kirche', 'chilche', 'kapelle'])
const PEAK_HEADS = new Set(['horn', 'spitz', 'grat', 'stock'])
const capitalised = (w: string) => w[0]!.toUpperCase() + w.slice(1)
/** German word facts, with Swiss ss read as ß where only that spelling is listed ("Fussgänger"). */
function germanInfo(word: string) {
  const f = wordInfo('de', word)
  if (!word.includes('ss') || f.noun || f.lower || f.adjective || f.compound) return f
  return wordInfo('de', word.replace(/ss/g, 'ß'))
}

/**
 * A landmark compound without a cue, in any language (the compound is German, "at the Elisabethenkirche",
 * "sulla Wasserflue"): the whole is no dictionary word and its first part names it. The first part is no word at
 * all ("Spreuer-", "Nydegg-", Basel "Wettstai-"), not even a verb stem ("Klapp-" of klappen) or a noun without
 * its final e ("Kirch-"), nor a noun with a linking s ("Arbeits-"); or it is a listed place or name ("Rheinfall",
 * "Claraplatz"). A church needs a saint's name ("Peters-", "Elisabethen-"), a waterfall a brook ("Staubbach-"),
 * a rock face ("-flue", "-fluh") only a first part of three letters. "Marktplatz", "Fussgängerbrücke", "Unfall",
 * "Nashorn", "Landeskirche" are ordinary.
 */
function landmarkCompound(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  if (t.key.length < 8 || t.caps || (!t.cap && !t.lowercaseLine)) return false
  const head = landmarkHead(t.lower)
  if (head === undefined || !lexIs(t, W.LETTERS)) return false
  const frontText = capitalised(t.text.slice(0, t.text.length - head.length))
  if (frontText.length < 3 || gazIs(t, G.NAME) || gazIs(t, G.COMMON) || ctx.isCommon(t)) return false
  const whole = germanInfo(capitalised(t.text))
  if (whole.lower || whole.noun || whole.adjective || whole.verb) return false
  // A rock face is named with any word: "Wasserflue", "Balmflue", "Rämselfluh".
  if (head === 'flue' || head === 'fluh') return !whole.compound && !whole.proper
  const key = fold(frontText)
  const front = germanInfo(frontText)
  const lower = frontText.toLowerCase()
  const ordinary =
    front.noun ||
    front.lower ||
    front.adjective ||
    front.proper ||
    front.compound ||
    // A verb stem ("Klapp-", "Tummel-"), a noun without its e ("Kirch-", "Schul-"), a linking s ("Arbeits-").
    wordInfo('de', `${lower}en`).lower ||
    wordInfo('de', `${lower}n`).lower ||
    wordInfo('de', `${frontText}e`).noun ||
    (lower.endsWith('s') && germanInfo(frontText.slice(0, -1)).noun) ||
    // A dialect spelling of one: "Fuessgänger-" of a Bernese "Fuessgängerbrügg".
    (head === 'brügg' && isDialectShapeNoun(frontText, true))
  const listedPlace = ctx.gaz.places.has(key) && !ctx.gaz.ambiguous.has(key)
  if (head === 'fall' || head === 'fälle') return (key.length >= 7 && key.endsWith('bach')) || listedPlace
  if (CHURCH_HEADS.has(head)) {
    // "Peterskirche", "Elisabethenkirche", "Marienkapelle": a saint's name with its genitive ending.
    const saint = /^(.{3,}?)(?:s|en|n)?$/.exec(key)
    const names = [key, saint?.[1] ?? key, `${saint?.[1] ?? key}e`, `${saint?.[1] ?? key}a`]
    // (The front itself is no noun or word: "Hauskapelle", "Wohnkirche".)
    if (front.noun || front.lower || front.adjective) return false
    return names.some((n) => ctx.gaz.firstNames.has(n)) || (!ordinary && !front.proper)
  }
  if (PEAK_HEADS.has(head)) return !ordinary && !whole.proper && !whole.compound
  // Bridges, squares, quays.
  if (listedPlace || ctx.gaz.firstNames.has(key) || ctx.gaz.lastNames.has(key))
    return !front.noun && !front.lower
  return !ordinary
}

/**
 * Italian and Spanish landscape and landmark words that name a place with "di"/"de" and a name ("passo", "paso"
 * are also a step: "un passo di Mozart").
 */
const ROMANCE_LANDSCAPE = new Set(
  (
    'ghiacciaio ponte lago laghetto valle piazza piazzale pizzo cima alpe rifugio capanna cascata ' +
    'glaciar puente cerro laguna plaza plazuela mirador cascada embalse'
  ).split(' '),
)
const ROMANCE_OF = new Set(['di', 'del', 'dei', 'della', 'delle', 'degli', 'dello', 'de', 'dal'])

/**
 * "Ghiacciaio del Basodino", "ponte dei Salti", "cerro de Monserrate": a capitalised word after the landscape
 * word and "di"/"del"/"de" is a proper noun in Italian and Spanish (which write common nouns in lower case).
 * A frequent capitalised word ("ponte di Natale") stays. Returns the last token of the place, or -1.
 */
function romanceLandscape(ctx: RuleContext, i: number): number {
  const { tokens } = ctx
  const of = tokens[i + 1]
  const name = tokens[i + 2]
  if (of === undefined || name === undefined || of.gap !== ' ' || name.gap !== ' ') return -1
  if (!ROMANCE_OF.has(of.lower) || !name.cap || name.caps || name.key.length < 3) return -1
  if (!lexIs(name, W.LETTERS) || ctx.isCommon(name)) return -1
  return i + 2
}

/** Verbs of living and working before "in" and a place ("wohnt in", "schaffe z"). */
const RESIDENCE_VERBS = new Set(
  'wohnt wohne wohnen wohnte lebt lebe leben lebte arbeitet arbeite arbeiten schafft schaffe schaffed wohnsch wohni gwohnt'.split(
    ' ',
  ),
)

/**
 * Lower-case dictation: "meine mutter in schlieren sagt", "ich wohne in wangen". A listed place whose word
 * reading is only a noun (a plural: "Schlieren" are streaks, "Wangen" cheeks) is the place after a bare "in"/"z"
 * when a relative or a verb of living stands right before: people live in places, not in streaks ("die
 * Entfernung in meilen" has neither).
 */
function residenceInPlace(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  if (i < 2 || !t.lowercaseLine || t.key.length < 5 || t.gap !== ' ' || !gazIs(t, G.PLACE)) return false
  const prev = tokens[i - 1]!
  if ((prev.lower !== 'in' && prev.lower !== 'z') || prev.gap !== ' ') return false
  const before = tokens[i - 2]!.lower
  if (!RELATIONS.has(before) && !RESIDENCE_VERBS.has(before)) return false
  if (gazIs(t, G.NAME) || gazIs(t, G.COMMON) || !lexIs(t, W.LETTERS)) return false
  // (A noun's reading also counts as a lower-case word: only verbs and adjectives rule the place out.)
  const info = ctx.word(t)
  return info.noun && !info.adjective && !info.adjectiveForm && !info.verb
}

/**
 * Lower-case dictation: "nach wangen", "aus schlieren", "z erlen", "in polen". German puts an article before a
 * plural after "nach", "aus" unless it is a set phrase ("nach Jahren": words that are also a verb or a noun of
 * their own are left out; "in" also takes plurals of measure, "in Meilen"), so a listed place whose only word
 * reading is a plural (Wangen = cheeks, Schlieren = streaks) is the place right after a bare one; so is a country
 * ("Polen" = Poles) after these and "in".
 */
function bareNounPlace(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  if (i < 1 || !t.lowercaseLine || t.key.length < 5 || t.gap !== ' ' || !gazIs(t, G.PLACE)) return false
  const prev = tokens[i - 1]!
  if (!BARE_PLURAL_PREPOSITIONS.has(prev.lower) || !lexIs(t, W.LETTERS) || gazIs(t, G.FIRST)) return false
  // (A country may be a surname too: "Chile", "Jordan"; a place that is one needs the plural test.)
  if (ctx.gaz.countries.has(t.key)) return true
  // "in" takes bare plurals of measure ("in meilen", "in stunden"): a plural place only after the others.
  if (prev.lower === 'in') return false
  return !gazIs(t, G.LAST) && germanInflectedNounOnly(t.text)
}
const BARE_PLURAL_PREPOSITIONS = new Set(['in', 'nach', 'aus', 'z'])

/** Street heads of lower-case dictation ("weg", "platz" end too many ordinary compounds: "heimweg", "parkplatz"). */
const LOWER_STREET = /(?:strasse|strass|strooss|stross|gasse|gass)$/

/**
 * Dictation writes street names in lower case: "olten bahnhofstrasse", "studio zenit lorrainestrasse", "an der
 * bahnhofstrasse dreissig". A street compound is the street's name when its first part is no word
 * ("lorraine-"), when a house number follows (in digits or words, which then belong to it), or when a listed
 * place names its town right before it. "die hauptstrasse überqueren" keeps the noun. Returns the last token
 * of the street, or -1.
 */
function lowerCaseStreet(ctx: RuleContext, i: number): number {
  const { tokens } = ctx
  const t = tokens[i]!
  const last = t.lower[t.lower.length - 1]
  if (!t.lowercaseLine || t.key.length < 8 || (last !== 'e' && last !== 's')) return -1
  const ending = LOWER_STREET.exec(t.lower)?.[0]
  if (ending === undefined || t.lower.length < ending.length + 3 || !lexIs(t, W.LETTERS)) return -1
  if (gazIs(t, G.NAME) || gazIs(t, G.COMMON)) return -1
  const info = ctx.word(t)
  if (info.lower) return -1
  // A house number: digits ("bahnhofstrasse 30a") or, after no dictionary noun, a number word ("…strasse
  // dreissig"; "in der sackgasse zwei mal" keeps the noun).
  const next = tokens[i + 1]
  if (next !== undefined && next.gap === ' ') {
    if (/^\d{1,4}[a-z]?$/.test(next.lower)) return i + 1
    const n = !info.noun && lexIs(next, W.LETTERS) ? numberWord(next.lower, ctx.language) : undefined
    if (n !== undefined && n > 0) return i + 1
  }
  const prev = i > 0 ? tokens[i - 1] : undefined
  // "in olten bahnhofstrasse": the town before the street.
  if (
    prev !== undefined &&
    t.gap === ' ' &&
    gazIs(prev, G.PLACE) &&
    !gazIs(prev, G.NAME) &&
    !ctx.isAmbiguous(prev) &&
    prev.key.length >= 4
  )
    return i
  if (info.noun || info.proper) return -1
  // Swiss spelling writes ss for ß: "einbahnstrasse" is the noun "Einbahnstraße".
  if (t.lower.includes('ss') && wordInfo('de', t.text.replace(/ss/g, 'ß')).noun) return -1
  const front = t.text.slice(0, t.text.length - ending.length)
  // A linking s after a noun suffix ("umfahrungs-", "zufahrts-") and a settlement word ("altstadt-",
  // "dorf-") describe the street, not name it.
  if (/(?:ungs|heits|keits|schafts|ions|ts|stadt|dorf|quartier|zentrum)$/.test(front)) return -1
  const capital = front[0]!.toUpperCase() + front.slice(1)
  let f = wordInfo('de', capital)
  if (capital.includes('ss') && !(f.noun || f.compound)) f = wordInfo('de', capital.replace(/ss/g, 'ß'))
  const g = wordInfo('de', front)
  if (f.noun || f.lower || f.adjective || g.lower || g.adjective)
    return namedStreetAfterArticle(ctx, i, front, g.lower && !f.noun) ? i : -1
  // A listed place or name first is how streets are named ("lorrainestrasse", "florastrasse"); any other
  // first part must be no word at all ("einbahn-", "altstadt-" are compounds).
  const key = fold(front)
  const listed = ctx.gaz.places.has(key) || ctx.gaz.firstNames.has(key) || ctx.gaz.lastNames.has(key)
  return listed || (!f.compound && !f.proper) ? i : -1
}

/** The nouns and adjectives on -er that name a kind of street ("wasserstrasse", "hintergasse"), not one street. */
const STREET_KIND_FRONTS =
  /^(?:wasser|hinter|unter|ober|vorder|inner|auss?er|neben|zubringer|fussgaenger|velo|fahrer)$/
/**
 * "in der greifengasse", "an der elsässerstrasse": after a preposition and article of place, a lower-case street
 * compound on a verb's infinitive or on a people's name in -er ("Elsässer", "Walliser") names one street; no
 * kind of street is named so ("in der sackgasse", "an der hauptstrasse" keep the noun).
 */
function namedStreetAfterArticle(ctx: RuleContext, i: number, front: string, verbOnly: boolean): boolean {
  const { tokens } = ctx
  const article = tokens[i - 1]
  const preposition = tokens[i - 2]
  if (article === undefined || preposition === undefined) return false
  if (!/^(?:der|dr|d)$/.test(article.lower) || !/^(?:in|an|a|i|uf|bi|bei|vo|von)$/.test(preposition.lower))
    return false
  const key = fold(front)
  if (key.length < 5 || STREET_KIND_FRONTS.test(key)) return false
  // (A word on -en that is no noun is an infinitive: "greifen"; "seiten", "garten" are nouns.)
  if (verbOnly && key.endsWith('en')) return true
  return (
    key.length >= 6 && key.endsWith('er') && wordInfo('de', front[0]!.toUpperCase() + front.slice(1)).noun
  )
}

/** "basler" (Basel), "berner" (Bern), "thuner" (Thun): the -er adjective of a listed place. */
export function townAdjective(gaz: Gazetteer, front: string): boolean {
  if (front.length < 5 || !front.endsWith('er')) return false
  const key = fold(front)
  const stem = key.slice(0, -2)
  const listed = (k: string) => k.length >= 3 && gaz.places.has(k) && !gaz.ambiguous.has(k)
  return listed(stem) || (stem.endsWith('l') && listed(`${stem.slice(0, -1)}el`))
}

const LOWER_PLACE_ARTICLES = new Set(['die', 'd', 'den', 'dr', 'de', 'der', 'em', 'dem'])
const LOWER_PLACE_PREPOSITIONS = new Set([
  'an',
  'a',
  'in',
  'i',
  'uf',
  'auf',
  'über',
  'ab',
  'bi',
  'bei',
  'vo',
  'von',
  'us',
  'aus',
])

/**
 * Lower-case text: rivers and landscapes take the article ("an die aare", "i d aare", "vo dr emme"). A listed
 * place there that is no ordinary word, no listed name and no frequent capitalised word is the place.
 */
function placeAfterArticle(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  if (i < 2 || t.key.length < 4 || t.gap !== ' ' || !gazIs(t, G.PLACE)) return false
  const prev = tokens[i - 1]!
  if (!LOWER_PLACE_ARTICLES.has(prev.lower) || prev.gap !== ' ') return false
  if (!LOWER_PLACE_PREPOSITIONS.has(tokens[i - 2]!.lower)) return false
  if (gazIs(t, G.COMMON) || gazIs(t, G.NAME) || gazIs(t, G.AMBIGUOUS) || ctx.isCommon(t)) return false
  const info = ctx.word(t)
  return !info.lower && !info.noun && !info.adjectiveForm
}

/** Words for a town's district, after which its name follows without a preposition ("Quartier Gravelone"). */
const DISTRICT_WORDS = new Set(
  'quartier quartiere stadtteil ortsteil stadtkreis barrio bairro colonia rione frazione borough district neighbourhood neighborhood'.split(
    ' ',
  ),
)

/** Spanish verbs of going, climbing and walking (stems of their forms): "subimos", "fui", "vamos", "llegamos". */
const SPANISH_MOTION =
  /^(sub[iíeo]|baj[aeéoó]|fu[ie]|fuimos|fueron|vamos|voy|van|vas|ir|lleg|camin|escal|volv|vuelv|corr|pase[oéa]|sal[iíg])/

/**
 * "subimos al Tibidabo", "el finde subí con mi prima al gorbea": after a verb of going a few words back, "al"
 * (a + el) takes a noun; one that neither Spanish nor English knows and that is no listed name is a place.
 */
function spanishDestination(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  if (i < 2 || tokens[i - 1]!.lower !== 'al' || t.gap !== ' ' || t.key.length < 4) return false
  if (!lexIs(t, W.LETTERS) || gazIs(t, G.NAME) || gazIs(t, G.COMMON) || ctx.isCommon(t)) return false
  const info = ctx.word(t)
  if (info.lower || wordInfo('en', t.text).lower) return false
  for (let k = i - 2; k >= Math.max(0, i - 6); k--) {
    if (tokens[k + 1]!.gap.includes('\n') || /[.!?;]/.test(tokens[k + 1]!.gap)) return false
    if (SPANISH_MOTION.test(tokens[k]!.lower)) return true
  }
  return false
}

/** "im Chreis 4", "Kreis 11": Zürich's and Winterthur's numbered districts (1–12). */
function numberedDistrict(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  if (t.key !== 'kreis' && t.key !== 'chreis') return false
  const n = ctx.tokens[i + 1]
  if (n === undefined || n.gap !== ' ' || !/^\d{1,2}$/.test(n.text)) return false
  const value = Number(n.text)
  // "Kreis 4." at a sentence end is still the district; "Kreis 4 bis 6" of a list is rare enough.
  return value >= 1 && value <= 12
}

const NEW = new Set(['new', 'neu', 'nueva', 'nuevo', 'nuova', 'nuovo', 'nouvelle', 'nouveau'])

/** Compass words after a hyphen: "Zürich-Nord", "lecco-nord", "Madrid-Sur". */
const COMPASS =
  /^(nord|süd|sued|ost|west|sud|est|ovest|norte|sur|este|oeste|north|south|east|west|centro|zentrum|mitte)$/

export const places: Recogniser = {
  name: 'places',
  phase: 1,
  run(ctx) {
    const { tokens, language } = ctx
    const out: Candidate[] = []
    const push = (i: number, source: Candidate['source'], rule: string) =>
      out.push(ctx.span(i, i, 'LOCATION', source, rule))
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      const prev = i > 0 ? tokens[i - 1] : undefined
      // "de Ins", "a Gap": in Italian or Spanish a capitalised listed place after a place preposition, even one
      // that is a function word of another language (German "ins").
      if (
        (language === 'it' || language === 'es') &&
        prev !== undefined &&
        t.cap &&
        !t.caps &&
        !t.sentenceStart &&
        t.gap === ' ' &&
        /^(de|en|a|da|di|desde)$/.test(prev.lower) &&
        gazIs(t, G.PLACE) &&
        lexIs(t, W.DETERMINER) &&
        !lexIs(t, DETERMINER_IN[language]) &&
        !lexIs(t, MARKER_IN[language])
      ) {
        push(i, 'context', 'place-foreign-function-word')
        continue
      }
      // "in the UK", "aus den USA", "on the M62", "auf der A1": a country's abbreviation or a road's number after
      // a place cue.
      if (t.caps && i >= 1 && !prev!.caps && (countryCode(ctx, i) || roadNumber(ctx, i))) {
        push(i, 'context', 'place-code')
        continue
      }
      if (t.caps || lexIs(t, W.NEVER) || lexIs(t, W.ROLE) || lexIs(t, W.DETERMINER)) continue
      // "speicher appenzell ausserrhoden", "Wohlen AG": a listed place before its canton is the place, even where
      // it is also a word.
      if (placeBeforeCanton(ctx, i)) {
        // (The code belongs to the name: "Speicher AR".)
        const withCode = tokens[i + 1]!.caps
        out.push(ctx.span(i, withCode ? i + 1 : i, 'LOCATION', 'context', 'place-before-canton'))
        if (withCode) i++
        continue
      }
      // "up to St. Chrischona", "auf St. Margrethen": a saint's name after "St." and a place preposition names a
      // place (a church, a village); "St. Patrick's Day" has the possessive.
      if (
        prev !== undefined &&
        i >= 2 &&
        t.cap &&
        (prev.key === 'st' || prev.key === 'sankt') &&
        prev.cap &&
        (t.gap === '. ' || (t.gap === ' ' && prev.lower === 'sankt')) &&
        (lexIs(tokens[i - 2]!, W.PLACE_PREPOSITION) || /^(auf|zum|zur|up|via)$/.test(tokens[i - 2]!.lower)) &&
        !/^['’]s\b/.test(ctx.text.slice(t.end, t.end + 3))
      ) {
        out.push(ctx.span(i - 1, i, 'LOCATION', 'context', 'place-saint'))
        continue
      }
      // "to the Lido", "along to the Mall": an English word written with a capital after a motion preposition
      // and the article is a listed place.
      if (
        language === 'en' &&
        i >= 2 &&
        t.cap &&
        !t.sentenceStart &&
        gazIs(t, G.PLACE) &&
        prev?.lower === 'the' &&
        t.gap === ' ' &&
        /^(to|at|near|from|past|towards)$/.test(tokens[i - 2]!.lower)
      ) {
        push(i, 'context', 'place-english-the')
        continue
      }
      // "im Chreis 4", "Kreis 11": a numbered city district.
      if (language === 'de' && numberedDistrict(ctx, i)) {
        out.push(ctx.span(i, i + 1, 'LOCATION', 'context', 'place-district'))
        i++
        continue
      }
      // "Quartier Gravelone", "quartiere Molino", "Stadtteil Wollishofen": a name after a district word.
      if (
        prev !== undefined &&
        t.cap &&
        !t.sentenceStart &&
        t.gap === ' ' &&
        DISTRICT_WORDS.has(prev.key) &&
        t.key.length >= 4 &&
        !ctx.isCommon(t) &&
        !ctx.word(t).lower &&
        !ctx.word(t).noun &&
        (gazIs(t, G.PLACE) || !ctx.word(t).proper)
      ) {
        push(i, 'context', 'place-district-word')
        continue
      }
      // "il Ghiacciaio del Basodino", "al ponte dei Salti", "el cerro de Monserrate": a landscape word, "di"/"de"
      // and a capitalised name are one place.
      if ((language === 'it' || language === 'es') && ROMANCE_LANDSCAPE.has(t.lower)) {
        const end = romanceLandscape(ctx, i)
        if (end > i) {
          // A lower-case landscape word is the common noun ("el valle de Colchagua"): the name alone is masked.
          out.push(ctx.span(t.cap ? i : end, end, 'LOCATION', 'context', 'place-romance-landscape'))
          i = end
          continue
        }
      }
      // "en la colonia americana, calle …": a Mexican neighbourhood's name before the street (the street word is
      // Spanish: any detected language, as short lower-case Spanish reads as Italian).
      if (coloniaBeforeStreet(ctx, i)) {
        push(i, 'context', 'place-colonia')
        continue
      }
      // "subimos al Tibidabo", "subí … al gorbea": a word no dictionary knows after a verb of going and "al".
      if (language === 'es' && spanishDestination(ctx, i)) {
        push(i, 'context', 'place-spanish-destination')
        continue
      }
      // "am Rotsee", "in der Saxetschlucht", "a de Weststrass": a place-name compound after an article of place.
      if (language === 'de' && placeHeadCompound(ctx, i)) {
        push(i, 'context', 'place-head-compound')
        continue
      }
      // "auf den Niesen", "uf em Gurte": a mountain whose name is also a word, after an article of place.
      if (language === 'de' && wordMountain(ctx, i)) {
        push(i, 'context', 'place-word-mountain')
        continue
      }
      // "Barfüsserplatz", "Elisabethenkirche", "Wasserflue": a landmark compound named by its first part.
      if (landmarkCompound(ctx, i)) {
        push(i, 'context', 'place-landmark-compound')
        continue
      }
      // "von der Mittleren Brücke", "am Oberen Tor": a capitalised adjective before a landmark names it.
      if (namedLandmark(ctx, i)) {
        out.push(ctx.span(i, i + 1, 'LOCATION', 'context', 'place-named-landmark'))
        i++
        continue
      }
      // "in Hinterwiesen", "bi seewil", "im Reusstal": a place-name ending after a place preposition.
      if (ctx.language === 'de' && toponymAfterPreposition(ctx, i)) {
        push(i, 'context', 'place-toponym-ending')
        continue
      }
      // "a de rötistrass", "an der Mösliweg": a street without its number after an article of place.
      if (ctx.language === 'de' && streetWithoutNumber(ctx, i)) {
        // (In dictation a house number in words belongs to it: "an der bahnhofstrasse dreissig".)
        const end = t.cap ? i : Math.max(i, lowerCaseStreet(ctx, i))
        out.push(ctx.span(i, end, 'LOCATION', 'context', 'place-street'))
        i = end
        continue
      }
      // "voy al Zugerberg", "a walk to Hinterwil": a Swiss place-name shape in an Italian, Spanish or English text.
      if (ctx.language !== 'de' && swissToponymAbroad(ctx, i)) {
        push(i, 'context', 'place-toponym-abroad')
        continue
      }
      // "lecco-nord", "Bern-West": a place and a compass word are one place.
      const compass = tokens[i + 1]
      if (
        compass !== undefined &&
        compass.gap === '-' &&
        COMPASS.test(compass.lower) &&
        t.key.length >= 3 &&
        (gazIs(t, G.PLACE) || dialectPlace(ctx, t.key) || endsWithAny(t.lower, PLACE_SUFFIXES)) &&
        !gazIs(t, G.COMMON)
      ) {
        out.push(ctx.span(i, i + 1, 'LOCATION', 'context', 'place-compass'))
        i++
        continue
      }
      if (!t.cap) {
        // "olten bahnhofstrasse", "an der bahnhofstrasse dreissig": a street in lower-case dictation.
        const streetEnd = language === 'de' ? lowerCaseStreet(ctx, i) : -1
        if (streetEnd >= 0) {
          out.push(ctx.span(i, streetEnd, 'LOCATION', 'context', 'place-street-lower'))
          i = streetEnd
          continue
        }
        // "meine mutter in schlieren", "ich wohne in wangen": a listed place that is also a plural noun, after a
        // relative or a verb of living and a bare "in".
        if (language === 'de' && residenceInPlace(ctx, i)) {
          push(i, 'context', 'place-residence-lower')
          continue
        }
        // "nach wangen", "aus schlieren", "nach polen": a listed place whose word reading is only a plural, or a
        // country, after a bare "in"/"nach"/"aus"/"z".
        if (language === 'de' && bareNounPlace(ctx, i)) {
          push(i, 'context', 'place-plural-lower')
          continue
        }
        // "an die aare", "i d aare", "vo dr emme": a listed river or place after a preposition and its article.
        if (language === 'de' && placeAfterArticle(ctx, i)) {
          push(i, 'gazetteer', 'place-article-lower')
          continue
        }
        // After a preposition, in any case: a gazetteer place that is no ordinary word here.
        const afterPreposition =
          prev !== undefined &&
          lexIs(prev, W.PLACE_PREPOSITION) &&
          (t.gap === '' || t.gap === ' ' || t.gap === "'" || t.gap === "' ")
        // A three-letter place ("in wil", "z uri") only after a bare-place preposition and if no word at all.
        const short =
          t.key.length === 3 &&
          language === 'de' &&
          /^(in|z|nach|aus)$/.test(prev?.lower ?? '') &&
          !ctx.word(t).noun &&
          !ctx.word(t).proper
        if (
          afterPreposition &&
          (t.key.length >= 4 || short) &&
          lexIs(t, W.LETTERS) &&
          (gazIs(t, G.PLACE) || dialectPlace(ctx, t.key)) &&
          (!ctx.word(t).lower || verbAfterIn(ctx, i)) &&
          (!gazIs(t, G.COMMON) || short)
        ) {
          push(i, 'context', 'place-preposition-lower')
          continue
        }
        // "a como" (Italian), "aus deutschland": a listed place that is a word only in another language (Spanish
        // "como"), or a country whose name reads as a noun in lower-case text, after a place preposition.
        if (
          afterPreposition &&
          t.key.length >= 4 &&
          lexIs(t, W.LETTERS) &&
          gazIs(t, G.PLACE) &&
          // (A listed surname is still the place — "a como" — but not a given name: "a marco".)
          !gazIs(t, G.FIRST) &&
          !ctx.gaz.ambiguousIn[language].has(t.key) &&
          (ctx.gaz.countries.has(t.key) || !ctx.word(t).lower)
        ) {
          push(i, 'context', 'place-preposition-other-language')
          continue
        }
        // "in kerns", "nach gams": a listed place whose German reading is only a noun's genitive in -s (the
        // Kern's) cannot be that word right after a bare-place preposition: no genitive follows one bare.
        if (
          afterPreposition &&
          language === 'de' &&
          t.key.length >= 5 &&
          t.key.endsWith('s') &&
          /^(in|nach|z|aus|vo|vom)$/.test(prev.lower) &&
          lexIs(t, W.LETTERS) &&
          gazIs(t, G.PLACE) &&
          !gazIs(t, G.NAME) &&
          genitiveOnly(language, t.key)
        ) {
          push(i, 'context', 'place-preposition-genitive')
          continue
        }
        // "in wilen", "z huttwil": a word no dictionary knows after a preposition is a small place.
        if (
          afterPreposition &&
          t.key.length >= 4 &&
          lexIs(t, W.LETTERS) &&
          BARE_PLACE_PREPOSITIONS[ctx.language].has(prev.lower) &&
          !gazIs(t, G.COMMON) &&
          // English capitalises places: in a text that does, a lower-case word is jargon ("stay in pharma").
          (ctx.language !== 'en' || t.lowercaseLine)
        ) {
          const info = ctx.word(t)
          // After "in", "en", "z" a listed surname is still a place ("en zamora"); after "vo", "a" it may be a person.
          const person = gazIs(t, G.NAME) && !/^(in|en|z|uf|nach)$/.test(prev.lower)
          if (!info.lower && !info.noun && !info.compound && !person) {
            push(i, 'guess', 'place-preposition-unknown')
            continue
          }
        }
        // Lowercase speech-to-text: only unambiguous gazetteer places.
        if (!t.lowercaseLine || t.key.length < 5 || ctx.isAmbiguous(t)) continue
        if (gazIs(t, G.PLACE) && !gazIs(t, G.NAME)) push(i, 'gazetteer', 'place-gazetteer')
        else if (dialectPlace(ctx, t.key)) push(i, 'gazetteer', 'place-dialect')
        else if (placeVariant(ctx.gaz, t.key) && !gazIs(t, G.NAME) && noOrdinaryWord(ctx, t))
          push(i, 'gazetteer', 'place-variant')
        continue
      }
      // "auf den Napf oder aufs Brienzer…", "sul Tamaro o al Lema": after a listed place, a conjunction and
      // a place preposition, a capitalised word that no dictionary knows and no name list holds is a place too.
      if (i >= 3 && !t.sentenceStart && t.key.length >= 4 && lexIs(t, W.LETTERS)) {
        const [place, conj, prep] = [tokens[i - 3]!, tokens[i - 2]!, tokens[i - 1]!]
        if (
          COORD_PREP.test(prep.lower) &&
          COORD_CONJ.test(conj.lower) &&
          place.cap &&
          ((gazIs(place, G.PLACE) && !gazIs(place, G.NAME)) ||
            // "sul Monte Tamaro o al …": a mountain named with its type word.
            (i >= 4 && MOUNTAIN_WORD.test(tokens[i - 4]!.text))) &&
          !gazIs(t, G.NAME) &&
          !gazIs(t, G.COMMON)
        ) {
          const info = ctx.word(t)
          if (!info.lower && !info.noun && !info.compound && !info.proper) {
            push(i, 'context', 'place-coordinated')
            continue
          }
        }
      }
      // "Deutschland ist …", "England was …": a country's name is a place wherever it stands, also at the start of
      // a sentence where the frequent-word list holds it, unless it is a word of the text's language ("Polen" =
      // Poles, "Turkey"); those keep needing a place cue.
      if (ctx.gaz.countries.has(t.key) && !gazIs(t, AMBIGUOUS_IN[language] | G.NAME) && t.key.length >= 4) {
        push(i, 'gazetteer', 'place-country')
        continue
      }
      // "Lugano, miércoles", "Zug, 3. März": a listed place that opens a line and is followed by a comma and a
      // weekday, a month or a number is a journal's dateline, even where the name is also a word.
      if (datelinePlace(ctx, i)) {
        push(i, 'context', 'place-dateline')
        continue
      }
      const { ambiguous, placeCue, afterDeterminer } = ctx.facts(i)
      const romanceProperNoun =
        (language === 'it' || language === 'es') && !t.sentenceStart && !ctx.isCommon(t)
      if (gazIs(t, G.PLACE) && (!ambiguous || (placeCue && !afterDeterminer) || romanceProperNoun)) {
        // "New Jersey", "Nueva York", "New Mexico": "new" before a listed place is part of its name.
        if (prev !== undefined && prev.cap && t.gap === ' ' && NEW.has(prev.lower))
          out.push(ctx.span(i - 1, i, 'LOCATION', 'gazetteer', 'place-new'))
        else push(i, 'gazetteer', 'place-gazetteer')
        continue
      }
      // "in Wohle": a short dialect form (final -n dropped) of a listed place, capitalised after a bare-place
      // preposition where the only word reading is an adjective's ("wohle" of wohl).
      const shortDialect =
        language === 'de' &&
        t.key.length === 5 &&
        t.key.endsWith('e') &&
        ctx.gaz.places.has(`${t.key}n`) &&
        /^(in|z|nach|aus|vo)$/.test(prev?.lower ?? '') &&
        !t.sentenceStart &&
        !ctx.word(t).noun &&
        // (Only an adjective reading, which a capital rules out: "nach Hause" is a word of its own.)
        (!ctx.word(t).lower || ctx.word(t).adjectiveForm) &&
        !gazIs(t, G.COMMON)
      if (shortDialect && !gazIs(t, G.NAME)) {
        push(i, 'context', 'place-dialect-short')
        continue
      }
      if (ambiguous) continue
      if (dialectPlace(ctx, t.key) && !gazIs(t, G.NAME)) {
        push(i, 'gazetteer', 'place-dialect')
        continue
      }
      if (ctx.isCommon(t) || t.key.length < 3) continue
      // "Luzärn", "Chlyhüninge", "Alpnachstad", "Zürioberland": a rule-made form of a listed place.
      if (placeVariant(ctx.gaz, t.key) && !gazIs(t, G.NAME) && !t.sentenceStart && noOrdinaryWord(ctx, t)) {
        push(i, 'gazetteer', 'place-variant')
        continue
      }
      // Lakes: "Hüttwilersee", "Greifensee" (a short "-see" word is more often a noun).
      if (t.key.endsWith('see') && t.key.length >= 8 && !gazIs(t, G.NAME)) push(i, 'guess', 'place-lake')
      else if (
        placeCue &&
        endsWithAny(t.lower, PLACE_SUFFIXES) &&
        t.key.length >= 5 &&
        !ctx.word(t).noun &&
        // "in Hellblau" ends like "Aarau" and is a colour.
        !(language === 'de' && ctx.word(t).adjective && colourAfterIn(tokens[i - 1], t.lower))
      )
        push(i, 'guess', 'place-suffix')
    }
    return out
  },
}

/** Weekdays and months (de, gsw, en, it, es, fr; accents folded) that follow a dateline's place. */
const DATE_WORDS = new Set(
  (
    'montag dienstag mittwoch donnerstag freitag samstag sonntag maentig zischtig mittwuch dunschtig fritig ' +
    'samschtig sunntig monday tuesday wednesday thursday friday saturday sunday lunedi martedi mercoledi ' +
    'giovedi venerdi sabato domenica lunes martes miercoles jueves viernes sabado domingo januar februar maerz ' +
    'april mai juni juli august september oktober november dezember january february march june july october ' +
    'december gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre ' +
    'enero febrero abril mayo junio julio septiembre setiembre octubre noviembre diciembre ' +
    'den le il el'
  ).split(' '),
)

/** A listed place at the start of a line, then a comma and a date word or a number: "Lugano, miércoles". */
function datelinePlace(ctx: RuleContext, i: number): boolean {
  const { tokens, text } = ctx
  const t = tokens[i]!
  if (!gazIs(t, G.PLACE) || gazIs(t, G.FIRST) || t.key.length < 3) return false
  const lineStart = i === 0 || /\n[ \t]*$/.test(text.slice(Math.max(0, t.start - 8), t.start))
  if (!lineStart) return false
  const next = tokens[i + 1]
  if (next === undefined || !/^,[ \t]*$/.test(next.gap)) return false
  const dated = /^\d/.test(next.text) || DATE_WORDS.has(next.key)
  if (!gazIs(t, G.LAST)) return dated
  // A place that is also a surname ("Valencia", "Sion"): the date must name its month ("3 de octubre", "3. März"),
  // which a list of people with numbers ("Meier, 3") has not.
  const month = tokens.slice(i + 2, i + 4).find((m) => /^\p{L}/u.test(m.text) && m.key !== 'de')
  return /^\d/.test(next.text) && month !== undefined && MONTH_KEYS.has(month.key)
}
const MONTH_KEYS = new Set(
  (
    'januar februar maerz april mai juni juli august september oktober november dezember january february march ' +
    'may june july october december gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre ' +
    'novembre dicembre enero febrero abril mayo junio julio septiembre setiembre octubre noviembre diciembre'
  ).split(' '),
)

/** No ordinary word (a proper noun such as "Rheinufer" or a compound on a place such as "Säntisgebiet" may be). */
function noOrdinaryWord(ctx: RuleContext, t: Token): boolean {
  const info = ctx.word(t)
  return !info.lower && !info.noun && !info.adjective && !info.verb && !info.adjectiveForm
}

/** Country abbreviations that are written as places ("in the UK", "in die USA", "negli USA"). */
const COUNTRY_CODES = new Set(['UK', 'USA', 'US', 'UAE', 'VAE', 'BRD', 'DDR'])
/** Articles between a place preposition and a country abbreviation or road number. */
const CODE_ARTICLES = new Set(['the', 'der', 'die', 'den', 'dr', 'de', 'gli', 'la', 'los'])
/** Words before "the"/"der" and a road number: "on the M62", "auf der A1", "uf de A2", "über die A13". */
const ROAD_PREPOSITIONS = new Set(
  'on onto off along via down up from to near at auf uf über vo von an bei bi'.split(' '),
)
/** Language-course levels and paper sizes share the shape: "on the A2 course", "auf der A1-Stufe". */
const NOT_ROAD_AFTER = new Set(
  'level levels course class exam test certificate niveau kurs stufe prüfung zertifikat format papier blatt'.split(
    ' ',
  ),
)

function codeCue(ctx: RuleContext, i: number, prepositions: (lower: string) => boolean): boolean {
  const prev = ctx.tokens[i - 1]!
  if (ctx.tokens[i]!.gap !== ' ' && ctx.tokens[i]!.gap !== "'") return false
  if (prepositions(prev.lower)) return true
  return i >= 2 && CODE_ARTICLES.has(prev.lower) && prev.gap === ' ' && prepositions(ctx.tokens[i - 2]!.lower)
}

function countryCode(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  if (!COUNTRY_CODES.has(t.text)) return false
  return codeCue(
    ctx,
    i,
    (w) =>
      PLACE_PREPOSITION_WORDS.has(w) || ENGLISH_PLACE_PREPOSITIONS.has(w) || w === 'negli' || w === 'dagli',
  )
}

const PLACE_PREPOSITION_WORDS = new Set([
  'in',
  'nach',
  'aus',
  'to',
  'from',
  'en',
  'a',
  'da',
  'de',
  'desde',
  'z',
  'uf',
  'vo',
  'i',
])

function roadNumber(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  const c = t.text.charCodeAt(0)
  // A, M, N, E and two or three digits at most: "A1", "M62", "N13", "E35".
  if (t.text.length < 2 || t.text.length > 4 || (c !== 65 && c !== 77 && c !== 78 && c !== 69)) return false
  if (!/^[AMNE]\d{1,3}$/.test(t.text)) return false
  const next = ctx.tokens[i + 1]
  if (next !== undefined && (next.gap === '-' || NOT_ROAD_AFTER.has(next.lower))) return false
  const prev = ctx.tokens[i - 1]!
  // Italian "sulla A1", "sull'A2": the article is part of the preposition.
  if (/^(sulla|sull|dalla|dall|lungo)$/.test(prev.lower)) return true
  return (
    i >= 2 &&
    CODE_ARTICLES.has(prev.lower) &&
    prev.gap === ' ' &&
    ROAD_PREPOSITIONS.has(ctx.tokens[i - 2]!.lower)
  )
}

/** Landmarks named with an adjective: "Mittlere Brücke", "Oberes Tor", "Hohe Promenade", "Neuer Turm". */
const LANDMARK_HEADS = new Set(['brücke', 'brugg', 'tor', 'turm', 'promenade', 'allee', 'graben', 'vorstadt'])
const LANDMARK_ARTICLES = new Set([
  'der',
  'die',
  'den',
  'dem',
  'das',
  'zur',
  'zum',
  'am',
  'beim',
  'vom',
  'dr',
  'd',
])

/**
 * German writes an adjective in lower case unless it is part of a name: a capitalised one mid-sentence after a
 * lower-case article and before a landmark noun ("von der Mittleren Brücke", "beim Oberen Tor") is a name.
 */
function namedLandmark(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  const head = tokens[i + 1]
  if (head === undefined || !t.cap || t.sentenceStart || i === 0 || t.gap !== ' ' || head.gap !== ' ')
    return false
  if (!head.cap || !LANDMARK_HEADS.has(head.lower)) return false
  const prev = tokens[i - 1]!
  if (prev.cap) return false
  if (ctx.language !== 'de') {
    // "near the Mittlere Brücke", "al Obere Tor": in another language's text the German name after its article.
    if (!FOREIGN_LANDMARK_ARTICLES.has(prev.lower) || wordInfo(ctx.language, t.text).lower) return false
    const german = wordInfo('de', t.text)
    return (german.adjective || german.adjectiveForm) && !german.noun
  }
  if (!LANDMARK_ARTICLES.has(prev.lower)) return false
  const info = ctx.word(t)
  return (info.adjective || info.adjectiveForm) && !info.noun
}
const FOREIGN_LANDMARK_ARTICLES = new Set(['the', 'il', 'al', 'del', 'dal', 'sul', 'el', 'la', 'los'])

/** Swiss cantons by their German, French and Italian names (folded) and their codes ("AG" is also a firm's form). */
const CANTON_NAMES = new Set(
  (
    'zuerich bern berne luzern uri schwyz obwalden nidwalden glarus zug freiburg fribourg friburgo solothurn ' +
    'basel schaffhausen appenzell graubuenden grisons grigioni aargau argovie argovia thurgau thurgovie ' +
    'tessin ticino waadt vaud wallis valais vallese neuenburg neuchatel genf geneve ginevra jura'
  ).split(' '),
)
const CANTON_CODES = new Set(
  'ZH BE LU UR SZ OW NW GL ZG FR SO BS BL SH AR AI SG GR TG TI VD VS NE GE JU'.split(' '),
)

function placeBeforeCanton(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  const next = tokens[i + 1]
  if (next === undefined || next.gap !== ' ' || t.key.length < 4 || !gazIs(t, G.PLACE)) return false
  if (!(next.caps ? CANTON_CODES.has(next.text) : CANTON_NAMES.has(next.key)) || next.key === t.key)
    return false
  // "der zug zürich": after an article the word is the noun.
  const prev = i > 0 ? tokens[i - 1] : undefined
  if (prev !== undefined && (lexIs(prev, W.DETERMINER) || lexIs(prev, DETERMINER_IN[ctx.language])))
    return false
  if (gazIs(t, G.FIRST)) return false
  // A capitalised word mid-sentence, or a lower-case one in lower-case dictation.
  return t.cap ? !t.sentenceStart || t.lineStart : t.lowercaseLine
}

/** Spanish street words that follow the neighbourhood in a Mexican address. */
const SPANISH_STREET_WORDS = new Set([
  'calle',
  'avenida',
  'av',
  'calzada',
  'privada',
  'boulevard',
  'bulevar',
  'andador',
])

/**
 * A Mexican address names the "colonia" (neighbourhood) before the street: "en la colonia americana calle …",
 * "col. del valle, avenida …". In lower case the name is an ordinary word ("americana"), so only the street word
 * right after it makes it the neighbourhood's name.
 */
function coloniaBeforeStreet(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const prev = i > 0 ? tokens[i - 1] : undefined
  if (prev === undefined || (prev.key !== 'colonia' && prev.key !== 'col') || ctx.tokens[i]!.gap.length > 2)
    return false
  const t = tokens[i]!
  if (!lexIs(t, W.LETTERS) || lexIs(t, W.FUNCTION) || t.key.length < 3) return false
  const next = tokens[i + 1]
  return next !== undefined && SPANISH_STREET_WORDS.has(next.key) && !next.gap.includes('\n')
}

/** A word neither the text's language nor German knows, in any form. */
function unknownWord(ctx: RuleContext, t: Token): boolean {
  const info = ctx.word(t)
  return !info.lower && !info.noun && !info.proper && !info.compound && !info.adjective && !info.verb
}

/** Station and stop words after which a town's name follows: "am Bahnhof Worb", "stazione di Lugano". */
const STATION_WORDS = new Set(
  'bahnhof bahnhofplatz station haltestelle bushaltestelle bushof stazione fermata estacion parada gare'.split(
    ' ',
  ),
)

/** Ways that are no street's name, even before a town: "auf dem Heimweg in Bern" (written "am Heimweg" too). */
const GENERIC_WAY_FRONT = /^(?:heim|rück|hin|um|aus|ab|weiter|schul|arbeits)$/

/**
 * A street compound after an article of place and before "in"/"z" and a town the text names as a place: "am
 * Rosenweg in Seon", "an der Lindenstrasse in Wil". The town places the word as an address, also where its first
 * part is an ordinary noun ("Rosen-") that keeps "am Waldweg" a path without it.
 */
function streetBeforeTown(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  const last = t.lower[t.lower.length - 1]
  if (ctx.language !== 'de' || t.key.length < 7 || (last !== 'g' && last !== 'e' && last !== 's'))
    return false
  const ending = STREET_ENDING.exec(t.lower)?.[0]
  if (ending === undefined || t.gap !== ' ' || t.sentenceStart || !lexIs(t, W.LETTERS)) return false
  const next = tokens[i + 1]!
  const town = tokens[i + 2]!
  if (!/^(in|z|i)$/.test(next.lower) || next.gap !== ' ' || ctx.tagged[i + 2] !== 'LOCATION') return false
  if (town.gap !== ' ' && town.gap !== "'") return false
  const prev = tokens[i - 1]!
  const article =
    prev.lower === 'am' ||
    (/^(der|de|dr)$/.test(prev.lower) && prev.gap === ' ' && /^(an|a)$/.test(tokens[i - 2]!.lower))
  if (!article || gazIs(t, G.NAME) || gazIs(t, G.COMMON)) return false
  const front = t.lower.slice(0, t.lower.length - ending.length)
  if (front.length < 3 || GENERIC_WAY_FRONT.test(front) || GENERIC_STREET_FRONT.test(front)) return false
  const info = ctx.word(t)
  return !info.lower && !info.noun
}

/** Participles of travelling and living after "in X": the X is a place. */
const TRAVEL_VERBS = new Set(
  (
    'ausgestiegen eingestiegen umgestiegen angekommen abgefahren losgefahren gewohnt wohnt wohne aufgewachsen ' +
    'geboren gelandet übernachtet gestrandet abgstige ygstige umgstige aacho gwohnt ufgwachse'
  ).split(' '),
)

/** Italian and Spanish infinitive endings ("piangere", "trabajar"). */
const ROMANCE_INFINITIVE = /(?:are|ere|ire|rre|ar|er|ir)$/

/** Phase 2: "nach Prizren.", "aus Jaffna,": an unknown word after a place preposition at the end of a clause. */
export const placesAfterPrepositions: Recogniser = {
  name: 'places-after-prepositions',
  phase: 2,
  run(ctx) {
    const { tokens, text, language } = ctx
    const out: Candidate[] = []
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i]!
      if (ctx.tagged[i] || t.caps || t.key.length < 4 || !lexIs(t, W.LETTERS)) continue
      // A listed place in any case, even an ordinary word, where an organisation or a station names its
      // town: "grotto … di tenero", "Gasthof Sternen in Worb", "am bahnhof worb", "stazione di Lugano".
      if (lexIs(t, W.NEVER) || lexIs(t, W.DETERMINER) || lexIs(t, W.ROLE)) continue
      // "Transporte Hürzeler AG, Dulliken (Disponent)", "Muster SA, Chiasso.": a firm's seat after a comma, the
      // last word of its clause or list item, listed or no word at all (a person after a firm is brought in by a word).
      if (
        ctx.tagged[i - 1] === 'ORGANIZATION' &&
        t.gap === ', ' &&
        t.cap &&
        !ctx.tagged[i + 1] &&
        /^\s*(?:[.,;:)(\n]|$)/.test(text.slice(t.end, t.end + 3)) &&
        (gazIs(t, G.PLACE) ||
          (!gazIs(t, G.NAME) &&
            !ctx.isCommon(t) &&
            unknownWord(ctx, t) &&
            // A department in English ("AG, Compliance"), as German offices name them.
            !wordInfo('en', t.lower).lower))
      ) {
        out.push(ctx.span(i, i, 'LOCATION', 'context', 'place-after-firm-comma'))
        continue
      }
      // (All three rules below want a space before the word.)
      if (t.gap !== ' ') continue
      const p = tokens[i - 1]!
      // "am Thunersee bei Gunten", "Wangen bei Olten", "a village near Thun": a place located by another place.
      // The word must be no ordinary word or listed name ("am See bei Nacht", "bei Meier").
      if (
        i >= 2 &&
        ctx.tagged[i - 2] === 'LOCATION' &&
        /^(bei|bi|near|presso|vicino|cerca)$/.test(p.lower) &&
        p.gap === ' ' &&
        t.gap === ' ' &&
        t.cap &&
        !t.sentenceStart &&
        (gazIs(t, G.PLACE) || (!gazIs(t, G.NAME) && !ctx.isCommon(t) && unknownWord(ctx, t)))
      ) {
        out.push(ctx.span(i, i, 'LOCATION', 'context', 'place-near-place'))
        continue
      }
      const viaPreposition =
        i >= 2 &&
        /^(di|in|bei|a|en|de|von|vo|z|at|near|da|by)$/.test(p.lower) &&
        p.gap === ' ' &&
        t.gap === ' ' &&
        (ctx.tagged[i - 2] === 'ORGANIZATION' ||
          STATION_WORDS.has(tokens[i - 2]!.key) ||
          // "beim reitstall hürlimann in cham", "bei der holzbau camenzind in steinen": a firm named by its
          // owner (taken as a person) and "in" place it; German "in" before a bare noun is rare.
          (language === 'de' && p.lower === 'in' && ctx.tagged[i - 2] === 'PERSON'))
      const afterStation = STATION_WORDS.has(p.key) && t.gap === ' '
      if (!viaPreposition && !afterStation) continue
      // Italian and Spanish name the town after the business with "di"/"de" even when it is an ordinary
      // word ("grotto … di tenero."): at the end of a clause, any word but a function word.
      const clauseEnd = /^\s*(?:[.,;:!?)]|$)/.test(text.slice(t.end, t.end + 3))
      const romanceTown =
        viaPreposition &&
        (language === 'it' || language === 'es') &&
        /^(di|de|a|en)$/.test(p.lower) &&
        clauseEnd &&
        !lexIs(t, MARKER_IN[language]) &&
        // An infinitive after "a" is a purpose: "al Politecnico a piangere", "fue a la empresa a trabajar".
        !(ROMANCE_INFINITIVE.test(t.lower) && wordInfo(language, t.lower).lower)
      if (gazIs(t, G.PLACE) || romanceTown)
        out.push(ctx.span(i, i, 'LOCATION', 'context', 'place-after-organisation'))
    }
    // "am Rosenweg in Seon", "a de Lindegass z Wohle": a street word after an article of place, before the town.
    for (let i = 2; i + 2 < tokens.length; i++)
      if (!ctx.tagged[i] && streetBeforeTown(ctx, i))
        out.push(ctx.span(i, i, 'LOCATION', 'context', 'place-street-before-town'))
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i]!
      const travel = t.cap && !t.caps && !t.sentenceStart && TRAVEL_VERBS.has(tokens[i + 1]?.lower ?? '')
      if (ctx.tagged[i] || !(ctx.nameLike(t) || travel) || gazIs(t, G.NAME) || t.key.length < 3) continue
      // "in Mathe", "nach Feierabend": a word the dictionary knows is no unknown place. A word the
      // dictionary only knows as a compound ("Ramsei" = Rams + Ei) is still a place before a verb of
      // travelling or living ("in Ramsei ausgestiegen").
      if (language === 'de') {
        const info = ctx.word(t)
        if (info.lower || info.noun || info.proper) continue
        if (info.compound && !travel) continue
      }
      // "a colleague from Regulatory": an English adjective with a capital is a department.
      if (isEnglishDepartment(ctx, t)) continue
      const prev = tokens[i - 1]!
      if (lexIs(prev, DETERMINER_IN[language]) && t.gap === ' ') continue
      // Swiss German "a" is the indefinite article or "an" ("wia a Murmali", "a d Uni"), places take "z".
      if (language === 'de' && prev.lower === 'a') continue
      if (
        !/^(in|nach|aus|uf|z|to|from|a|da|en|desde|bis)$/.test(prev.lower) ||
        !(t.gap === '' || t.gap === ' ' || t.gap === "'" || t.gap === "' ")
      )
        continue
      const after = text.slice(t.end, t.end + 24)
      // In German a noun after "in/nach/aus" takes an article ("in der Schule"), so a bare unknown word there is a place.
      const bareGermanPlace = language === 'de' && /^(in|nach|aus|uf|z|ga)$/.test(prev.lower)
      if (
        bareGermanPlace ||
        /^(?:[.,;:!?)]|\s+(?:und|and|e|y|zu|zurück|gezogen|umgezogen|gefahren|gereist|geflogen|im|am|bei|mit|gewohnt|aufgewachsen|geboren)\b)/.test(
          after,
        )
      )
        out.push(ctx.span(i, i, 'LOCATION', 'guess', 'place-after-preposition'))
    }
    return out
  },
}
