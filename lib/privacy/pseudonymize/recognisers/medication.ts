import type { Candidate, Recogniser } from './context'
import { G, W, gazIs, lexIs } from '../word-flags'

/** WHO INN stems of drug names ("-azepam", "-oxetin", "-prazol", "-thyrox"): a drug even if not in the list. */
const MED_STEM =
  /^[a-z]{3,}(?:azepam|azolam|zolam|oxetin|oxetine|afaxin|afaxine|tralin|traline|apin|apine|idon|idone|piprazol|prazol|prazole|sartan|statin|triptan|floxacin|cillin|mycin|setron|coxib|profen|thyrox|thyroxin|thyroxine|tidin|tidine|olol|dipin|dipine|pramin|pramine|triptylin|triptyline)$/

/** Medication names from the curated list (in any case, since they exclude ordinary words) and by INN stem. */
export const medications: Recogniser = {
  name: 'medications',
  phase: 1,
  run(ctx) {
    const { tokens } = ctx
    const out: Candidate[] = []
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      if (t.caps) continue
      if (!t.cap) {
        // Medication names are curated to exclude ordinary words: in any case, anywhere ("Tomo sertralina").
        if (t.key.length >= 5 && gazIs(t, G.MEDICATION) && !gazIs(t, G.COMMON))
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication'))
        else if (t.lowercaseLine && t.key.length >= 3 && gazIs(t, G.MEDICATION) && !ctx.isAmbiguous(t))
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication'))
        else if (MED_STEM.test(t.key) && !ctx.word(t).lower)
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication-stem'))
        continue
      }
      if (lexIs(t, W.NEVER) || lexIs(t, W.ROLE)) continue
      if ((gazIs(t, G.MEDICATION) && !ctx.facts(i).ambiguous) || (MED_STEM.test(t.key) && !ctx.isCommon(t)))
        out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication'))
    }
    return out
  },
}
