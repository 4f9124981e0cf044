import { Memo } from '../memo'
import { CAR_MAKES, isNationalityAdjective } from '../content-words'
import { wordInfo, type WordInfo } from '../dictionary'
import { isLanguageAdjective } from '../language-names'
import { levenshteinAtMostOne } from '../normalize'
import { NOT_IDENTIFYING_ORGS, PLACE_SUFFIXES } from '../lexicon'
import type { Gazetteer } from '../gazetteer'
import type { Token } from '../tokens'
import { endsWithAny, type Candidate, type Recogniser, type RuleContext } from './context'
import { townAdjective } from './location'
import { G, W, gazIs, lexIs } from '../word-flags'

// (Hoisted: the bundler turns a literal with \p{…} into `new RegExp()`, built again on every call.)
const ALL_CAPITALS = /^\p{Lu}+$/u

/**
 * Organisations: acronyms, gazetteer names, a head word plus a name ("Kantonsspital Baden", "Kita
 * Regenbogen", also in lower case), a name plus a legal form ("Gerber Bau AG") or a trade word
 * ("Schnyder Haustechnik"), a place adjective plus an institution ("Thurgauer Kantonalbank"), and the
 * region after a public body ("RAV Oberaargau": the body is content, the region identifies).
 */

/** Last parts of hyphenated club and association names. */
const ORG_TAILS = new Set(
  'clique verein club chor musig musik turnverein guggenmusik band ensemble'.split(' '),
)

/** The listed acronyms in lower case (per gazetteer): an ASCII word is ruled out without a new string. */
const acronymLowers = new WeakMap<Gazetteer, Set<string>>()

/** The word written in capitals is a listed acronym ("Axa" → AXA). Asked of most capitalised words. */
function listedAcronym(gaz: Gazetteer, t: Token): boolean {
  let lowers = acronymLowers.get(gaz)
  if (!lowers) {
    lowers = new Set([...gaz.acronyms].map((a) => a.toLowerCase()))
    acronymLowers.set(gaz, lowers)
  }
  // For ASCII, lower case of upper case is lower case; other letters ("ß" → "SS") take the full test.
  let ascii = true
  for (let k = 0; k < t.text.length && ascii; k++) ascii = t.text.charCodeAt(k) < 128
  if (ascii && !lowers.has(t.lower)) return false
  return gaz.acronyms.has(t.text.toUpperCase())
}

/** Services named by their provider before a hyphen: "Caritas-Beratung", Swiss "Blaukreuz-Beratig". */
const SERVICE_HEADS =
  /^(beratung|beratig|beratungsstelle|fachstelle|dienst|hilfe|telefon|sorgentelefon|messe|mäss|maess)$/
// (A fair is named the same way: "Olma-Messe", "Züspa-Messe"; a kind of fair is an ordinary word before it.)

/** The first part of "X-Beratung": no ordinary word, or a compound of an adjective and a noun ("Blaukreuz"). */
function nameBeforeHyphen(ctx: RuleContext, t: Token): boolean {
  const info = ctx.word(t)
  if (info.noun || info.lower || info.adjective || ctx.isCommon(t)) return false
  // A noun with its linking s is a kind ("Hochzeits-Messe", "Schuldner-Beratung" has none to strip).
  if (t.key.endsWith('s') && wordInfo(ctx.language, t.text.slice(0, -1)).noun) return false
  if (!info.compound) return true
  for (let k = 3; k <= t.text.length - 3; k++) {
    const back = t.text.slice(k)
    if (
      wordInfo(ctx.language, t.text.slice(0, k).toLowerCase()).adjective &&
      wordInfo(ctx.language, back[0]!.toUpperCase() + back.slice(1)).noun
    )
      return true
  }
  return false
}

/** Words for newspapers and magazines before a quoted title: "Zeitung «…»", "giornale «…»", "the paper "…"". */
const PRESS_WORDS = new Set(
  (
    'zeitung zytig zeitschrift magazin wochenzeitung tageszeitung lokalzeitung blatt gratiszeitung ' +
    'giornale quotidiano rivista settimanale periodico revista diario newspaper paper magazine'
  ).split(' '),
)

/** Basel Fasnacht groups, named by the words after them: "Clique …", "Guggemusig …". */
const FASNACHT_GROUPS = new Set(['clique', 'guggemusig', 'guggenmusik', 'gugge'])
/**
 * The spellings of Guggenmusik across the dialects (Lucerne "Guuggenmusig", "Guggämusig", "Guggamusig"):
 * asked only of words on "gu".
 */
const GUGGEN_SPELLING = /^gu{1,2}gg(?:e|ae|a)n?mus(?:ig|ik)$/
const fasnachtGroup = (key: string) =>
  FASNACHT_GROUPS.has(key) || (key.startsWith('gu') && GUGGEN_SPELLING.test(key))
/** A village band in Swiss German ("d Musig Saaser Vispa"): named like a Fasnacht group, by a word no dictionary has. */
const BAND_WORDS = new Set(['musig'])

/** Trade words after a family or brand name: "Schnyder Haustechnik", "Meier Transporte". */
export const TRADE_WORDS = new Set(
  (
    'bau haustechnik gebäudetechnik sanitär heizung elektro elektrotechnik gartenbau holzbau metallbau ' +
    'transporte transport immobilien treuhand consulting reinigung malerei gipserei schreinerei zimmerei ' +
    'spenglerei dachdecker bedachungen gastro catering logistik informatik design architektur optik ' +
    'coiffure beck bäckerei metzgerei garage carrosserie umzüge fenster küchen energie'
  ).split(' '),
)

/** Banks and insurers after their own name ("Alpstein Bank", "Sanavita Krankenkasse"), capitalised only. */
const FINANCE_WORDS = new Set('bank versicherung versicherungen krankenkasse'.split(' '))

/**
 * Institutions of which a canton or a university has one, named by the word alone: "Kantonsspital",
 * "Kantonsschule" (also Swiss German "Kantonsschuel"), "Kantonsbibliothek", "Kantonalbank", "Universitätsspital",
 * "Unispital". Plurals ("Kantonsspitäler") are kinds; the police ("Kantonspolizei") is not identifying.
 */
const SINGLE_INSTITUTION =
  /^(?:kantons(?:spital|klinik|schule|schuel|bibliothek|gericht|archiv|museum)|kantonalbank|(?:universitaets|uni)(?:spital|klinik|bibliothek))$/
/** Indefinites and quantifiers before a noun (de, gsw): "ein", "kein", "jede", "es", "imne", "emne". */
const KIND_BEFORE =
  /^(?:ein|eine|einem|einen|einer|eines|kein|keine|keinem|keinen|keiner|keines|jede|jedem|jeden|jeder|jedes|manche|manchem|manchen|mancher|welche|welchem|welcher|welches|e|es|en|emne|imne|andere|anderen|anderes)$/

/** An inflected German adjective on -lich/-isch ("Bäuerlichen", "Kirchliche"). */
const LICH_ISCH = /(?:lich|isch)(?:e|en|er|es|em)$/
/** An inflected German adjective ("Alpinen", "Bäuerlichen"). */
const ADJECTIVE_ENDING = /\p{L}{3}(?:e|en|er|es|em)$/u
/**
 * Institutions whose name is a capitalised adjective before them mid-sentence: "im Alpinen Museum", "an der
 * Pädagogischen Hochschule", "im Botanischen Garten". Churches and communes are left out ("die Katholische
 * Kirche" is a denomination).
 */
const INSTITUTION_NOUNS = new Set(
  (
    'museum spital klinik klinikum hochschule fachhochschule universitaet schule gymnasium institut seminar ' +
    'bibliothek archiv theater zentrum stiftung verein verband gesellschaft zunft garten zoo sammlung orchester chor'
  ).split(' '),
)

/** Institutions named after a canton or town: "Thurgauer Kantonalbank", "Berner Zeitung". */
const INSTITUTION_WORDS = new Set(
  (
    'kantonalbank kantonsspital kantonspolizei stadtpolizei kantonsschule zeitung tagblatt nachrichten ' +
    'verkehrsbetriebe stadtwerke kraftwerke spitäler spital psychiatrie landbote kantonsverwaltung'
  ).split(' '),
)

/**
 * Heads whose names are often ordinary nouns ("Gasthof Sternen", "Kita Regenbogen", "Hotel Krone"):
 * after them a noun is the name. After other heads it is more often the sentence going on ("in der
 * Schule Probleme").
 */
const NAMING_HEADS = new Set(
  (
    'gasthof gasthaus restaurant ristorante restaurante hotel pension beiz bar bistro cafe pizzeria ' +
    'kita krippe kinderkrippe hort apotheke farmacia wohnheim pflegeheim altersheim alterszentrum kinderheim ' +
    'praxis pflegezentrum seniorenzentrum seniorenresidenz dorfladen hofladen baeckerei ' +
    'metzgerei kindergarten schulhaus landgasthof landgasthaus wirtshaus grotto osteria trattoria taverna ' +
    'locanda agriturismo rifugio cantina enoteca albergo hostal posada meson taberna cerveceria guarderia ' +
    'infanzia nido ' +
    // Shops and trades whose own names are ordinary words ("Nagelstudio Lotus", "pasticceria dolce …").
    'nagelstudio kosmetikstudio tattoostudio coiffeursalon pensiun ustaria pasticceria gelateria panaderia ' +
    'pasteleria peluqueria ' +
    // Swiss German shop words (final -n dropped, -i forms): "dorflade brunnmatt", "Chäsi Sonnehof".
    'dorflade hoflade laedeli dorflaedeli chaesi chaeserei metzg ' +
    // Wineries and the Swiss "Apothek" are named by ordinary words too ("Weingut Engel", "Apothek zur Krone").
    'weingut weinbau weinkellerei apothek ' +
    // Undertakers take the family's name, often also a noun ("Bestattungsinstitut Graf", "… Vogel").
    'bestattungsinstitut'
  ).split(' '),
)

/** What follows "&" in a family firm's name; the name before it is a surname ("Hafner & Söhne"). */
export const FAMILY_FIRM_TAILS =
  /^(söhne|sohn|töchter|tochter|co|cie|partner|partners|sons|figli|figlio|hijos|hijo|fils)$/

/** Particles between a head word and the name: "Praxis am Graben", "Centro di Lugano". */
const HEAD_PARTICLES =
  /^(am|an|der|im|zum|zur|di|de|del|della|dello|dei|degli|delle|la|le|des|du|von|vom|bei|the|of|at|al|alla|allo|da|dal|el|los|las|il|lo|les)$/

/** Romance particles inside a name after its head: "Caixa Geral de Depósitos", "Cassa di Risparmio". */
const NAME_PARTICLES_INSIDE = /^(de|di|do|da|dos|das|del|della|dello|delle|dei|des|du)$/

/**
 * Classic Swiss and South German inn names, read as the inn after "im", "ins", "zum", "zur", "beim" and their
 * dialect forms ("is Rössli", "bim Sterne"). Weak or dialect forms that no other noun takes there: the star is
 * "im Stern", the horse "ins Ross"; "im Sternen", "is Rössli" is the inn.
 */
const INN_NAMES = new Set(
  (
    'roessli roessle roessl roessliwirt sternen sterne hirschen hirsche ochsen ochse schwanen schwane storchen ' +
    'leuen leue rebstock frohsinn baeren baere kreuzstrasse'
  ).split(' '),
)
/**
 * Inn names that are also ordinary nouns or signs ("im Löwen" is a zodiac sign or the animal, "die Krone",
 * "im Adler"): the inn only with a word of eating, drinking or meeting out in the same sentence.
 */
const INN_NAMES_WITH_CUE = new Set(
  (
    'loewen adler krone engel linde hecht sonne traube taube falken kreuz wilden mann lamm ' +
    // Swiss German forms of the same signs: "im Chrüz" (also the small of the back: "es im Chrüz ha"),
    // "i de Chrone", "zur Sunne", "im Leu", "im Bär", "im Hirsch", "im Ochs".
    'chruez chrone sunne leu baer hirsch ochs'
  ).split(' '),
)
/** Prepositions before an inn's name: "im/ins/zum/zur/beim/vom", dialect "is/bim/zem/vom/uf e". */
const INN_PREPOSITIONS = /^(im|ins|is|zum|zur|zem|beim|bim|vom|em)$/
/** Fans and supporters' clubs, de/en/it/es: "peña", "hincha", "tifoso", "Fan", "supporter". */
const FAN_WORDS = new Set(
  (
    'pena penas penista hincha hinchas aficionado aficionada aficionados aficion socio socios ' +
    'tifoso tifosa tifosi tifose fan fans fanclub anhaenger anhaengerin supporter supporters'
  ).split(' '),
)
/**
 * "of the" between a fan word and the club: "del", "della", "dello", "vom" (clubs take the article; "fan de
 * Shakira", "a fan of Tolkien", "Fan von Federer" name a person or a work).
 */
const FAN_LINKS = /^(del|della|dello|dell|vom)$/

/** Words of going out in the sentence before or after an inn name that is also an ordinary noun. */
const INN_CUE =
  /\b(?:essen|ässe|esse|gegessen|g[äe]sse|trinken|trinke|getrunken|trunke|bier\p{L}*|kaffee|kafi|z['’ ]?nacht|z['’ ]?mittag|mittagessen|abendessen|stammtisch|wirt\p{L}*|beiz\p{L}*|jass\p{L}*|apéro|apero|eis zieh|feierabend\p{L}*|fondue|znüni|zvieri|getroffen|troffe|treffen|träffe|restaurant|gasthof|gasthaus)\b/iu

/** Words for an inn itself: after an article a classic inn name is the inn only with one of them in the sentence. */
const INN_PLACE_CUE =
  /\b(?:beiz\p{L}*|restaurant\p{L}*|wirt\p{L}*|gasthof|gasthaus|gaststätte|wirtschaft|stammtisch|pächter\p{L}*|pacht)\b/iu

/** English venue words after a name: "the Quays bar", "the Anchor pub". */
const EN_VENUE_WORDS = new Set('bar pub inn tavern bistro diner brewery taproom cafe café'.split(' '))
/** Days, months and feasts, which describe a venue instead of naming it. */
const EN_TIME_NAMES =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|christmas|easter|halloween|karaoke)$/

/** "Gurtenfestival", "Paléofestival": a festival named after a place or a name; "Jazzfestival" is a kind. */
const FESTIVAL_ENDING = /^(.{3,}?)-?(festival|openair)$/

/** Italian/Spanish contracted prepositions after a naming head: the noun after them is the name ("grotto dei pescatori"). */
const ROMANCE_NAME_LINKS = /^(dei|degli|del|della|dello|delle|dal|dalla|al|alla|de)$/

/** Acronyms that name no one: health terms, insurances, job titles, everyday abbreviations. */
const COMMON_ACRONYMS = new Set(
  (
    'PLZ KJPD UPD IPD PUK KJP SPD ADHS ADHD ADS PTBS PTSD MRT MRI EKG ECG EEG CT IV RAV KESB AHV ALV BVG UVG KVG IVG EO EL HR IT CEO CFO CTO COO ' +
    'KMU GMBH USA EU UNO WHO SMS MMS PDF CV TV PC WC OK KI AI IQ BMI COVID HIV AIDS CBD THC LSD FAQ DNA ICU ER GP NHS ' +
    'OCD BPD CPTSD ASS ASD ESS ESC ADN TDAH TEPT TOC PS PPS PPT APP USB WLAN WIFI LGBT LGBTQ ABC CHF EUR USD ETA ASAP ' +
    'NEIN NIE JA NO SI OKAY HILFE STOP STOPP WTF LOL OMG AKW SUV GPS PIN TAN QR ID AGB MWST AHVN ZH BE LU UR SZ OW NW ' +
    'GL ZG FR SO BS BL SH AR AI SG GR AG TG TI VD VS NE GE JU SBBCFF EMS KITA HFS ESL ELS PHZH FH HF EFZ EBA BMS'
  ).split(' '),
)

/** Where one works, banks or is insured: "bei (der) X", "bi de X", "at X", "presso X". */
const EMPLOYER_PREPOSITIONS = /^(bei|bi|bim|für|fuer|vo|von|at|for|with|presso|per|con|en|para|chez)$/
const EMPLOYER_ARTICLES = /^(der|dem|de|dr|d|the|la|il|el|l)$/

/**
 * A listed organisation that is also an ordinary word ("Google" — to google, "Axa") is the organisation when
 * written with a capital mid-sentence after a preposition of workplace or membership ("bei Google", "bei der
 * Axa", "at Google"); a German noun ("bei der Post" is listed too) stays with the general rule.
 */
function employerCue(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  if (!t.cap || t.sentenceStart || ctx.isCommon(t) || ctx.word(t).noun || t.gap !== ' ') return false
  let p = i - 1
  if (p >= 1 && EMPLOYER_ARTICLES.test(ctx.tokens[p]!.lower) && ctx.tokens[p]!.gap === ' ') p--
  return p >= 0 && EMPLOYER_PREPOSITIONS.test(ctx.tokens[p]!.lower)
}

/**
 * A listed bank or health insurer that the dictionary knows as a compound noun ("Raiffeisenbank", "Migroskasse"):
 * after "bei der", "bi de", "vo dr" it is the institution. A bare type word ("bei der Bank", "zur Kasse") is no
 * listed organisation and stays.
 */
function bankCompoundCue(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  if (!t.cap || t.sentenceStart || t.gap !== ' ' || t.key.length < 9 || !/(?:bank|kasse)$/.test(t.key))
    return false
  const article = i >= 2 ? ctx.tokens[i - 1]! : undefined
  return (
    article !== undefined &&
    /^(der|de|dr|d)$/.test(article.lower) &&
    article.gap === ' ' &&
    /^(bei|bi|vo|von|mit|zur|zu)$/.test(ctx.tokens[i - 2]!.lower)
  )
}

/** A word of working somewhere right before the preposition: "Stelle bei", "schaffe bi", "works at", "job at". */
// A Swiss vocational title ("Informatiker EFZ bei der …") says where one trained or works; an article may
// stand between the preposition and the firm ("Lehre bei der Post", "lavoro alla …" is one word).
const WORK_CUE =
  /(?:arbeit\p{L}*|schaff\p{L}*|stelle|job|jobs|lehre|praktikum|angestellt\p{L}*|efz|eba|lehrling|lernende\p{L}*|work\p{L}*|employed|intern\p{L}*|lavor\p{L}*|trabaj\p{L}*)\s+(?:bei|bi|bim|at|for|presso|per|en|para)\s+(?:(?:der|de|dr|the|la|il|el)\s+)?$/iu

/** Leaving an employer: "frühpensioniert von der …", "entlassen von …", "laid off by …", "licenziato dalla …". */
const LEAVE_CUE =
  /(?:pensioniert|gekündigt|entlassen|retired|fired|licenziat\p{L}*|pensionat\p{L}*|desp[ie]d\p{L}*|jubilad\p{L}*)\s+(?:von|vo|by|from|da|dalla|dal|de|por)\s+(?:(?:der|de|dr|the|la|el)\s+)?$/iu

const workOrLeaveCue = (before: string) => WORK_CUE.test(before) || LEAVE_CUE.test(before)

/** A capitalised occupation noun (de, gsw): "Lastwagechauffeur", "Verkäuferin", "Informatiker", "Floristin". */
const OCCUPATION = /^\p{Lu}\p{Ll}{4,}(?:eur|eurin|euse|erin|er|ist|istin)$/u
const EMPLOYER_RUN_PREPOSITIONS = /^(?:bei|bi|bim|at|for|presso|en|para|chez)$/

/**
 * The last token of an employer's name of two or three capitalised words at i, after a word of working or an
 * occupation and the preposition ("schaffet bi de Camion Zünd", "Chauffeur bi de …", "works at Brightwater
 * Logistics"), or -1. One of the words must be no word of the text's language, or a surname: "bei der Stadt
 * Verwaltung", "works at Social Services" are words; a person ("bei Peter Müller", "bei Frau Meier") is no firm,
 * and a listed place after the name is its seat.
 */
function employerRun(ctx: RuleContext, i: number): number {
  const { tokens } = ctx
  const t = tokens[i]!
  if (!t.cap || t.caps || t.sentenceStart || t.gap !== ' ' || i < 2) return -1
  let p = i - 1
  if (EMPLOYER_ARTICLES.test(tokens[p]!.lower) && tokens[p]!.gap === ' ') p--
  if (p < 1 || !EMPLOYER_RUN_PREPOSITIONS.test(tokens[p]!.lower)) return -1
  const cue = tokens[p - 1]!
  const occupation =
    cue.cap &&
    !cue.sentenceStart &&
    OCCUPATION.test(cue.text) &&
    !lexIs(cue, W.RELATION) &&
    !lexIs(cue, W.NEVER)
  if (!occupation && !workOrLeaveCue(ctx.text.slice(Math.max(0, t.start - 40), t.start))) return -1
  let k = i
  while (
    k + 1 < tokens.length &&
    k - i < 2 &&
    tokens[k + 1]!.cap &&
    !tokens[k + 1]!.caps &&
    (tokens[k + 1]!.gap === ' ' || tokens[k + 1]!.gap === '-') &&
    !tokens[k + 1]!.sentenceStart &&
    !(gazIs(tokens[k + 1]!, G.PLACE) && !gazIs(tokens[k + 1]!, G.NAME))
  )
    k++
  if (k === i) return -1
  // A possessive goes on ("St Aldric's Hospice"): the venue rules read it.
  const after = tokens[k + 1]
  if (after !== undefined && /^['’]$/.test(after.gap)) return -1
  let unknown = false
  for (let m = i; m <= k; m++) {
    const w = tokens[m]!
    // (A head word inside, "Schweizer Skischule Davos", is read with its name by the head rules.)
    if (headKind(ctx.gaz, w.key) !== undefined) return -1
    if (
      lexIs(w, W.NEVER) ||
      lexIs(w, W.FUNCTION) ||
      lexIs(w, W.TITLE) ||
      lexIs(w, W.ROLE) ||
      lexIs(w, W.RELATION)
    )
      return -1
    if ((!anyWord(ctx.word(w)) && !ctx.isCommon(w)) || (gazIs(w, G.LAST) && !gazIs(w, G.FIRST)))
      unknown = true
  }
  // A given name first is a person ("bei Peter Müller").
  if (gazIs(t, G.FIRST) || !unknown) return -1
  // The legal form belongs to the name: "bei der Gäu Logistik AG".
  if (after !== undefined && after.gap === ' ' && ctx.gaz.orgSuffixes.has(after.key)) return k + 1
  return k
}

/** A verb of working later in the clause: "bei der post in härkingen im paketzentrum arbeite". */
const WORK_AFTER = /^[^\n.!?]{0,60}?\b(?:arbeit\p{L}*|schaff\p{L}*|angestellt\p{L}*|tätig)\b/iu

/**
 * "bei der post in chur", "vo de swiss z kloten", "bei der post ... arbeite": after "bei/von + article" a
 * listed firm whose name is also a word is the firm when a place of its branch follows ("in"/"z" and a listed
 * place) or a verb of working ends the clause ("mis konto bi dr post" stays).
 */
function branchOrWorkAfter(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  if (i < 2 || !/^(der|de|dr)$/.test(tokens[i - 1]!.lower) || !/^(bei|bi|von|vo)$/.test(tokens[i - 2]!.lower))
    return false
  const at = tokens[i + 1]
  const place = tokens[i + 2]
  if (
    at !== undefined &&
    place !== undefined &&
    at.gap === ' ' &&
    place.gap === ' ' &&
    /^(in|z|ir|im)$/.test(at.lower) &&
    gazIs(place, G.PLACE)
  )
    return true
  return WORK_AFTER.test(ctx.text.slice(tokens[i]!.end, tokens[i]!.end + 80))
}

/** Words after a firm's name and a hyphen that make it the firm: "Omega-Abteilung", "Migros-Filiale". */
const FIRM_PART_TAILS = new Set(
  (
    'abteilung filiale zentrale werk fabrik konzern gruppe mitarbeiter mitarbeiterin mitarbeitende ' +
    'angestellte angestellter lehre lehrling lernende kantine chef chefin personalabteilung hauptsitz standort ' +
    'campus areal'
  ).split(' '),
)

function fuzzyOrganisation(gaz: Gazetteer, key: string): boolean {
  // Swiss German writes initial k as "ch" ("Chrebsliga" for Krebsliga, "Chinderspital"): the k-form is
  // looked up as well.
  if (key.startsWith('ch') && gaz.organisations.has(`k${key.slice(2)}`)) return true
  const candidates = gaz.organisationsByPrefix.get(key.slice(0, 4))
  return candidates?.some((org) => levenshteinAtMostOne(org, key)) ?? false
}

/**
 * The adjectives of the 26 cantons whose form is not the place name + "-er" ("Glarner" of Glarus, "Urner" of
 * Uri, "Bündner", "Walliser" …); before "Kantonalbank" they name a bank in any case ("urner kantonalbank").
 * Keys are folded like token keys (ä → ae).
 */
const CANTON_ADJECTIVES = new Set(
  (
    'zuercher berner luzerner urner schwyzer obwaldner nidwaldner glarner zuger freiburger solothurner basler ' +
    'baselbieter schaffhauser appenzeller galler buendner aargauer thurgauer tessiner waadtlaender walliser ' +
    'neuenburger genfer jurassische jurassischen'
  ).split(' '),
)

/** "Thurgauer", "Zürcher", "Berner": a place adjective. */
function placeAdjective(gaz: Gazetteer, key: string): boolean {
  if (CANTON_ADJECTIVES.has(key)) return true
  // "Aargauischen", "bernische": -isch with an ending.
  const isch = /^(.{3,})isch(?:e|en|er|es|em)?$/.exec(key)
  if (isch && (gaz.places.has(isch[1]!) || gaz.places.has(`${isch[1]}en`))) return true
  if (!key.endsWith('er') || key.length < 5) return false
  const stem = key.slice(0, -2)
  // Dialect spellings write the e of the place's last syllable as ä: "Luzärner" of Luzärn (Luzern), "Bärner".
  const plain = stem.replace(/ae(?=[^aeiouy]*$)/, 'e')
  if (plain !== stem && (gaz.places.has(plain) || gaz.places.has(`${plain}n`))) return true
  return (
    gaz.places.has(stem) ||
    gaz.places.has(`${stem}n`) ||
    gaz.places.has(`${stem}en`) ||
    gaz.places.has(`${stem}e`) ||
    gaz.places.has(stem.replace(/uerch$/, 'uerich')) ||
    gaz.places.has(stem.replace(/l$/, 'el'))
  )
}

/**
 * Italian and Spanish public bodies and societies named by lower-case words after them ("Dipartimento delle
 * istituzioni", "Servizio psico-sociale", "Missione cattolica di lingua portoghese", "Asociación de vecinos").
 * "Centro" is left out: "Centro diurno", "Centro storico" are kinds and places.
 */
const ROMANCE_BODIES = new Set(
  (
    'dipartimento divisione servizio ufficio sezione missione societa associazione circolo istituto fondazione ' +
    'cooperativa federazione unione consorzio patronato direzione segretariato tribunale pretura procura ' +
    'asociacion fundacion sociedad departamento servicio oficina mision federacion union academia consejeria ' +
    'delegacion cooperativa hermandad cofradia'
  ).split(' '),
)
/** Particles before the noun of a body's name: "delle istituzioni", "dell'istruzione", "de vecinos". */
const ROMANCE_NAME_PARTICLES = /^(di|della|delle|dello|dei|degli|del|dell|per|de|la|los|las|para)$/
/** Adjective endings of Italian and Spanish ("sociale", "grigionese", "cattolica", "cultural", "gallego"). */
const ROMANCE_ADJECTIVE =
  /(?:ale|ali|ile|ili|ese|esi|ense|enses|ico|ica|ici|iche|icos|icas|ano|ana|ani|ane|anos|anas|ivo|iva|ivi|ive|ivos|ivas|ario|aria|ari|arie|arios|arias|orio|oria|ista|isti|iste|istas|ola|olo|oli|ole|al|ales|ego|ega|egos|egas|ino|ina)$/

/** The last token of the lower-case name after a Romance body at i, or i when there is none. */
function romanceBodyName(ctx: RuleContext, i: number): number {
  const { tokens } = ctx
  let last = i
  let j = i + 1
  let words = 0
  const content = (tok: Token) =>
    !tok.cap &&
    tok.key.length >= 3 &&
    !lexIs(tok, W.FUNCTION) &&
    !lexIs(tok, W.ROLE) &&
    !lexIs(tok, W.NEVER) &&
    !PLAIN_AFTER_HEAD.has(tok.key)
  while (j < tokens.length && words < 4) {
    const tok = tokens[j]!
    if (tok.gap !== ' ' && tok.gap !== '-') break
    if (ROMANCE_NAME_PARTICLES.test(tok.lower)) {
      // "di lingua portoghese", "dell'istruzione", "de la mujer": particles, then a noun.
      let k = j + 1
      while (k < tokens.length && k - j < 2 && ROMANCE_NAME_PARTICLES.test(tokens[k]!.lower)) k++
      const noun = tokens[k]
      if (noun === undefined || !/^[ '’]$/.test(noun.gap) || !content(noun)) break
      last = j = k
    } else if (content(tok) && (ROMANCE_ADJECTIVE.test(tok.key) || tok.gap === '-')) last = j
    else break
    words++
    j++
  }
  return last
}

/** Offices named by their field after "für": "Amt für Mobilität", "Bundesamt für Gesundheit", "Fachstelle für Suchtfragen". */
const OFFICE_WORDS = new Set(
  'amt bundesamt landesamt departement direktion dienststelle fachstelle staatssekretariat'.split(' '),
)
const SORGEN = /^(?:ge)?sorg(?:e|en|t|te|ten)?$/
/** Nouns of time and amount after "für" that make it a term or a purpose, not a field. */
const NO_FIELD =
  /^(?:jahr|jahre|jahren|monat|monate|monaten|woche|wochen|tag|tage|tagen|stunde|stunden|zeit|jahrzehnte|jahrzehnten|weile|immer|geld|franken|leute|menschen|alle|ihn|sie|mich|dich|uns|euch)$/

/**
 * The last token of the field after "für" at j: one or two words, joined by "und" or a comma ("Landwirtschaft und
 * Geoinformation", "Wirtschaft, Arbeit und Soziales"). Capitalised words, or in a lower-case line words of at
 * least four letters that are no function word.
 */
function officeField(ctx: RuleContext, j: number): number {
  const { tokens } = ctx
  let last = -1
  let k = j
  for (let words = 0; k < tokens.length && words < 3; words++) {
    const tok = tokens[k]!
    if (tok.gap !== ' ' && !(words > 0 && tok.gap === ', ')) break
    const field =
      (tok.cap || (tok.lowercaseLine && tok.key.length >= 4)) &&
      !tok.caps &&
      !lexIs(tok, W.FUNCTION) &&
      !lexIs(tok, W.NEVER) &&
      !NO_FIELD.test(tok.key)
    if (!field) break
    last = k
    const and = tokens[k + 1]
    if (and?.lower === 'und' && and.gap === ' ') k += 2
    else if (tokens[k + 1]?.gap === ', ' && tokens[k + 1]!.cap) k += 1
    else break
  }
  return last
}

/** The index of the name after a head word at i (skipping one particle), or -1. */
/** Compound heads: "Jugendheim", "Männerchor", "Turnverein" (naming), "Regionalspital", "Musikschule". */
const NAMING_TAILS = [
  'heim',
  // Childcare named like the "Hort" and "Krippe" themselves: "Kinderhort Chäferli", "Schülerhort Sunnematt".
  'hort',
  'krippe',
  'chor',
  'verein',
  'klub',
  'club',
  'laden',
  'stube',
  'beiz',
  'gasthof',
  'gasthaus',
]
// "Yogastudio …", "Hundesalon …": heads, not naming ("im Tonstudio Aufnahmen gemacht" is no name).
// "Jugendtreff …", "Malergeschäft …": a compound on a meeting-place or business word is a head too.
const HEAD_TAILS = [
  'spital',
  'klinik',
  'schule',
  'zentrum',
  'praxis',
  'gruppe',
  'studio',
  'salon',
  'treff',
  'geschaeft',
  // "Waldhotel Tschuggen", "Sporthotel Pontresina" (not naming: "im Waldhotel Frühstück gegessen").
  'hotel',
  // "Entlastungsdienst Bern", "Besuchsdienst Rheintal" (the noun guard of the hotels holds for them too: "im
  // Zivildienst Freunde gefunden"). (A hall, "Turnhalle", was tried: "in der Turnhalle Fussball", a word the
  // dictionary lacks, became a name.)
  'dienst',
]
/** Compound heads by the tails "hotel", "dienst" and the hospice: a noun after them goes on the sentence. */
const NOUN_GUARDED_TAIL = /(?:hotel|dienst)$|^hospiz$/
/**
 * Counselling offices named by their field or region ("Fachstelle Kindsverlust", "Beratungsstelle Aarau") and the
 * hospice, named like a clinic ("Hospiz Zürcher Lighthouse"; "im Hospiz Frieden gefunden" stays).
 */
const OFFICE_HEADS = new Set(['fachstelle', 'beratungsstelle', 'anlaufstelle', 'hospiz'])
/**
 * Italian and Spanish words for a firm ("la ditta Vetrox", "la empresa Metalsur") and the unions and their advice
 * offices ("patronato INCA", "sindicato CCOO"): heads the curated list lacks, before a capitalised name only ("la
 * empresa familiar", "la ditta svizzera" describe). The head word itself is content and stays.
 */
const ROMANCE_FIRM_HEADS = new Set(
  'ditta azienda impresa empresa compania patronato sindacato sindicato'.split(' '),
)

type HeadKind = 'naming' | 'head' | undefined

/** headKind per word (asked for every token, and for its neighbours), and two-word heads' first words. */
const headMemo = new WeakMap<Gazetteer, HeadFacts>()
type HeadFacts = { kinds: Memo<string, HeadKind | null>; twoWordFirsts: Set<string> }
// The last gazetteer's facts at hand: headKind runs for every token, and a WeakMap lookup each time showed.
let lastGaz: Gazetteer | undefined
let lastFacts: HeadFacts | undefined
function headFacts(gaz: Gazetteer): HeadFacts {
  if (gaz === lastGaz) return lastFacts!
  let facts = headMemo.get(gaz)
  if (!facts) {
    const twoWordFirsts = new Set<string>()
    for (const head of gaz.orgHeads)
      if (head.includes(' ')) twoWordFirsts.add(head.slice(0, head.indexOf(' ')))
    // (Three-word heads such as "casa di riposo" begin with the same first words.)
    facts = { kinds: new Memo(50_000), twoWordFirsts }
    headMemo.set(gaz, facts)
  }
  lastGaz = gaz
  lastFacts = facts
  return facts
}

export function headKind(gaz: Gazetteer, key: string): HeadKind {
  const { kinds } = headFacts(gaz)
  let kind = kinds.get(key)
  if (kind === undefined) {
    kind = headKindUncached(gaz, key) ?? null
    kinds.set(key, kind)
  }
  return kind ?? undefined
}

function headKindUncached(gaz: Gazetteer, key: string): HeadKind {
  if (NAMING_HEADS.has(key)) return 'naming'
  if (gaz.orgHeads.has(key) || OFFICE_HEADS.has(key) || ROMANCE_FIRM_HEADS.has(key)) return 'head'
  // Swiss German "-ig" for "-ung": "Stiftig" (Stiftung), "Beratig" (Beratung).
  if (key.length >= 6 && key.endsWith('ig') && gaz.orgHeads.has(`${key.slice(0, -2)}ung`)) return 'head'
  // Swiss German diphthongs for "-ule": "Schuel", "Fachhochschual" (Fachhochschule).
  if (key.length >= 6 && /u[ae]l$/.test(key)) return headKindUncached(gaz, `${key.slice(0, -3)}ule`)
  if (key.length < 7) return undefined
  if (NAMING_TAILS.some((tail) => key.length >= tail.length + 3 && key.endsWith(tail))) return 'naming'
  // (The public bodies on NOT_IDENTIFYING_ORGS are content with their region apart: "Sozialdienst Wil".)
  if (
    HEAD_TAILS.some((tail) => key.length >= tail.length + 3 && key.endsWith(tail)) &&
    !NOT_IDENTIFYING_ORGS.has(key)
  )
    return 'head'
  return undefined
}

/** Swiss German shop words (org-heads.txt): the words after them are often dialect no dictionary knows. */
const DIALECT_HEADS = new Set(
  'dorflade hoflade laedeli dorflaedeli chaesi chaeserei metzg beck beckerei chindsgi chrippe'.split(' '),
)

/**
 * Time and discourse words that follow an institution without naming it: "al bar la semana pasada",
 * "in ospedale ieri", "fuimos al bar la verdad".
 */
const PLAIN_AFTER_HEAD = new Set(
  (
    'ayer hoy manana semana semanas tarde noche dia dias mes ano vez veces ieri oggi domani settimana ' +
    'settimane sera mattina notte giorno giorni pomeriggio mese anno volta volte ora verdad verita cosa ' +
    'gente lunes martes miercoles jueves viernes sabado domingo lunedi martedi mercoledi giovedi venerdi ' +
    'sabato domenica'
  ).split(' '),
)

/** Italian/Spanish articles between a naming head and a name that is an ordinary word: "bar la rueda". */
const ROMANCE_ARTICLES = /^(la|el|los|las|il|lo|le|i|gli)$/

/** The clause ends right after a token: the words before it are the whole name. */
const clauseEndsAfter = (ctx: RuleContext, k: number) =>
  /^\s*(?:[.,;:!?)]|$)/.test(ctx.text.slice(ctx.tokens[k]!.end, ctx.tokens[k]!.end + 3))

/** A capitalised listed place at k that is no German noun, or a noun that ends the clause ("… Buchs, das"). */
const placeAfterHead = (ctx: RuleContext, k: number) =>
  gazIs(ctx.tokens[k]!, G.PLACE) && (!ctx.word(ctx.tokens[k]!).noun || clauseEndsAfter(ctx, k))

/** A street word (Swiss German forms too) after a head's "an der": the office's address, not its name. */
const STREET_AFTER_HEAD = /.{3}(?:strasse|strass|stross|strooss|gasse|gass)$/
function headName(ctx: RuleContext, i: number, width: number, naming: boolean): number {
  const { tokens } = ctx
  let j = i + width
  if (j >= tokens.length || tokens[j]!.gap !== ' ') return -1
  if (HEAD_PARTICLES.test(tokens[j]!.lower) && j + 1 < tokens.length) {
    if (tokens[j]!.lower === 'an' && tokens[j + 1]?.lower === 'der') j++
    j++
  }
  const cand = tokens[j]
  if (!cand || cand.gap !== ' ' || lexIs(cand, W.NEVER)) return -1
  const head = tokens[i]!
  if (!cand.cap && ROMANCE_FIRM_HEADS.has(head.key)) return -1
  // "im Büro an der Landstrasse", "d Praxis a de Pilatusstross": a street after "an der" says where the office
  // is; the street is a place of its own (location.ts), the head word stays a word.
  if (j > i + width && STREET_AFTER_HEAD.test(cand.lower)) return -1
  // A head only by its compound tail ("Trauergruppe", "Yogastudio") is mostly a kind of place or group: a
  // German noun after "im"/"am" says where it meets ("die Trauergruppe im Kirchgemeindehaus"), no name. A
  // listed head keeps it ("Praxis am Stadtpark").
  if (
    cand.cap &&
    j > i + width &&
    width === 1 &&
    ctx.language === 'de' &&
    !gazIs(cand, G.NAME | G.PLACE) &&
    !ctx.gaz.orgHeads.has(head.key) &&
    !NAMING_HEADS.has(head.key) &&
    (ctx.word(cand).noun || ctx.word(cand).compound)
  )
    return -1
  // A hotel compound ("Waldhotel", "Sporthotel", newly a head by its tail) before a noun that goes on the
  // sentence is no name: "im Waldhotel Frühstück gegessen" ("im Parkhotel Adler." ends the clause). (The older
  // compound tails keep their behaviour: "Jugendtreff Sonnenhof spielt".)
  if (
    cand.cap &&
    width === 1 &&
    ctx.language === 'de' &&
    NOUN_GUARDED_TAIL.test(head.key) &&
    !ctx.gaz.orgHeads.has(head.key) &&
    (ctx.word(cand).noun || ctx.word(cand).compound) &&
    !gazIs(cand, G.NAME | G.PLACE) &&
    !clauseEndsAfter(ctx, j)
  )
    return -1
  if (cand.cap && (j > i + width || !ctx.isCommon(cand) || (naming && !cand.sentenceStart))) return j
  // "FC Wil", "Stadt Wil", "Club Sportivo Buchs": a listed place after a head is its seat even when the place is
  // also a word (dialect "wil" = weil); a noun ("nach der Schule Zug fahren") only where the clause ends.
  if (cand.cap && !cand.sentenceStart && placeAfterHead(ctx, j)) return j
  // Dictated "bei der gemeindeverwaltung cham", "in der bezirksschule baden": a listed place after a compound
  // head is its seat, as when capitalised. A short head ("nach der schule baden gehen"), a place that is a noun
  // ("im pflegeheim wald") or a verb after the place ("… baden gehen") is the sentence going on.
  if (
    !cand.cap &&
    !head.cap &&
    cand.lowercaseLine &&
    width === 1 &&
    j === i + 1 &&
    head.key.length >= 9 &&
    ctx.language === 'de' &&
    gazIs(cand, G.PLACE) &&
    !gazIs(cand, G.NAME) &&
    // ("vom verkehrsverein oder …": the Oder is a river, "oder" a conjunction.)
    !lexIs(cand, W.FUNCTION) &&
    !CONJUNCTIONS.test(cand.lower) &&
    !ctx.word(cand).noun &&
    !(tokens[j + 1] !== undefined && ctx.word(tokens[j + 1]!).verb && !clauseEndsAfter(ctx, j))
  )
    return j
  // "grotto dei pescatori", "trattoria del ponte": after a naming head and a contracted preposition even an
  // ordinary word is the name, in any case.
  if (naming && j > i + width && ROMANCE_NAME_LINKS.test(tokens[j - 1]!.lower) && cand.key.length >= 4)
    return lexIs(cand, W.ROLE) ? -1 : j
  // A qualified head of several words ("hospital comarcal", "casa di riposo") is followed by its name, also
  // an ordinary word in lower case ("hospital comarcal sierra alta"), unless a function or time word.
  if (
    width >= 2 &&
    !cand.cap &&
    cand.key.length >= 3 &&
    !lexIs(cand, W.FUNCTION) &&
    !lexIs(cand, W.ROLE) &&
    !PLAIN_AFTER_HEAD.has(cand.key)
  )
    return j
  // "bar la rueda", "osteria il ponte": after a naming head and an article, an ordinary word is the name
  // when the clause ends there ("al bar la semana pasada", "en el bar la gente fuma" go on).
  if (
    naming &&
    j > i + width &&
    (ctx.language === 'it' || ctx.language === 'es') &&
    ROMANCE_ARTICLES.test(tokens[j - 1]!.lower) &&
    !cand.cap &&
    cand.key.length >= 4 &&
    !lexIs(cand, W.FUNCTION) &&
    !lexIs(cand, W.ROLE) &&
    !PLAIN_AFTER_HEAD.has(cand.key) &&
    !gazIs(cand, G.COMMON) &&
    clauseEndsAfter(ctx, j)
  )
    return j
  // Swiss German text is full of words no dictionary knows ("bim beck feins brot", "d metzg isch zue"): after a
  // dialect head a lower-case name must look like one (a listed name or place, a place-name ending) or be a
  // longer word that ends the clause ("im dorflade sunnehof.").
  if (
    !cand.cap &&
    DIALECT_HEADS.has(head.key) &&
    (lexIs(cand, W.FUNCTION) ||
      !(
        gazIs(cand, G.NAME) ||
        gazIs(cand, G.PLACE) ||
        endsWithAny(cand.lower, PLACE_SUFFIXES) ||
        (cand.key.length >= 6 && clauseEndsAfter(ctx, j))
      ))
  )
    return -1
  // Lower case ("kita regenbogen", "gasthof sternen"): the name must not be an ordinary lower-case word.
  if (!head.cap && !cand.cap && (j === i + width || naming) && cand.key.length >= 4) {
    const info = ctx.word(cand)
    if (lexIs(cand, W.ROLE)) return -1
    // German puts the verb second after a place phrase: "im hort spielen sie", "in der kita essen wir": a word
    // that is also a verb, right before a subject pronoun, is the verb.
    if (info.lower && ctx.language === 'de' && SUBJECT_PRONOUN.test(tokens[j + 1]?.lower ?? '')) return -1
    if (naming ? !info.lower || info.noun : !info.lower && !gazIs(cand, G.COMMON)) return j
    // (Not after a hospital, school, home or practice: "im spital ambulant in bern" says how one was treated.)
    if (j === i + width && (naming || !CARE_HEADS.test(head.key)) && adjectiveName(ctx, i, j, !naming))
      return j
  }
  return -1
}

/** German conjunctions, some of them also listed places or rivers ("oder"). */
const CONJUNCTIONS = /^(?:und|oder|aber|als|wie|weil|wenn|dass|denn|doch|sondern|ob)$/
/** Heads of care and schooling, after which an adjective says how ("ambulant", "stationär", "gut"). */
const CARE_HEADS = /(?:spital|klinik|schule|heim|praxis|zentrum|psychiatrie)$/
/** German subject pronouns, which follow the verb after a fronted phrase ("im hort spielen sie"). */
const SUBJECT_PRONOUN = /^(ich|du|er|sie|es|wir|ihr|man|i|mir|si|är|mer)$/

/** A German past participle ("gelaufen", "gebracht"), which dictionaries also flag as adjective. */
const PARTICIPLE = /^ge\p{L}{2,}(?:t|en)$/u
/** Prepositions of being or going somewhere before a head word (and its article): "in der kita …", "im hort …". */
const PLACE_BEFORE_HEAD = /^(in|im|bei|beim|von|vom|zur|zum|an|am|aus|ins)$/
const ARTICLE_BEFORE_HEAD = /^(der|dem|den|die|das)$/

/**
 * "in der kita kunterbunt und …", "im hort sonnig in baar": in German an uninflected adjective right after a
 * noun is no attribute, so after a naming head (kita, hort, gasthof …) in a place phrase it is the name, where the clause ends or
 * goes on with "und" or a place. An adverb before a verb stays ("in der kita schön gespielt", "im spital ambulant
 * behandelt"), as does a predicate ("ich finde die kita toll": no preposition before the head). After a head that
 * is not a naming one (seatOnly) only a place after it makes the adjective a name.
 */
function adjectiveName(ctx: RuleContext, i: number, j: number, seatOnly = false): boolean {
  const { tokens } = ctx
  const cand = tokens[j]!
  if (ctx.language !== 'de' || !ctx.word(cand).adjective || ctx.word(cand).noun) return false
  // A participle is the verb of the clause: "zur kita gelaufen in …".
  if (PARTICIPLE.test(cand.key)) return false
  let p = i - 1
  if (p >= 1 && ARTICLE_BEFORE_HEAD.test(tokens[p]!.lower)) p--
  if (p < 0 || !PLACE_BEFORE_HEAD.test(tokens[p]!.lower)) return false
  // After other heads only with the seat after it ("im salon haargenau in buochs", "in der kletterhalle griffig
  // in kriens"): "in der schule gut." and "im spital ambulant und …" describe.
  if (!seatOnly && clauseEndsAfter(ctx, j)) return true
  const after = tokens[j + 1]
  if (after === undefined || after.gap !== ' ') return false
  if (!seatOnly && after.lower === 'und') return true
  const place = tokens[j + 2]
  return /^(in|z)$/.test(after.lower) && place !== undefined && place.gap === ' ' && gazIs(place, G.PLACE)
}

/** The last token of a head word at h and its name ("Zentrum Gossau"), or h when no name follows. */
function headEnd(ctx: RuleContext, h: number): number {
  const kind = headKind(ctx.gaz, ctx.tokens[h]!.key)
  if (kind === undefined) return h
  const j = headName(ctx, h, 1, kind === 'naming')
  return j === -1 || !ctx.tokens[j]!.cap ? h : j
}

/** "im/ins/zum/beim/vom X" or "in den/i de/vor dem X" right before token i (de, gsw). */
function innPrepositionBefore(tokens: readonly Token[], i: number): boolean {
  if (i < 1) return false
  const before = tokens[i - 1]!.lower
  if (INN_PREPOSITIONS.test(before)) return true
  return (
    i >= 2 &&
    /^(den|dem|de|em)$/.test(before) &&
    tokens[i - 1]!.gap === ' ' &&
    /^(in|i|vor|vom|zu|bei|bi|hinter)$/.test(tokens[i - 2]!.lower)
  )
}

/** A word of eating, drinking or meeting out in the sentence around token i (only asked of inn names). */
function innCue(ctx: RuleContext, i: number, cue = INN_CUE): boolean {
  const t = ctx.tokens[i]!
  let from = t.start
  const stopBefore = Math.max(0, t.start - 120)
  while (from > stopBefore && !/[.!?\n]/.test(ctx.text[from - 1]!)) from--
  let to = t.end
  const stopAfter = Math.min(ctx.text.length, t.end + 120)
  while (to < stopAfter && !/[.!?\n]/.test(ctx.text[to]!)) to++
  return cue.test(ctx.text.slice(from, to))
}

/** "im Rössli", "zum Löwen go ässe" at i: a classic inn name after an inn preposition (with a cue if also a noun). */
function innBySign(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  return (
    ctx.language === 'de' &&
    i >= 1 &&
    t.gap === ' ' &&
    (INN_NAMES.has(t.key) || INN_NAMES_WITH_CUE.has(t.key)) &&
    INN_PREPOSITIONS.test(ctx.tokens[i - 1]!.lower) &&
    (INN_NAMES.has(t.key) || innCue(ctx, i))
  )
}

/** The part before "-festival"/"-openair" is a listed place or no ordinary word ("Gurten", "Paléo"). */
function festivalName(ctx: RuleContext, t: Token): boolean {
  const m = FESTIVAL_ENDING.exec(t.key)
  if (!m) return false
  const first = m[1]!
  if (ctx.gaz.places.has(first)) return true
  // A music style or kind ("Jazz", "Folk", "Klassik", "Street") is a word in German or English.
  const text = t.text.slice(0, t.text.length - m[2]!.length).replace(/-$/, '')
  const info = wordInfo(ctx.language, text)
  if (info.lower || info.noun || info.compound || info.adjective || info.proper) return false
  return !wordInfo('en', text.toLowerCase()).lower && !gazIs(t, G.COMMON)
}

export const organisations: Recogniser = {
  name: 'organisations',
  phase: 1,
  run(ctx) {
    const { tokens, gaz, language } = ctx
    const n = tokens.length
    const out: Candidate[] = []
    const push = (from: number, to: number, source: Candidate['source'], rule: string) =>
      out.push(ctx.span(from, to, 'ORGANIZATION', source, rule))
    const { twoWordFirsts } = headFacts(gaz)
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!
      const next = i + 1 < n ? tokens[i + 1] : undefined

      // "die Zeitung «Schweizer Bauer»", "il giornale «La Regione»": a title in quotation marks after a word
      // for a newspaper or magazine is the publisher's name (up to four words, closed by the quote).
      if (next !== undefined && next.cap && PRESS_WORDS.has(t.key) && /^ ?[«"“„]$/.test(next.gap)) {
        let k = i + 1
        while (k + 1 < n && k - i < 4 && /^[ -]$/.test(tokens[k + 1]!.gap)) k++
        if (/^[»"”“]/.test(ctx.text.slice(tokens[k]!.end, tokens[k]!.end + 1))) {
          push(i + 1, k, 'context', 'org-press-title')
          i = k
          continue
        }
      }

      // "das Bäuerliche Sorgentelefon", "die Kirchliche Gassenarbeit": mid-sentence German writes an adjective
      // on -lich/-isch with a capital only as part of a name; before a compound noun after the article it
      // names the service.
      if (
        language === 'de' &&
        t.cap &&
        !t.sentenceStart &&
        next !== undefined &&
        next.cap &&
        next.gap === ' ' &&
        t.gap === ' ' &&
        i >= 1 &&
        (lexIs(tokens[i - 1]!, W.DETERMINER) ||
          CONTRACTED_BEFORE_INSTITUTION.has(tokens[i - 1]!.lower) ||
          // Swiss German articles: "bi de Bäuerlichen Familienberatung", "i dr Offene Kirche".
          /^(de|dr|em)$/.test(tokens[i - 1]!.lower)) &&
        !tokens[i - 1]!.cap &&
        // (A simple noun after it is more often a set phrase: "die Katholische Kirche", "Künstliche Intelligenz";
        // an institution word is the institution's name: "im Alpinen Museum", "am Historischen Seminar". Any
        // adjective may begin such a name; before a compound only -lich/-isch ones do. The word tests are
        // cheap and come first.)
        (INSTITUTION_NOUNS.has(next.key) ? ADJECTIVE_ENDING.test(t.key) : LICH_ISCH.test(t.key)) &&
        ctx.word(t).lower &&
        !ctx.word(t).noun
      ) {
        const head = ctx.word(next)
        if (INSTITUTION_NOUNS.has(next.key) || (head.compound && !head.noun && !head.proper)) {
          // "am Landwirtschaftlichen Zentrum Gossau": the head's own name belongs to it.
          const end = headEnd(ctx, i + 1)
          push(i, end, 'context', 'org-adjective-name')
          i = end
          continue
        }
      }

      // A Fasnacht clique or Guggenmusik is named by the capitalised words after it, adjectives and nouns
      // alike ("Clique Alti Schlurbi"). The type word is content ("d Guuggenmusig" alone is no name) and stays.
      // A village band ("Musig Saaser Vispa") only when its first word is no ordinary word: "Musig" is also music.
      if (
        next?.gap === ' ' &&
        next.cap &&
        !next.sentenceStart &&
        (fasnachtGroup(t.key) ||
          (BAND_WORDS.has(t.key) &&
            !ctx.isCommon(next) &&
            !anyWord(ctx.word(next)) &&
            !gazIs(next, G.NAME))) &&
        !lexIs(next, W.NEVER)
      ) {
        let k = i + 1
        while (
          k + 1 < n &&
          k - i < 3 &&
          tokens[k + 1]!.gap === ' ' &&
          tokens[k + 1]!.cap &&
          !tokens[k + 1]!.sentenceStart &&
          !lexIs(tokens[k + 1]!, W.NEVER) &&
          !lexIs(tokens[k + 1]!, W.FUNCTION)
        )
          k++
        push(i + 1, k, 'context', 'org-fasnacht-group')
        i = k
        continue
      }

      // Head words in any case, one or two words ("Casa anziani …").
      const firstOfSeveral = next !== undefined && next.gap === ' ' && twoWordFirsts.has(t.key)
      const twoWords = firstOfSeveral && gaz.orgHeads.has(`${t.key} ${next.key}`)
      const third = i + 2 < n ? tokens[i + 2] : undefined
      const threeWords =
        !twoWords &&
        firstOfSeveral &&
        third !== undefined &&
        third.gap === ' ' &&
        gaz.orgHeads.has(`${t.key} ${next.key} ${third.key}`)
      const kind = twoWords || threeWords ? 'naming' : headKind(gaz, t.key)
      const width = kind === undefined ? 0 : threeWords ? 3 : twoWords ? 2 : 1
      if (width > 0 && (t.cap || t.caps || !t.sentenceStart || t.lowercaseLine)) {
        const j = headName(ctx, i, width, kind === 'naming')
        if (j !== -1) {
          let k = j
          while (
            k + 1 < n &&
            tokens[k + 1]!.cap &&
            tokens[j]!.cap &&
            (tokens[k + 1]!.gap === ' ' || tokens[k + 1]!.gap === '-') &&
            // (A German noun after a name goes on the sentence — "im Gasthaus Schönfels Rösti gegessen" — unless
            // an adjective of the name wants it: "Restaurant Zum Goldenen Hecht".)
            ((!ctx.isCommon(tokens[k + 1]!) &&
              !(
                language === 'de' &&
                gazIs(tokens[k + 1]!, G.AMB_DE) &&
                !ctx.word(tokens[k]!).adjectiveForm
              )) ||
              (!tokens[k + 1]!.sentenceStart && placeAfterHead(ctx, k + 1))) &&
            k - j < 2
          )
            k++
          // "Caixa Geral de Depósitos", "Banca Popolare di Sondrio": a Romance particle and a capitalised word
          // go on a capitalised name.
          while (
            k + 2 < n &&
            k - j < 4 &&
            tokens[j]!.cap &&
            tokens[k + 1]!.gap === ' ' &&
            NAME_PARTICLES_INSIDE.test(tokens[k + 1]!.lower) &&
            tokens[k + 2]!.gap === ' ' &&
            tokens[k + 2]!.cap &&
            !tokens[k + 2]!.caps &&
            !ctx.isCommon(tokens[k + 2]!) &&
            !lexIs(tokens[k + 2]!, W.NEVER)
          )
            k += 2
          // A lower-case name of two or three words after a head of several words runs to the clause end:
          // "hospital comarcal sierra alta." (without a clause end only its first word is certain).
          if (width >= 2 && !tokens[j]!.cap) {
            let e = j
            while (
              e + 1 < n &&
              e - j < 2 &&
              tokens[e + 1]!.gap === ' ' &&
              !tokens[e + 1]!.cap &&
              !lexIs(tokens[e + 1]!, W.FUNCTION) &&
              !PLAIN_AFTER_HEAD.has(tokens[e + 1]!.key) &&
              !clauseEndsAfter(ctx, e)
            )
              e++
            if (e > j && clauseEndsAfter(ctx, e)) k = e
          }
          if (
            k + 1 < n &&
            (tokens[k + 1]!.gap === ' & ' || tokens[k + 1]!.gap === ' + ') &&
            FAMILY_FIRM_TAILS.test(tokens[k + 1]!.lower)
          )
            k++
          // "Scuola dell'infanzia Il Girasole", "Asilo nido …": a head word before the naming head belongs to it.
          let from = i
          if (
            i >= 2 &&
            /^'$/.test(t.gap) &&
            /^(dell|dall|nell|d)$/.test(tokens[i - 1]!.lower) &&
            headKind(gaz, tokens[i - 2]!.key) !== undefined
          )
            from = i - 2
          else if (i >= 1 && t.gap === ' ' && headKind(gaz, tokens[i - 1]!.key) !== undefined) from = i - 1
          // "il sindacato VPOD", "la ditta Vetrox": the word for a firm or union is content; the name alone goes.
          // (Capitalised, "Impresa Bernasconi", the word is part of the name.)
          if (ROMANCE_FIRM_HEADS.has(t.key) && !t.cap) from = j
          push(from, k, 'context', 'org-head')
          continue
        }
      }

      // "al Dipartimento delle istituzioni", "la Società agricola grigionese", "la Asociación de vecinos": an
      // Italian or Spanish public body or society capitalised mid-sentence is named by the lower-case words after
      // it (a particle and a noun, adjectives); capitalised there only as a name ("il servizio" is the service).
      if (
        (language === 'it' || language === 'es') &&
        t.cap &&
        !t.caps &&
        !t.sentenceStart &&
        next !== undefined &&
        !next.cap &&
        ROMANCE_BODIES.has(t.key)
      ) {
        const k = romanceBodyName(ctx, i)
        if (k > i) {
          push(i, k, 'context', 'org-romance-body')
          i = k
          continue
        }
      }

      // "im Amt für Soziales", "beim amt für gemeinden", "Amt für Landwirtschaft und Geoinformation": a cantonal
      // or federal office is named by its field after "für"; the office holder's term is no field ("das Amt für
      // vier Jahre", "ein Amt für Jahre").
      if (
        language === 'de' &&
        OFFICE_WORDS.has(t.key) &&
        (t.cap || t.lowercaseLine) &&
        next?.lower === 'für' &&
        next.gap === ' ' &&
        !(i >= 1 && KIND_BEFORE.test(tokens[i - 1]!.lower))
      ) {
        const k = officeField(ctx, i + 2)
        // "im Amt für Ordnung gesorgt": "für … sorgen" is a phrase, not a field.
        if (k > i + 1 && !SORGEN.test(tokens[k + 1]?.lower ?? '')) {
          push(i, k, 'context', 'org-office-field')
          i = k
          continue
        }
      }

      // "im Kantonsspital", "bei der Kantonalbank", "vom Universitätsspital": a canton or university has one
      // of each, so the word alone names it ("Kantonsspital" is the hospital of the canton one lives in). After
      // an indefinite or a quantifier it is a kind ("in einem Kantonsspital", "jede Kantonsschule").
      if (
        (t.cap || t.lowercaseLine) &&
        t.key.length >= 9 &&
        SINGLE_INSTITUTION.test(t.key) &&
        // ("Graubündner Kantonalbank", "Zuger Kantonsspital" are named by the word before; after a noun such as
        // "Baustelle Kantonsspital" the word stands alone.)
        !(
          i >= 1 &&
          t.gap === ' ' &&
          tokens[i - 1]!.cap &&
          !tokens[i - 1]!.sentenceStart &&
          !ctx.word(tokens[i - 1]!).noun &&
          !ctx.word(tokens[i - 1]!).compound
        ) &&
        !(i >= 1 && KIND_BEFORE.test(tokens[i - 1]!.lower)) &&
        // "in einem grossen Kantonsspital": an adjective between.
        !(
          i >= 2 &&
          KIND_BEFORE.test(tokens[i - 2]!.lower) &&
          !tokens[i - 1]!.cap &&
          ctx.word(tokens[i - 1]!).lower
        )
      ) {
        push(i, i, 'context', 'org-single-institution')
        continue
      }

      // "urner kantonalbank", "Glarner Kantonalbank": a cantonal bank in any case.
      if (next?.key === 'kantonalbank' && next.gap === ' ' && placeAdjective(gaz, t.key)) {
        push(i, i + 1, 'context', 'org-cantonal-bank')
        i++
        continue
      }

      // "in den Aargauer Hof", "im zürcher hof", "zum Basler Hof": a place adjective and "Hof" after a
      // preposition of going in or meeting names the inn or hotel, in any case; a farm is "auf dem Hof"
      // ("auf einem Emmentaler Hof" stays).
      if (
        language === 'de' &&
        next?.key === 'hof' &&
        next.gap === ' ' &&
        t.gap === ' ' &&
        (t.cap || t.lowercaseLine) &&
        innPrepositionBefore(tokens, i) &&
        placeAdjective(gaz, t.key)
      ) {
        push(i, i + 1, 'context', 'org-place-hof')
        i++
        continue
      }

      if (!t.cap && !t.caps) {
        if (!t.lowercaseLine || t.key.length < 3) continue
        // Dictated firm names: "er arbeitet bei der aew energie", "weg von der post logistik": after a
        // preposition and an article a listed firm or a word no dictionary knows before a trade word is the
        // firm ("bei der stadt reinigung" has an ordinary noun first and stays).
        if (
          next !== undefined &&
          next.gap === ' ' &&
          t.gap === ' ' &&
          (TRADE_WORDS.has(next.lower) || FINANCE_WORDS.has(next.lower)) &&
          i >= 2 &&
          /^(der|dem|de|dr)$/.test(tokens[i - 1]!.lower) &&
          /^(bei|bi|von|vo|für|fuer|mit)$/.test(tokens[i - 2]!.lower) &&
          !lexIs(t, W.FUNCTION) &&
          !lexIs(t, W.NEVER) &&
          (gazIs(t, G.ORGANISATION) ||
            listedAcronym(gaz, t) ||
            (!gazIs(t, G.COMMON) && !anyWord(ctx.word(t)) && !ctx.word(t).adjective))
        ) {
          push(i, i + 1, 'context', 'org-trade-lower')
          i++
          continue
        }
        // Dictated "jassen im rössli", "mittag im sternen": the inn by its sign, as when capitalised.
        if (innBySign(ctx, i)) {
          push(i, i, 'context', 'org-inn')
          continue
        }
        if (ctx.isAmbiguous(t)) {
          // A listed firm whose name is also a word ("swiss", "post") is the firm after a word of working
          // there or leaving it ("arbeite bei der post", "frühpensioniert von der swiss"), or, in German, after
          // an article when it is no German word and no app or language (NEVER_NAMES).
          const before = gazIs(t, G.ORGANISATION) ? ctx.text.slice(Math.max(0, t.start - 40), t.start) : ''
          if (
            gazIs(t, G.ORGANISATION) &&
            t.gap === ' ' &&
            i >= 1 &&
            (workOrLeaveCue(before) ||
              branchOrWorkAfter(ctx, i) ||
              (language === 'de' &&
                !lexIs(t, W.NEVER) &&
                /^(der|dem|des|de|dr)$/.test(tokens[i - 1]!.lower) &&
                !ctx.word(t).lower &&
                !ctx.word(t).noun &&
                !ctx.word(t).adjective))
          )
            push(i, i, 'context', 'org-workplace')
          continue
        }
        // Lowercase speech-to-text: "schreinerei holzwerk gmbh", known organisations and acronyms. The short
        // forms "ag", "sa" (also the canton, Latin "sa") only after "bei der"/"von der" and a word no dictionary
        // knows: "vorarbeiter bei der erne ag".
        const shortForm =
          next !== undefined &&
          (next.key === 'ag' || next.key === 'sa') &&
          i >= 2 &&
          /^(der|dem|de|dr)$/.test(tokens[i - 1]!.lower) &&
          /^(bei|bi|von|vo|für|fuer|mit)$/.test(tokens[i - 2]!.lower) &&
          !lexIs(t, W.FUNCTION) &&
          !gazIs(t, G.COMMON) &&
          !anyWord(ctx.word(t)) &&
          !ctx.word(t).adjective
        if (
          next !== undefined &&
          next.gap === ' ' &&
          gaz.orgSuffixes.has(next.key) &&
          (next.key.length > 2 || shortForm)
        ) {
          const from = i > 0 && tokens[i]!.gap === ' ' && !ctx.word(tokens[i - 1]!).lower ? i - 1 : i
          push(from, i + 1, 'context', 'org-suffix')
        } else if (gazIs(t, G.ORGANISATION) || (t.key.length <= 5 && listedAcronym(gaz, t)))
          push(i, i, 'gazetteer', 'org-gazetteer')
        continue
      }

      // Acronym organisations are matched case-sensitively ("SBB", "UBS").
      if (t.caps) {
        if (gaz.acronyms.has(t.text)) push(i, i, 'gazetteer', 'org-acronym')
        // "título del SENA", "Kurs vom BFI", "diploma della SUPSI": in capitals after a lower-case contracted
        // article an acronym names the body even when the letters also spell a name or a rare word ("sena");
        // frequent and function words ("del TODO") are shouting, not acronyms.
        else if (
          i >= 1 &&
          t.gap === ' ' &&
          /^(del|della|dello|dal|dalla|al|alla|vom|beim|bim|zum|zur)$/.test(tokens[i - 1]!.text) &&
          t.text.length >= 3 &&
          t.text.length <= 6 &&
          ALL_CAPITALS.test(t.text) &&
          !COMMON_ACRONYMS.has(t.text) &&
          !gazIs(t, G.COMMON) &&
          !lexIs(t, W.NEVER) &&
          !lexIs(t, W.FUNCTION)
        )
          push(i, i, 'guess', 'org-acronym-after-article')
        // An unknown acronym is most often an employer, school or club ("bei der ECAP", "alla SSIC").
        else if (
          t.text.length >= 3 &&
          t.text.length <= 6 &&
          ALL_CAPITALS.test(t.text) &&
          !COMMON_ACRONYMS.has(t.text) &&
          !gazIs(t, G.AMBIGUOUS) &&
          !gazIs(t, G.COMMON) &&
          !lexIs(t, W.NEVER) &&
          !t.lineStart
        )
          push(i, i, 'guess', 'org-acronym-unknown')
        continue
      }
      // An app or platform name that is also a listed employer ("Google", "Facebook") is the employer after
      // a word of working there: "Stelle bei Google", "schafft bi Google", "works at Google".
      // English "at Google", Italian "presso Google" name the firm as a place: one searches "on Google". The
      // English possessive is the firm too ("Google's been decent to me", "Netflix's new boss").
      if (
        lexIs(t, W.NEVER) &&
        gazIs(t, G.ORGANISATION) &&
        ((t.gap === ' ' &&
          ((i >= 1 && !t.sentenceStart && /^(at|presso)$/.test(tokens[i - 1]!.lower)) ||
            workOrLeaveCue(ctx.text.slice(Math.max(0, t.start - 40), t.start)))) ||
          (language === 'en' && next?.lower === 's' && (next.gap === "'" || next.gap === '’')))
      ) {
        push(i, i, 'context', 'org-workplace')
        continue
      }
      if (lexIs(t, W.NEVER) || lexIs(t, W.ROLE)) continue
      // "at the Quays bar", "the Anchor pub": in English a capitalised word mid-sentence between "the" and a
      // lower-case venue word is the venue's name, even when it is a word; days, months and feasts ("the
      // Sunday bar", "the Christmas pub") describe. Nationality adjectives ("the Irish pub") describe too.
      if (
        language === 'en' &&
        !t.sentenceStart &&
        t.gap === ' ' &&
        next !== undefined &&
        next.gap === ' ' &&
        !next.cap &&
        EN_VENUE_WORDS.has(next.key) &&
        tokens[i - 1]?.lower === 'the' &&
        t.key.length >= 3 &&
        !EN_TIME_NAMES.test(t.key) &&
        !lexIs(t, W.FUNCTION) &&
        !/(?:ish|ese)$/.test(t.key) &&
        !isNationalityAdjective(t.text, 'en') &&
        !isLanguageAdjective(ctx.text, t.start, t.end, 'en')
      ) {
        push(i, i, 'context', 'org-en-venue')
        i++
        continue
      }
      // A make of car is the carmaker after a word of working there or leaving it: "te despidieron de Seat",
      // "Lehre bei Opel" ("mein Seat ist kaputt" stays a car).
      if (
        CAR_MAKES.has(t.lower) &&
        t.gap === ' ' &&
        !t.sentenceStart &&
        workOrLeaveCue(ctx.text.slice(Math.max(0, t.start - 40), t.start))
      ) {
        push(i, i, 'context', 'org-carmaker')
        continue
      }
      // A listed firm whose name is also a word ("Post", "Omega") after a word of working there ("Informatiker
      // EFZ bei der Post") or before a hyphen and a part of a firm ("Omega-Abteilung").
      if (
        gazIs(t, G.ORGANISATION) &&
        !t.sentenceStart &&
        ((t.gap === ' ' && workOrLeaveCue(ctx.text.slice(Math.max(0, t.start - 40), t.start))) ||
          (next !== undefined && next.gap === '-' && FIRM_PART_TAILS.has(next.key)))
      ) {
        push(i, i, 'context', 'org-workplace')
        continue
      }
      // "schaffet bi de Camion Zünd", "Lastwagechauffeur bi de Camion Zünd", "works at Brightwater Logistics": two
      // or three capitalised words after a word of working (or an occupation) and the preposition are the employer.
      {
        const end = employerRun(ctx, i)
        if (end > i) {
          push(i, end, 'context', 'org-employer-run')
          i = end
          continue
        }
      }
      // "vom Novapharm-Campus", "die Vetrox-Filiale": a capitalised word that no dictionary or name list knows,
      // before a hyphen and a part of a firm, is the firm's own name.
      if (
        t.cap &&
        !t.caps &&
        t.key.length >= 4 &&
        next !== undefined &&
        next.gap === '-' &&
        FIRM_PART_TAILS.has(next.key) &&
        lexIs(t, W.LETTERS) &&
        !gazIs(t, G.NAME | G.PLACE | G.COMMON) &&
        // (A compound the dictionary builds is a word: "Selbsthilfe-Gruppe".)
        !anyWord(ctx.word(t)) &&
        unknownToAll(ctx, t)
      ) {
        push(i, i, 'context', 'org-unknown-firm-part')
        continue
      }

      // "gang is Rössli", "im Sternen z Mittag", "zum Löwen go ässe": an inn named by its sign.
      if (innBySign(ctx, i)) {
        push(i, i, 'context', 'org-inn')
        continue
      }
      // "sis Beizli z Rorschach, de Schwane": after an article (no preposition) a classic inn name is the inn
      // when the sentence speaks of an inn; "den Sternen" (dative plural of the stars) is left out. The Swiss
      // neuter article too: "e Beiz z Sins, s Rössli".
      if (
        language === 'de' &&
        i >= 1 &&
        t.gap === ' ' &&
        INN_NAMES.has(t.key) &&
        /^(de|dr|der|s|ds)$/.test(tokens[i - 1]!.lower) &&
        innCue(ctx, i, INN_PLACE_CUE)
      ) {
        push(i, i, 'context', 'org-inn-article')
        continue
      }

      // "su peña del Betis", "tifoso della Samp", "Fan vom FCB": after a word for a fan or a supporters' club and
      // "of the" a capitalised name is the club (a town's name too: "hincha del Sevilla" names its club).
      if (
        t.cap &&
        !t.sentenceStart &&
        t.gap === ' ' &&
        i >= 2 &&
        FAN_LINKS.test(tokens[i - 1]!.lower) &&
        FAN_WORDS.has(tokens[i - 2]!.key) &&
        headKind(gaz, t.key) === undefined &&
        !ctx.isCommon(t) &&
        !lexIs(t, W.FUNCTION)
      ) {
        push(i, i, 'context', 'org-fan-club')
        continue
      }

      // "ans Gurtenfestival": a festival whose first part is a place or no ordinary word.
      if (t.key.length >= 10 && (t.key.endsWith('festival') || t.key.endsWith('openair'))) {
        if (festivalName(ctx, t)) {
          push(i, i, 'context', 'org-festival')
          continue
        }
      }

      // A family firm: "Meier & Söhne", "Rossi & Figli", "Keller + Partner".
      if (
        next &&
        (next.gap === ' & ' || next.gap === ' + ') &&
        FAMILY_FIRM_TAILS.test(next.lower) &&
        !t.sentenceStart &&
        !ctx.isCommon(t)
      ) {
        push(i, i + 1, 'context', 'org-family-firm')
        continue
      }

      // "Blaukreuz-Beratig", "Spitex-Beratung": a name before a hyphen and a head word (also Swiss -ig). The
      // first part must be no ordinary word ("Sucht-", "Budget-", "Laufbahn-Beratung" are kinds of service):
      // unknown, a proper noun, or an adjective-noun compound such as a sign's name ("Blaukreuz").
      if (
        language === 'de' &&
        next !== undefined &&
        next.gap === '-' &&
        t.cap &&
        !t.caps &&
        t.key.length >= 4 &&
        (headKind(gaz, next.key) !== undefined || SERVICE_HEADS.test(next.key)) &&
        nameBeforeHyphen(ctx, t)
      ) {
        push(i, i + 1, 'context', 'org-hyphen-head')
        i++
        continue
      }

      // "Rhyschnooge-Clique", "Musig-Verein": a hyphenated name ending in a club word.
      // (An ordinary word too after a town's adjective: "im Basler Bach-Chor" is that town's choir.)
      if (
        next &&
        next.gap === '-' &&
        ORG_TAILS.has(next.lower) &&
        (!ctx.isCommon(t) ||
          (i > 0 && t.gap === ' ' && tokens[i - 1]!.cap && townAdjective(gaz, tokens[i - 1]!.text)))
      ) {
        // "Schwinger-Club Oberhasli": the seat after the club word belongs to it.
        const end = headEnd(ctx, i + 1)
        push(i, end, 'context', 'org-club')
        if (end > i + 1) i = end
      }

      // Legal-form suffix: "Blitzblank GmbH", "Swisscom AG", "Gerber Bau AG".
      // Short legal forms only as written ("AG", "SA", "AB"): "ab", "sa" are ordinary words.
      const suffix =
        next &&
        next.gap === ' ' &&
        gaz.orgSuffixes.has(next.key) &&
        (next.key.length > 3 || next.cap || next.caps)
      if (next && suffix && !ctx.isCommon(t)) {
        let s = i
        while (
          s > 0 &&
          tokens[s - 1]!.cap &&
          /^[ -&]$/.test(tokens[s]!.gap) &&
          !tokens[s]!.sentenceStart &&
          i - s < 2 &&
          !ctx.isCommon(tokens[s - 1]!)
        )
          s--
        push(s, i + 1, 'context', 'org-suffix')
        continue
      }

      // A name plus a trade word: "Schnyder Haustechnik"; a bank or insurer so named, capitalised: "Alpstein
      // Bank", "Sanavita Krankenkasse" ("einer Schweizer Bank", "die Zürcher Bank" describe one by its seat).
      if (
        next &&
        next.gap === ' ' &&
        (TRADE_WORDS.has(next.lower) ||
          (FINANCE_WORDS.has(next.lower) &&
            next.cap &&
            !placeAdjective(gaz, t.key) &&
            !(i >= 1 && KIND_BEFORE.test(tokens[i - 1]!.lower)))) &&
        ctx.nameLike(t) &&
        !t.sentenceStart
      ) {
        const legal = i + 2 < n && tokens[i + 2]!.gap === ' ' && gaz.orgSuffixes.has(tokens[i + 2]!.key)
        push(i, legal ? i + 2 : i + 1, 'context', 'org-trade')
        continue
      }

      // "Thurgauer Kantonalbank", "Luzerner Kantonsspital".
      if (
        next &&
        next.gap === ' ' &&
        // A compound head too ("Basler Kurszentrum", "Zuger Jugendtreff"), but no place or name on -heim, -hof
        // ("Lager Müllheim").
        (INSTITUTION_WORDS.has(next.key) ||
          gaz.orgHeads.has(next.key) ||
          // (Asked only of two capitalised words: this test runs for every pair.)
          (t.cap && next.cap && headKind(gaz, next.key) !== undefined && !gazIs(next, G.PLACE | G.NAME))) &&
        placeAdjective(gaz, t.key)
      ) {
        // The head's own name belongs to it: "Schweizer Skischule Davos" is one school.
        const end = headEnd(ctx, i + 1)
        push(i, end, 'context', 'org-place-adjective')
        if (end > i + 1) i = end
        continue
      }

      const { ambiguous } = ctx.facts(i)
      // (An Italian or Spanish proper noun mid-sentence, asked only of listed organisations.)
      if (
        gazIs(t, G.ORGANISATION) &&
        (!ambiguous ||
          ((language === 'it' || language === 'es') && !t.sentenceStart && !ctx.isCommon(t)) ||
          employerCue(ctx, i) ||
          bankCompoundCue(ctx, i))
      ) {
        push(i, i, 'gazetteer', 'org-gazetteer')
        continue
      }
      // An acronym spoken as a word is written like one: "Axa", "Suva", "Ruag" (listed as AXA, SUVA, RUAG);
      // after a capitalised name it is a surname ("Kezia Obi", not OBI).
      // (The listed acronym first, the word before after it: this is reached by most capitalised words.)
      if (
        t.key.length >= 3 &&
        t.key.length <= 6 &&
        listedAcronym(gaz, t) &&
        !(i > 0 && tokens[i - 1]!.cap && !ctx.isCommon(tokens[i - 1]!)) &&
        !ctx.isCommon(t) &&
        !ctx.word(t).noun &&
        !gazIs(t, G.NAME) &&
        (!ambiguous || employerCue(ctx, i))
      ) {
        push(i, i, 'gazetteer', 'org-acronym-word')
        continue
      }
      // A one-letter slip or dialect spelling of a known organisation: "Raiffeisebank".
      if (!ambiguous && t.key.length >= 8 && !gazIs(t, G.NAME) && fuzzyOrganisation(gaz, t.key))
        push(i, i, 'gazetteer', 'org-fuzzy')
    }
    return out
  },
}

/** The region after a public body: "RAV Oberaargau", "KESB Kreuzlingen", "Sozialdienst Wil". */
export const publicBodyRegions: Recogniser = {
  name: 'public-body-regions',
  phase: 1,
  run(ctx) {
    const { tokens } = ctx
    const out: Candidate[] = []
    for (let i = 0; i + 1 < tokens.length; i++) {
      const t = tokens[i]!
      const next = tokens[i + 1]!
      if (next.gap !== ' ' || !next.cap || next.caps || !NOT_IDENTIFYING_ORGS.has(t.lower)) continue
      // (A listed place is the region even where it is also a noun: "KESB Zug", "Sozialdienst Wald".)
      const place = gazIs(next, G.PLACE) && !gazIs(next, G.NAME) && !next.sentenceStart
      if (place || (!ctx.isCommon(next) && !lexIs(next, W.NEVER) && !ctx.word(next).noun))
        out.push(ctx.span(i + 1, ctx.nameRun(i + 1, 2), 'LOCATION', 'context', 'public-body-region'))
    }
    return out
  },
}

/** Neuter and masculine articles with a preposition (de, gsw): "im Fischerstube" names the inn. */
const NEUTER_BEFORE_INN = new Set('im ins vom zum is ims bim'.split(' '))
/** The dictionary knows the word in some form (German lists Museum as a proper noun, Selbsthilfe as a compound). */
const anyWord = (w: WordInfo) => w.lower || w.noun || w.proper || w.compound

/** Group words after a hyphen: "Brenner-Gruppe", "Vitali-Konzern". */
const GROUP_TAILS = new Set('gruppe konzern holding group gruppo grupo'.split(' '))
/** Latin neuter endings of institution names: -eum, -anum, -arium, -orium. */
const LATIN_INSTITUTION = /(?:eum|anum|arium|orium)$/
const CONTRACTED_BEFORE_INSTITUTION = new Set('am im ins vom zum beim bim'.split(' '))
/** Elected councils of a commune, district or canton (de, gsw). */
const COUNCILS = new Set(
  'gemeinderat stadtrat bezirksrat kantonsrat grossrat landrat einwohnerrat regierungsrat kreisrat'.split(
    ' ',
  ),
)
/** Venues named after a person in the possessive: "Harry's Bar", "Badrutt's Palace". */
const VENUE_AFTER_POSSESSIVE = new Set(
  'palace hotel inn pub bar bistro diner café cafe restaurant grill kitchen tavern lodge'.split(' '),
)

/** English type words that follow the name: "Little Oaks Nursery", "riverside leisure (centre)". */
const EN_TYPE_AFTER = new Set(
  'nursery preschool playgroup surgery academy leisure pharmacy bakery garage clinic'.split(' '),
)
/** Words before a type word that describe it instead of naming it: "the local nursery", "the school surgery". */
const EN_GENERIC_MODIFIERS = new Set(
  (
    'local new old nearest near private public village town city day night community council primary secondary ' +
    'high main big small same other next last first dental medical health sports sport kids children childrens baby ' +
    'gp nhs vet vets animal doctor doctors dog fitness dance music art arts driving language football boxing ' +
    'hospital school uni university work works office nearby free cheap good great nice lovely usual regular ' +
    'early late full part'
  ).split(' '),
)

const nameWordBeforeType = (ctx: RuleContext, t: Token) =>
  lexIs(t, W.LETTERS) &&
  t.key.length >= 3 &&
  !t.caps &&
  !lexIs(t, W.FUNCTION) &&
  !lexIs(t, W.NEVER) &&
  !lexIs(t, W.ROLE) &&
  !lexIs(t, W.RELATION) &&
  !EN_GENERIC_MODIFIERS.has(t.key) &&
  !ctx.word(t).verb

/**
 * Organisations recognised by their shape rather than a head word in front:
 * - English names before a type word: "the Little Oaks Nursery", "at riverside leisure centre". In lower case
 *   the name needs to look like one: two words, a plural ("little acorns"), a word no dictionary knows, or no
 *   article at all ("at riverside leisure"); "the local day nursery" describes.
 * - Firms of two names joined by "&": "Marlow & Pike", in lower case when the first is no dictionary word
 *   ("fish & chips", "salt & pepper" stay) and neither is only a given name ("tom & jerry", "anna & ben").
 */
/**
 * A word with a capital inside it, of two or more parts of three letters or more ("PokerStars", "LibreLink",
 * "PuntKing", "PostFinance"): no language writes ordinary words so; it is a firm's, app's or platform's made-up
 * name. Surnames with a capital inside begin with a short particle ("McBride", "MacLeod", "DiCaprio",
 * "FitzGerald", "VanDyke"), which the part lengths and FAMILY_PREFIXES leave out; abbreviations ("FaGe") are too short.
 * Only where a name stands: after a preposition, an article or an app word, or before one ("through the
 * PuntKing app"); "a DevOps lead" describes a job. (Apps used as the medium, "on WhatsApp", are culture words
 * and leave the span again in index.ts.)
 */
const CAMEL_CASE = /^\p{Lu}\p{Ll}{2,}(?:\p{Lu}\p{Ll}{2,})+$/u
const FAMILY_PREFIXES =
  /^(?:Mac|Fitz|Van|Von|Del|Dal|Des|Dos|Das|Ten|Ter|Della|Delle|Dello|Degli|Vander|Vanden|Vonder)\p{Lu}/u
const CAMEL_BEFORE =
  /^(?:on|at|in|via|through|with|from|for|by|to|the|auf|bei|beim|bi|bim|über|ueber|uf|vo|von|vom|mit|für|fuer|zu|zur|zum|der|die|das|dem|den|de|d|su|da|dalla|alla|sulla|con|per|tramite|il|la|lo|el|en|por|app|apps|plattform|portal|website|webseite|sito|sitio|piattaforma|plataforma|aplicación|applicazione)$/
const CAMEL_AFTER =
  /^(?:app|apps|account|konto|profil|profile|website|site|sito|sitio|webseite|plattform|platform|piattaforma|plataforma|gruppe|group|gruppo|grupo|kanal|channel|canale|canal|ag|gmbh|ltd|sa|srl)$/
function camelCaseBrand(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  if (!t.cap || t.caps || t.key.length < 6 || !CAMEL_CASE.test(t.text) || FAMILY_PREFIXES.test(t.text))
    return false
  if (gazIs(t, G.MEDICATION | G.PLACE | G.NAME) || lexIs(t, W.NEVER)) return false
  const before = i > 0 ? ctx.tokens[i - 1] : undefined
  const after = ctx.tokens[i + 1]
  return (
    (before !== undefined && /^[ -]$/.test(t.gap) && CAMEL_BEFORE.test(before.lower)) ||
    (after !== undefined && /^[ -]$/.test(after.gap) && CAMEL_AFTER.test(after.lower)) ||
    // A sentence or answer of its own: "Antwort: PokerStars."
    i === 0 ||
    /[:\n]\s*$/.test(t.gap)
  )
}

/** Articles (with a preposition) before a firm's name in Italian and Spanish: "alla", "nella", "la", "el". */
const ROMANCE_FIRM_BEFORE = /^(?:la|alla|dalla|nella|della|il|al|dal|nel|del|el)$/
/** A word of working or a workplace earlier in the clause: "lavoro da due anni alla …", "in fabbrica alla …". */
const ROMANCE_WORK_BEFORE =
  /(?:lavor\p{L}*|trabaj\p{L}*|impiegat\p{L}*|assunt\p{L}*|magazzinier\p{L}*|operai\p{L}*|fabbrica|ditta|azienda|empresa|fábrica|fabrica|contratad\p{L}*|emplead\p{L}*)\s[^.!?\n:]{0,30}$/iu
/**
 * "lavoro alla Maserati di Modena", "in fabbrica alla Rheinchemie di Schweizerhalle", "trabajo en la Seat de
 * Martorell": after a word of working and "alla/nella" ("en/para la") a firm named after a family or of a word the
 * dictionaries know is the firm; "con la Rossi di Milano" (a colleague) has another preposition, and a given name
 * alone ("alla Maria di …") stays a person.
 */
function romanceWorkplace(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  const before = tokens[i - 1]!.lower
  const contracted = /^(?:alla|nella|al|nel)$/.test(before)
  const spanish = /^(?:la|el)$/.test(before) && i >= 2 && /^(?:en|para)$/.test(tokens[i - 2]!.lower)
  if (!contracted && !spanish) return false
  if (gazIs(t, G.FIRST) && !gazIs(t, G.LAST)) return false
  // (A listed name, "al Politecnico di Milano", is read whole by the gazetteer.)
  if (gazIs(t, G.PHRASE_START | G.ORGANISATION)) return false
  if (ctx.isCommon(t) || lexIs(t, W.NEVER) || lexIs(t, W.ROLE)) return false
  return ROMANCE_WORK_BEFORE.test(ctx.text.slice(Math.max(0, t.start - 60), t.start))
}

/** No dictionary of the four languages knows the word (a made-up firm name: "Vetrox"). */
const unknownToAll = (ctx: RuleContext, t: Token) =>
  (['de', 'en', 'it', 'es'] as const).every((l) => {
    const w = wordInfo(l, t.text)
    return !w.lower && !w.noun && !w.proper
  })

export const organisationShapes: Recogniser = {
  name: 'organisation-shapes',
  phase: 1,
  run(ctx) {
    const { tokens, language } = ctx
    const n = tokens.length
    const out: Candidate[] = []
    for (let i = 0; i < n; i++)
      if (camelCaseBrand(ctx, i)) out.push(ctx.span(i, i, 'ORGANIZATION', 'context', 'org-camel-case'))
    for (let i = 1; i < n; i++) {
      const t = tokens[i]!
      // "posto alla Vetrox di Bodio", "trabaja en la Metalsur de Rosario": an article, a capitalised word no
      // dictionary or name list knows, and "di"/"de" with a listed town is a firm and its seat.
      if (
        (language === 'it' || language === 'es') &&
        i + 2 < n &&
        ROMANCE_FIRM_BEFORE.test(tokens[i - 1]!.lower) &&
        t.gap === ' ' &&
        t.cap &&
        !t.caps &&
        !t.sentenceStart &&
        t.key.length >= 4 &&
        lexIs(t, W.LETTERS) &&
        /^(di|de)$/.test(tokens[i + 1]!.lower) &&
        tokens[i + 2]!.cap &&
        ((!gazIs(t, G.NAME | G.PLACE | G.COMMON) &&
          unknownToAll(ctx, t) &&
          gazIs(tokens[i + 2]!, G.PLACE) &&
          !gazIs(tokens[i + 2]!, G.NAME)) ||
          // (After a word of working the seat need not be listed: "alla Gucci di Sant'Antonino".)
          romanceWorkplace(ctx, i))
      ) {
        out.push(ctx.span(i, i, 'ORGANIZATION', 'context', 'org-romance-firm-seat'))
        continue
      }
      // "X & Y"
      if (t.gap === ' & ' && i >= 1) {
        const a = tokens[i - 1]!
        const firstNameOnly = (x: Token) => gazIs(x, G.FIRST) && !gazIs(x, G.LAST)
        if (
          nameWordBeforeType(ctx, a) &&
          lexIs(t, W.LETTERS) &&
          t.key.length >= 3 &&
          !lexIs(t, W.FUNCTION) &&
          !lexIs(t, W.NEVER) &&
          !FAMILY_FIRM_TAILS.test(t.lower) &&
          !firstNameOnly(a) &&
          !firstNameOnly(t) &&
          !a.sentenceStart
        ) {
          const capitalised = a.cap && t.cap && !ctx.isCommon(a) && !ctx.isCommon(t)
          const lower = !a.cap && !t.cap && a.lowercaseLine && !ctx.word(a).lower && !gazIs(a, G.COMMON)
          if (capitalised || lower) {
            // The firm's head word, trade word or legal form belongs to it: "Kanzlei Brandt & Hohlfeld",
            // "Alder & Crane Consulting", "Schnell & Sauber GmbH".
            const from =
              i >= 2 && a.gap === ' ' && headKind(ctx.gaz, tokens[i - 2]!.key) !== undefined ? i - 2 : i - 1
            let to = i
            const tail = (k: number) =>
              k < n &&
              tokens[k]!.gap === ' ' &&
              (TRADE_WORDS.has(tokens[k]!.lower) ||
                (ctx.gaz.orgSuffixes.has(tokens[k]!.key) &&
                  (tokens[k]!.key.length > 3 || tokens[k]!.cap || tokens[k]!.caps)))
            while (to - i < 2 && tail(to + 1)) to++
            out.push(ctx.span(from, to, 'ORGANIZATION', 'context', 'org-ampersand'))
          }
        }
        continue
      }
      // "im Fischerstube": Stube is feminine (in der Stube), so a -stube compound after a neuter or masculine
      // article is the inn's name (im Restaurant Fischerstube), not a room.
      if (
        t.cap &&
        t.key.length > 7 &&
        t.key.endsWith('stube') &&
        t.gap === ' ' &&
        NEUTER_BEFORE_INN.has(tokens[i - 1]!.lower) &&
        !ctx.isCommon(t)
      ) {
        out.push(ctx.span(i, i, 'ORGANIZATION', 'context', 'org-inn-stube'))
        continue
      }
      // "Bezirksrat Schwende", "Gemeinderat Horw": a council with its place is one body (an organisation);
      // before a person's name ("Stadtrat Meier") it is a title, so the next word is no listed name.
      if (COUNCILS.has(t.key) && i + 1 < n) {
        const next = tokens[i + 1]!
        const person = gazIs(next, G.FIRST) || gazIs(next, G.LAST)
        if (
          next.gap === ' ' &&
          next.cap &&
          !person &&
          (gazIs(next, G.PLACE) || (!ctx.isCommon(next) && !ctx.word(next).noun))
        )
          out.push(ctx.span(i, i + 1, 'ORGANIZATION', 'context', 'org-council-place'))
      }
      // "die Brenner-Gruppe hat übernommen": a name no word list knows before a hyphen and a group word.
      if (GROUP_TAILS.has(t.key) && t.gap === '-') {
        const name = tokens[i - 1]!
        if (
          name.cap &&
          name.key.length >= 3 &&
          !ctx.isCommon(name) &&
          !lexIs(name, W.NEVER) &&
          !anyWord(ctx.word(name))
        )
          out.push(ctx.span(i - 1, i - 1, 'ORGANIZATION', 'context', 'org-group-hyphen'))
        continue
      }
      // "am Lernum", "im Seniorianum": a Latin neuter that no dictionary knows, after a contracted article, names
      // an institution (the Museum and the Gymnasium are words).
      if (
        t.cap &&
        t.key.length >= 6 &&
        LATIN_INSTITUTION.test(t.key) &&
        CONTRACTED_BEFORE_INSTITUTION.has(tokens[i - 1]!.lower) &&
        !ctx.isCommon(t) &&
        !gazIs(t, G.FIRST) &&
        !gazIs(t, G.LAST) &&
        !anyWord(ctx.word(t)) &&
        !wordInfo('en', t.text).lower &&
        !wordInfo('it', t.text).lower
      ) {
        out.push(ctx.span(i, i, 'ORGANIZATION', 'context', 'org-latin-institution'))
        continue
      }
      // "Harry's Bar", "Badrutt's Palace": a possessive name before a venue word.
      if (
        VENUE_AFTER_POSSESSIVE.has(t.key) &&
        t.cap &&
        t.gap === ' ' &&
        i >= 2 &&
        tokens[i - 1]!.key === 's' &&
        (tokens[i - 1]!.gap === "'" || tokens[i - 1]!.gap === '’') &&
        tokens[i - 2]!.cap &&
        !lexIs(tokens[i - 2]!, W.NEVER)
      ) {
        out.push(ctx.span(i - 2, i, 'ORGANIZATION', 'context', 'org-possessive-venue'))
        continue
      }
      if (language !== 'en' || !EN_TYPE_AFTER.has(t.key) || t.gap !== ' ') continue
      // Up to two name words before the type word.
      let from = i
      while (from - 1 >= 0 && i - from < 2 && nameWordBeforeType(ctx, tokens[from - 1]!)) {
        from--
        if (tokens[from]!.gap !== ' ' || tokens[from]!.sentenceStart) break
      }
      if (from === i) continue
      const words = tokens.slice(from, i)
      const before = from > 0 ? tokens[from - 1] : undefined
      const article = before !== undefined && lexIs(before, W.DETERMINER)
      const preposition = before !== undefined && /^(at|from|to|in|with|by)$/.test(before.lower)
      const capitalised = words.every((w) => w.cap && !w.sentenceStart) && t.cap
      const nameLike =
        words.length >= 2 ||
        words.some(
          (w) => !ctx.word(w).lower || (w.key.length >= 5 && w.key.endsWith('s') && !w.key.endsWith('ss')),
        )
      // "at the Nelson surgery", "the Riverside clinic": a capitalised name word mid-sentence before the type word
      // in lower case names it too when it is a listed name or place ("the Covid clinic" describes).
      const namedLower =
        article &&
        !t.cap &&
        words.every((w) => w.cap && !w.sentenceStart && !ctx.isCommon(w) && gazIs(w, G.NAME | G.PLACE))
      if (!capitalised && !namedLower && !(article && nameLike) && !(preposition && !article)) continue
      let to = i
      // "riverside leisure centre"
      const after = tokens[i + 1]
      if (after && after.gap === ' ' && /^(centre|center|club|ltd|limited)$/.test(after.lower)) to = i + 1
      out.push(ctx.span(from, to, 'ORGANIZATION', 'context', 'org-type-after'))
    }
    return out
  },
}
