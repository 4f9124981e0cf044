import type { Gazetteer } from './gazetteer'
import {
  DETERMINERS,
  DETERMINERS_IN,
  DIALECT_ARTICLES,
  GREETINGS,
  LANGUAGE_MARKERS,
  NAMING_CUES,
  NEVER_NAMES,
  NOUN_SUFFIXES,
  ORG_FIELDS,
  PERSON_FIELDS,
  PLACE_FIELDS,
  PLACE_PREPOSITIONS,
  PLACE_SUFFIXES,
  RELATIONS,
  ROLE_LABELS,
  TITLE_FILLERS,
  TITLES,
} from './lexicon'
import { fold, levenshteinAtMostOne } from './normalize'
import type { EntityType, Language, Span } from './types'

/**
 * The rule layer: gazetteers plus context (titles, relation words, Swiss German articles, form labels,
 * prepositions), working on word tokens with their offsets.
 */
export type Token = {
  start: number
  end: number
  text: string
  key: string
  lower: string
  cap: boolean
  caps: boolean
  /** The characters between the previous token and this one. */
  gap: string
  sentenceStart: boolean
  lineStart: boolean
  /** The line reads like lowercase speech-to-text: names are not capitalised there either. */
  lowercaseLine: boolean
  /** Memo of the rule layer's "could be a name" test (tokens belong to one call). */
  nameLike?: boolean
}

const SENTENCE_GAP = /[.!?:;…]["'»«”)\]]*\s+["'»«“(\[-]*$/u
const LIST_ITEM = /(?:^|\n)\s*(?:\d+[.)]|[-*•])\s*$/u

/** Folded forms repeat a lot in one text (and across texts); a bounded cache keeps fold() off the hot path. */
const foldCache = new Map<string, string>()
function foldCached(word: string): string {
  let key = foldCache.get(word)
  if (key === undefined) {
    key = fold(word)
    if (foldCache.size > 50_000) foldCache.clear()
    foldCache.set(word, key)
  }
  return key
}

/** Word characters: ASCII by range, the rest by Unicode class, cached per code unit. */
const wordCharCache = new Uint8Array(65_536)
function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
  let known = wordCharCache[c]!
  if (known === 0) {
    known = /[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 2
    wordCharCache[c] = known
  }
  return known === 1
}

/** Words with offsets; a hand-written scanner, because this runs over every character of long transcripts. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  const length = text.length
  let last = 0
  let i = 0
  while (i < length) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++
      continue
    }
    const start = i
    while (i < length && isWordCode(text.charCodeAt(i))) i++
    const word = text.slice(start, i)
    const gap =
      start === last ? '' : start === last + 1 && text.charCodeAt(last) === 32 ? ' ' : text.slice(last, start)
    const lineStart = out.length === 0 || (gap.length > 1 && gap.includes('\n')) || gap === '\n'
    const sentenceStart =
      lineStart ||
      (gap !== ' ' &&
        gap !== '' &&
        (SENTENCE_GAP.test(gap) || LIST_ITEM.test(text.slice(Math.max(0, start - 6), start))))
    const lower = word.toLowerCase()
    const first = word[0]!
    const cap = first !== lower[0]
    out.push({
      start,
      end: i,
      text: word,
      key: foldCached(word),
      lower,
      cap,
      caps: cap && word.length >= 2 && word !== lower && word === word.toUpperCase(),
      gap,
      sentenceStart,
      lineStart,
      lowercaseLine: false,
      nameLike: undefined,
    })
    last = i
  }
  markLowercaseLines(out)
  return out
}

/** A line whose sentences mostly start in lowercase (a speaker label aside) is speech-to-text style. */
function markLowercaseLines(tokens: Token[]) {
  let from = 0
  while (from < tokens.length) {
    let to = from + 1
    while (to < tokens.length && !tokens[to]!.lineStart) to++
    let lower = 0
    let upper = 0
    for (let k = from; k < to; k++) {
      const t = tokens[k]!
      const isLabel = k === from && k + 1 < to && /^\s*:/.test(tokens[k + 1]!.gap)
      if (!t.sentenceStart || isLabel || /^\p{N}/u.test(t.text)) continue
      if (t.cap) upper++
      else lower++
    }
    if (lower > 0 && lower >= upper) for (let k = from; k < to; k++) tokens[k]!.lowercaseLine = true
    from = to
  }
}

export function detectLanguage(tokens: Token[]): Language {
  const counts: Record<Language, number> = { de: 0, en: 0, it: 0, es: 0 }
  const limit = Math.min(tokens.length, 600)
  for (let i = 0; i < limit; i++) {
    const w = tokens[i]!.lower
    for (const lang of ['de', 'en', 'it', 'es'] as const) if (LANGUAGE_MARKERS[lang].has(w)) counts[lang]++
  }
  return (Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] as Language) ?? 'de'
}

const endsWithAny = (word: string, suffixes: readonly string[]) => suffixes.some((s) => word.endsWith(s))

export function ruleSpans(text: string, tokens: Token[], gaz: Gazetteer, language: Language): Span[] {
  const out: Span[] = []
  const n = tokens.length
  const dialectPlace = (key: string) =>
    key.length >= 6 &&
    key.endsWith('e') &&
    (gaz.places.has(`${key}n`) || gaz.places.has(`${key.slice(0, -1)}on`))
  const tagged: (EntityType | undefined)[] = new Array(n)
  const push = (from: number, to: number, type: EntityType, source: Span['source']) => {
    out.push({ start: tokens[from]!.start, end: tokens[to]!.end, type, source })
    for (let k = from; k <= to; k++) tagged[k] = type
  }

  const inNames = (key: string) => gaz.firstNames.has(key) || gaz.lastNames.has(key)
  // The frequent-word list mixes languages: "Mia", "Can", "Devi" are function words elsewhere but names
  // mid-sentence in a German text, unless German itself knows them as words.
  const isCommon = (t: Token) =>
    NEVER_NAMES.has(t.lower) ||
    (gaz.common.has(t.key) &&
      !(language === 'de' && !t.sentenceStart && inNames(t.key) && !gaz.ambiguousIn.de.has(t.key)))
  // A capitalised word is ambiguous only if it is an ordinary word in the text's language ("Beat" is a
  // name in German, "Mia" a pronoun only in Italian); lowercase speech-to-text checks every language.
  const ambiguousHere = gaz.ambiguousIn[language]
  const isAmbiguous = (t: Token) =>
    (t.cap || t.lowercaseLine ? ambiguousHere.has(t.key) : gaz.ambiguous.has(t.key)) || isCommon(t)
  const genitiveBase = (t: Token) =>
    t.key.length > 3 && t.key.endsWith('s') ? t.key.slice(0, -1) : undefined
  const nameLike = (t: Token) => (t.nameLike ??= nameLikeUncached(t))
  const nameLikeUncached = (t: Token) => {
    if (!t.cap || t.caps) return false
    if (
      NEVER_NAMES.has(t.lower) ||
      DETERMINERS.has(t.lower) ||
      ROLE_LABELS.has(t.lower) ||
      RELATIONS.has(t.lower)
    )
      return false
    if (inNames(t.key)) return true
    if (isCommon(t) || ambiguousHere.has(t.key)) return false
    if (language === 'de' && endsWithAny(t.lower, NOUN_SUFFIXES)) return false
    return true
  }
  /** A sequence of capitalised name words from i (surname particles allowed inside): returns the last index. */
  const nameRun = (i: number, max = 3) => {
    let j = i
    let count = 1
    while (j + 1 < n && count < max) {
      const next = tokens[j + 1]!
      if (!/^[ -]$/.test(next.gap)) break
      if (
        /^(von|van|de|da|di|del|dos|das|le|la)$/.test(next.lower) &&
        j + 2 < n &&
        nameLike(tokens[j + 2]!) &&
        tokens[j + 2]!.gap === ' '
      ) {
        j += 2
        count++
        continue
      }
      if (!nameLike(next) || next.sentenceStart) break
      j++
      count++
    }
    return j
  }

  // Form labels at the start of a line: "Name: …", "Arbeitgeber: …", "Wohnort: …".
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!
    if (!t.lineStart) continue
    let j = i
    let label = t.lower
    while (
      j + 1 < n &&
      j - i < 3 &&
      !tokens[j + 1]!.gap.includes(':') &&
      !tokens[j + 1]!.gap.includes('\n')
    ) {
      j++
      label += ` ${tokens[j]!.lower}`
    }
    if (j + 1 >= n || !/^\s*:\s*$|^\s*\/\s*$/.test(tokens[j + 1]!.gap)) {
      // "Name / Rufname:" — accept one slash between labels.
      if (!(j + 1 < n && /:/.test(tokens[j + 1]!.gap))) continue
    }
    const labels = label.split(/\s*\/\s*|\s+/)
    const first = j + 1
    if (first >= n || tokens[first]!.gap.includes('\n')) continue
    const has = (set: Set<string>) => set.has(label) || labels.some((l) => set.has(l))
    if (has(PERSON_FIELDS) && nameLike(tokens[first]!)) {
      push(first, nameRun(first, 4), 'PERSON', 'context')
    } else if (has(ORG_FIELDS) && (tokens[first]!.cap || tokens[first]!.caps)) {
      let k = first
      while (k + 1 < n && !/[,;(\n]/.test(tokens[k + 1]!.gap) && k - first < 5) k++
      push(first, k, 'ORGANIZATION', 'context')
    } else if (has(PLACE_FIELDS) && tokens[first]!.cap) {
      let k = first
      while (k + 1 < n && /^[ -]$/.test(tokens[k + 1]!.gap) && tokens[k + 1]!.cap && k - first < 3) k++
      push(first, k, 'LOCATION', 'context')
    }
  }

  // Multi-word gazetteer entries, longest first.
  for (let i = 0; i < n; i++) {
    if (tagged[i]) continue
    const candidates = gaz.multi.get(tokens[i]!.key)
    if (!candidates) continue
    for (const c of candidates) {
      const last = i + c.words.length - 1
      if (last >= n) continue
      let ok = true
      for (let k = 1; k < c.words.length && ok; k++) {
        const tk = tokens[i + k]!
        ok = tk.key === c.words[k] && !tk.gap.includes('\n') && tk.gap.length <= 3
      }
      // A multi-word name starts with a capital (or is all lowercase speech-to-text).
      if (
        ok &&
        (tokens[i]!.cap ||
          tokens[i]!.caps ||
          text.slice(tokens[i]!.start, tokens[last]!.end) ===
            text.slice(tokens[i]!.start, tokens[last]!.end).toLowerCase())
      ) {
        push(i, last, c.type, 'gazetteer')
        break
      }
    }
  }

  for (let i = 0; i < n; i++) {
    const t = tokens[i]!
    if (tagged[i]) continue
    const prev = i > 0 ? tokens[i - 1] : undefined
    const next = i + 1 < n ? tokens[i + 1] : undefined

    // Titles: "Herr Schneebeli", "Dr. med. Hofstetter", "la señora Keller", "Mrs. Rossi".
    if (
      TITLES.has(t.lower) &&
      (t.cap || LOWERCASE_TITLES.has(t.lower) || t.lowercaseLine) &&
      next &&
      !next.gap.includes('\n')
    ) {
      let j = i + 1
      while (
        j < n &&
        TITLE_FILLERS.has(tokens[j]!.lower) &&
        /^\.?\s*$/.test(tokens[j]!.gap.replace(/^\./, ''))
      )
        j++
      const cand = tokens[j]
      if (
        cand &&
        /^\.?[ ,]?\s?$/.test(cand.gap) &&
        (cand.cap ||
          (t.lowercaseLine && !GREETINGS.has(t.lower) && inNames(cand.key) && !isAmbiguous(cand))) &&
        !cand.caps &&
        !NEVER_NAMES.has(cand.lower) &&
        (!DETERMINERS.has(cand.lower) || PARTICLE.test(cand.text))
      ) {
        const greeting = [
          'hallo',
          'hoi',
          'sali',
          'ciao',
          'hi',
          'hello',
          'hola',
          'buongiorno',
          'grüessech',
          'grüezi',
          'liebe',
          'lieber',
          'dear',
          'caro',
          'cara',
          'querido',
          'querida',
        ].includes(t.lower)
        const strong = !greeting || inNames(cand.key)
        if (strong && (!isCommon(cand) || inNames(cand.key))) {
          push(j, nameRun(j), 'PERSON', 'context')
          i = j
          continue
        }
      }
    }

    // Relation words: "mein Bruder Valon", "my friend Hannah", "mi hermana Pilar", "Kollegin Sabrina".
    if (
      RELATIONS.has(t.lower) &&
      next &&
      !TITLES.has(next.lower) &&
      /^,? $/.test(next.gap) &&
      next.cap &&
      !next.caps &&
      !NEVER_NAMES.has(next.lower) &&
      !DETERMINERS.has(next.lower) &&
      !next.sentenceStart
    ) {
      if (
        inNames(next.key) ||
        (!isCommon(next) && !(language === 'de' && endsWithAny(next.lower, NOUN_SUFFIXES)))
      ) {
        push(i + 1, nameRun(i + 1), 'PERSON', 'context')
        i++
        continue
      }
    }

    // Naming cues: "alle sagen Sascha", "lautend auf Heidi Zbinden", "se llama Ana".
    if (next && next.cap && !next.caps && !tagged[i + 1] && CUE_LAST_WORDS.has(t.lower)) {
      const before = text.slice(Math.max(0, next.start - 16), next.start).toLowerCase()
      if (
        NAMING_CUES.some((cue) => before.trimEnd().endsWith(cue)) &&
        !NEVER_NAMES.has(next.lower) &&
        (inNames(next.key) || !isCommon(next))
      ) {
        push(i + 1, nameRun(i + 1, 4), 'PERSON', 'context')
        i++
        continue
      }
    }

    if (!t.cap && !t.caps) {
      // Medication names are curated to exclude ordinary words: in any case, anywhere ("Tomo sertralina").
      if (t.key.length >= 5 && gaz.medications.has(t.key) && !gaz.common.has(t.key)) {
        push(i, i, 'MEDICATION', 'gazetteer')
        continue
      }
      // Lowercase speech-to-text: only unambiguous gazetteer names and places.
      if (t.lowercaseLine && t.key.length >= 3 && !isAmbiguous(t) && !DETERMINERS.has(t.lower)) {
        const suffixNext = next !== undefined && next.gap === ' ' && gaz.orgSuffixes.has(next.key)
        if (suffixNext) {
          // "schreinerei holzwerk gmbh": up to two words before a legal form.
          let from = i
          while (from > 0 && i - from < 1 && !tagged[from - 1] && tokens[from]!.gap === ' ') from--
          push(from, i + 1, 'ORGANIZATION', 'context')
          i++
        } else if (gaz.medications.has(t.key)) push(i, i, 'MEDICATION', 'gazetteer')
        else if (
          gaz.organisations.has(t.key) ||
          (t.key.length <= 5 && gaz.acronyms.has(t.text.toUpperCase()))
        )
          push(i, i, 'ORGANIZATION', 'gazetteer')
        else if (gaz.firstNames.has(t.key) || (gaz.lastNames.has(t.key) && t.key.length >= 5))
          push(i, nameRun(i), 'PERSON', 'gazetteer')
        else if (gaz.places.has(t.key) && t.key.length >= 5) push(i, i, 'LOCATION', 'gazetteer')
        else if (dialectPlace(t.key)) push(i, i, 'LOCATION', 'gazetteer')
      }
      continue
    }

    // Acronym organisations are matched case-sensitively ("SBB", "UBS").
    if (t.caps) {
      if (gaz.acronyms.has(t.text)) push(i, i, 'ORGANIZATION', 'gazetteer')
      // An unknown acronym is most often an employer, school or club ("bei der ECAP", "alla SSIC").
      else if (
        t.text.length >= 3 &&
        t.text.length <= 6 &&
        /^\p{Lu}+$/u.test(t.text) &&
        !COMMON_ACRONYMS.has(t.text) &&
        !gaz.ambiguous.has(t.key) &&
        !gaz.common.has(t.key) &&
        !NEVER_NAMES.has(t.lower) &&
        !t.lineStart
      )
        push(i, i, 'ORGANIZATION', 'guess')
      continue
    }

    if (NEVER_NAMES.has(t.lower) || ROLE_LABELS.has(t.lower)) continue
    // "a"/"en" are articles in English and Swiss German but prepositions in Italian and Spanish.
    const romancePreposition =
      prev !== undefined && PLACE_PREPOSITIONS.has(prev.lower) && (language === 'it' || language === 'es')
    const afterDeterminer =
      prev !== undefined &&
      DETERMINERS_IN[language].has(prev.lower) &&
      prev.lower !== 'la' &&
      !romancePreposition &&
      /^ $/.test(t.gap)
    const dialectArticle =
      prev !== undefined &&
      gaz.firstNames.has(t.key) &&
      !gaz.ambiguousIn.de.has(t.key) &&
      !gaz.common.has(t.key) &&
      DIALECT_ARTICLES.has(prev.lower) &&
      (/^'$/.test(t.gap) || t.gap === ' ') &&
      !prev.cap
    const placeCue = prev !== undefined && PLACE_PREPOSITIONS.has(prev.lower) && /^'? ?$/.test(t.gap)
    // In English, Italian and Spanish a capital mid-sentence marks a proper noun: "Mia", "Posta", "Rocío"
    // are ordinary words there only in lowercase.
    const properNoun = language !== 'de' && !t.sentenceStart && !afterDeterminer && !isCommon(t)
    const ambiguous = isAmbiguous(t) && !properNoun

    if ((gaz.medications.has(t.key) && !ambiguous) || (MED_STEM.test(t.key) && !isCommon(t))) {
      push(i, i, 'MEDICATION', 'gazetteer')
      continue
    }

    // Organisation heads: "Kantonsspital Winterthur", "Pflegeheim Lindenhof", "Praxis am Graben".
    if (gaz.orgHeads.has(t.key) && next && /^ $/.test(next.gap)) {
      let j = i + 1
      if (
        /^(am|an|der|im|zum|zur|di|de|del|della|dello|dei|degli|delle|la|le|des|du|von|vom|bei|the|of|at)$/.test(
          tokens[j]!.lower,
        ) &&
        j + 1 < n
      ) {
        if (tokens[j]!.lower === 'an' && tokens[j + 1]?.lower === 'der') j++
        j++
      }
      const cand = tokens[j]
      if (
        cand &&
        cand.cap &&
        !NEVER_NAMES.has(cand.lower) &&
        /^ $/.test(cand.gap) &&
        (j > i + 1 || !isCommon(cand))
      ) {
        let k = j
        while (
          k + 1 < n &&
          tokens[k + 1]!.cap &&
          /^[ -]$/.test(tokens[k + 1]!.gap) &&
          !isCommon(tokens[k + 1]!) &&
          k - j < 2
        )
          k++
        push(i, k, 'ORGANIZATION', 'context')
        i = k
        continue
      }
    }

    // "Rhyschnooge-Clique", "Musig-Verein": a hyphenated name ending in a club word.
    if (next && next.gap === '-' && ORG_TAILS.has(next.lower) && !isCommon(t)) {
      push(i, i + 1, 'ORGANIZATION', 'context')
      i++
      continue
    }

    // Legal-form suffix: "Blitzblank GmbH", "Swisscom AG".
    if (next && gaz.orgSuffixes.has(next.key) && /^ $/.test(next.gap) && !isCommon(t)) {
      let s = i
      while (
        s > 0 &&
        tokens[s - 1]!.cap &&
        !tagged[s - 1] &&
        /^[ -&]$/.test(tokens[s]!.gap) &&
        !tokens[s]!.sentenceStart &&
        i - s < 2 &&
        !isCommon(tokens[s - 1]!)
      )
        s--
      push(s, i + 1, 'ORGANIZATION', 'context')
      i++
      continue
    }

    const romanceProperNoun = (language === 'it' || language === 'es') && !t.sentenceStart && !isCommon(t)
    if (gaz.organisations.has(t.key) && (!ambiguous || romanceProperNoun)) {
      push(i, i, 'ORGANIZATION', 'gazetteer')
      continue
    }

    // Places; ambiguous ones ("Zug", "Wil") only after a place preposition.
    if (gaz.places.has(t.key) && (!ambiguous || (placeCue && !afterDeterminer) || romanceProperNoun)) {
      if (!(inNames(t.key) && !placeCue && !gaz.places.has(t.key))) {
        push(i, i, 'LOCATION', 'gazetteer')
        continue
      }
    }

    // A one-letter slip or dialect spelling of a known organisation: "Raiffeisebank".
    if (!ambiguous && t.key.length >= 8 && !inNames(t.key) && fuzzyOrganisation(gaz, t.key)) {
      push(i, i, 'ORGANIZATION', 'gazetteer')
      continue
    }

    // Swiss German drops a final -n: "Oerlike" (Oerlikon), "Schwamendinge" (Schwamendingen).
    if (!ambiguous && !gaz.places.has(t.key) && dialectPlace(t.key) && !inNames(t.key)) {
      push(i, i, 'LOCATION', 'gazetteer')
      continue
    }

    const first = gaz.firstNames.has(t.key)
    const last = gaz.lastNames.has(t.key)
    // "die Flurina", "de Beat": colloquial articles before names; a determiner only makes an ambiguous word a noun.
    if ((first || last) && (!afterDeterminer || (first && !ambiguous))) {
      const cued =
        dialectArticle ||
        (next !== undefined &&
          next.cap &&
          next.gap === ' ' &&
          gaz.lastNames.has(next.key) &&
          !isAmbiguous(next) &&
          !next.sentenceStart)
      if (!ambiguous || cued) {
        push(i, nameRun(i), 'PERSON', 'gazetteer')
        continue
      }
    }

    // Genitive of a name or place: "Beats", "Annas", "Fatlinds".
    const base = genitiveBase(t)
    if (
      base &&
      !ambiguous &&
      !afterDeterminer &&
      (gaz.firstNames.has(base) || gaz.lastNames.has(base)) &&
      !ambiguousHere.has(base)
    ) {
      push(i, i, 'PERSON', 'gazetteer')
      continue
    }

    if (ambiguous || isCommon(t) || t.key.length < 3) continue
    // "FaGe", "iPhone": a capital inside a word marks an abbreviation or a brand, not a name.
    if (/^\p{Lu}\p{Ll}+\p{Lu}/u.test(t.text) && !/^(?:Mc|Mac|De|Di|Da|Le|La)\p{Lu}/u.test(t.text)) continue
    if (language === 'de' && endsWithAny(t.lower, NOUN_SUFFIXES)) continue

    // Unknown capitalised words. In English, Italian and Spanish a capital mid-sentence marks a proper
    // noun; in German every noun is capitalised, so only name- or place-shaped words count.
    if (!t.sentenceStart && !afterDeterminer && language !== 'de') {
      push(i, nameRun(i), placeCue ? 'LOCATION' : 'PERSON', 'guess')
      continue
    }
    // Lakes: "Hüttwilersee", "Greifensee" (a short "-see" word is more often a noun).
    if (t.key.endsWith('see') && t.key.length >= 8) {
      push(i, i, 'LOCATION', 'guess')
      continue
    }
    if (placeCue && endsWithAny(t.lower, PLACE_SUFFIXES) && t.key.length >= 5) {
      push(i, i, 'LOCATION', 'guess')
      continue
    }
    if (
      !t.sentenceStart &&
      !afterDeterminer &&
      endsWithAny(t.lower, FOREIGN_SURNAME_ENDINGS) &&
      t.key.length >= 5
    ) {
      push(i, i, 'PERSON', 'guess')
      continue
    }
  }

  // A first name followed by an unknown capitalised word: the surname ("Barbara Imhof").
  for (let i = 0; i + 1 < n; i++) {
    if (tagged[i] !== 'PERSON' || tagged[i + 1]) continue
    const next = tokens[i + 1]!
    if (next.gap === ' ' && nameLike(next) && !next.sentenceStart && gaz.firstNames.has(tokens[i]!.key))
      push(i + 1, i + 1, 'PERSON', 'context')
  }

  // An unknown word that also occurs with a genitive s ("Fatlind … Fatlinds Zukunft") is a name: nouns
  // rarely take an s without an article, names do.
  const unknownKeys = new Set<string>()
  for (let i = 0; i < n; i++)
    if (!tagged[i] && nameLike(tokens[i]!) && !gaz.common.has(tokens[i]!.key)) unknownKeys.add(tokens[i]!.key)
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!
    if (tagged[i] || !unknownKeys.has(t.key) || t.key.length < 4) continue
    const genitive = t.key.endsWith('s') && unknownKeys.has(t.key.slice(0, -1))
    const base = unknownKeys.has(`${t.key}s`)
    if ((genitive || base) && !(language === 'de' && endsWithAny(t.lower, NOUN_SUFFIXES)))
      push(i, i, 'PERSON', 'context')
  }

  // Cues around a still unknown capitalised word that only people have.
  const speakers = speakerLabels(tokens, nameLike)
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!
    if (tagged[i] || !nameLike(t) || inNames(t.key) || t.key.length < 3) continue
    const prev = i > 0 ? tokens[i - 1] : undefined
    const next = i + 1 < n ? tokens[i + 1] : undefined
    if (prev !== undefined && DETERMINERS_IN[language].has(prev.lower) && t.gap === ' ') continue
    const after = text.slice(t.end, t.end + 24)
    const isSpeaker = t.lineStart && speakers.has(t.key)
    // Addressed in speech: "…ergangen, Arben?"
    const vocative = /^[?!]/.test(after) && /,\s*$/.test(t.gap)
    // "Drita und Valon", "Valon und Drita": a coordinated partner of a person is a person.
    const coordinated =
      (prev !== undefined &&
        /^(und|and|e|y|oder|or|o|u)$/.test(prev.lower) &&
        i > 1 &&
        tagged[i - 2] === 'PERSON') ||
      (next !== undefined &&
        /^(und|and|e|y|oder|or|o|u)$/.test(next.lower) &&
        i + 2 < n &&
        tagged[i + 2] === 'PERSON')
    // A verb of speaking or thinking right after: "Drita meint", "Valon het gseit".
    const speaks = next !== undefined && !t.sentenceStart && PERSON_VERBS.has(next.lower) && next.gap === ' '
    const speaksAtStart =
      next !== undefined &&
      t.sentenceStart &&
      STRONG_PERSON_VERBS.has(next.lower) &&
      next.gap === ' ' &&
      language === 'de'
    // Genitive before a relation: "Dritas Mann", "Valons Eltern".
    const possessive =
      t.key.endsWith('s') &&
      next !== undefined &&
      next.gap === ' ' &&
      (RELATIONS.has(next.lower) || POSSESSED.has(next.lower))
    if (isSpeaker || vocative || coordinated || speaks || speaksAtStart || possessive) {
      push(i, i, 'PERSON', 'context')
      continue
    }
    // "nach Prizren.", "aus Jaffna,": an unknown word after a place preposition at the end of a clause.
    const placePrev =
      prev !== undefined &&
      /^(in|nach|aus|uf|z|to|from|a|da|en|desde)$/.test(prev.lower) &&
      /^'? ?$/.test(t.gap)
    // In German a noun after "in/nach/aus" takes an article ("in der Schule"), so a bare unknown word there is a place.
    const bareGermanPlace =
      language === 'de' && prev !== undefined && /^(in|nach|aus|uf|z|ga)$/.test(prev.lower)
    if (
      placePrev &&
      (bareGermanPlace ||
        /^(?:[.,;:!?)]|\s+(?:und|and|e|y|zu|zurück|gezogen|umgezogen|gefahren|gereist|geflogen|im|am|bei|mit|gewohnt|aufgewachsen|geboren)\b)/.test(
          after,
        ))
    ) {
      push(i, i, 'LOCATION', 'guess')
    }
  }
  return out
}

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

/** Titles written in lowercase in Romance languages and English abbreviations: "la señora Keller". */
const LOWERCASE_TITLES = new Set(
  'signor signore signora signorina sig dott dottor dottore dottoressa señor señora señorita sr sra srta don doña monsieur madame mme mlle mr mrs ms dr prof'.split(
    ' ',
  ),
)

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

/** Surname particles that may open a name after a title ("il dottor Della Casa", "Herr von Gunten"). */
const PARTICLE = /^(?:Della|Dalla|Delle|Del|De|Di|Da|Dos|Das|Do|Van|Von|Le|La)$/

/** Last parts of hyphenated club and association names. */
const ORG_TAILS = new Set(
  'clique verein club chor musig musik turnverein guggenmusik band ensemble'.split(' '),
)

function fuzzyOrganisation(gaz: Gazetteer, key: string): boolean {
  const candidates = gaz.organisationsByPrefix.get(key.slice(0, 4))
  return candidates?.some((org) => levenshteinAtMostOne(org, key)) ?? false
}

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

/** WHO INN stems of drug names ("-azepam", "-oxetin", "-prazol", "-thyrox"): a drug even if not in the list. */
const MED_STEM =
  /^[a-z]{3,}(?:azepam|azolam|zolam|oxetin|oxetine|afaxin|afaxine|tralin|traline|apin|apine|idon|idone|piprazol|prazol|prazole|sartan|statin|triptan|floxacin|cillin|mycin|setron|coxib|profen|thyrox|thyroxin|thyroxine|tidin|tidine|olol|dipin|dipine|pramin|pramine|triptylin|triptyline)$/

/** Verbs of speaking, thinking and feeling in third person (de incl. dialect, en, it, es). */
const PERSON_VERBS = new Set(
  (
    'sagt sagte meint meinte findet fand fragt fragte ruft rief schreibt schrieb erzählt erzählte lacht lachte ' +
    'weint weinte denkt dachte glaubt glaubte hilft half wott möcht ' +
    'said says told asks asked thinks thought wants cried laughed texted called ' +
    'dice disse pensa chiede chiese vuole ' +
    'dice dijo piensa pregunta preguntó quiere'
  ).split(' '),
)

/** The verbs that make even a sentence-initial unknown word a name ("Drita meint, …"). */
const STRONG_PERSON_VERBS = new Set(
  'sagt sagte meint meinte fragt fragte erzählt erzählte schreibt schrieb findet fand'.split(' '),
)

/** Nouns a person's genitive often precedes ("Annas Garten", "Beats Eltern"). */
const POSSESSED = new Set(
  'eltern familie geburtstag hochzeit wohnung haus zimmer auto garten kinder geburtstagsfeier beerdigung'.split(
    ' ',
  ),
)

/** Line-start labels used at least twice (a transcript's speakers), minus roles and form labels. */
function speakerLabels(tokens: Token[], nameLike: (t: Token) => boolean): Set<string> {
  const counts = new Map<string, number>()
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.lineStart || !/^\s*:/.test(tokens[i + 1]!.gap) || ROLE_LABELS.has(t.lower) || !nameLike(t))
      continue
    counts.set(t.key, (counts.get(t.key) ?? 0) + 1)
  }
  return new Set([...counts].filter(([, c]) => c >= 2).map(([k]) => k))
}
