import { ORG_FIELDS, PERSON_FIELDS, PLACE_FIELDS } from '../lexicon'
import type { Candidate, Recogniser } from './context'
import { G, W, gazIs, lexIs } from '../word-flags'

/** Words that open an answer (the dictionary reads "Gut" as the noun only). */
const ANSWERS = new Set(
  'gut guet schlecht schlächt ja jo nein nei genau okay ok danke merci naja also doch eben super prima stimmt klar'.split(
    ' ',
  ),
)

/** Form labels at the start of a line: "Name: …", "Arbeitgeber: …", "Wohnort: …" (any case). */
export const formFields: Recogniser = {
  name: 'form-fields',
  phase: 1,
  run(ctx) {
    const { tokens } = ctx
    const n = tokens.length
    const out: Candidate[] = []
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
      const value = tokens[first]!
      const has = (set: Set<string>) => set.has(label) || labels.some((l) => set.has(l))
      // A form value typed in lower case is still a value ("name: martina zwahlen").
      const valueLike = value.cap || value.caps || (value.lowercaseLine && !ctx.word(value).lower)
      if (has(PERSON_FIELDS) && (ctx.nameLike(value) || (!value.cap && valueLike))) {
        // A name field holds a name, not a sentence ("Klientin: Schwimmen nur einmal" is a speaker).
        const last = valueRun(ctx, first, 4)
        const after = last + 1 < n ? tokens[last + 1]!.gap : '\n'
        // A speaker's answer opens with a word and a comma ("Klientin: Gut, danke."): an adjective or function
        // word alone before a comma is no name, unless a name follows it ("Klientin: Fröhlich, Anna").
        const info = ctx.word(value)
        const answer =
          last === first &&
          after.startsWith(',') &&
          (info.adjective ||
            info.adjectiveForm ||
            ANSWERS.has(value.lower) ||
            lexIs(value, W.FUNCTION | W.NEVER)) &&
          !(last + 1 < n && gazIs(tokens[last + 1]!, G.NAME))
        if ((/[\n,;(]/.test(after) || last + 1 >= n) && !answer)
          out.push(ctx.span(first, last, 'PERSON', 'context', 'field-person'))
      } else if (has(ORG_FIELDS) && valueLike) {
        let k = first
        while (k + 1 < n && !/[,;(\n]/.test(tokens[k + 1]!.gap) && k - first < 5) k++
        out.push(ctx.span(first, k, 'ORGANIZATION', 'context', 'field-org'))
      } else if (has(PLACE_FIELDS) && valueLike) {
        let k = first
        while (
          k + 1 < n &&
          (tokens[k + 1]!.gap === ' ' || tokens[k + 1]!.gap === '-') &&
          tokens[k + 1]!.cap &&
          k - first < 3
        )
          k++
        out.push(ctx.span(first, k, 'LOCATION', 'context', 'field-place'))
      }
    }
    return out
  },
}

/** Capitalised name words, or in a lower-case line the words up to the end of the field. */
function valueRun(ctx: Parameters<Recogniser['run']>[0], first: number, max: number): number {
  const t = ctx.tokens[first]!
  if (t.cap) return ctx.nameRun(first, max)
  let k = first
  while (
    k + 1 < ctx.tokens.length &&
    k - first < max - 1 &&
    (ctx.tokens[k + 1]!.gap === ' ' || ctx.tokens[k + 1]!.gap === '-') &&
    !ctx.word(ctx.tokens[k + 1]!).lower
  )
    k++
  return k
}
