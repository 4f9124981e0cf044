import { NOUN_SUFFIXES } from '../lexicon'
import type { Token } from '../tokens'
import { endsWithAny, type Candidate, type Recogniser } from './context'
import { DETERMINER_IN, G, W, gazIs, lexIs } from '../word-flags'

/**
 * Phase 2 — names by their relation to what phase 1 found: the unknown word after a first name (the
 * surname), an unknown word that also occurs with a genitive s, transcript speakers, people addressed in
 * speech ("…, Arben?"), a partner coordinated with a person ("Drita und Valon"), a genitive before a
 * relation word ("Dritas Mann").
 */

/** Nouns a person's genitive often precedes ("Annas Garten", "Beats Eltern"). */
const POSSESSED = new Set(
  'eltern familie geburtstag hochzeit wohnung haus zimmer auto garten kinder geburtstagsfeier beerdigung'.split(
    ' ',
  ),
)

const ROMANCE_MONTHS = new Set(
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre enero febrero abril mayo junio julio septiembre octubre noviembre diciembre'.split(
    ' ',
  ),
)

/** Line-start labels used at least twice (a transcript's speakers), minus roles and form labels. */
function speakerLabels(tokens: Token[], nameLike: (t: Token) => boolean): Set<string> {
  const counts = new Map<string, number>()
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.lineStart || !/^\s*:/.test(tokens[i + 1]!.gap) || lexIs(t, W.ROLE) || !nameLike(t)) continue
    counts.set(t.key, (counts.get(t.key) ?? 0) + 1)
  }
  return new Set([...counts].filter(([, c]) => c >= 2).map(([k]) => k))
}

/**
 * Comma lists within a sentence: items are runs of up to three words separated by ", ", the last one
 * after "und/and/e/y". Returns the token indices of each item, for lists of three items or more.
 */
function commaLists(tokens: Token[]): number[][][] {
  const lists: number[][][] = []
  let items: number[][] = []
  let item: number[] = []
  const close = () => {
    if (items.length >= 3) lists.push(items)
    items = []
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!
    // A sentence, a line or a colon ("Team: Frei, Koch, …") starts a new list.
    if (t.sentenceStart || (t.gap !== ' ' && t.gap !== ', ')) {
      if (t.gap !== ': ' && item.length > 0 && item.length <= 3) items.push(item)
      close()
      item = [k]
      continue
    }
    if (t.gap === ', ') {
      if (item.length > 0 && item.length <= 3) items.push(item)
      else if (item.length > 3) close()
      item = [k]
      continue
    }
    if (lexIs(t, W.COORDINATOR) && item.length > 0 && items.length > 0) {
      items.push(item)
      item = []
      continue
    }
    item.push(k)
  }
  if (item.length > 0 && item.length <= 3) items.push(item)
  close()
  return lists
}

/** Articles an answer may put before a name: "Der Seiler?", "la noemi", Swiss "dr Beat". */
const ANSWER_ARTICLES = new Set(['der', 'die', 'de', 'dr', 'd', 'la', 'il', 'el'])

/**
 * Token `i` opens a speaker's turn (after the label, perhaps after an article) and the turn before asked
 * about a relation: a line with a relation word ("compagno", "Lehrmeister") ending in "?" — or any such line
 * in lower-case dictation, which has no question marks. The name must go on with a word or end a question.
 */
function answersAboutRelation(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!
  const next = tokens[i + 1]
  if (next !== undefined && next.gap !== ' ' && !/^\?/.test(next.gap)) return false
  let k = i - 1
  if (ANSWER_ARTICLES.has(tokens[k]!.lower) && t.gap === ' ' && k > 0) k--
  const label = tokens[k]!
  const opening = tokens[k + 1]!
  if (!label.lineStart || !lexIs(label, W.ROLE)) return false
  if (!/^\s*:\s*$/.test(opening.gap) && !(opening.gap === ' ' && label.lowercaseLine)) return false
  // The turn before: from its line start up to the label.
  if (k === 0) return false
  const asked = tokens[k - 1]!
  const question = /\?/.test(label.gap) || (asked.lowercaseLine && label.lowercaseLine)
  if (!question) return false
  for (let j = k - 1; j >= 0; j--) {
    const q = tokens[j]!
    if (q.lineStart) break
    if (lexIs(q, W.RELATION)) return true
  }
  return false
}

export const personLinks: Recogniser = {
  name: 'person-links',
  phase: 2,
  run(ctx) {
    const { tokens, language, tagged, text } = ctx
    const n = tokens.length
    const out: Candidate[] = []
    const mark = (i: number, rule: string) => {
      out.push(ctx.span(i, i, 'PERSON', 'context', rule))
      tagged[i] = 'PERSON'
    }

    // A first name followed by an unknown capitalised word: the surname ("Barbara Imhof").
    for (let i = 0; i + 1 < n; i++) {
      if (tagged[i] !== 'PERSON' || tagged[i + 1]) continue
      const next = tokens[i + 1]!
      if (next.gap === ' ' && ctx.nameLike(next) && !next.sentenceStart && gazIs(tokens[i]!, G.FIRST))
        mark(i + 1, 'surname-after-first-name')
    }

    // A double surname after a first name, one part already a name: "roger adler-bosshard", "Eva Graf-Meier".
    for (let i = 1; i + 2 < n; i++) {
      if (tagged[i] || tagged[i - 1] !== 'PERSON' || !gazIs(tokens[i - 1]!, G.FIRST)) continue
      const t = tokens[i]!
      if (t.gap !== ' ' || tokens[i + 1]!.gap !== '-' || tagged[i + 1] !== 'PERSON' || t.key.length < 3)
        continue
      if (t.cap || t.lowercaseLine || gazIs(t, G.NAME)) mark(i, 'double-surname')
    }

    // An unknown word that also occurs with a genitive s ("Fatlind … Fatlinds Zukunft") is a name: nouns
    // rarely take an s without an article, names do.
    const unknownKeys = new Set<string>()
    for (let i = 0; i < n; i++)
      if (!tagged[i] && ctx.nameLike(tokens[i]!) && !gazIs(tokens[i]!, G.COMMON))
        unknownKeys.add(tokens[i]!.key)
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!
      if (tagged[i] || !unknownKeys.has(t.key) || t.key.length < 4) continue
      const genitive = t.key.endsWith('s') && unknownKeys.has(t.key.slice(0, -1))
      const base = unknownKeys.has(`${t.key}s`)
      if ((genitive || base) && !(language === 'de' && endsWithAny(t.lower, NOUN_SUFFIXES)))
        mark(i, 'genitive-pair')
    }

    // Listed surnames that are ordinary words ("Koch", "Frei", "Lang"), by the company they keep:
    // (a) an item of a comma list of single names in which at least two items are persons already
    //     ("Team: Frei, Koch, Anna Meier und Beat Roth");
    // (b) coordinated with a person ("Frei und Koch reden …", "maite y abril" in dictation).
    const listedName = (k: number) => {
      const t = tokens[k]!
      return (
        !tagged[k] &&
        (t.cap || t.lowercaseLine) &&
        !t.caps &&
        t.key.length >= 3 &&
        gazIs(t, G.NAME) &&
        // A month is a name only where months are written in lower case anyway ("maite y abril").
        (!lexIs(t, W.NEVER) || (t.lowercaseLine && ROMANCE_MONTHS.has(t.lower))) &&
        !lexIs(t, W.RELATION) &&
        !lexIs(t, W.ROLE) &&
        !lexIs(t, W.TITLE) &&
        !lexIs(t, DETERMINER_IN[language])
      )
    }
    for (const list of commaLists(tokens)) {
      const persons = list.filter((item) => item.some((k) => tagged[k] === 'PERSON')).length
      if (persons < 2) continue
      for (const item of list) if (item.length === 1 && listedName(item[0]!)) mark(item[0]!, 'name-list')
    }
    for (let i = 0; i < n; i++) {
      if (!listedName(i)) continue
      const t = tokens[i]!
      const prev = i > 0 ? tokens[i - 1] : undefined
      const next = i + 1 < n ? tokens[i + 1] : undefined
      const before =
        prev !== undefined &&
        t.gap === ' ' &&
        prev.gap === ' ' &&
        lexIs(prev, W.COORDINATOR) &&
        tagged[i - 2] === 'PERSON'
      const after =
        next !== undefined &&
        next.gap === ' ' &&
        lexIs(next, W.COORDINATOR) &&
        i + 2 < n &&
        tokens[i + 2]!.gap === ' ' &&
        tagged[i + 2] === 'PERSON'
      // With the same article before both ("mit dem ernst und dem fredi", "la rosa y la maite"): Swiss German
      // and dictated Italian and Spanish put an article before a given name.
      const sameArticle = (a: number, b: number) =>
        a >= 0 &&
        b < n &&
        lexIs(tokens[a]!, DETERMINER_IN[language]) &&
        tokens[a]!.lower === tokens[b]!.lower &&
        tokens[a + 1]!.gap === ' ' &&
        tokens[b + 1]!.gap === ' '
      const parallel =
        (next !== undefined &&
          next.gap === ' ' &&
          lexIs(next, W.COORDINATOR) &&
          i + 3 < n &&
          tokens[i + 2]!.gap === ' ' &&
          tagged[i + 3] === 'PERSON' &&
          sameArticle(i - 1, i + 2)) ||
        (prev !== undefined &&
          i >= 4 &&
          lexIs(tokens[i - 2]!, W.COORDINATOR) &&
          tokens[i - 2]!.gap === ' ' &&
          tagged[i - 3] === 'PERSON' &&
          sameArticle(i - 4, i - 1))
      if (before || after || parallel) mark(i, 'coordinated-name')
    }

    // A listed name that opens the answer to a question about a relation is that person, even where it is
    // also a word: "Coach: E il tuo compagno? / Cliente: Simone è contento.", "… mit dem Lehrmeister? /
    // Klientin: Der Seiler? …", dictated "coach e la tua compagna come la vive / cliente la noemi è stanca".
    for (let i = 1; i < n; i++) {
      if (!listedName(i) || !answersAboutRelation(tokens, i)) continue
      const t = tokens[i]!
      // An interjection or a bare adjective opens answers too: "Bene, grazie.", "Gut ist er nicht."
      if (language === 'de' && (ctx.word(t).adjective || ctx.word(t).adjectiveForm)) continue
      mark(i, 'answer-about-relation')
    }

    const speakers = speakerLabels(tokens, ctx.nameLike)
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!
      if (tagged[i] || !ctx.nameLike(t) || gazIs(t, G.NAME) || t.key.length < 3) continue
      const prev = i > 0 ? tokens[i - 1] : undefined
      const next = i + 1 < n ? tokens[i + 1] : undefined
      if (prev !== undefined && lexIs(prev, DETERMINER_IN[language]) && t.gap === ' ') continue
      const isSpeaker = t.lineStart && speakers.has(t.key)
      // Addressed in speech: "…ergangen, Arben?"
      const following = text.charCodeAt(t.end)
      const vocative = (following === 63 || following === 33) && /,\s*$/.test(t.gap)
      // "Drita und Valon", "Valon und Drita": a coordinated partner of a person is a person.
      // Within one sentence: "… meine Enkelin Mia. Und Kreuzworträtsel." adds a thing, not a partner.
      const coordinated =
        (prev !== undefined &&
          lexIs(prev, W.COORDINATOR) &&
          !prev.sentenceStart &&
          i > 1 &&
          tagged[i - 2] === 'PERSON') ||
        (next !== undefined &&
          lexIs(next, W.COORDINATOR) &&
          i + 2 < n &&
          !tokens[i + 2]!.sentenceStart &&
          tagged[i + 2] === 'PERSON')
      // Genitive before a relation: "Dritas Mann", "Valons Eltern".
      const possessive =
        t.key.endsWith('s') &&
        next !== undefined &&
        next.gap === ' ' &&
        (lexIs(next, W.RELATION) || POSSESSED.has(next.lower))
      if (isSpeaker || vocative || coordinated || possessive)
        mark(i, isSpeaker ? 'speaker' : vocative ? 'vocative' : coordinated ? 'coordinated' : 'possessive')
    }
    return out
  },
}
