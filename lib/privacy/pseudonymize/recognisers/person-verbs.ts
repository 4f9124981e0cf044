import type { RuleContext } from './context'

/**
 * Verbs of speaking, writing and relating right after a word (de incl. Swiss German, en, it, es): how
 * strongly they say the word before is a person. 2 = a speech act or a verb with a personal object
 * ("sagt", "hat gesagt", "texted", "drove me", "mi ha chiamato", "me llamó"); 1 = an action people do.
 */
const words = (s: string) => new Set(s.trim().split(/\s+/))

const STRONG = words(`
  sagt sagte meint meinte fragt fragte erzählt erzählte schreibt schrieb findet fand ruft rief seit säit
  verzellt schickt schickte telefoniert simst textet
  said says told tells asks asked texted called rang emailed messaged wrote writes replied thinks thought reckons
  dice disse pensa chiede chiese racconta scrive scrisse risponde
  dijo piensa pregunta preguntó cuenta contó escribe escribió cree contesta contestó
`)

const WEAK = words(`
  lacht lachte weint weinte denkt dachte glaubt glaubte hilft half wott möcht will wollte kommt kam chunnt
  holt holte bringt brachte besucht besuchte heiratet umarmt verlässt kennt mag liebt hasst
  wants wanted cried laughed drove picked invited visited hugged married left came helped took knows loves hates
  vuole voleva viene venuto aiuta conosce ama
  quiere quería viene vino ayuda conoce ama llamó
`)

/** "hat gesagt", "het gseit", "ha detto", "ha dicho": an auxiliary and a speech participle. */
const AUXILIARIES = words('hat het hatte hett has had ha aveva había')
const PARTICIPLES = words(`
  gesagt gemeint gefragt erzählt geschrieben angerufen telefoniert geschickt gseit gmeint gfragt verzellt
  gschribe aagrüefe aaglüte said told asked texted called written
  detto chiesto scritto chiamato raccontato dicho preguntado escrito llamado contado
`)
const OBJECT_PRONOUNS = words('mich mir uns me us him her them mi ci me nos')

/**
 * What a person does starts at token k: a speech act ("sagt", "said", "hat gesagt", "ha detto") or an
 * auxiliary with a personal object ("hat mir …", "has me …"). For known names that are words (word-use.ts).
 */
export function speechAt(tokens: readonly { lower: string }[], k: number): boolean {
  const t = tokens[k]
  if (!t) return false
  const after = tokens[k + 1]?.lower ?? ''
  return (
    STRONG.has(t.lower) ||
    (AUXILIARIES.has(t.lower) && (PARTICIPLES.has(after) || OBJECT_PRONOUNS.has(after)))
  )
}

/**
 * Speech acts only people perform: even an ordinary English word before them is a name ("Summer called",
 * "Mark recommended you"); not "drove" ("Work drove me crazy").
 */
const ANIMATE = words(
  `said says told tells texted messaged emailed asked replied wrote called rang promised insisted
   phoned recommended recommends suggested mentioned`,
)
/**
 * Journeys: a person only with a destination or a way home after them ("Tom flew to Oslo", "Jay flew back");
 * time, hope and birds fly too ("Summer flew past", "Hope flew out of the window").
 */
const JOURNEYS = words('flew flies travelled traveled')
const JOURNEY_ENDS = words('to home back in')

/** Owners of the group in "X from my team …". */
const FROM_GROUP_OWNERS = words('my our his her their the')

/** The words that can open a verb after a name: one lookup rules out most words (this runs per capital). */
const VERB_OPENERS = new Set([
  'from',
  ...ANIMATE,
  ...JOURNEYS,
  ...STRONG,
  ...AUXILIARIES,
  ...OBJECT_PRONOUNS,
  ...WEAK,
])

export function personVerbAfter(ctx: RuleContext, i: number): 0 | 1 | 2 | 3 {
  const { tokens } = ctx
  const next = tokens[i + 1]
  if (!next || next.gap !== ' ' || !VERB_OPENERS.has(next.lower)) return 0
  // "Mark from my team recommended …", "Jill from the office called": a group after "from", then the verb.
  if (next.lower === 'from' && ctx.language === 'en') {
    const owner = tokens[i + 2]
    const group = tokens[i + 3]
    if (owner?.gap === ' ' && group?.gap === ' ' && FROM_GROUP_OWNERS.has(owner.lower) && !group.cap) {
      const verb = tokens[i + 4]
      if (verb?.gap === ' ' && ANIMATE.has(verb.lower)) return 3
    }
  }
  const after = tokens[i + 2]
  const afterIs = (set: Set<string>) => after !== undefined && after.gap === ' ' && set.has(after.lower)
  if (ANIMATE.has(next.lower)) return 3
  if (JOURNEYS.has(next.lower) && afterIs(JOURNEY_ENDS)) return 3
  if (STRONG.has(next.lower)) return 2
  if (AUXILIARIES.has(next.lower)) {
    if (afterIs(PARTICIPLES) || afterIs(OBJECT_PRONOUNS)) return 2
    return next.lower === 'hat' || next.lower === 'het' ? 1 : 0
  }
  // "mi ha chiamato", "me llamó", "me dijo": a clitic object pronoun before the verb.
  if (OBJECT_PRONOUNS.has(next.lower) && after && after.gap === ' ') {
    if (STRONG.has(after.lower) || WEAK.has(after.lower)) return 2
    if (AUXILIARIES.has(after.lower)) return 2
  }
  if (WEAK.has(next.lower)) return afterIs(OBJECT_PRONOUNS) ? 2 : 1
  return 0
}

/**
 * Finite verbs that follow a subject (de incl. Swiss German, en, it, es), beyond the verbs of speaking: a
 * word before one stands where a subject stands ("Ganz will, dass …", "lang hat mir …", "Toni è così").
 */
const SUBJECT_VERBS = words(`
  hat het hät hed ist isch war wär wird wott will cha chan kann muss muess söll soll darf sött sollte möcht
  chunnt kommt geht gaht gseht sieht macht findet weiss
  has had is was does did will would can could gets got goes went
  è ha era aveva sta fa va viene vuole può deve sa
  es está era tiene tenía va viene quiere puede debe sabe hace
`)

/** The word after token i is a finite verb that follows a subject, or a verb of speaking or relating. */
export function subjectVerbAfter(tokens: readonly { gap: string; lower: string }[], i: number): boolean {
  const next = tokens[i + 1]
  if (!next || next.gap !== ' ') return false
  return (
    SUBJECT_VERBS.has(next.lower) || STRONG.has(next.lower) || WEAK.has(next.lower) || ANIMATE.has(next.lower)
  )
}
