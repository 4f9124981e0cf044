import { addressSpans } from './addresses'
import { contentCues, isContentWord } from './content-words'
import { isCultureWord } from './culture-words'
import { isEponym } from './eponyms'
import { isLanguageAdjective } from './language-names'
import { RELATIONS } from './lexicon'
import { gazetteer } from './gazetteer'
import { idiomRanges } from './idioms'
import {
  headAt,
  knownMatcherFor,
  knownMatches,
  matchStarts,
  personEntity,
  variantAt,
  type KnownEntity,
  type KnownMatcher,
} from './known'
import { MappingBuilder } from './mapping'
import { expireTexts, Memo, WeakMemo } from './memo'
import { wordInfo } from './dictionary'
import { fold, levenshteinAtMostOne, scanForm } from './normalize'
import { patternSpans } from './patterns'
import { petSpans } from './pet-forms'
import { entitiesOf, propagate } from './propagate'
import { ruleContext, type Recogniser } from './recognisers/context'
import { formFields } from './recognisers/fields'
import { places, placesAfterPrepositions } from './recognisers/location'
import { medications } from './recognisers/medication'
import {
  FAMILY_FIRM_TAILS,
  organisationShapes,
  organisations,
  publicBodyRegions,
} from './recognisers/organisation'
import { organisationCues } from './recognisers/organisation-cues'
import { personCues } from './recognisers/person-cues'
import { personLinks } from './recognisers/person-links'
import { personNames } from './recognisers/person-names'
import { gazetteerPhrases } from './recognisers/phrases'
import { spokenNumbers, spokenStrongSpans } from './recognisers/spoken-numbers'
import { findSuspects } from './suspects'
import { detectLanguage, tokenize, tokenStartingAt, type Token } from './tokens'
import { wordUseCheck, type WordUseCheck } from './word-use'
import { lexIs, W } from './word-flags'
import {
  emptyMapping,
  LABELS,
  type EntityType,
  type Language,
  type Mapping,
  type PseudonymizeContext,
  type PseudonymizeResult,
  type Source,
  type Span,
  type Suspect,
} from './types'

// Regexes with \p{…} hoisted: the bundle (esbuild, node20) turns such a literal into `new RegExp` at every call.
const LETTERS_ONLY = /^\p{L}+$/u
const MARKS_ALL = /\p{M}/gu
const MARKS_ONLY = /^\p{M}+$/u
const NAME_BEFORE = /(\p{Lu}[\p{L}\p{M}'-]+) $/u
const GENITIVE_S = /\p{Ll}s$/u
const FAMILY_FIRM = /(\p{Lu}[\p{Ll}\p{M}]{2,}) [&+] (\p{L}+)$/u

export * from './types'

/**
 * The pseudonymiser (R7.2, policy P1-003): identifiers out before any text leaves for an AI provider,
 * replaced by placeholders that stay the same for one client across texts. Rule-based on purpose:
 * known entities, validated patterns, gazetteers and context rules; see ../../../docs or the README.
 */

/**
 * Overlaps are decided by source (what we know beats what we infer), then by length, then by entity kind
 * (a medication or organisation reading beats a place, a place beats a person for the same words).
 */
const PRIORITY: Record<Source, number> = {
  known: 7,
  pattern: 6,
  address: 5,
  propagated: 4.5,
  context: 4,
  gazetteer: 3,
  guess: 2,
}
const KIND_RANK: Partial<Record<EntityType, number>> = {
  MEDICATION: 4,
  ORGANIZATION: 3,
  LOCATION: 2,
  PERSON: 1,
}

/** Recognisers of phase 1 (text only) and phase 2 (reads what phase 1 accepted); see recognisers/. */
const PHASE_1: readonly Recogniser[] = [
  formFields,
  personCues,
  gazetteerPhrases,
  medications,
  organisations,
  organisationShapes,
  organisationCues,
  publicBodyRegions,
  places,
  personNames,
]
const PHASE_2: readonly Recogniser[] = [personLinks, placesAfterPrepositions]

type Keyed = Span & { entity?: KnownEntity }

/**
 * Known entities as written. Variants that are ordinary words must be capitalised — except in lowercase
 * dictation ("cliente aurora gianinazzi"), where nothing is. A name that is also a word and is used as the
 * word here ("Seit dem Sommer" for Petra Sommer; word-use.ts) is left out and, if `kept` is given, listed
 * there.
 */
function knownSpans(
  text: string,
  matcher: KnownMatcher,
  tokens: readonly Token[],
  language: Language,
  kept?: Keyed[],
  idiomMask?: Uint8Array,
): Keyed[] {
  const matches: { m: RegExpMatchArray; entity: KnownEntity }[] = []
  let lowercaseNames = false
  const push = (m: RegExpMatchArray) => {
    const entity = matcher.byVariant.get(fold(m[0]))
    if (entity) matches.push({ m, entity })
  }
  const starts = matchStarts(text, matcher)
  for (const m of knownMatches(text, starts, matcher.loose, true)) {
    push(m)
    // A name written in lower case in this text: lower case says nothing about a word here.
    if (!lowercaseNames && m[0] === m[0].toLowerCase() && LETTERS_ONLY.test(m[0]))
      lowercaseNames = !wordInfo(language, m[0]).lower
  }
  for (const m of knownMatches(text, starts, matcher.strict, false)) push(m)
  // Lowercase lines are read at match starts only: the token there, found by search (no text-long mask).
  const lowerLines = matcher.strict.size > 0 && tokens.some((t) => t.lowercaseLine)
  if (lowerLines) {
    for (const m of knownMatches(text, starts, matcher.strict, true))
      if (inLowercaseLine(tokens, m.index!) && m[0] === m[0].toLowerCase()) push(m)
  }
  // Spellings that differ only in diacritics ("martín", "Celine", "Müller" for a known Martin, Céline,
  // Muller): the same rules again over the text with its marks stripped (same length, so offsets hold),
  // anchored at the words that have a mark — only a match there is new. Every variant has its unmarked
  // form too, so the stripped text meets it; the match keeps the text as written.
  const { bare, marked } = stripMarks(text)
  if (marked.length > 0) {
    const found = new Set(matches.map(({ m }) => `${m.index}:${m[0].length}`))
    const pushBare = (start: number, match: string) => {
      const written = text.slice(start, start + match.length)
      if (written === match || found.has(`${start}:${match.length}`)) return
      found.add(`${start}:${match.length}`)
      const key = fold(match)
      const entity = matcher.byVariant.get(key)
      if (!entity) return
      // An umlaut is a letter of its own in German ("Märli" is no "Marli", Marco's nickname): read away,
      // it counts only for the person's own name words ("Müller" for a Muller on file, "Müllers").
      if (
        /[äöüÄÖÜ]/.test(written) &&
        !ownNameWord(entity, key) &&
        !ownNameWord(entity, key.replace(/s$/, ''))
      )
        return
      const asWritten = Object.assign([written], { index: start }) as RegExpMatchArray
      matches.push({ m: asWritten, entity })
      if (!lowercaseNames && written === written.toLowerCase() && LETTERS_ONLY.test(written))
        lowercaseNames = !wordInfo(language, written).lower && !wordInfo(language, match).lower
    }
    // The marked offsets and the tokens are both in text order: walk them together.
    let next = 0
    for (const t of tokens) {
      while (next < marked.length && marked[next]! < t.start) next++
      if (next === marked.length) break
      if (marked[next]! >= t.end) continue
      const head = headAt(bare, t.start)
      const loose = variantAt(bare, t.start, matcher.loose, true, head)
      if (loose !== undefined) pushBare(t.start, loose)
      const strict = variantAt(bare, t.start, matcher.strict, false, head)
      if (strict !== undefined) pushBare(t.start, strict)
      const anyCase =
        lowerLines && t.lowercaseLine ? variantAt(bare, t.start, matcher.strict, true, head) : undefined
      if (anyCase !== undefined && anyCase === anyCase.toLowerCase()) pushBare(t.start, anyCase)
    }
  }
  let isWordUse: WordUseCheck | undefined
  let idiom = idiomMask
  const out: Keyed[] = []
  for (const { m, entity } of matches) {
    const start = m.index!
    const end = start + m[0].length
    // A name found in an earlier text or elsewhere in this one (the mapping; not a person the database names) is
    // followed as the detector propagates it: not into a fixed expression ("Hans was Heiri"), not as a lower-case
    // ordinary word in a text that capitalises names ("le luci" after a Luciano). Else the leak check would
    // refuse texts whose every name was replaced.
    if (entity.type === 'PERSON' && !entity.pet && !entity.anyCase && LETTERS_ONLY.test(m[0])) {
      if (!idiom) {
        idiom = new Uint8Array(text.length + 1)
        // Read off the tokens (the same ranges as a scan of every position: pseudonymize-scan-equivalence.test.ts).
        for (const r of idiomRanges(text, tokens)) idiom.fill(1, r.start, r.end)
      }
      const lowerWord =
        !lowercaseNames &&
        m[0] === m[0].toLowerCase() &&
        !inLowercaseLine(tokens, start) &&
        wordInfo(language, m[0]).lower
      if (lowerWord || (idiom[start] === 1 && idiom[end - 1] === 1)) {
        kept?.push({ start, end, type: entity.type, source: 'known', entity })
        continue
      }
    }
    if (entity.type === 'PERSON' && !entity.anyCase && /^[\p{L}\p{M}]+$/u.test(m[0])) {
      isWordUse ??= wordUseCheck(text, tokens, language, matcher, lowercaseNames, idiom)
      if (isWordUse(m[0], start, entity)) {
        kept?.push({ start, end, type: entity.type, source: 'known', entity })
        continue
      }
    }
    out.push({ start, end, type: entity.type, source: 'known', entity })
  }
  if (matcher.pets.length > 0) {
    // Pet forms of the text's people ("Lucariello", "Em-Em"): only where no known variant matched.
    const covered = new Uint8Array(text.length + 1)
    for (const { m } of matches) covered.fill(1, m.index!, m.index! + m[0].length)
    out.push(...petSpans(text, tokens, matcher, gazetteer(), language, covered))
  }
  return out
}

/**
 * Figures of the idiom list that are a person of the text here (R7.2): a one-word figure after an honorific
 * ("Dr. Casanova"; a title is the strongest cue there is — expressions of several words stay, "Frau Holle"), and
 * a figure that opens with a relation word after a possessive ("mia madre Teresa", "my mother Teresa": the
 * writer's own mother, not the saint).
 */
function withoutTitledFigures(
  ranges: { start: number; end: number }[],
  tokens: readonly Token[],
): { start: number; end: number }[] {
  if (ranges.length === 0) return ranges
  return ranges.filter((r) => {
    const k = tokenStartingAt(tokens, r.start)
    if (k <= 0) return true
    const t = tokens[k]!
    const prev = tokens[k - 1]!
    if (t.end === r.end && lexIs(prev, W.TITLE | W.TITLE_FILLER) && /^\.?\s{1,2}$/.test(t.gap)) return false
    return !(lexIs(t, W.RELATION) && t.gap === ' ' && OWN_POSSESSIVES.has(prev.lower))
  })
}
const OWN_POSSESSIVES = new Set(
  `mia mio mie miei tua tuo sua suo my your his her our mi tu su mis tus sus mein meine meinem meiner meinen
   dein deine sein seine ihr ihre unser unsere min mini mis mim`.split(/\s+/),
)

/** Is position `at` inside a token of a lowercase line? (Tokens are in text order and do not overlap.) */
function inLowercaseLine(tokens: readonly Token[], at: number): boolean {
  let lo = 0
  let hi = tokens.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid]!.start <= at) lo = mid + 1
    else hi = mid - 1
  }
  const t = tokens[hi]
  return t !== undefined && at < t.end && t.lowercaseLine
}

/** The folded words of an entity's own value and the whole value (not derived nicknames). */
const ownWordsMemo = new WeakMemo<KnownEntity, Set<string>>()
function ownNameWord(entity: KnownEntity, key: string): boolean {
  let words = ownWordsMemo.get(entity)
  if (!words) {
    words = new Set([fold(entity.value), ...entity.value.split(/[\s-]+/).map(fold)])
    ownWordsMemo.set(entity, words)
  }
  return words.has(key)
}

/**
 * Letters without their diacritics, one for one ("martín" → "martin", "Müller" → "Muller"); a letter that
 * does not decompose to one base letter and marks (ß, ø, a stray combining mark) stays as it is.
 */
function stripMarks(text: string): { bare: string; marked: number[] } {
  let ascii = true
  for (let i = 0; i < text.length; i++)
    if (text.charCodeAt(i) > 127) {
      ascii = false
      break
    }
  // The offsets whose letter lost a mark come along, so the caller need not compare the texts letter by letter.
  const marked: number[] = []
  if (ascii) return { bare: text, marked }
  const bare = text.replace(/[\u00c0-\u024f\u1e00-\u1eff]/gu, (ch: string, at: number) => {
    const out = bareLetter(ch)
    if (out !== ch) marked.push(at)
    return out
  })
  return { bare, marked }
}

/** One letter without its marks, memoised by code unit (umlauts recur in every German text). */
const bareLetters = new Memo<string, string>(10_000)
function bareLetter(ch: string): string {
  let out = bareLetters.get(ch)
  if (out === undefined) {
    const base = ch.normalize('NFD')
    out = base.length > 1 && MARKS_ONLY.test(base.slice(1)) ? base[0]! : ch
    bareLetters.set(ch, out)
  }
  return out
}

/**
 * Misspelt known names (one edit, five letters or more): "Zwalen" for "Zwahlen". A word used as a word
 * ("die Sterne" near a coach Stern; word-use.ts) is no misspelling.
 */
function fuzzyKnownSpans(
  text: string,
  tokens: Token[],
  matcher: KnownMatcher,
  language: Language,
  idiomMask?: Uint8Array,
): Keyed[] {
  if (matcher.parts.length === 0) return []
  const out: Keyed[] = []
  let isWordUse: WordUseCheck | undefined
  for (const t of tokens) {
    if (!t.cap || t.key.length < 5) continue
    for (const { part, entity } of matcher.parts) {
      if (part !== t.key && Math.abs(part.length - t.key.length) <= 1 && levenshteinAtMostOne(part, t.key)) {
        isWordUse ??= wordUseCheck(text, tokens, language, matcher, false, idiomMask)
        if (!isWordUse(t.text, t.start, entity, true))
          out.push({ start: t.start, end: t.end, type: 'PERSON', source: 'known', entity })
        break
      }
    }
  }
  return out
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}\p{N}]/u.test(ch)

/**
 * A name run that contains a better-supported person span ("Barbara Imhof" from the gazetteer around
 * "Imhof" after a verb of speaking) is the same person: it takes the better source, so the run stays whole.
 */
function promoteContainingRuns(spans: Keyed[], length: number) {
  // Twice the priority per character (4.5 → 9, so bytes hold it), in a buffer kept between calls and
  // cleared only where person spans wrote: no text-long array per call (resolve runs up to four times).
  if (bestScratch.length < length) bestScratch = new Uint8Array(length)
  const best = bestScratch
  try {
    for (const span of spans) {
      if (span.type !== 'PERSON') continue
      const p = PRIORITY[span.source] * 2
      for (let k = span.start; k < span.end; k++) if (best[k]! < p) best[k] = p
    }
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!
      if (span.type !== 'PERSON' || span.source === 'known' || span.entity) continue
      const own = PRIORITY[span.source] * 2
      let top = own
      for (let k = span.start; k < span.end; k++) if (best[k]! > top) top = best[k]!
      if (top <= own || top >= PRIORITY.known * 2) continue
      const source = (Object.keys(PRIORITY) as Source[]).find((s) => PRIORITY[s] * 2 === top)!
      spans[i] = { ...span, source }
    }
  } finally {
    for (const span of spans) if (span.type === 'PERSON') best.fill(0, span.start, span.end)
  }
}
let bestScratch = new Uint8Array(0)

/**
 * Highest priority first; a span overlapping an accepted one keeps its free whole words ("Beat" of a
 * run "Beat Meier" whose "Meier" a title rule took), so no part of a name is lost to an overlap.
 */
function resolve(spans: Keyed[], text: string): Keyed[] {
  promoteContainingRuns(spans, text.length)
  const order = spanOrder(spans, text.length)
  // Character occupancy instead of pairwise checks: linear in the text, also for long transcripts. The
  // buffer is kept between calls and cleared where accepted spans wrote (no text-long array per call).
  if (takenScratch.length < text.length) takenScratch = new Uint8Array(text.length)
  const taken = takenScratch
  const accepted: Keyed[] = []
  try {
    acceptFree(spans, order, text, taken, accepted)
  } finally {
    for (const span of accepted) taken.fill(0, span.start, span.end)
  }
  return byStart(accepted)
}
let takenScratch = new Uint8Array(0)

/**
 * The indices of `spans` by source, length, kind (each highest first), then start and index: the stable
 * comparator sort, as one number per span (the fields packed, the index last) sorted natively. A text too long
 * for the packed numbers to stay exact falls back to the comparator.
 */
function spanOrder(spans: readonly Keyed[], textLength: number): number[] {
  const n = spans.length
  const order = new Array<number>(n)
  const size = textLength + 1
  if (PRIORITY_TIERS * KIND_TIERS * size * size * (n + 1) >= Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < n; i++) order[i] = i
    return order.sort((a, b) => {
      const x = spans[a]!
      const y = spans[b]!
      return (
        PRIORITY[y.source] - PRIORITY[x.source] ||
        y.end - y.start - (x.end - x.start) ||
        (KIND_RANK[y.type] ?? 0) - (KIND_RANK[x.type] ?? 0) ||
        x.start - y.start
      )
    })
  }
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const span = spans[i]!
    const priority = PRIORITY_TIERS - 1 - PRIORITY[span.source] * 2
    const length = size - 1 - (span.end - span.start)
    const kind = KIND_TIERS - 1 - (KIND_RANK[span.type] ?? 0)
    keys[i] = (((priority * size + length) * KIND_TIERS + kind) * size + span.start) * n + i
  }
  keys.sort()
  for (let i = 0; i < n; i++) order[i] = keys[i]! % n
  return order
}
/** Twice the highest priority (4.5 → 9 keeps it whole) and the kind ranks, plus one: the packed key's radices. */
const PRIORITY_TIERS = 16
const KIND_TIERS = 8

/** Spans in text order (accepted spans never share a start; the index keeps it stable all the same). */
function byStart(spans: Keyed[]): Keyed[] {
  const n = spans.length
  if (n < 2) return spans
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) keys[i] = spans[i]!.start * n + i
  keys.sort()
  const out = new Array<Keyed>(n)
  for (let i = 0; i < n; i++) out[i] = spans[keys[i]! % n]!
  return out
}

/** Name particles, articles and joining words: a span trimmed down to these alone is dropped. */
const FILLERS = new Set(
  `de di da do du dal des dos das del della delle dello dei degli von vo vom van der den dem zu zum zur bei bi y e
   i o und and of the la le las los lo el il al a en ost nord west sud est sur`.split(/\s+/),
)
const onlyFillers = (text: string, start: number, end: number) =>
  text
    .slice(start, end)
    .split(/[\s'’-]+/)
    .every((w) => w === '' || FILLERS.has(w.toLowerCase()))

/** Spans in `order` into `accepted`, each with its whole words no accepted span took (`taken`). */
function acceptFree(
  spans: readonly Keyed[],
  order: readonly number[],
  text: string,
  taken: Uint8Array,
  accepted: Keyed[],
) {
  for (const index of order) {
    const span = spans[index]!
    let k = span.start
    while (k < span.end) {
      while (k < span.end && taken[k]) k++
      let e = k
      while (e < span.end && !taken[e]) e++
      if (e > k) {
        let s = k
        let f = e
        // Only whole words survive a trim.
        if (s > span.start) while (s < f && isWordChar(text[s - 1]) && isWordChar(text[s])) s++
        if (f < span.end) while (f > s && isWordChar(text[f]) && isWordChar(text[f - 1])) f--
        if (s > span.start) while (s < f && !isWordChar(text[s])) s++
        if (f < span.end) while (f > s && !isWordChar(text[f - 1])) f--
        // A trimmed remainder of only particles, articles and compass words ("di" of "di Bellinzona" once the
        // place won, "nord" after an address) is no name of its own.
        const remainder = (s > span.start || f < span.end) && onlyFillers(text, s, f)
        if (f - s >= 2 && !remainder) {
          taken.fill(1, s, f)
          accepted.push(s === span.start && f === span.end ? span : { ...span, start: s, end: f })
        }
      }
      k = e
    }
  }
}

/**
 * A first name right before a person span that won the overlap ("Olivier" before a known "Marchand") would
 * otherwise stay behind: it becomes a person span of its own.
 */
function addAdjacentFirstNames(scan: string, spans: Keyed[], gaz: ReturnType<typeof gazetteer>) {
  const added: Keyed[] = []
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k]!
    if (span.type !== 'PERSON') continue
    const m = NAME_BEFORE.exec(scan.slice(Math.max(0, span.start - 40), span.start))
    if (!m) continue
    const start = span.start - m[0].length
    const previous = spans[k - 1]
    if (previous && previous.end > start) continue
    const key = fold(m[1]!)
    // (A kinship word is no first name here: "d Nona Barla" is the grandmother Barla.)
    if (
      gaz.firstNames.has(key) &&
      !gaz.common.has(key) &&
      !gaz.ambiguousIn.de.has(key) &&
      !RELATIONS.has(m[1]!.toLowerCase())
    )
      added.push({ start, end: start + m[1]!.length, type: 'PERSON', source: 'context' })
  }
  if (added.length === 0) return
  spans.push(...added)
  spans.sort((a, b) => a.start - b.start)
}

/**
 * A known name inside an e-mail address read out in words ("vanessa punkt gerber at gmail punkt com") is
 * part of the address: the address's placeholder covers it, as it does for a written address, instead of
 * leaving the address cut into pieces around the name.
 */
function dropNamesInsideEmails(spans: Keyed[]) {
  let emails: Keyed[] | undefined
  for (const s of spans) if (s.type === 'EMAIL') (emails ??= []).push(s)
  if (!emails) return
  // By start, with the furthest end so far: a span lies in an e-mail iff an e-mail starting at or before it
  // reaches its end (a binary search instead of a pass over all e-mails per span).
  emails.sort((a, b) => a.start - b.start)
  const reach: number[] = []
  for (const e of emails) reach.push(Math.max(e.end, reach.length > 0 ? reach[reach.length - 1]! : -1))
  let kept = 0
  for (const s of spans) {
    let inside = false
    if (s.type !== 'EMAIL') {
      let lo = 0
      let hi = emails.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (emails[mid]!.start <= s.start) lo = mid + 1
        else hi = mid
      }
      inside = lo > 0 && s.end <= reach[lo - 1]!
    }
    if (!inside) spans[kept++] = s
  }
  spans.length = kept
}

/** The kinds isCultureWord reads (the others it never takes for culture words). */
const CULTURE_KINDS: readonly EntityType[] = ['PERSON', 'LOCATION', 'ORGANIZATION']

export function pseudonymize(text: string, context: PseudonymizeContext = {}): PseudonymizeResult {
  expireTexts()
  const normalised = text.normalize('NFC')
  const scan = scanForm(normalised)
  const gaz = gazetteer()
  const mapping = context.mapping ?? emptyMapping()
  const { matcher, entities: knownEntities } = knownMatcherFor(context, mapping, gaz)
  const tokens = tokenize(scan)
  const language = detectLanguage(tokens)
  const year = (context.now ?? new Date()).getUTCFullYear()
  const ctx = ruleContext(scan, tokens, gaz, language)
  const cues = contentCues(scan, tokens)

  // Fixed expressions ("den Schwarzen Peter", "Murphy's Law") are content: no inferred span inside them.
  // Found once for the text; the word-use check of known names reads the same mask.
  const idiom = new Uint8Array(scan.length + 1)
  const idioms = withoutTitledFigures(idiomRanges(scan, tokens), tokens)
  for (const r of idioms) idiom.fill(1, r.start, r.end)
  const kept: Keyed[] = []
  const phase1: Keyed[] = [
    ...knownSpans(scan, matcher, tokens, language, kept, idiom),
    ...fuzzyKnownSpans(scan, tokens, matcher, language, idiom),
    ...patternSpans(scan, year),
    ...addressSpans(scan, tokens, gaz),
    ...spokenNumbers(year).run(ctx),
  ]
  for (const recogniser of PHASE_1) phase1.push(...recogniser.run(ctx))
  dropNamesInsideEmails(phase1)
  // An inferred span reaching into an expression keeps its words before it: the name in "Frau Gerber Berner
  // Platte gekocht" (a title rule runs on into the dish) is still a name; a span inside one is dropped.
  const outsideIdioms = (list: Keyed[]) => {
    const out: Keyed[] = []
    for (const s of list) {
      let k = s.start
      if (s.source === 'known' || s.source === 'pattern' || s.source === 'address') k = s.end
      else while (k < s.end && !idiom[k]) k++
      if (k === s.end) out.push(s)
      else {
        let end = k
        while (end > s.start && !isWordChar(scan[end - 1])) end--
        if (end - s.start >= 2 && !isWordChar(scan[end])) out.push({ ...s, end })
      }
    }
    return out
  }
  // Recognisers propose the same span many times (a third of the culture checks and two fifths of the content
  // checks on the bench text): each check runs once per span (and kind), phase 2 reusing phase 1's answers. The
  // key is exact below 2^24 characters; a longer text checks every span.
  const memo = scan.length < 1 << 24
  const contentMemo = new Map<number, boolean>()
  // Per span, two bits per kind: answered, and the answer (one key per span keeps the keys small integers).
  const cultureMemo = new Map<number, number>()
  const contentWord = (s: Keyed) => {
    if (!memo) return isContentWord(scan, s.start, s.end, language, cues)
    const key = s.start * (scan.length + 1) + s.end
    let is = contentMemo.get(key)
    if (is === undefined) contentMemo.set(key, (is = isContentWord(scan, s.start, s.end, language, cues)))
    return is
  }
  const cultureWord = (s: Keyed) => {
    const kind = CULTURE_KINDS.indexOf(s.type)
    // (Other kinds are never culture words: isCultureWord's first test.)
    if (kind < 0) return false
    if (!memo) return isCultureWord(scan, s.start, s.end, s.type, language)
    const key = s.start * (scan.length + 1) + s.end
    const known = cultureMemo.get(key) ?? 0
    if (known & (1 << (2 * kind))) return (known & (2 << (2 * kind))) !== 0
    const is = isCultureWord(scan, s.start, s.end, s.type, language)
    cultureMemo.set(key, known | (1 << (2 * kind)) | (is ? 2 << (2 * kind) : 0))
    return is
  }
  let spans = resolve(
    outsideIdioms(phase1).filter(
      (s) =>
        s.source === 'known' ||
        ((s.type !== 'PERSON' || !isEponym(scan, s.start, s.end)) &&
          !(
            (s.type === 'PERSON' || s.type === 'LOCATION') &&
            (isLanguageAdjective(scan, s.start, s.end, language) || contentWord(s))
          ) &&
          !cultureWord(s)),
    ),
    scan,
  )

  // Phase 2 reads what phase 1 accepted, token by token.
  markTagged(ctx.tagged, tokens, spans)
  const phase2: Keyed[] = []
  for (const recogniser of PHASE_2) phase2.push(...recogniser.run(ctx))
  if (phase2.length > 0)
    spans = resolve(
      [
        ...spans,
        ...outsideIdioms(phase2).filter((s) => (s.type !== 'PERSON' || !contentWord(s)) && !cultureWord(s)),
      ],
      scan,
    )
  addAdjacentFirstNames(scan, spans, gaz)

  // Every form of what was found, everywhere in the text.
  const taken = new Uint8Array(scan.length + 1)
  for (const span of spans) taken.fill(1, span.start, span.end)
  for (const r of idioms) taken.fill(1, r.start, r.end)
  const propagated = propagate(
    tokens,
    [...entitiesOf(scan, spans, gaz), ...familyFirmNames(scan, spans)],
    gaz,
    taken,
    language,
    contextPeople(knownEntities, context),
  )
  if (propagated.length > 0) {
    // A propagated form that covers accepted inferred spans replaces them ("Von Schwendi" over "Schwendi").
    // Propagated spans come in text order without overlaps: only the last one starting at or before a span
    // can contain it (a search, not a scan of all of them for every span of a long transcript).
    const covered = (s: Keyed) => {
      if (PRIORITY[s.source] >= PRIORITY.propagated) return false
      let lo = 0
      let hi = propagated.length - 1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if (propagated[mid]!.start <= s.start) lo = mid + 1
        else hi = mid - 1
      }
      const p = propagated[hi]
      return p !== undefined && s.end <= p.end && p.end - p.start > s.end - s.start
    }
    spans = mergeAdjacent(resolve([...spans.filter((s) => !covered(s)), ...propagated], scan), scan)
  }

  const suspects = findSuspects(ctx, spans)
  let rendered = render(normalised, spans, mapping, context, gaz)
  // The output must pass the leak check (findLeaks), whose context can differ from the input's: a name kept
  // as a word whose neighbour became a placeholder, a lower-case form of a name first found in this text. Where
  // the check would see a known name, it is replaced after all; else the send would be refused for good.
  for (let round = 0; round < 3 && mayLeak(rendered, tokens, spans, kept, context, gaz); round++) {
    const flagged = outputLeaks(rendered, context)
    if (flagged.length === 0) break
    spans = resolve([...spans, ...flagged], scan)
    rendered = render(normalised, spans, mapping, context, gaz)
  }
  const { out, builder, replaced, used, shifts } = rendered

  return {
    text: out,
    mapping: builder.mapping(),
    suspects: toOutputOffsets(suspects, shifts),
    stats: { replaced, placeholders: used.size, inputChars: text.length, outputChars: out.length, language },
  }
}

type Rendered = {
  out: string
  builder: MappingBuilder
  replaced: Partial<Record<EntityType, number>>
  used: Set<string>
  shifts: { at: number; delta: number }[]
}

/** The spans replaced by their placeholders. */
function render(
  normalised: string,
  spans: readonly Keyed[],
  mapping: Mapping,
  context: PseudonymizeContext,
  gaz: ReturnType<typeof gazetteer>,
): Rendered {
  const builder = new MappingBuilder(mapping)
  // Masked tokens join the mapping even where this text no longer has them: masked stays masked.
  for (const masked of context.masked ?? []) builder.mask(masked.type ?? 'PERSON', masked.value.trim())
  const replaced: Partial<Record<EntityType, number>> = {}
  const used = new Set<string>()
  const parts: string[] = []
  const shifts: { at: number; delta: number }[] = []
  let delta = 0
  let last = 0
  let lastToken: string | undefined
  for (const span of spans) {
    let { end } = span
    let value = normalised.slice(span.start, end)
    // Keep a genitive ending outside the placeholder so the sentence still reads: "[PERSON_1]s Eltern".
    let suffix = ''
    if (span.type === 'PERSON' && GENITIVE_S.test(value) && value.length > 4) {
      const base = value.slice(0, -1)
      const knownBase = span.entity?.variants.some((v) => fold(v) === fold(base))
      // "Annelies" is a name of its own, not the genitive of "Anneli".
      const wholeName = !knownBase && (gaz.firstNames.has(fold(value)) || gaz.lastNames.has(fold(value)))
      if (!wholeName && (knownBase || gaz.firstNames.has(fold(base)) || gaz.lastNames.has(fold(base)))) {
        value = base
        end -= 1
        suffix = 's'
      }
    }
    const token = builder.token(span.type, value, span.entity)
    // Two words of one name found apart ("Juan" and "Camilo" of a Juan Camilo): one placeholder, not two.
    if (token === lastToken && /^[ -]$/.test(normalised.slice(last, span.start))) {
      parts.push(suffix)
      delta -= end - last
      shifts[shifts.length - 1] = { at: end + suffix.length, delta }
      last = end + suffix.length
      lastToken = suffix === '' ? token : undefined
      continue
    }
    used.add(token)
    replaced[span.type] = (replaced[span.type] ?? 0) + 1
    parts.push(normalised.slice(last, span.start), `[${token}]`, suffix)
    delta += token.length + 2 - (end - span.start)
    shifts.push({ at: end + suffix.length, delta })
    last = end + suffix.length
    lastToken = suffix === '' ? token : undefined
  }
  parts.push(normalised.slice(last))
  return { out: parts.join(''), builder, replaced, used, shifts }
}

/**
 * Whether the output check (outputLeaks) can find anything, read off the input's tokens: a known name kept as a
 * word, or a word left as it was that is a form of an entity known now (the mapping grew with this text). Most
 * texts have neither, and the check would scan the whole output again.
 */
function mayLeak(
  rendered: Rendered,
  tokens: readonly Token[],
  spans: readonly Span[],
  kept: readonly Keyed[],
  context: PseudonymizeContext,
  gaz: ReturnType<typeof gazetteer>,
): boolean {
  if (kept.length > 0) return true
  const { byVariant } = knownMatcherFor(context, rendered.builder.mapping(), gaz).matcher
  let k = 0
  for (const t of tokens) {
    while (k < spans.length && spans[k]!.end <= t.start) k++
    const span = spans[k]
    if (span !== undefined && span.start < t.end) continue
    if (byVariant.has(t.key)) return true
    // The check also reads words with their marks stripped ("Äbe" as "Abe"; knownSpans).
    if (t.key !== t.lower && byVariant.has(unmarked(t.lower))) return true
  }
  return false
}

/** A word without its combining marks, memoised (bounded): the same words come back in every text. */
const unmarkedMemo = new Memo<string, string>(20_000)
function unmarked(word: string): string {
  let out = unmarkedMemo.get(word)
  if (out === undefined) {
    out = word.normalize('NFD').replace(MARKS_ALL, '')
    unmarkedMemo.set(word, out)
  }
  return out
}

/** What the leak check would flag in the rendered output (as findLeaks is called on it), as input spans. */
function outputLeaks(rendered: Rendered, context: PseudonymizeContext): Keyed[] {
  const flagged = knownLeakSpans(leakScan(rendered.out), context, rendered.builder.mapping())
  if (flagged.length === 0) return []
  const { shifts } = rendered
  const out: Keyed[] = []
  let k = 0
  let delta = 0
  // Placeholders are blanked in the scan, so a flagged span lies in text kept as it was: its input offsets are
  // its output offsets less the shift of the replacements before it.
  for (const span of flagged.sort((a, b) => a.start - b.start)) {
    while (k < shifts.length && shifts[k]!.at + shifts[k]!.delta <= span.start) delta = shifts[k++]!.delta
    out.push({ ...span, start: span.start - delta, end: span.end - delta, source: 'known' })
  }
  return out
}

/**
 * The surname in a family firm's name is a person's ("Druckerei Hafner & Söhne" … "der alte Hafner"): it
 * propagates as a person, written as a name.
 */
function familyFirmNames(scan: string, spans: readonly Span[]): KnownEntity[] {
  const out: KnownEntity[] = []
  for (const span of spans) {
    if (span.type !== 'ORGANIZATION') continue
    const m = FAMILY_FIRM.exec(scan.slice(span.start, span.end))
    if (m && FAMILY_FIRM_TAILS.test(m[2]!.toLowerCase())) out.push(personEntity(m[1]!, [], false, false))
  }
  return out
}

/**
 * The people the database names for this text (client, coach, others): their given names' hypocorisms count.
 * Not the whole mapping, which grows with every text and would make any front of an old name a cue.
 */
function contextPeople(entities: readonly KnownEntity[], context: PseudonymizeContext): KnownEntity[] {
  const names = new Set(
    [context.client, context.coach, ...(context.others ?? [])]
      .map((p) => p?.name?.trim().replace(/\s+/g, ' '))
      .filter(Boolean),
  )
  return names.size === 0 ? [] : entities.filter((e) => e.type === 'PERSON' && names.has(e.value))
}

function markTagged(tagged: (EntityType | undefined)[], tokens: readonly Token[], spans: readonly Span[]) {
  let k = 0
  for (const span of spans) {
    while (k < tokens.length && tokens[k]!.end <= span.start) k++
    for (let j = k; j < tokens.length && tokens[j]!.start < span.end; j++) tagged[j] = span.type
  }
}

/** "Barbara" + " " + "Imhof" propagated separately: one placeholder for the one person. */
function mergeAdjacent(spans: Keyed[], text: string): Keyed[] {
  const out: Keyed[] = []
  for (const span of spans) {
    const prev = out[out.length - 1]
    if (
      prev &&
      prev.type === span.type &&
      prev.entity !== undefined &&
      prev.entity === span.entity &&
      /^[ -]$/.test(text.slice(prev.end, span.start))
    ) {
      out[out.length - 1] = { ...prev, end: span.end }
      continue
    }
    out.push(span)
  }
  return out
}

/** Suspects as positions in the output text (what the coach sees). */
function toOutputOffsets(suspects: Suspect[], shifts: { at: number; delta: number }[]): Suspect[] {
  let k = 0
  let delta = 0
  return suspects.map((s) => {
    while (k < shifts.length && shifts[k]!.at <= s.start) delta = shifts[k++]!.delta
    return { ...s, start: s.start + delta, end: s.end + delta }
  })
}

/** The send would carry an identifier: nothing leaves (fail-closed). Carries types, never values. */
export class PseudonymizationLeakError extends Error {
  override name = 'PseudonymizationLeakError'
  constructor(readonly types: EntityType[]) {
    super(
      `Der Text enthält nach der Pseudonymisierung noch erkennbare Angaben (${types.join(', ')}) und wurde nicht gesendet.`,
    )
  }
}

/**
 * Fail-closed leak check (R7.2): re-scan outgoing text for every known-entity variant, every original in
 * the mapping and every validated pattern. Placeholders themselves are ignored.
 */
export function findLeaks(text: string, context: PseudonymizeContext = {}, mapping?: Mapping): EntityType[] {
  expireTexts()
  const scan = leakScan(text)
  const tokens = tokenize(scan)
  const language = detectLanguage(tokens)
  const types = new Set<EntityType>()
  for (const span of knownLeakSpans(scan, context, mapping, tokens, language)) types.add(span.type)
  for (const span of patternSpans(scan, (context.now ?? new Date()).getUTCFullYear())) {
    if (span.type !== 'DATE_OF_BIRTH') types.add(span.type)
  }
  // Dictated AHV numbers, IBANs and phone numbers ("sieben fünf sechs punkt …", "ce ha neun drei …") by shape.
  for (const span of spokenStrongSpans(scan, tokens, language)) types.add(span.type)
  return [...types]
}

/**
 * Outgoing text as the leak check reads it: each placeholder as a neutral capitalised word of the same length.
 * Blanked to spaces, the word after one would start a sentence in lower case ("Schlecht. [PERSON_2] sagt"), and
 * lines of such starts read as lower-case dictation, where a name that is also a word counts in lower case too.
 */
const leakScan = (text: string) =>
  scanForm(text.normalize('NFC')).replace(/\[[A-Z]+_\d+\]/g, (m) => 'X'.padEnd(m.length, 'x'))

/** Known entities in a leak scan: the leak check's half that pseudonymize re-runs on its own output. */
function knownLeakSpans(
  scan: string,
  context: PseudonymizeContext,
  mapping?: Mapping,
  tokens = tokenize(scan),
  language = detectLanguage(tokens),
): Keyed[] {
  const { matcher } = knownMatcherFor(context, mapping ?? context.mapping ?? emptyMapping(), gazetteer())
  return knownSpans(scan, matcher, tokens, language)
}

export function assertNoLeak(text: string, context: PseudonymizeContext = {}, mapping?: Mapping): void {
  const leaks = findLeaks(text, context, mapping)
  if (leaks.length > 0) throw new PseudonymizationLeakError(leaks)
}

const LABEL_TO_TYPE = new Map(Object.entries(LABELS).map(([type, label]) => [label, type as EntityType]))
const PLACEHOLDER = new RegExp(
  `(?:\\[[ \\t]*)?\\b(${[...LABEL_TO_TYPE.keys()].join('|')})[ _-]?(\\d+)(?!\\d)(?:[ \\t]*\\])?`,
  'giu',
)

export type ReidentifyResult = { text: string; restored: number; unknown: number }

/**
 * Puts originals back for the coach's view (never for the provider). Tolerates small damage from the
 * model — missing brackets, other case, a space instead of the underscore; a trailing "s" stays as the
 * genitive it was. Unknown placeholders stay visible and are counted.
 */
export function reidentify(text: string, mapping: Mapping): ReidentifyResult {
  const byToken = new Map(mapping.entries.map((e) => [e.token, e.value]))
  let restored = 0
  let unknown = 0
  const out = text.replace(PLACEHOLDER, (match, label: string, num: string) => {
    // A bare word like "Person 2" without brackets or underscore is prose, not a damaged placeholder.
    if (!match.includes('[') && !match.includes(']') && !match.includes('_')) return match
    const value = byToken.get(`${label.toUpperCase()}_${Number(num)}`)
    if (value === undefined) {
      unknown++
      return match
    }
    restored++
    return value
  })
  return { text: out, restored, unknown }
}
