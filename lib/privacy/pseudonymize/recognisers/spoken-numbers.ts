import {
  anyNumberWord,
  compoundNumber,
  dayWord,
  gluedDigits,
  hundredsWord,
  numberWord,
  yearWord,
  yearWords,
} from '../number-words'
import { IBAN_LENGTHS, validPhone } from '../patterns'
import type { Token } from '../tokens'
import { G, gazIs, lexIs, W } from '../word-flags'
import type { Candidate, Recogniser, RuleContext } from './context'

/**
 * Identifiers written or dictated in words: phone numbers ("null sieben acht, drei zwei eins …",
 * "plus four four seven seven …") and dates of birth ("am zwölften März neunzehnhundertneunzig",
 * "4th May 1983", "el doce de marzo de mil novecientos noventa").
 */

const PHONE_CUE =
  /(?:nummer|telefon|tel|handy|natel|mobile?|phone|number|cell|numero|número|cellulare|telefono|teléfono|móvil|movil|whatsapp|erreichbar|anrufen|ruf|call|ring|text|chiama|llama|llám|contatto|contacto)[^\n]{0,40}$/iu

const FILLERS = new Set(['und', 'and', 'y', 'e'])
const MULTIPLIERS: Record<string, number> = {
  double: 2,
  triple: 3,
  doppel: 2,
  doppelt: 2,
  doppio: 2,
  doppia: 2,
  doble: 2,
  triplo: 3,
}
/**
 * Punctuation dictated as a word between digit groups: "sieben fünf sechs punkt eins zwei …", "oh seven nine
 * dash …", "tre due uno trattino …", "cero seis barra …". Only between two number words does it count.
 */
const SEPARATOR_WORDS = new Set(
  'punkt point dot punto komma comma virgola coma bindestrich strich gedankenstrich dash hyphen trattino guion guión slash schrägstrich barra leerschlag'.split(
    ' ',
  ),
)
/** English tens words: dictated English joins a unit to them with a space too ("forty five"). */
const EN_TENS_WORDS = new Set('twenty thirty forty fifty sixty seventy eighty ninety'.split(' '))
/** A hundreds word standing alone after its unit: "seven hundred fifty-six", "sieben hundert …". */
const HUNDRED_WORDS = new Set(['hundred', 'hundert'])

/** Whether a token can continue a run of number words (after a separator word). */
function numberElement(t: Token): boolean {
  if (/^\d{1,4}$/.test(t.text)) return true
  if (MULTIPLIERS[t.lower] !== undefined) return true
  // (The word tests, once per word: word-flags.ts.)
  return lexIs(t, W.NUMBER_ELEMENT)
}

type Run = {
  digits: string
  last: number
  /** Number words read (a glued word counts one per digit). */
  words: number
  /** Separator words read between them ("punkt", "dash"). */
  separators: number
}

/** Digits of a run of number words (and digit groups) starting at i; returns the last index used. */
function numberRun(ctx: Pick<RuleContext, 'tokens' | 'language'>, i: number): Run {
  const { tokens, language } = ctx
  let digits = ''
  let words = 0
  let separators = 0
  let last = i - 1
  let repeat = 1
  // Right after a hundreds word ("seiscientos cincuenta y dos"): the tens and units fill its zeros.
  let afterHundreds = false
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k]!
    if (k > i && !/^[\s,.;/-]*$/.test(t.gap)) break
    if (k > i && /\n/.test(t.gap)) break
    if (/^\d+$/.test(t.text)) {
      if (t.text.length > 4) break
      digits += t.text.repeat(repeat)
      repeat = 1
      afterHundreds = false
      last = k
      continue
    }
    if (MULTIPLIERS[t.lower] !== undefined) {
      repeat = MULTIPLIERS[t.lower]!
      continue
    }
    // "sieben fünf sechs punkt eins …": a spoken separator between two groups.
    if (SEPARATOR_WORDS.has(t.lower)) {
      const next = tokens[k + 1]
      if (k === last + 1 && last >= i && next && /^[ ,]*$/.test(next.gap) && numberElement(next)) {
        separators++
        afterHundreds = false
        continue
      }
      break
    }
    // "seven hundred fifty-six": a unit times a hundred, whose zeros the tens and units fill.
    if (HUNDRED_WORDS.has(t.lower) && k === last + 1 && last >= i && /[1-9]$/.test(digits) && t.gap === ' ') {
      digits += '00'
      afterHundreds = true
      last = k
      continue
    }
    // "treinta y dos", "forty-two": a tens word joined with a unit; "seven hundred and fifty-six".
    if (FILLERS.has(t.lower) && k > i && k + 1 < tokens.length) {
      const unit = numberWord(tokens[k + 1]!.lower, language)
      if (unit !== undefined && unit < 10 && /0$/.test(digits)) continue
      if (unit !== undefined && unit < 100 && afterHundreds) continue
      break
    }
    const hundreds = hundredsWord(t.lower)
    if (hundreds !== undefined) {
      digits += String(hundreds)
      afterHundreds = true
      repeat = 1
      words++
      last = k
      continue
    }
    const value = anyNumberWord(t.lower, language) ?? compoundNumber(t.lower)
    if (value === undefined) {
      // "nullsiebenneun drei drei …": digit words glued together count as so many words.
      const glued = gluedDigits(t.lower)
      if (glued === undefined) break
      afterHundreds = false
      digits += glued
      repeat = 1
      words += glued.length
      last = k
      continue
    }
    const text = String(value)
    const fillHundreds = afterHundreds && (t.gap === ' ' || FILLERS.has(tokens[k - 1]!.lower)) && value < 100
    afterHundreds = false
    if (fillHundreds) digits = digits.slice(0, -2) + text.padStart(2, '0')
    // A unit right after a tens word ("forty two", "treinta y dos") fills its zero.
    else if (
      value < 10 &&
      words > 0 &&
      /[2-9]0$/.test(digits) &&
      (t.gap === '-' ||
        FILLERS.has(tokens[k - 1]!.lower) ||
        (t.gap === ' ' && EN_TENS_WORDS.has(tokens[k - 1]!.lower)))
    )
      digits = digits.slice(0, -1) + text
    else digits += text.repeat(repeat)
    repeat = 1
    words++
    last = k
  }
  return { digits, last, words, separators }
}

/**
 * Letter names, as a country code is dictated ("ce ha" CH, "de e" DE, "i te" IT, Italian "ci acca", Spanish
 * "ce hache", English "see aitch"): the names of the Latin letters in German, English, Italian and Spanish
 * (the spelling tables of Duden, Oxford, Treccani and the RAE), and each letter itself ("c h").
 */
const LETTER_NAMES = new Map<string, string>()
for (const entry of [
  'a ah aa ay',
  'b be bee bi beh',
  'c ce ze zeh tse see cee ci',
  'd de dee di deh',
  'e ee eh',
  'f ef eff effe efe',
  'g ge gee gi geh',
  'h ha hah aitch haitch acca hache',
  'i ih ii eye',
  'j jot jay jota',
  'k ka kay kappa',
  'l el ell elle ele',
  'm em emm emme eme',
  'n en enn enne ene',
  'o oh',
  'p pe pee pi peh',
  'q ku cu qu cue',
  'r er err ar erre ere',
  's es ess esse ese',
  't te tee ti teh',
  'u uh you',
  'v vau vee vu vi uve',
  'w we weh',
  'x ix ex ics equis',
  'y ypsilon why ipsilon ye',
  'z zet zett zed zee zeta',
]) {
  const [letter, ...names] = entry.split(' ')
  for (const name of [letter!, ...names]) LETTER_NAMES.set(name, letter!.toUpperCase())
}

/** Where an IBAN's country code was dictated before its digits, and what it adds to them. */
type CountryCode = {
  code: string
  start: number
  digits: string
  /** Dictated as two letter names ("ce ha", "c h"). */
  spelled: boolean
}

/** "ce ha zwei eins …", "CH zwei eins …", "ch93 null null …": the country code right before token `from`. */
function countryCodeBefore(tokens: readonly Token[], from: number): CountryCode | undefined {
  const joined = (k: number) =>
    k >= 0 && /^[\s,.:-]*$/.test(tokens[k + 1]!.gap) && !/\n/.test(tokens[k + 1]!.gap)
  const one = tokens[from - 1]
  if (!one || !joined(from - 1)) return undefined
  const two = tokens[from - 2]
  if (two && joined(from - 2)) {
    const a = LETTER_NAMES.get(two.lower)
    const b = LETTER_NAMES.get(one.lower)
    if (a && b && IBAN_LENGTHS[a + b] !== undefined)
      return { code: a + b, start: two.start, digits: '', spelled: true }
  }
  // One token: in capitals or with its check digits ("CH", "ch93"); in lower case only "ch", since "de", "es",
  // "it", "no" are words.
  const m = /^([a-z]{2})(\d{2})?$/i.exec(one.text)
  if (!m || IBAN_LENGTHS[m[1]!.toUpperCase()] === undefined) return undefined
  if (!m[2] && one.text !== one.text.toUpperCase() && one.lower !== 'ch') return undefined
  return { code: m[1]!.toUpperCase(), start: one.start, digits: m[2] ?? '', spelled: false }
}

const IBAN_CUE = /(?:iban|konto|account|conto|cuenta|bankverbindung)[^\n]{0,30}$/iu
const AHV_CUE =
  /(?:ahv|avs|sozialversicherung|versichertennummer|social security|seguridad social|previdenza)[^\n]{0,30}$/iu

/**
 * An IBAN dictated after its country code: the digits (and the letter names of a bank code or check letter,
 * "i te sei zero ics zero cinque …") up to the registered length of its country; with a bank word before it, a
 * run of at least 15 characters that misses the length by a dictation slip counts too.
 */
function spokenIban(
  ctx: Pick<RuleContext, 'tokens' | 'language' | 'text'>,
  code: CountryCode,
  run: Run,
  cues: boolean,
) {
  const { tokens, text } = ctx
  const need = IBAN_LENGTHS[code.code]! - 2
  let length = code.digits.length + run.digits.length
  const pieces = [{ length, last: run.last }]
  let k = run.last + 1
  for (let letters = 0; length < need && letters < 4 && k < tokens.length; letters++) {
    const t = tokens[k]!
    const letter = LETTER_NAMES.get(t.lower)
    if (!letter || !/^[\s,.-]*$/.test(t.gap) || /\n/.test(t.gap)) break
    length++
    pieces.push({ length, last: k })
    const next = numberRun(ctx, k + 1)
    if (next.last <= k) break
    length += next.digits.length
    pieces.push({ length, last: next.last })
    k = next.last + 1
  }
  const exact = pieces.find((p) => p.length === need)
  if (exact) return { start: code.start, last: exact.last }
  if (cues && pieces[0]!.length >= 13 && IBAN_CUE.test(text.slice(Math.max(0, code.start - 50), code.start)))
    return { start: code.start, last: run.last }
  return undefined
}

/**
 * An AHV number or IBAN dictated in words (or with a spoken separator or letter names between digit groups, which
 * the digit patterns do not read): "sieben fünf sechs punkt eins zwei …", "ce ha neun drei null null …". Shape
 * alone decides, as for the written forms (patterns.ts): 756 and ten more digits; a registered IBAN length.
 */
function strongId(
  ctx: Pick<RuleContext, 'tokens' | 'language' | 'text'>,
  from: number,
  run: Run,
  cues: boolean,
): Candidate | undefined {
  // Most runs are one word ("ein", "una"): no identifier starts so short.
  if (run.digits.length < 2) return undefined
  const { tokens, text } = ctx
  const spoken = run.words + run.separators > 0
  const start = tokens[from]!.start
  const end = tokens[run.last]!.end
  if (spoken && run.digits.length === 13 && run.digits.startsWith('756'))
    return { start, end, type: 'AHV', source: 'pattern', rule: 'spoken-ahv' }
  // The old eleven-digit AHV number only after a word for it.
  if (cues && spoken && run.digits.length === 11 && AHV_CUE.test(text.slice(Math.max(0, start - 50), start)))
    return { start, end, type: 'AHV', source: 'pattern', rule: 'spoken-ahv' }
  const code = countryCodeBefore(tokens, from)
  // Digit groups after a code written as one token are the digit patterns' ("CH93 0076 …", "No. 756…").
  if (!code || run.digits.length < 2 || (!spoken && !code.spelled)) return undefined
  const iban = spokenIban(ctx, code, run, cues)
  if (!iban) return undefined
  return {
    start: iban.start,
    end: tokens[iban.last]!.end,
    type: 'IBAN',
    source: 'pattern',
    rule: 'spoken-iban',
  }
}

/**
 * Whether the digit groups from `from` on are followed, in the same run, by a word numberRun reads (a number,
 * separator, multiplier, hundred or filler word): else the run holds digits only, which are the patterns' part.
 */
function wordAfterDigits(tokens: readonly Token[], from: number): boolean {
  let k = from + 1
  while (k < tokens.length && RUN_GAP.test(tokens[k]!.gap) && DIGIT_GROUP.test(tokens[k]!.text)) k++
  const t = tokens[k]
  if (!t || !RUN_GAP.test(t.gap)) return false
  return (
    SEPARATOR_WORDS.has(t.lower) ||
    MULTIPLIERS[t.lower] !== undefined ||
    HUNDRED_WORDS.has(t.lower) ||
    FILLERS.has(t.lower) ||
    numberElement(t)
  )
}
const RUN_GAP = /^[\s,.;/-]*$/
const DIGIT_GROUP = /^\d{1,4}$/

/**
 * Runs of number words: AHV numbers and IBANs (strongId), then phone numbers. `strong` reads only what shape
 * alone decides (AHV, IBAN of the registered length, a phone number from its trunk 0 or a plus that the phone
 * parser validates): the leak check's part.
 */
function dictatedNumbers(
  ctx: Pick<RuleContext, 'tokens' | 'language' | 'text'>,
  out: Candidate[],
  strong = false,
) {
  const { tokens, text } = ctx
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const plus = t.lower === 'plus' || t.lower === 'più' || t.lower === 'más'
    const from = plus ? i + 1 : i
    if (from >= tokens.length) continue
    const first = tokens[from]!
    // A digit group starts a run only for the strong identifiers ("756 punkt 1208 punkt …").
    const c0 = first.text.charCodeAt(0)
    const digitFirst = c0 >= 48 && c0 <= 57 && first.text.length <= 4 && /^\d+$/.test(first.text)
    const digitStart = !plus && digitFirst
    // "plus 49 89 2345 6781": the plus spoken, the groups written as digits (dictation writes numbers as it
    // hears them); the phone parser alone decides, as the country code gives the number its shape.
    if (plus && digitFirst) {
      const run = numberRun(ctx, from)
      if (
        run.last > from &&
        run.digits.length >= 9 &&
        run.digits.length <= 15 &&
        validPhone(`+${run.digits}`)
      ) {
        out.push({
          start: t.start,
          end: tokens[run.last]!.end,
          type: 'PHONE',
          source: 'pattern',
          rule: 'spoken-phone',
        })
        i = run.last
      }
      continue
    }
    if (!digitStart && !lexIs(first, W.NUMBER_START)) continue
    // A digit group reads as a strong identifier only after a spelled country code or before a word that
    // continues the run; most digit groups ("seit 2019", "Seestrasse 14") have neither (numberRun is dear).
    if (digitStart && !LETTER_NAMES.has(tokens[from - 1]?.lower ?? '') && !wordAfterDigits(tokens, from))
      continue
    const run = numberRun(ctx, from)
    const id = plus ? undefined : strongId(ctx, from, run, !strong)
    if (id) {
      out.push(id)
      i = run.last
      while (i + 1 < tokens.length && tokens[i + 1]!.start < id.end) i++
      continue
    }
    if (digitStart) continue
    if (run.words < 3 || run.digits.length < 9 || run.digits.length > 14) {
      i = Math.max(i, run.last)
      continue
    }
    const cue = !strong && PHONE_CUE.test(text.slice(Math.max(0, t.start - 60), t.start))
    const precededByPlus = plus || /\+\s*$/.test(t.gap)
    if (
      (precededByPlus || cue || run.digits.startsWith('0')) &&
      (!strong || validPhone(`${precededByPlus ? '+' : ''}${run.digits}`))
    ) {
      out.push({
        start: t.start - (/\+\s*$/.test(t.gap) ? t.gap.length - t.gap.indexOf('+') : 0),
        end: tokens[run.last]!.end,
        type: 'PHONE',
        source: 'pattern',
        rule: 'spoken-phone',
      })
    }
    i = run.last
  }
}

/**
 * The leak check's reading of dictated numbers (R7.2 fail closed): AHV numbers, IBANs and phone numbers in words
 * that shape alone identifies, with no cue words, so that placeholders around them change nothing.
 */
export function spokenStrongSpans(
  text: string,
  tokens: Token[],
  language: RuleContext['language'],
): Candidate[] {
  const out: Candidate[] = []
  dictatedNumbers({ text, tokens, language }, out, true)
  return out
}

const MONTHS = new Map<string, number>()
for (const [i, names] of [
  // Swiss German spellings too: the written dialect forms (Bernese "Ouguscht", "Oktoober", Valais "Augschte")
  // with their -e/-ä endings, and the old month names the Idiotikon records ("Hornig" February, "Brachet" June,
  // "Heuet" July, "Wymonet" October, "Chrischtmonet" December).
  'januar jänner jenner januaar jänuar january gennaio enero',
  'februar feber hornig hornung horner februaar february febbraio febrero',
  'märz maerz merz märze märzä meerz march marzo',
  'april aprill abrell aprille aprell abrill aprile abril',
  'mai maie meie maiä may maggio mayo',
  'juni juuni brachet brachmonet june giugno junio',
  'juli juuli heuet heumonet july luglio julio',
  'august ougscht ouguscht ougschte ougste augscht auguscht augschte auguschte augste ouguschte agosto',
  'september septämber septämbr herbschtmonet september settembre septiembre setiembre',
  'oktober oktoober oktöber oktobr wymonet weinmonet october ottobre octubre',
  'november novämber novämbr wintermonet novembre noviembre',
  'dezember dezämber dezämbr chrischtmonet christmonet december dicembre diciembre',
].entries())
  for (const name of names.split(' ')) MONTHS.set(name, i + 1)
/** The old names are season words too ("im Heuet" is haymaking time): a month only with a day before it. */
const OLD_MONTHS = new Set(
  'hornig hornung horner brachet brachmonet heuet heumonet herbschtmonet wymonet weinmonet wintermonet chrischtmonet christmonet'.split(
    ' ',
  ),
)

// Valais "gibore" and Bernese "gebore" (with "geb") for born.
const DOB_CUE =
  /(?:geb|gibore|geboren|geburtsdatum|geburtstag|jahrgang|born|birth|birthday|nato|nata|nascita|nacque|nacido|nacida|nació|nacimiento|cumpleaños|compleanno)[^\n]{0,40}$/iu

/** The cue after the date: "am … geboren", Swiss German "… uf d wält cho", "… zur Welt gekommen". */
const DOB_CUE_AFTER =
  /^[^\n.!?]{0,12}?(?:geboren|gebore|gibore|uf d wält|uf d wäut|auf die welt|zur welt|zur wält|born|nato|nata|nacido|nacida|nació|nacque)/iu

function dayBefore(tokens: Token[], m: number): { index: number; words: boolean } | undefined {
  let k = m - 1
  // "the fourth of May", "el doce de marzo".
  if (k >= 0 && /^(of|de|di)$/.test(tokens[k]!.lower)) k--
  if (k < 0) return undefined
  const t = tokens[k]!
  if (/^\d{1,2}(?:st|nd|rd|th)?$/.test(t.text))
    return Number.parseInt(t.text, 10) <= 31 ? { index: k, words: false } : undefined
  if (dayWord(t.lower) !== undefined) {
    // "twenty-first", "treinta y uno", "einunddreissigsten" (one word already).
    const before = tokens[k - 1]
    if (before && (t.gap === '-' || t.gap === ' ') && /^(twenty|thirty|treinta|veinte)$/.test(before.lower))
      return { index: k - 1, words: true }
    if (
      before &&
      /^y$/.test(before.lower) &&
      tokens[k - 2] &&
      /^(treinta|veinte)$/.test(tokens[k - 2]!.lower)
    )
      return { index: k - 2, words: true }
    return { index: k, words: true }
  }
  return undefined
}

/** Italian and Spanish name a year of the last century by its two digits: "del trentadue", "del noventa y uno". */
function twoDigitYear(tokens: Token[], k: number): { last: number; year: number } | undefined {
  const t = tokens[k]!
  const value = numberWord(t.lower, 'it') ?? numberWord(t.lower, 'es')
  if (value === undefined || value < 10) return undefined
  const y = tokens[k + 1]
  const unit = y?.lower === 'y' && tokens[k + 2] ? numberWord(tokens[k + 2]!.lower, 'es') : undefined
  if (unit !== undefined && unit > 0 && unit < 10 && value % 10 === 0 && value >= 30)
    return { last: k + 2, year: 1900 + value + unit }
  return { last: k, year: 1900 + value }
}

const EN_ORDINAL_UNITS = /^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)$/

/** Words k … k+n-1 on one line, nothing but spaces or hyphens between them. */
function joinedWords(tokens: readonly Token[], k: number, n: number): boolean {
  for (let j = k + 1; j < k + n; j++) if (!/^[ -]$/.test(tokens[j]!.gap)) return false
  return true
}

type YearPart = { last: number; year: number; words: boolean; twoDigits?: boolean }

function yearAfter(ctx: RuleContext, m: number): YearPart | undefined {
  const { tokens } = ctx
  let k = m + 1
  // "March twelfth, nineteen ninety", "12 de marzo de 1990".
  let dayAfter: number | undefined
  if (
    k < tokens.length &&
    (dayWord(tokens[k]!.lower) !== undefined || /^\d{1,2}(?:st|nd|rd|th)?$/.test(tokens[k]!.text))
  ) {
    dayAfter = k
    k++
  } else if (
    // "August twenty second", "August thirty-first".
    k + 1 < tokens.length &&
    /^(twenty|thirty)$/.test(tokens[k]!.lower) &&
    /^[ -]$/.test(tokens[k + 1]!.gap) &&
    EN_ORDINAL_UNITS.test(tokens[k + 1]!.lower)
  ) {
    dayAfter = k + 1
    k += 2
  }
  if (k < tokens.length && /^(de|del|of)$/.test(tokens[k]!.lower)) k++
  const t = tokens[k]
  if (!t || /\n/.test(t.gap)) return undefined
  if (/^(?:19|20)\d{2}$/.test(t.text)) return { last: k, year: Number(t.text), words: false }
  if (/^\d{2}$/.test(t.text) && dayAfter === undefined)
    return { last: k, year: 1900 + Number(t.text), words: false }
  // Several words first: "neunzehnhundert neunzig" is one year, not 1900 and a number.
  const several = yearWords(tokens.slice(k, k + 6).map((x) => x.lower))
  if (several && several.used >= 2 && joinedWords(tokens, k, several.used))
    return { last: k + several.used - 1, year: several.year, words: true }
  const one = yearWord(t.lower)
  if (one !== undefined) return { last: k, year: one, words: true }
  if (k > m + 1 && tokens[k - 1]!.lower === 'del') {
    const two = twoDigitYear(tokens, k)
    if (two) return { ...two, words: true, twoDigits: true }
  }
  return undefined
}

/** A form's answer line takes its cue from the question above: "Fecha de nacimiento?\nRespuesta: el dos …". */
const ANSWER_LABEL = /^[\p{L}\p{N} ]{0,24}:[ \t]*(?:\p{L}{1,3}[ \t]+)?$/u

function cueBefore(text: string, start: number): boolean {
  if (DOB_CUE.test(text.slice(Math.max(0, start - 60), start))) return true
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  if (lineStart === 0 || !ANSWER_LABEL.test(text.slice(lineStart, start))) return false
  return DOB_CUE.test(text.slice(Math.max(0, lineStart - 80), lineStart - 1).replace(/[?:]\s*$/, ''))
}

function birthDates(ctx: RuleContext, out: Candidate[], year: number) {
  const { tokens, text } = ctx
  for (let m = 0; m < tokens.length; m++) {
    if (!MONTHS.has(tokens[m]!.lower)) continue
    const day = dayBefore(tokens, m)
    if (!day && OLD_MONTHS.has(tokens[m]!.lower)) continue
    const yearPart = yearAfter(ctx, m)
    if (!yearPart) {
      dayMonthBirthday(ctx, out, m, day?.index)
      continue
    }
    const dayAfterMonth = yearPart.last > m + 1 && dayWord(tokens[m + 1]!.lower) !== undefined
    // Only what the digit patterns do not already cover: some part in words, or an ordinal suffix.
    const words =
      yearPart.words ||
      day?.words ||
      dayAfterMonth ||
      /\d(?:st|nd|rd|th)$/.test(tokens[day?.index ?? m]!.text)
    if (!words) continue
    const start = tokens[day?.index ?? m]!.start
    const end = tokens[yearPart.last]!.end
    const cue = cueBefore(text, start) || DOB_CUE_AFTER.test(text.slice(end, end + 40))
    // A two-digit year in words ("del noventa y uno") is a birth date only next to a cue.
    if (!cue && (yearPart.twoDigits || !(yearPart.year <= year - 14 && yearPart.year >= 1900))) continue
    out.push({
      start,
      end,
      type: 'DATE_OF_BIRTH',
      source: 'pattern',
      rule: 'spoken-date',
    })
    m = yearPart.last
  }
}

/**
 * A birthday names the day and month only: "an meinem Geburtstag, dem siebten Oktober", "geboren am 9. Juni",
 * "my birthday is June ninth". Without a year the cue must be tight: a birthday or birth word shortly before
 * in the same sentence, a birthday word after ("am neunten juni hat sie geburtstag"), or someone turning an
 * age in the same sentence ("am neunten juni wird mein bruder vierzig", "el nueve de junio cumple cuarenta").
 */
const BIRTHDAY_BEFORE =
  /(?<![\p{L}])(?:geburtstag\p{L}*|geburi|geburtsdatum|geboren|gebore|birthday|born|date of birth|compleanno|nato|nata|nacque|nascita|cumpleaños|cumple|nacido|nacida|nació|nacimiento|anniversaire|née?)[^\n.!?]{0,30}$/iu
const BIRTHDAY_AFTER =
  /^[^\n.!?]{0,40}?(?<![\p{L}])(?:geburtstag|geburi|birthday|compleanno|cumpleaños|anniversaire|geboren|gebore|born|nato|nata|nacido|nacida|nació|nacque)(?![\p{L}])/iu
/** Verbs of turning an age: "wird vierzig", "turns forty", "compie quarant'anni", "cumple cuarenta". */
const TURNS = new Set(
  'wird werde wirst wurde turns turned turning compie compio compirà compiuto cumple cumplo cumplirá cumplió'.split(
    ' ',
  ),
)

const AGE_WORDS = new Set('jahre jahr jährig years year yrs años anni'.split(' '))
const OLD_WORDS = new Set('alt old'.split(' '))

function dayMonthBirthday(ctx: RuleContext, out: Candidate[], m: number, dayIndex: number | undefined) {
  const { tokens, text, language } = ctx
  let first = dayIndex
  let last = m
  // "June ninth", "June 9th": the day after the month (English).
  if (first === undefined) {
    const after = tokens[m + 1]
    if (
      !after ||
      after.gap !== ' ' ||
      !(dayWord(after.lower) !== undefined || /^\d{1,2}(?:st|nd|rd|th)?$/.test(after.text))
    )
      return
    if (/^\d/.test(after.text) && Number.parseInt(after.text, 10) > 31) return
    first = m
    last = m + 1
  }
  const start = tokens[first]!.start
  const end = tokens[last]!.end
  let cue = BIRTHDAY_BEFORE.test(text.slice(Math.max(0, start - 50), start))
  if (!cue) cue = BIRTHDAY_AFTER.test(text.slice(end, end + 60))
  if (!cue) {
    // Someone turning an age later in the same sentence.
    for (let k = last + 1, verb = -1; k < tokens.length && k <= last + 10; k++) {
      const t = tokens[k]!
      if (/[.!?\n]/.test(t.gap)) break
      if (verb < 0) {
        if (TURNS.has(t.lower)) verb = k
        continue
      }
      if (k - verb > 4) break
      // A thing that turns an age is no person: "Am 4. Mai wird das Haus zwei Jahre alt" (a German noun that
      // names no relative or role, and no name).
      if (
        language === 'de' &&
        t.cap &&
        !lexIs(t, W.RELATION | W.ROLE) &&
        // (After an article or a possessive a capitalised word is a noun even where the dictionary lists it
        // like a name: "unsere Firma".)
        ((ctx.word(t).noun && (!gazIs(t, G.NAME) || (k > verb + 1 && !tokens[k - 1]!.cap))) ||
          (k > verb + 1 && lexIs(tokens[k - 1]!, W.DETERMINER) && !gazIs(t, G.NAME)))
      )
        break
      const age = /^\d{1,3}$/.test(t.text) ? Number(t.text) : anyNumberWord(t.lower, language)
      if (age === undefined || age < 1 || age > 120) continue
      // The age closes the clause ("wird mein bruder vierzig,", "cumple cuarenta años."), unlike a
      // measure ("wird die Sitzung zwei Stunden dauern").
      let close = k + 1
      if (AGE_WORDS.has(tokens[close]?.lower ?? '')) close++
      if (OLD_WORDS.has(tokens[close]?.lower ?? '')) close++
      const next = tokens[close]
      cue = !next || /^\s*[,;:.!?)\n–-]/.test(next.gap)
      break
    }
  }
  if (!cue) return
  out.push({ start, end, type: 'DATE_OF_BIRTH', source: 'pattern', rule: 'spoken-date-birthday' })
}

/** A dictated questionnaire puts the question on its own line: "frage eins name und geburtsdatum\n…". */
function cueOnLineAbove(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1)
  if (lineStart <= 0) return false
  const above = text.slice(text.lastIndexOf('\n', lineStart - 1) + 1, lineStart)
  return DOB_CUE.test(above.replace(/[\s?:]+$/, ''))
}

/** A German ordinal form ("elfter", "zwölften", "drittes"): spoken dates name the month with one too. */
/**
 * An ordinal's ending: "-te", "-ten", "-ter", "-tes", "-tem", Swiss "-ti" (after t, st or scht, all ending in t).
 * By character codes, not an end-anchored regex: it is asked of every token of a German text.
 */
const deOrdinalForm = (w: string): boolean => {
  const n = w.length
  const last = w.charCodeAt(n - 1)
  // e, i: "-te", "-ti"
  if (last === 101 || last === 105) return w.charCodeAt(n - 2) === 116
  // n, r, s, m after e: "-ten", "-ter", "-tes", "-tem"
  if (last === 110 || last === 114 || last === 115 || last === 109)
    return w.charCodeAt(n - 2) === 101 && w.charCodeAt(n - 3) === 116
  return false
}

/**
 * "elfter elfter zweitausendeins", "am dritten zwölften neunzehnhundertneunzig": German dictates a date as two
 * ordinals and a year; next to a birth cue the second ordinal (1–12) is the month.
 */
function ordinalMonthDates(ctx: RuleContext, out: Candidate[]) {
  const { tokens, text } = ctx
  for (let d = 0; d + 2 < tokens.length; d++) {
    const day = tokens[d]!
    if (!deOrdinalForm(day.lower) || dayWord(day.lower) === undefined) continue
    const month = tokens[d + 1]!
    const monthValue = deOrdinalForm(month.lower) ? dayWord(month.lower) : undefined
    if (monthValue === undefined || monthValue > 12 || month.gap !== ' ') continue
    const y = tokens[d + 2]!
    if (y.gap !== ' ' || !(yearWord(y.lower) !== undefined || /^(?:19|20)\d{2}$/.test(y.text))) continue
    if (
      !cueBefore(text, day.start) &&
      !cueOnLineAbove(text, day.start) &&
      !DOB_CUE_AFTER.test(text.slice(y.end, y.end + 40))
    )
      continue
    out.push({
      start: day.start,
      end: y.end,
      type: 'DATE_OF_BIRTH',
      source: 'pattern',
      rule: 'spoken-date-ordinal-month',
    })
    d += 2
  }
}

export function spokenNumbers(year: number): Recogniser {
  return {
    name: 'spoken-numbers',
    phase: 1,
    run(ctx) {
      const out: Candidate[] = []
      dictatedNumbers(ctx, out)
      birthDates(ctx, out, year)
      if (ctx.language === 'de') ordinalMonthDates(ctx, out)
      return out
    },
  }
}
