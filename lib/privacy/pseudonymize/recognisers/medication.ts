import type { Candidate, Recogniser, RuleContext } from './context'
import { wordInfo } from '../dictionary'
import { G, W, gazIs, lexIs } from '../word-flags'

/** WHO INN stems of drug names ("-azepam", "-oxetin", "-prazol", "-thyrox"): a drug even if not in the list. */
const MED_STEM =
  /^[a-z]{3,}(?:azepam|azolam|zolam|oxetin|oxetine|afaxin|afaxine|tralin|traline|apin|apine|idon|idone|piprazol|prazol|prazole|sartan|statin|triptan|floxacin|cillin|mycin|setron|coxib|profen|thyrox|thyroxin|thyroxine|tidin|tidine|olol|dipin|dipine|pramin|pramine|triptylin|triptyline)$/

/** Verbs of taking or prescribing a drug, de/gsw/en/it/es: "nehme", "verschrieben", "took", "preso", "tomo". */
const MED_VERBS = new Set(
  (
    'nehme nimmt nimmst nehmen genommen nimm nimmsch bekomme bekommt bekommen bekam überchume übercho ' +
    'verschrieben verschreibt verschrieb verschriebe verschribe gespritzt schlucke schluckt geschluckt ' +
    'take takes took taking taken prescribed prescribe prescribes ' +
    'prendo prende prendi prendere preso presa presi assumo assume assunto prescritto prescritta ' +
    'tomo toma tomas tomar tomando tomé tomó tomaba recetó recetaron recetado ' +
    // Giving a drug ("gave me Zoloft", "mi ha dato il Lexotan", "me dio Orfidal"): the object is a word or the drug.
    'gave given dato dio ' +
    // A list's heading: "Medikamente: Elevit, Cipralex", "frage sechs medikamente elevit", "farmaci: …".
    'medikamente medikament medis medikamänt medication medications medicine medicines farmaci farmaco ' +
    'medicamentos medicamento'
  ).split(' '),
)
/**
 * Participles of prescribing or giving, last in a German clause ("hat mir X verschrieben", "hat mir X gegeben");
 * "genommen", Swiss "gno" take anything, and Swiss "gäh" has dialect objects no dictionary knows ("e
 * Kartongschachtle gäh").
 */
const MED_PARTICIPLES =
  /^(verschrieben|verschriebe|verschribe|gespritzt|geschluckt|gegeben|prescritt[oaie]|recetad[oa]s?)$/

/** Words between such a verb and the drug: pronouns, articles, adverbs ("bekomme ich jetzt Ocrevus", "preso un"). */
const MED_FILLERS = new Set(
  (
    'ich i er sie mir jetzt wieder noch nur auch täglich seit zusätzlich immer no si es de e ' +
    'ein eine einen es e en a an the some my her his now still also again daily ' +
    'un una uno la il lo le ancora anche solo già el los las ya también todavía'
  ).split(' '),
)
/** Dosage forms and units after the drug: "Ocrevus als Infusion", "Lexotan 3 mg", "X compresse". */
const MED_AFTER = new Set(
  (
    'mg ml µg mcg tablette tabletten tabl tablettli tropfen kapsel kapseln infusion infusionen spritze spritzen ' +
    'depot pflaster tablet tablets pill pills capsule capsules drops injection injections ' +
    'compressa compresse gocce capsula capsule fiala iniezione pastilla pastillas comprimido comprimidos gotas ' +
    'cápsula cápsulas inyección'
  ).split(' '),
)

/** Words after "nehmen"/"take" + object that make it another verb: take seriously, lightly, along, part. */
const NOT_A_DOSE = new Set(
  'ernst ernster persönlich wörtlich leicht locker mit teil seriously personally lightly literally'.split(
    ' ',
  ),
)

/**
 * A capitalised word that no dictionary, name or place list knows, right after a verb of taking or prescribing
 * ("Ho preso un Lexotan"), right before a German participle of it ("hat mir X verschrieben") or before a dosage
 * form or unit ("bekomme ich Ocrevus als Infusion", "Zyprexa 5 mg"), is a drug's brand name.
 */
function medicationByContext(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]!
  // (A cue word is no drug itself: "nimmsch medis?" asks about medicines.)
  if (t.sentenceStart || t.key.length < 4 || t.gap !== ' ' || MED_VERBS.has(t.lower)) return false
  let before = false
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    const w = tokens[k]!
    if (MED_VERBS.has(w.lower)) {
      before = true
      break
    }
    if (!MED_FILLERS.has(w.lower) || w.gap.includes('\n')) break
  }
  let after = false
  if (!before)
    for (let k = i + 1; k < tokens.length && k <= i + 3; k++) {
      const w = tokens[k]!
      if (/[.!?\n]/.test(w.gap)) break
      // (German puts the participle last: "hat mir X verschrieben".)
      if (MED_AFTER.has(w.lower) || (k === i + 1 && MED_PARTICIPLES.test(w.lower))) {
        after = true
        break
      }
      if (!/^(als|as|in|come|como|da|de|zu|\d+(?:[.,]\d+)?)$/.test(w.lower)) break
    }
  if (!before && !after) return false
  // "Ich nehme Zumba ernst", "nehme Maya mit", "I take Pilates seriously": "nehmen" with these is no dose.
  const next = tokens[i + 1]
  if (before && next !== undefined && next.gap === ' ' && NOT_A_DOSE.has(next.lower)) return false
  if (gazIs(t, G.NAME | G.PLACE | G.ORGANISATION | G.COMMON | G.AMBIGUOUS)) return false
  const info = ctx.word(t)
  return !info.lower && !info.noun && !info.compound && !info.adjective && !info.proper
}

/**
 * A dictated lower-case word that is a German noun when capitalised, or ends in one ("prostatakrebs" — the
 * dictionary's compound test does not know every first part). Asked only of words a drug cue stands beside.
 */
function dictatedNoun(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1)
  const info = wordInfo(ctx.language, cap(t.text))
  if (info.noun || info.compound) return true
  if (ctx.language !== 'de') return false
  for (let k = 3; k + 4 <= t.text.length; k++) if (wordInfo('de', cap(t.text.slice(k))).noun) return true
  return false
}

/**
 * A brand formed by a prefix and a listed drug ("Cardioaspirina", "Neobrufen"-like "Cardiodoxepin"): a word no
 * dictionary, name or place list knows whose end from the fourth letter on is a listed drug of six or more
 * letters. Only the end counts: a drug before a noun is a German compound about it ("Insulinpumpe").
 */
function brandCompound(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i]!
  if (t.key.length < 9 || gazIs(t, G.NAME | G.PLACE | G.ORGANISATION | G.COMMON | G.AMBIGUOUS)) return false
  const info = ctx.word(t)
  if (info.lower || info.noun || info.compound || info.adjective || info.proper) return false
  const meds = ctx.gaz.medications
  for (let k = 3; k + 6 <= t.key.length; k++) if (meds.has(t.key.slice(k))) return true
  return false
}

/**
 * Herbal sedatives and antidepressants sold as medicines (valerian, St John's wort, passionflower) are also
 * plants and teas: a medication only where taking or trying it is said ("provare con la valeriana", "nehme
 * Baldrian", "Johanniskraut-Tabletten"), within the six words before or three after in the sentence.
 */
const HERBAL_REMEDIES = new Set(
  'valeriana valerian baldrian valeriane johanniskraut iperico hiperico passiflora'.split(' '),
)
const TRY_VERBS = new Set(
  (
    'provare provi prova provato probiere probieren probiert versuche versuchen versucht try trying tried ' +
    'probar pruebe prueba probé probado consigliato consigliata recomendó recomendado empfohlen'
  ).split(' '),
)
function herbalRemedy(ctx: RuleContext, i: number): boolean {
  const { tokens } = ctx
  for (let k = i - 1; k >= 0 && k >= i - 6; k--) {
    const w = tokens[k]!
    if (MED_VERBS.has(w.lower) || TRY_VERBS.has(w.lower)) return true
    if (/[.!?\n]/.test(tokens[k + 1]!.gap)) break
  }
  for (let k = i + 1; k < tokens.length && k <= i + 3; k++) {
    if (/[.!?\n]/.test(tokens[k]!.gap)) break
    if (MED_AFTER.has(tokens[k]!.lower)) return true
  }
  return false
}

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
      if (HERBAL_REMEDIES.has(t.key)) {
        if (herbalRemedy(ctx, i)) out.push(ctx.span(i, i, 'MEDICATION', 'context', 'medication-herbal'))
        continue
      }
      if (!t.cap) {
        // Medication names are curated to exclude ordinary words: in any case, anywhere ("Tomo sertralina").
        if (t.key.length >= 5 && gazIs(t, G.MEDICATION) && !gazIs(t, G.COMMON))
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication'))
        else if (t.lowercaseLine && t.key.length >= 3 && gazIs(t, G.MEDICATION) && !ctx.isAmbiguous(t))
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication'))
        else if (MED_STEM.test(t.key) && !ctx.word(t).lower)
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication-stem'))
        // Dictated text writes brand names in lower case too: "hat mir elidel gegeben", "medikamente elevit".
        else if (t.lowercaseLine && medicationByContext(ctx, i) && !dictatedNoun(ctx, i))
          out.push(ctx.span(i, i, 'MEDICATION', 'context', 'medication-context'))
        else if (brandCompound(ctx, i))
          out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication-compound'))
        continue
      }
      if (lexIs(t, W.NEVER) || lexIs(t, W.ROLE)) continue
      if ((gazIs(t, G.MEDICATION) && !ctx.facts(i).ambiguous) || (MED_STEM.test(t.key) && !ctx.isCommon(t)))
        out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication'))
      else if (medicationByContext(ctx, i))
        out.push(ctx.span(i, i, 'MEDICATION', 'context', 'medication-context'))
      else if (brandCompound(ctx, i))
        out.push(ctx.span(i, i, 'MEDICATION', 'gazetteer', 'medication-compound'))
    }
    return out
  },
}
