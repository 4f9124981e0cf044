import type { RuleContext } from './recognisers/context'
import type { Token } from './tokens'
import type { Span, Suspect } from './types'
import { AMBIGUOUS_IN, G, W, gazIs, lexIs } from './word-flags'

/**
 * What the detector scored as a possible identifier but did not replace: the coach's review list
 * ("Möglicherweise noch erkennbar", R7.7). Offsets are in the input text; index.ts maps them to the output.
 */
export type { Suspect }
type SuspectReason = Suspect['reason']

/** Character occupancy, reused between calls (a text-long array per call was garbage): all zero between calls. */
let takenScratch = new Uint8Array(0)

/** No dictionary reading at all in the text's language. */
function isUnknownWord(ctx: RuleContext, t: Token): boolean {
  const info = ctx.word(t)
  return !info.lower && !info.noun && !info.compound && !info.proper
}

export function findSuspects(ctx: RuleContext, accepted: readonly Span[]): Suspect[] {
  if (takenScratch.length < ctx.text.length + 1) takenScratch = new Uint8Array(ctx.text.length + 1)
  const taken = takenScratch
  for (const span of accepted) taken.fill(1, span.start, span.end)
  try {
    return suspectsIn(ctx, taken)
  } finally {
    for (const span of accepted) taken.fill(0, span.start, span.end)
  }
}

function suspectsIn(ctx: RuleContext, taken: Uint8Array): Suspect[] {
  const { tokens, language } = ctx
  const out: Suspect[] = []
  const add = (i: number, score: number, reason: SuspectReason) => {
    const t = tokens[i]!
    out.push({ start: t.start, end: t.end, value: t.text, score, reason })
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (taken[t.start]) continue
    // First-character test before the regex: most tokens are words.
    const c0 = t.text.charCodeAt(0)
    if (c0 >= 48 && c0 <= 57 && /^\d+$/.test(t.text)) {
      if (t.text.length >= 6) add(i, 0.5, 'number')
      continue
    }
    // A short acronym the recognisers left ("the UK", "the M62", "bei der ETA"): weakest, after every word.
    if (
      t.caps &&
      t.text.length >= 2 &&
      t.text.length <= 5 &&
      !lexIs(t, W.NEVER | W.FUNCTION | W.ROLE | W.TITLE)
    ) {
      add(i, 0.3, 'capitalised')
      continue
    }
    if (t.key.length < 3 || t.caps) continue
    if (lexIs(t, W.NEVER) || lexIs(t, W.ROLE) || lexIs(t, W.RELATION) || lexIs(t, W.TITLE)) continue
    const named = gazIs(t, G.FIRST) || gazIs(t, G.LAST) || gazIs(t, G.PLACE)
    if (!t.cap) {
      // Lower case: a name from the lists that is no ordinary word here ("mit reto geredet").
      if (named && !gazIs(t, G.COMMON) && !ctx.word(t).lower && !gazIs(t, AMBIGUOUS_IN[language]))
        add(i, 0.5, 'name-list')
      // Dictated Italian, Spanish or English lower-case text writes names small too: a word no dictionary
      // knows ("alla ibsa", "ponte tresa", "jalisco"). Not German: dialect words are no dictionary words.
      else if (
        t.lowercaseLine &&
        language !== 'de' &&
        lexIs(t, W.LETTERS) &&
        !gazIs(t, G.COMMON) &&
        !lexIs(t, W.FUNCTION) &&
        isUnknownWord(ctx, t)
      )
        add(i, 0.4, 'unknown-word')
      continue
    }
    if (ctx.isCommon(t) && !named) continue
    if (ctx.facts(i).afterDeterminer && !named) {
      // After an article a word is a noun — unless no dictionary knows it at all: "im Oberhasli", "der
      // Rhätischen Bahn", "alla Lavazza", "at the Vauxhall plant" are names the lists lack.
      if (!t.sentenceStart && isUnknownWord(ctx, t)) add(i, 0.6, 'unknown-word')
      continue
    }
    if (named) {
      add(i, t.sentenceStart ? 0.4 : 0.6, 'name-list')
      continue
    }
    if (t.sentenceStart) continue
    if (language === 'de') {
      const info = ctx.word(t)
      // German "proper" entries are mostly nominalised verbs ("Schwimmen"): not listed.
      if (!info.lower && !info.noun && !info.compound) add(i, 0.7, 'unknown-word')
    } else add(i, ctx.word(t).proper ? 0.6 : 0.5, ctx.word(t).proper ? 'dictionary-name' : 'capitalised')
  }
  return out
}
