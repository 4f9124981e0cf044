import { G } from '../word-flags'
import type { Candidate, Recogniser } from './context'

/** Multi-word gazetteer entries ("Lido di Lugano", "Zurich Insurance"), longest first. */
export const gazetteerPhrases: Recogniser = {
  name: 'gazetteer-phrases',
  phase: 1,
  run(ctx) {
    const { tokens, gaz, text } = ctx
    const n = tokens.length
    const out: Candidate[] = []
    for (let i = 0; i < n; i++) {
      // The token's flag answers most words without a Map lookup.
      if ((tokens[i]!.gz & G.PHRASE_START) === 0) continue
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
        if (!ok) continue
        // A multi-word name starts with a capital (or is all lowercase speech-to-text).
        const value = text.slice(tokens[i]!.start, tokens[last]!.end)
        // In a text that capitalises, a lower-case phrase of ordinary words is those words: "transferir la plata"
        // (the money, not La Plata), "a long beach walk".
        const lowerWords =
          value === value.toLowerCase() &&
          !tokens[i]!.lowercaseLine &&
          tokens.slice(i, last + 1).every((tk) => ctx.word(tk).lower)
        if (tokens[i]!.cap || tokens[i]!.caps || (value === value.toLowerCase() && !lowerWords)) {
          out.push(ctx.span(i, last, c.type, 'gazetteer', 'phrase'))
          i = last
          break
        }
      }
    }
    return out
  },
}
