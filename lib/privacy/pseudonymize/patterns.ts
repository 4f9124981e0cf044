import { Memo } from './memo'
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'
import { matchesAt, positionsOf, stickyOf } from './anchored'
import { DOB_CUES } from './lexicon'
import type { Span } from './types'

/**
 * Validated patterns (R7.2): each candidate is confirmed by a checksum or a parser before it counts, so
 * an amount or a year is not mistaken for a phone or an AHV number.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/uy
const URL_SCHEME = /\b(?:https?:\/\/|www\.)[^\s<>"'()]+/giu
/** What every URL_SCHEME match contains: without it the slow scan (a word boundary at every position) is skipped. */
const URL_SCHEME_GUARD = /(?:https?:\/\/|www\.)/iu
const TLDS =
  'ch|li|com|org|net|de|at|it|es|fr|io|info|eu|uk|co|me|app|dev|ly|be|nl|pt|tv|so|swiss|zuerich|example'
const BARE_DOMAIN = new RegExp(
  `(?<![\\p{L}\\p{N}@._-])(?:[\\p{L}\\p{N}-]+\\.)+(?:${TLDS})\\b(?:\\/[^\\s<>"'()]*)?`,
  'iuy',
)
const HANDLE = /(?<![\p{L}\p{N}._%+-])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?/gu
/** Handles start at an "@": run there only (the lookbehind first made the engine try every position). */
const HANDLE_AT = stickyOf(HANDLE)
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}])(?:\+|00|0|\(0)[\d ()/.\u00a0-]{7,22}\d(?![\p{N}])/gu
/**
 * A new AHV number by its shape alone (756, then 4, 4 and 2 digits; dots, spaces or none): with a failing
 * EAN-13 check digit it is still a social security number someone mistyped or made up, and masking it is the
 * safe side, as with the Swiss IBAN shape below. The 756 prefix and the fixed length keep it narrow.
 */
const AHV_NEW = /(?<![\p{N}])756[.\s\u00a0]?\d{4}[.\s\u00a0]?\d{4}[.\s\u00a0]?\d{2}(?![\p{N}])/gu
const AHV_OLD = /(?<![\p{N}.])\d{3}\.\d{2}\.\d{3}\.\d{3}(?![\p{N}])/gu
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){11,30}(?![\p{L}\p{N}])/gu
/**
 * A Swiss or Liechtenstein IBAN by its shape alone (CH/LI, two check digits, the five-digit clearing
 * number, twelve account characters; in fours or unbroken, any case): with a failing checksum it is still
 * an account number someone mistyped or made up, and masking it is the safe side. The shape is narrow
 * enough for that; other countries' IBANs still need the checksum, since the generic 15–34 character shape
 * would also take product and reference codes.
 */
const IBAN_CH_SHAPE =
  /(?<![\p{L}\p{N}])(?:CH|LI)\d{2}[ \u00a0]?\d{4}[ \u00a0]?\d[A-Z0-9]{3}(?:[ \u00a0]?[A-Z0-9]{4}){2}[ \u00a0]?[A-Z0-9](?![\p{L}\p{N}])/giu
/**
 * IBAN lengths by country code (ISO 13616 IBAN registry, SWIFT): general data, one entry per registered country.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
}
/**
 * Any country's IBAN in its printed form (country code, check digits, then groups of four, the last one
 * shorter; any case): with the registered length of its country and mostly digits it is an account number
 * even with a failing checksum (mistyped or made up), and masking it is the safe side. Unbroken, the
 * checksum still decides (`IBAN` above): a run of 15–34 characters may be a product or reference code.
 */
// The lookbehind after the first four characters: checked first, at every position, it cost five times more.
const IBAN_GROUPED =
  /[A-Z]{2}\d{2}(?<![\p{L}\p{N}][A-Z]{2}\d{2})(?:[ \u00a0][A-Z0-9]{4}){2,7}(?:[ \u00a0][A-Z0-9]{1,3})?(?![\p{L}\p{N}])/giu
/** Unbroken in any case ("es9121000418450200051332" typed on a phone): the checksum and the length decide. */
const IBAN_COMPACT_ANY_CASE = /(?<![\p{L}\p{N}])[a-z]{2}\d{2}[a-z0-9]{11,30}(?![\p{L}\p{N}])/giu
function ibanByShape(value: string): boolean {
  const compact = value.replace(/[\s\u00a0]/g, '')
  if (IBAN_LENGTHS[compact.slice(0, 2).toUpperCase()] !== compact.length) return false
  let digits = 0
  for (let k = 4; k < compact.length; k++) if (compact.charCodeAt(k) <= 57) digits++
  // Letters in a BBAN are a bank code at most ("NWBK", "BNBG", "3M02"): words are no account number.
  return digits >= (compact.length - 4) * 0.6
}
/** Grouped IBANs; a short word after the last group ("… 6789 ok") is cut off until the length fits. */
function ibanGroupedSpans(text: string): Span[] {
  const out: Span[] = []
  for (const m of text.matchAll(IBAN_GROUPED)) {
    let value = m[0]
    while (!ibanByShape(value)) {
      const cut = value.search(/[ \u00a0][A-Z0-9]+$/iu)
      if (cut < 14) break
      value = value.slice(0, cut)
    }
    if (ibanByShape(value))
      out.push({ start: m.index, end: m.index + value.length, type: 'IBAN', source: 'pattern' })
  }
  return out
}
const CARD = /(?<![\p{N}])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\p{N}])/gu

// Swiss German writes the months as spoken: "Auguscht", "Septämber", "Dezämber", "Aprille", "Merz", "Feber".
const MONTHS =
  'januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|' +
  'feber|hornig|merz|aprill|aprille|abrille|meie|maie|auguscht|augscht|septämber|oktoober|novämber|dezämber|' +
  'january|february|march|may|june|july|october|december|gennaio|febbraio|marzo|aprile|maggio|giugno|' +
  'luglio|agosto|settembre|ottobre|novembre|dicembre|enero|febrero|abril|mayo|junio|julio|septiembre|' +
  'octubre|noviembre|diciembre|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|décembre|' +
  'jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|oct|nov|dez|dec'
const NUMERIC_DATE = new RegExp(
  [
    String.raw`(?<![\p{N}.])(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)?\d{2}(?![\p{N}])`,
    String.raw`(?<![\p{N}.])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\p{N}])`,
    // Typed with spaces after the dots ("12. 8. 2001"): only with a four-digit year, so that numbered
    // lists ("1. 2. 3.") do not match.
    String.raw`(?<![\p{N}.])(?:0?[1-9]|[12]\d|3[01])\. ?(?:0?[1-9]|1[0-2])\. ?(?:19|20)\d{2}(?![\p{N}])`,
  ].join('|'),
  'gu',
)
/**
 * Dates with a month name end in a year: find the years, then look back (a month regex at every word is slow).
 * The day may carry an ordinal sign ("1° maggio 1983", "1º de mayo").
 */
const YEAR = /(?<![\p{N}])(?:19|20)\d{2}(?![\p{N}])/gu
const MONTH_DATE_BEFORE_YEAR = new RegExp(
  String.raw`(?:(?<![\p{N}])(?:0?[1-9]|[12]\d|3[01])(?:\.|°|º)?\s(?:de\s)?(?:${MONTHS})\.?,?\s(?:de\s)?|(?<![\p{L}])(?:${MONTHS})\.?\s(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s)$`,
  'iu',
)
function dateSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  for (const m of text.matchAll(NUMERIC_DATE)) out.push({ start: m.index, end: m.index + m[0].length })
  for (const m of text.matchAll(YEAR)) {
    const from = Math.max(0, m.index - 32)
    const before = MONTH_DATE_BEFORE_YEAR.exec(text.slice(from, m.index))
    if (before) out.push({ start: m.index - before[0].length, end: m.index + 4 })
  }
  return out
}
const DOB_CUE = new RegExp(
  `(?:^|[^\\p{L}])(?:${DOB_CUES.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[^\\p{L}\\n]{0,3}(?:\\p{L}+[^\\p{L}\\n]{1,3}){0,3}$`,
  'iu',
)

const PHONE_REGIONS: CountryCode[] = ['CH', 'DE', 'AT', 'IT', 'FR', 'ES', 'LI', 'GB', 'PT']

/**
 * E-mail addresses and bare domains, found from their anchor ("@", or a dot before a known TLD) and
 * expanded both ways: a regex that starts at every letter is ten times slower on long transcripts.
 */
const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u
function emailSpans(text: string): Span[] {
  const out: Span[] = []
  let at = text.indexOf('@')
  let floor = 0
  while (at !== -1) {
    let start = at
    while (start > floor && LOCAL_CHAR.test(text[start - 1]!)) start--
    let end = at + 1
    while (end < text.length && DOMAIN_CHAR.test(text[end]!)) end++
    const candidate = text.slice(start, end).replace(/[.-]+$/u, '')
    EMAIL.lastIndex = 0
    const m = EMAIL.exec(candidate)
    if (m && m.index === 0 && start < at) {
      out.push({ start, end: start + m[0].length, type: 'EMAIL', source: 'pattern' })
      floor = start + m[0].length
    }
    at = text.indexOf('@', at + 1)
  }
  return out
}

/**
 * An e-mail address read out in words (dictation, transcripts): "fer.leon75 arroba hotmail punto com",
 * "anna punto rossi chiocciola gmail punto it", "m.keller ät bluewin punkt ch", "jo_smith at gmail dot com".
 * The local part is one run of address characters, the domain words joined by a spoken or written dot and
 * closed by a known top-level domain. English "at" and Swiss "ät" are ordinary words: there the local part
 * must look like an address (a dot, digit or underscore) or the host be a mail provider.
 */
const SPOKEN_AT = /(?:^|\s)(?:arroba|chiocciola|at|ät|klammeraffe)\s/giu
const SPOKEN_DOT = `(?:\\s+(?:punto|punkt|dot|point|pünktli)\\s+|\\.)`
const SPOKEN_DOMAIN = new RegExp(
  `[\\p{L}\\p{N}-]+(?:${SPOKEN_DOT}[\\p{L}\\p{N}-]+)*?${SPOKEN_DOT}(?:${TLDS})(?![\\p{L}\\p{N}])`,
  'iuy',
)
const SPOKEN_LOCAL = /[\p{L}\p{N}._%+-]+$/u
const SPOKEN_LOCAL_DOT = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s+(?:punto|punkt|dot|point)\s+$/iu
const MAIL_HOSTS =
  /^(?:gmail|googlemail|hotmail|outlook|live|yahoo|gmx|bluewin|icloud|protonmail|proton|hispeed|sunrise|libero|web)$/iu
const SPOKEN_AT_GUARD = /(?:arroba|chiocciola|\bat\s|\sät\s|klammeraffe)/iu
function spokenEmailSpans(text: string): Span[] {
  const out: Span[] = []
  if (!SPOKEN_AT_GUARD.test(text)) return out
  for (const m of text.matchAll(SPOKEN_AT)) {
    const atStart = m.index + (m[0].length - m[0].trimStart().length)
    const local = SPOKEN_LOCAL.exec(text.slice(Math.max(0, atStart - 64), atStart - 1))
    if (!local || !/[\p{L}\p{N}]/u.test(local[0]) || text[atStart - 1] !== ' ') continue
    SPOKEN_DOMAIN.lastIndex = m.index + m[0].length
    const d = SPOKEN_DOMAIN.exec(text)
    if (!d) continue
    const word = m[0].trim().toLowerCase()
    if (
      (word === 'at' || word === 'ät') &&
      !/[._\d]/.test(local[0]) &&
      !MAIL_HOSTS.test(/^[\p{L}\p{N}-]+/u.exec(d[0])![0])
    )
      continue
    let start = atStart - 1 - local[0].length
    // A local part with spoken dots: "vanessa punkt gerber at …".
    for (let more = SPOKEN_LOCAL_DOT.exec(text.slice(Math.max(0, start - 40), start)); more;) {
      start -= more[0].length
      more = SPOKEN_LOCAL_DOT.exec(text.slice(Math.max(0, start - 40), start))
    }
    out.push({ start, end: d.index + d[0].length, type: 'EMAIL', source: 'pattern' })
  }
  return out
}

/**
 * A web address read out in words, opened by "w w w" (or "www") and a spoken dot: "w w w punkt pro senectute punkt
 * ch", "www dot my-coach dot co dot uk". The host's words may be written apart, as heard; a known top-level domain
 * closes it. Without the "www" a spoken host is too like a sentence ("… punkt ch" after an ordinary word).
 */
const SPOKEN_WEB_WORD = '[\\p{L}\\p{N}-]+'
const SPOKEN_WEB = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:w\\s+w\\s+w|www)${SPOKEN_DOT}${SPOKEN_WEB_WORD}(?:\\s+${SPOKEN_WEB_WORD}){0,3}` +
    `(?:${SPOKEN_DOT}${SPOKEN_WEB_WORD}(?:\\s+${SPOKEN_WEB_WORD}){0,3}){0,3}?${SPOKEN_DOT}(?:${TLDS})(?![\\p{L}\\p{N}])`,
  'giu',
)
const SPOKEN_WEB_GUARD = /\bw(?:\s+w\s+|w)w\s+(?:punto|punkt|dot|point|pünktli)\s/iu

const TLD_ANCHOR = new RegExp(`\\.(?:${TLDS})\\b`, 'giu')
function domainSpans(text: string): Span[] {
  const out: Span[] = []
  let floor = 0
  for (const m of text.matchAll(TLD_ANCHOR)) {
    if (m.index < floor) continue
    let start = m.index
    while (start > floor && /[\p{L}\p{N}.-]/u.test(text[start - 1]!)) start--
    BARE_DOMAIN.lastIndex = start
    const found = BARE_DOMAIN.exec(text)
    if (!found || found.index !== start) continue
    const value = found[0].replace(/[.,;:!?)\]]+$/u, '')
    out.push({ start, end: start + value.length, type: 'URL', source: 'pattern' })
    floor = start + value.length
  }
  return out
}

function spans(
  text: string,
  re: RegExp,
  type: Span['type'],
  accept?: (m: string, at: number) => boolean,
  matches: Iterable<RegExpExecArray> = text.matchAll(re),
) {
  const out: Span[] = []
  for (const m of matches) {
    let value = m[0]
    // Sentence punctuation after a URL or address belongs to the sentence.
    value = value.replace(/[.,;:!?)\]]+$/u, '')
    const start = m.index
    if (!value || (accept && !accept(value, start))) continue
    out.push({ start, end: start + value.length, type, source: 'pattern' })
  }
  return out
}

/** EAN-13 check digit over the 13 digits of a new AHV number (weights 1/3 alternating from the left). */
export function validAhv(value: string): boolean {
  const digits = value.replace(/\D/g, '')
  if (digits.length !== 13 || !digits.startsWith('756')) return false
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3)
  return (10 - (sum % 10)) % 10 === Number(digits[12])
}

/** ISO 13616 mod-97 over the rearranged IBAN. */
export function validIban(value: string): boolean {
  const iban = value.replace(/[\s\u00a0]/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let rest = 0
  for (const ch of rearranged) {
    const n = ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch)
    rest = Number(`${rest}${n}`) % 97
  }
  return rest === 1
}

export function validLuhn(value: string): boolean {
  const digits = value.replace(/\D/g, '')
  if (digits.length < 13 || digits.length > 19) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/**
 * A phone number: valid in Switzerland first, then in the neighbouring and common origin countries. An
 * international number (+44 …, 0034 …) only needs a possible length for its country: invented and
 * reserved ranges ("+44 7700 900123") are still someone's number in a text.
 */
export function validPhone(value: string): boolean {
  let valid = phoneCache.get(value)
  if (valid === undefined) {
    valid = validPhoneUncached(value)
    phoneCache.set(value, valid)
  }
  return valid
}

/** Parsing is the slow part of the pattern pass, and the same numbers recur in a client's texts (bounded). */
const phoneCache = new Memo<string, boolean>(10_000)

function validPhoneUncached(value: string): boolean {
  const digits = value.replace(/\D/g, '')
  if (digits.length < 9 || digits.length > 15) return false
  const normalised = value.replace(/\(0\)/g, '').replace(/[\u00a0]/g, ' ')
  if (normalised.startsWith('+') || normalised.startsWith('00')) {
    const international = normalised.startsWith('00') ? `+${normalised.slice(2)}` : normalised
    const parsed = parsePhoneNumberFromString(international)
    return (parsed?.isValid() || parsed?.isPossible()) ?? false
  }
  return PHONE_REGIONS.some((region) => parsePhoneNumberFromString(normalised, region)?.isValid() ?? false)
}

/**
 * Spanish and Italian numbers are dialled without a leading 0 ("612 345 678", "347 123 4567"): grouped
 * like a phone number and valid there, or next to a word for phone.
 */
const NATIONAL_WITHOUT_ZERO = /(?<![\p{L}\p{N}+.,/])[3679]\d{2}(?:[ .-]\d{2,4}){2,3}(?![\p{N}]|[.,]\d)/gu
const PHONE_WORD =
  /(?:tel|telefon|handy|natel|nummer|phone|number|mobile|cell|whatsapp|numero|número|cellulare|móvil|movil|teléfono|telefono|llama|chiama)[^\n]{0,30}$/iu
const nationalCache = new Memo<string, boolean>(10_000)

/**
 * A North American number in its own grouping, "514-555-0182", "(212) 555 0147", "646.555.0133": no trunk 0 or
 * country code, so PHONE_CANDIDATE never sees it; three, three and four digits joined by dashes or dots (or an
 * area code in brackets) are no Swiss, date or amount shape, and the number must be valid in the US or Canada.
 */
const NANP =
  /(?<![\p{L}\p{N}+.,/-])(?:\([2-9]\d{2}\)\s?[2-9]\d{2}[-.\s]|[2-9]\d{2}-[2-9]\d{2}-|[2-9]\d{2}\.[2-9]\d{2}\.)\d{4}(?![\p{N}]|[.,/-]\d)/gu
const northAmerican = (value: string) =>
  (['US', 'CA'] as const).some((region) => parsePhoneNumberFromString(value, region)?.isValid() ?? false)
function nationalWithoutZero(text: string, value: string, at: number): boolean {
  const digits = value.replace(/\D/g, '')
  if (digits.length !== 9 && digits.length !== 10) return false
  const grouped = /^\d{3} \d{3} \d{3}$|^\d{3} \d{2} \d{2} \d{2}$|^\d{3} \d{3} \d{4}$/.test(value)
  let valid = nationalCache.get(value)
  if (valid === undefined) {
    valid = (['ES', 'IT'] as const).some(
      (region) => parsePhoneNumberFromString(value, region)?.isValid() ?? false,
    )
    nationalCache.set(value, valid)
  }
  return valid && (grouped || hasCue(text, at, PHONE_WORD, 50))
}

/**
 * A number right after a phone label or a call verb ("Teléfono: 33 1845 6702", "Nummer 20 1234 5678",
 * "chiamami al 02 …", "call me on 555 0134 2210") in any country's format, with or without its trunk 0 or
 * country code: every format is valid somewhere, so the cue decides, tight (same line and sentence, no other
 * number between, at most 16 characters of words after it). Amounts, years and times do not take this shape: at
 * least eight digits in two or more groups, no decimal or thousands mark, no unit or currency after.
 */
const CUED_NUMBER =
  /(?<![\p{L}\p{N}+.,'’:/-])\d{1,4}(?:[ .\-/]\d{2,5}){1,5}(?![\p{N}]|[.,'’:]\d|\s?(?:%|‰|€|\$|£))/gu
const CUED_NUMBER_UNIT =
  /^\s?(?:chf|fr|sfr|franken|francs|eur|euro|euros|usd|dollar|uhr|h|min|km|kg|m|cm|mm|mal|jahre|años|anni|years|stück|pezzi)\b/iu
const PHONE_LABEL =
  /(?<![\p{L}])(?:tel|tél|telf|telef\p{L}*|teléf\p{L}*|téléphone|phone|handy\p{L}*|natel\p{L}*|mobil\p{L}*|móvil|movil|cel|cell\p{L}*|whatsapp|chiam\p{L}*|llam\p{L}*|llám\p{L}*|call|ring|ruf|anrufen|erreichbar|contatto|contacto|contact)\.?(?:[^\p{N}\n.!?]|\.(?!\s+\p{L})){0,16}$/iu
/**
 * "Nummer", "number", "numero" name any number ("number of sessions: 10 12 14 16"): only right before it, or
 * with a copula or preposition between ("meine Nummer ist …", "el número es …", "number: …").
 */
const NUMBER_LABEL =
  /(?<![\p{L}])(?:nummer|number|numero|número)[\s:.-]*(?:(?:ist|is|es|è|lautet|am|at|on|al|unter|a)[\s:.-]*)?$/iu
/** "2019 2024", "1998-2003": two years, not a number to call. */
const YEAR_PAIR = /^(?:19|20)\d{2}[ .\-/](?:19|20)\d{2}$/
function cuedNumberSpans(text: string): Span[] {
  const out: Span[] = []
  for (const m of text.matchAll(CUED_NUMBER)) {
    const value = m[0]
    let digits = 0
    for (let k = 0; k < value.length; k++)
      if (value.charCodeAt(k) >= 48 && value.charCodeAt(k) <= 57) digits++
    if (digits < 8 || digits > 15 || YEAR_PAIR.test(value)) continue
    const end = m.index + value.length
    if (CUED_NUMBER_UNIT.test(text.slice(end, end + 12))) continue
    const before = text.slice(Math.max(0, m.index - 40), m.index)
    if (!PHONE_LABEL.test(before) && !NUMBER_LABEL.test(before)) continue
    out.push({ start: m.index, end, type: 'PHONE', source: 'pattern' })
  }
  return out
}

function hasCue(text: string, start: number, cue: RegExp, window = 40): boolean {
  return cue.test(text.slice(Math.max(0, start - window), start))
}

const AHV_CUE = /(?:ahv|avs|avs|sv-?nr|sozialversicherung|social security|assicurazione)[^\n]{0,20}$/iu

/** Every validated-pattern span in the text. `year` is the current year (dates of birth by age). */
export function patternSpans(text: string, year: number): Span[] {
  const out: Span[] = []
  out.push(...emailSpans(text))
  out.push(...spokenEmailSpans(text))
  if (URL_SCHEME_GUARD.test(text)) out.push(...spans(text, URL_SCHEME, 'URL'))
  if (SPOKEN_WEB_GUARD.test(text)) out.push(...spans(text, SPOKEN_WEB, 'URL'))
  out.push(...domainSpans(text))
  out.push(
    ...spans(text, HANDLE, 'URL', (m) => m.length >= 4, matchesAt(text, HANDLE_AT, positionsOf(text, '@'))),
  )
  out.push(...spans(text, AHV_NEW, 'AHV'))
  out.push(...spans(text, AHV_OLD, 'AHV', (_m, at) => hasCue(text, at, AHV_CUE)))
  out.push(...spans(text, IBAN, 'IBAN', (m) => validIban(m)))
  out.push(...spans(text, IBAN_CH_SHAPE, 'IBAN'))
  out.push(...ibanGroupedSpans(text))
  out.push(...spans(text, IBAN_COMPACT_ANY_CASE, 'IBAN', (m) => ibanByShape(m) && validIban(m)))
  out.push(...spans(text, CARD, 'KARTE', (m) => validLuhn(m)))
  out.push(...spans(text, PHONE_CANDIDATE, 'PHONE', (m) => validPhone(m)))
  out.push(...spans(text, NATIONAL_WITHOUT_ZERO, 'PHONE', (m, at) => nationalWithoutZero(text, m, at)))
  out.push(...spans(text, NANP, 'PHONE', northAmerican))
  out.push(...cuedNumberSpans(text))
  for (const { start, end } of dateSpans(text)) {
    const m = text.slice(start, end)
    let birth = hasCue(text, start, DOB_CUE, 60)
    if (!birth) {
      // A full date at least 14 years back on its own is a birth date far more often than not in a
      // coaching text; an event date like that is rare and losing it costs little.
      const y = /(?:19|20)\d{2}/.exec(m)
      birth = y !== null && Number(y[0]) <= year - 14 && Number(y[0]) >= 1900
    }
    if (birth) out.push({ start, end, type: 'DATE_OF_BIRTH', source: 'pattern' })
  }
  return out
}
