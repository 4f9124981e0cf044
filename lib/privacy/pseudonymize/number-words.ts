import { Memo } from './memo'
import type { Language } from './types'

/**
 * Numbers written in words, as dictated phone numbers and dates are (de incl. Swiss German, en, it, es):
 * a token's value 0–99 (or a year such as "neunzehnhundertneunzig", "millenovecentonovanta"), ordinals
 * for days ("zwölften", "twelfth", "primo", "primero"). Enough to recognise identifiers, not a full grammar.
 */

const table = (entries: string) => {
  const map = new Map<string, number>()
  for (const entry of entries.trim().split(/\s*,\s*/)) {
    const [value, ...forms] = entry.split(/\s+/)
    for (const form of forms) map.set(form, Number(value))
  }
  return map
}

// Swiss German counts with a final -i when the number stands alone, as in dictation ("füfi", "sibni",
// "nüni"): every dialect spelling of a unit has that form too (Bernese, Zürich, Basel, Eastern CH).
// Valais spellings too ("drii", "fiifi", "zwelfi"; Idiotikon, Valais grammar forms).
const DE_UNITS = table(`
  0 null nüll nul, 1 eins ein eis äis eine, 2 zwei zwöi zwo zwee zwoi zwöü zwäi, 3 drei drü drüü drüi drii,
  4 vier vieri, 5 fünf füf föif foif fünfi föifi füüf füüfi füfi foifi fiif fiifi, 6 sechs sächs sächsi sechsi,
  7 sieben sibe sibni siebe siebni sibeni, 8 acht achti, 9 neun nün nüün nüni nüüni
`)
// Bernese writes the teens with -zä ("drizä", "füfzä") and the tens alone with -zgi ("füfzgi").
const DE_TEENS = table(`
  10 zehn zäh zää zä zähni zäni, 11 elf elfi euf eufi öuf öufi, 12 zwölf zwölfi zwöuf zwöufi zwelf zwelfi,
  13 dreizehn drizäh drüzäh drizää drizä drüzä, 14 vierzehn vierzäh vierzää vierzä,
  15 fünfzehn füfzäh föifzäh füüfzäh föifzää füfzä föifzä, 16 sechzehn sächzäh sächzää sächzä,
  17 siebzehn sibezäh sibzäh sibezää sibezä sibzä, 18 achtzehn achtzäh achtzää achzä achtzä,
  19 neunzehn nünzäh nüünzäh nünzää nüünzää nünzä nüünzä
`)
const DE_TENS = table(`
  20 zwanzig zwänzg zwänzig zwänzgi zwanzg, 30 dreissig dreißig drissg drissig drüssg drissgi driissg,
  40 vierzig vierzg vierzgi, 50 fünfzig füfzg föifzg füüfzg füfzgi föifzgi, 60 sechzig sächzg sechzg sächzgi,
  70 siebzig sibezg sibzg sibezgi, 80 achtzig achtzg achzg achtzgi, 90 neunzig nünzg nüünzg nünzgi nüünzgi
`)
const EN_UNITS = table(
  `0 zero oh o nought, 1 one, 2 two, 3 three, 4 four, 5 five, 6 six, 7 seven, 8 eight, 9 nine`,
)
const EN_TEENS = table(`
  10 ten, 11 eleven, 12 twelve, 13 thirteen, 14 fourteen, 15 fifteen, 16 sixteen, 17 seventeen, 18 eighteen, 19 nineteen
`)
const EN_TENS = table(`20 twenty, 30 thirty, 40 forty, 50 fifty, 60 sixty, 70 seventy, 80 eighty, 90 ninety`)
const IT_SMALL = table(`
  0 zero, 1 uno un una, 2 due, 3 tre tré, 4 quattro, 5 cinque, 6 sei, 7 sette, 8 otto, 9 nove, 10 dieci, 11 undici,
  12 dodici, 13 tredici, 14 quattordici, 15 quindici, 16 sedici, 17 diciassette, 18 diciotto, 19 diciannove
`)
const IT_TENS = table(
  `20 venti vent, 30 trenta trent, 40 quaranta quarant, 50 cinquanta cinquant, 60 sessanta sessant, 70 settanta settant, 80 ottanta ottant, 90 novanta novant`,
)
const ES_SMALL = table(`
  0 cero, 1 uno un una, 2 dos, 3 tres, 4 cuatro, 5 cinco, 6 seis, 7 siete, 8 ocho, 9 nueve, 10 diez, 11 once, 12 doce,
  13 trece, 14 catorce, 15 quince, 16 dieciséis dieciseis, 17 diecisiete, 18 dieciocho, 19 diecinueve, 20 veinte,
  21 veintiuno veintiún, 22 veintidós veintidos, 23 veintitrés veintitres, 24 veinticuatro, 25 veinticinco,
  26 veintiséis veintiseis, 27 veintisiete, 28 veintiocho, 29 veintinueve
`)
const ES_TENS = table(`30 treinta, 40 cuarenta, 50 cincuenta, 60 sesenta, 70 setenta, 80 ochenta, 90 noventa`)
const ES_HUNDREDS = table(`
  100 cien ciento, 200 doscientos, 300 trescientos, 400 cuatrocientos, 500 quinientos, 600 seiscientos,
  700 setecientos, 800 ochocientos, 900 novecientos
`)

const IT_HUNDREDS = table(`
  100 cento, 200 duecento, 300 trecento, 400 quattrocento, 500 cinquecento, 600 seicento, 700 settecento,
  800 ottocento, 900 novecento
`)

/**
 * A group dictated as one compound of 100–9999: "siebenhundertsechsundfünfzig", Swiss "sibehundertsächsefüfzg",
 * "zwöituusigdrü", Italian "settecentocinquantasei" (an AHV or phone number read in groups); a lower-case word.
 * Memoised (bounded).
 */
export function compoundNumber(word: string): number | undefined {
  // Asked of every token of a text: the shortest compounds ("hundert", "tausend", "centuno") have seven letters,
  // and each holds its hundred or thousand; only those reach the cache.
  if (word.length < 7) return undefined
  const w = word
  const hundreds = w.includes('hund') || w.includes('tus') || w.includes('taus') || w.includes('tuus')
  if (!hundreds && !w.includes('cent')) return undefined
  let value = compoundCache.get(w)
  if (value === undefined) {
    value = (hundreds ? germanCompound(w) : italianBelowThousand(w)) ?? null
    if (value !== null && value < 100) value = null
    compoundCache.set(w, value)
  }
  return value ?? undefined
}
const compoundCache = new Memo<string, number | null>(20_000)

/** German 100–9999 in one word: [head]tausend[head]hundert[rest], the heads 1–99, the joiners "und"/"e". */
function germanCompound(w: string): number | undefined {
  let value = 0
  let rest = w
  const thousand = /^(.*?)(?:tausend|tusig|tuusig|tausig)(.*)$/.exec(rest)
  if (thousand) {
    const head = thousand[1] ? german(thousand[1]) : 1
    if (head === undefined || head < 1) return undefined
    value += head * 1000
    rest = thousand[2]!
  }
  const hundred = /^(.*?)(?:hundert|hundärt)(.*)$/.exec(rest)
  if (hundred) {
    const head = hundred[1] ? (german(hundred[1]) ?? german(hundred[1].replace(/^(?:und|e)/, ''))) : 1
    if (head === undefined || head < 1) return undefined
    value += head * 100
    rest = hundred[2]!
  }
  if (!thousand && !hundred) return undefined
  if (!rest) return value
  const tail = german(rest) ?? german(rest.replace(/^(?:und|e)/, ''))
  return tail === undefined ? undefined : value + tail
}

/** A hundreds word, with which a dictated three-digit group begins: "seiscientos …", "seicento …". */
export function hundredsWord(word: string): number | undefined {
  const w = word.toLowerCase()
  return ES_HUNDREDS.get(w) ?? IT_HUNDREDS.get(w)
}

function german(word: string): number | undefined {
  const direct = DE_UNITS.get(word) ?? DE_TEENS.get(word) ?? DE_TENS.get(word)
  if (direct !== undefined) return direct
  // "dreiundachtzig", "neunundvierzig", Swiss German "drüevierzg", "sibenenünzg" (a linking n): unit +
  // und/e/ne/en + tens.
  for (const [form, unit] of DE_UNITS) {
    if (unit === 0 || !word.startsWith(form)) continue
    const rest = word.slice(form.length)
    // "es" links before the vowel of "achzg" in some dialect spellings ("sibenesachzg"), as "en" does.
    for (const joiner of ['und', 'e', 'ne', 'en', 'es']) {
      const tens = rest.startsWith(joiner) ? DE_TENS.get(rest.slice(joiner.length)) : undefined
      if (tens !== undefined) return tens + unit
    }
  }
  return undefined
}

function english(word: string): number | undefined {
  return EN_UNITS.get(word) ?? EN_TEENS.get(word) ?? EN_TENS.get(word)
}

function italian(word: string): number | undefined {
  const direct = IT_SMALL.get(word) ?? IT_TENS.get(word)
  if (direct !== undefined) return direct
  for (const [form, tens] of IT_TENS) {
    if (form.length < 4 || !word.startsWith(form)) continue
    const unit = IT_SMALL.get(word.slice(form.length))
    if (unit !== undefined && unit > 0 && unit < 10) return tens + unit
  }
  return undefined
}

function spanish(word: string): number | undefined {
  return ES_SMALL.get(word) ?? ES_TENS.get(word)
}

// numberWord per language, memoised: person-names asks it for many capitalised tokens, and German's compound
// scan ("dreiundachtzig") tries every unit prefix.
const numberCache: Record<Language, Memo<string, number | null>> = {
  de: new Memo(20_000),
  en: new Memo(20_000),
  it: new Memo(20_000),
  es: new Memo(20_000),
}

/** The value 0–99 of one number word, or undefined. */
export function numberWord(word: string, language: Language): number | undefined {
  const cache = numberCache[language]
  let value = cache.get(word)
  if (value === undefined) {
    value = numberWordOf(word.toLowerCase(), language) ?? null
    cache.set(word, value)
  }
  return value ?? undefined
}

function numberWordOf(w: string, language: Language): number | undefined {
  switch (language) {
    case 'de':
      return german(w) ?? english(w)
    case 'en':
      return english(w)
    case 'it':
      return italian(w)
    case 'es':
      return spanish(w)
  }
}

const anyCache = new Memo<string, number | null>(20_000)
/** Letters that start a number word in any of the languages: a cheap first test for every token. */
const NUMBER_INITIALS = /^[zneadfsvtcoqdmuäö]/

/** The cheap first test of `anyNumberWord` (tokens carry it as a bit: W.NUMBER_INITIAL). */
export function mayBeNumberWord(word: string): boolean {
  const w = word.toLowerCase()
  return !(w.length < 2 || w.length > 20 || !NUMBER_INITIALS.test(w))
}

/** Any language: dictated texts mix them ("zero sette nove" in a German transcript). Memoised per word. */
export function anyNumberWord(word: string, language: Language): number | undefined {
  if (!mayBeNumberWord(word)) return undefined
  const w = word.toLowerCase()
  let value = anyCache.get(w)
  if (value === undefined) {
    value = numberWordOf(w, language) ?? german(w) ?? italian(w) ?? spanish(w) ?? english(w) ?? null
    anyCache.set(w, value)
  }
  return value ?? undefined
}

// Digit words of all the languages, as a fast-speaking dictation glues them ("nullsiebenneun",
// "zerosettenove"). Short or article-like forms ("o", "oh", "un", "ein") are left out: too many words contain them.
const GLUE_DIGITS = new Map<string, number>()
for (const map of [DE_UNITS, EN_UNITS, IT_SMALL, ES_SMALL])
  for (const [form, value] of map)
    if (value < 10 && form.length >= 3 && !['ein', 'eine', 'una', 'uno', 'nul', 'one'].includes(form))
      GLUE_DIGITS.set(form, value)
const GLUE_SHAPE = new RegExp(
  `^(?:${[...GLUE_DIGITS.keys()].sort((a, b) => b.length - a.length).join('|')}){2,6}$`,
)
const glueCache = new Memo<string, string | null>(20_000)

function splitGlued(word: string, from: number): string | undefined {
  if (from === word.length) return ''
  for (const [form, value] of GLUE_DIGITS) {
    if (!word.startsWith(form, from)) continue
    const rest = splitGlued(word, from + form.length)
    if (rest !== undefined) return String(value) + rest
  }
  return undefined
}

/** The digits of two to six digit words glued into one token ("nullsiebenneun" = "079"), or undefined. */
export function gluedDigits(word: string): string | undefined {
  if (word.length < 6 || word.length > 40) return undefined
  let value = glueCache.get(word)
  if (value === undefined) {
    const w = word.toLowerCase()
    value = GLUE_SHAPE.test(w) ? (splitGlued(w, 0) ?? null) : null
    if (value !== null && value.length < 2) value = null
    glueCache.set(word, value)
  }
  return value ?? undefined
}

/** Italian 0–999 as one word: "novecentottantatré". */
function italianBelowThousand(word: string): number | undefined {
  if (!word) return 0
  const m = /^(due|tre|quattro|cinque|sei|sette|otto|nove)?cent(?:o)?(.*)$/.exec(word)
  if (m) {
    const hundreds = m[1] ? IT_SMALL.get(m[1])! : 1
    const rest = m[2] ? (italian(m[2]) ?? italian(`o${m[2]}`)) : 0
    return rest === undefined ? undefined : hundreds * 100 + rest
  }
  return italian(word)
}

/** A year written as one word: "neunzehnhundertneunzig", "millenovecentonovanta", "duemilatre". */
export function yearWord(word: string): number | undefined {
  let value = yearCache.get(word)
  if (value === undefined) {
    value = yearWordUncached(word) ?? null
    yearCache.set(word, value)
  }
  return value ?? undefined
}

const yearCache = new Memo<string, number | null>(20_000)

function yearWordUncached(word: string): number | undefined {
  const w = word.toLowerCase()
  // "neunzehnhundertneunzig", "zweitausenddrei"; Swiss German "nüünzähhundertsibenenünzg",
  // "zwöitusigzwänzg", "zweituusigeis": a number word, hundert/tausend/tusig/tuusig, the rest.
  let m = /^(.+?)(hundert|tausend|tusig|tuusig|tausig)(.*)$/.exec(w)
  if (m) {
    const head = german(m[1]!)
    // "zweitausendunddrei", "zwöitusigeis" (the "e" is the number's): with and without a joiner.
    const rest = m[3] ? (german(m[3]) ?? german(m[3].replace(/^(?:und|e)/, ''))) : 0
    if (head === undefined || rest === undefined) return undefined
    const year = m[2] === 'hundert' ? head * 100 + rest : head * 1000 + rest
    return year >= 1800 && year <= 2099 && (m[2] === 'hundert' ? head >= 18 : head === 2) ? year : undefined
  }
  m = /^(mille|duemila)(.*)$/.exec(w)
  if (m) {
    const rest = italianBelowThousand(m[2]!)
    if (rest === undefined) return undefined
    return (m[1] === 'duemila' ? 2000 : 1000) + rest
  }
  return undefined
}

/**
 * A year dictated in two or three words: its hundreds or thousands first ("neunzehnhundert neunzig",
 * "nünzähhundert sibenesibezg", "mille novecento ottantanove", "zweitausend drei"), or German read like English
 * in two pairs ("neunzehn neunundachtzig", "nünzä achtezwänzg").
 */
function splitYear(w: string[]): { year: number; used: number } | undefined {
  const head = w[0] ? yearWord(w[0]) : undefined
  if (head !== undefined && head % 100 === 0) {
    let year = head
    let k = 1
    const hundreds = head % 1000 === 0 ? IT_HUNDREDS.get(w[1] ?? '') : undefined
    if (hundreds !== undefined) {
      year += hundreds
      k++
    }
    const tail = german(w[k] ?? '') ?? italian(w[k] ?? '')
    if (tail !== undefined && tail > 0) year += tail
    const used = tail !== undefined && tail > 0 ? k + 1 : k
    return used >= 2 && year >= 1800 && year <= 2099 ? { year, used } : undefined
  }
  const century = DE_TEENS.get(w[0] ?? '')
  if (century === 18 || century === 19) {
    const pair = german(w[1] ?? '')
    if (pair !== undefined && pair >= 10) return { year: century * 100 + pair, used: 2 }
  }
  return undefined
}

/** A year in several words: "nineteen eighty-three", "mil novecientos noventa y tres", "two thousand and three". */
export function yearWords(words: string[]): { year: number; used: number } | undefined {
  const w = words.map((x) => x.toLowerCase())
  const split = splitYear(w)
  if (split) return split
  // English "nineteen eighty three" / "nineteen ninety"; "nineteen hundred and ninety".
  if (w[0] === 'nineteen' || w[0] === 'eighteen') {
    const century = w[0] === 'nineteen' ? 1900 : 1800
    if (w[1] === 'hundred') {
      const k = w[2] === 'and' ? 3 : 2
      const tens = english(w[k] ?? '')
      if (tens === undefined) return { year: century, used: 2 }
      const unit = tens >= 20 && tens % 10 === 0 ? EN_UNITS.get(w[k + 1] ?? '') : undefined
      return unit !== undefined && unit > 0
        ? { year: century + tens + unit, used: k + 2 }
        : { year: century + tens, used: k + 1 }
    }
    const tens = EN_TENS.get(w[1] ?? '')
    if (tens !== undefined) {
      const unit = EN_UNITS.get(w[2] ?? '')
      return unit !== undefined && unit > 0
        ? { year: century + tens + unit, used: 3 }
        : { year: century + tens, used: 2 }
    }
    const teen = EN_TEENS.get(w[1] ?? '')
    if (teen !== undefined) return { year: century + teen, used: 2 }
    if (w[1] === 'oh' || w[1] === 'o') {
      const unit = EN_UNITS.get(w[2] ?? '')
      if (unit !== undefined) return { year: century + unit, used: 3 }
    }
  }
  if (w[0] === 'two' && w[1] === 'thousand') {
    let k = 2
    if (w[k] === 'and') k++
    const unit = english(w[k] ?? '')
    return unit !== undefined ? { year: 2000 + unit, used: k + 1 } : { year: 2000, used: 2 }
  }
  // Spanish "mil novecientos noventa y tres", "dos mil tres".
  let k = 0
  let base = 0
  if (w[0] === 'mil') {
    base = 1000
    k = 1
  } else if (w[0] === 'dos' && w[1] === 'mil') {
    base = 2000
    k = 2
  } else return undefined
  const hundreds = ES_HUNDREDS.get(w[k] ?? '')
  if (hundreds !== undefined) {
    base += hundreds
    k++
  }
  const tens = ES_TENS.get(w[k] ?? '')
  if (tens !== undefined) {
    base += tens
    k++
    if (w[k] === 'y' && ES_SMALL.get(w[k + 1] ?? '') !== undefined && ES_SMALL.get(w[k + 1]!)! < 10) {
      base += ES_SMALL.get(w[k + 1]!)!
      k += 2
    }
  } else {
    const small = ES_SMALL.get(w[k] ?? '')
    if (small !== undefined) {
      base += small
      k++
    }
  }
  return { year: base, used: k }
}

// Swiss German ordinals too: "nüünte", "vierti", "vierezwänzgischte", "drissgischt".
const DE_ORDINAL_SUFFIXES =
  'ten ter te tes tem sten ster ste stes stem ti ischte ischti ischt schte schti sti'.split(' ')
const EN_ORDINALS = table(`
  1 first, 2 second, 3 third, 4 fourth, 5 fifth, 6 sixth, 7 seventh, 8 eighth, 9 ninth, 10 tenth, 11 eleventh,
  12 twelfth, 13 thirteenth, 14 fourteenth, 15 fifteenth, 16 sixteenth, 17 seventeenth, 18 eighteenth,
  19 nineteenth, 20 twentieth, 30 thirtieth
`)

/** A day of the month in words: "zwölften", "erste", "twelfth", "primo", "primero", "dodici", "doce". */
export function dayWord(word: string): number | undefined {
  let value = dayCache.get(word)
  if (value === undefined) {
    value = dayWordUncached(word) ?? null
    dayCache.set(word, value)
  }
  return value ?? undefined
}

/** Asked for the words around every month name; memoised per word (bounded). */
const dayCache = new Memo<string, number | null>(20_000)

function dayWordUncached(word: string): number | undefined {
  const w = word.toLowerCase()
  const en = EN_ORDINALS.get(w)
  if (en !== undefined) return en
  if (/^ersch?t(?:en|er|e|es|em|i)$/.test(w)) return 1
  if (/^dritt(?:en|er|e|es|em|i)$/.test(w)) return 3
  if (/^sieb(?:en|er|e|es|em)?t(?:en|er|e|es|em)$/.test(w)) return 7
  if (/^acht(?:en|er|e|es|em|i)$/.test(w)) return 8
  // Every suffix that ends the word ("sächste" is "sächs" + "te", not "säch" + "ste").
  for (const suffix of DE_ORDINAL_SUFFIXES) {
    if (w.length <= suffix.length || !w.endsWith(suffix)) continue
    const v = german(w.slice(0, -suffix.length))
    if (v !== undefined && v >= 1 && v <= 31) return v
  }
  if (w === 'primo' || w === 'primero' || w === 'primer') return 1
  const plain = italian(w) ?? spanish(w)
  if (plain !== undefined && plain >= 1 && plain <= 31) return plain
  return undefined
}
