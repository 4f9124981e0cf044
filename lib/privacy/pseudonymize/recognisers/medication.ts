import { NEVER_NAMES, ROLE_LABELS } from '../lexicon'
import type { Candidate, Recogniser } from './context'

/** WHO INN stems of drug names ("-azepam", "-oxetin", "-prazol", "-thyrox"): a drug even if not in the list. */
const MED_STEM =
  /^[a-z]{3,}(?:azepam|azolam|zolam|oxetin|oxetine|afaxin|afaxine|tralin|traline|apin|apine|idon|idone|piprazol|prazol|prazole|sartan|statin|triptan|floxacin|cillin|mycin|setron|coxib|profen|thyrox|thyroxin|thyroxine|tidin|tidine|olol|dipin|dipine|pramin|pramine|triptylin|triptyline)$/

/** Medication names from the curated list (in any case, since they exclude ordinary words) and by INN stem. */
export const medications: Recogniser = {
  name: 'medications',
  phase: 1,
  run(ctx) {
    const { tokens, gaz } = ctx
    const out: Candidate[] = []
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      if (t.caps) continue
      if (!t.cap) {
        // Medication names are curated to exclude ordinary words: in any case, anywhere ("Tomo sertralina").
        if (t.key.length >= 5 && gaz.medications.has(t.key) && !gaz.common.has(t.key))
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication'))
        else if (t.lowercaseLine && t.key.length >= 3 && gaz.medications.has(t.key) && !ctx.isAmbiguous(t))
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication'))
        else if (MED_STEM.test(t.key) && !ctx.word(t).lower)
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication-stem'))
        continue
      }
      if (NEVER_NAMES.has(t.lower) || ROLE_LABELS.has(t.lower)) continue
      if (
        (gaz.medications.has(t.key) && !ctx.facts(i).ambiguous) ||
        (MED_STEM.test(t.key) && !ctx.isCommon(t))
      )
        out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication'))
    }
    return out
  },
}
