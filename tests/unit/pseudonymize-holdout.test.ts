import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findLeaks, pseudonymize } from '@/lib/privacy/pseudonymize'
import { parseLabelled, scorePseudonymised, type LabelledDoc } from '../../scripts/pii-score'

// R7.2: the pseudonymiser measured on labelled texts written independently of the code (de incl. dialect and
// speech-to-text, en, it, es): the 40 held-out texts, the 66 texts of unseen set A (scored once before
// any tuning on it: recall 0.945, 17 of 66 documents leaking) and the 70 texts of unseen set B (scored once
// before any tuning on it: recall 0.965, keep 0.942, 19 of 70 documents leaking; the levels below were
// reached after tuning on it, so it is no longer unseen) and the 64 texts of unseen set C (scored once on
// 2026-12-07 before any tuning on it: recall 0.960, 15 of 64 documents leaking; the levels below were reached
// after general rules for its kinds of misses, issue 14, so it is no longer unseen). The thresholds are at or
// below the levels reached; a change that loses recall fails here.
const contextOf = (doc: LabelledDoc) => ({
  client: doc.known?.client ? { name: doc.known.client } : undefined,
  coach: doc.known?.coach ? { name: doc.known.coach } : undefined,
})
const PARTICLES = new Set(['von', 'van', 'vom', 'de', 'da', 'di', 'del', 'dos', 'das', 'le', 'la', 'al'])

const sets = [
  {
    name: 'held-out texts',
    file: 'tests/fixtures/pii/holdout.jsonl',
    recall: 0.99,
    person: 0.98,
    keep: 0.97,
    leaking: 1,
  },
  {
    name: 'unseen set A',
    file: 'tests/fixtures/pii/unseen-a.jsonl',
    recall: 0.99,
    person: 0.99,
    keep: 0.97,
    leaking: 2,
  },
  {
    name: 'unseen set B',
    file: 'tests/fixtures/pii/unseen-b.jsonl',
    recall: 0.99,
    person: 0.99,
    keep: 0.99,
    leaking: 0,
  },
  {
    name: 'unseen set C',
    file: 'tests/fixtures/pii/unseen-c.jsonl',
    recall: 0.97,
    person: 0.97,
    // 0.98 before the keep-word round after set G (1.000 since).
    keep: 0.99,
    // 8 since the Swiss German article before a diminutive ("de michi isch …"); 7 since pet forms of the
    // text's people ("Palomita" of a client Paloma).
    leaking: 7,
    // After tuning (issue 14) phones and dates of birth in dialect words or with an Italian ordinal are all
    // found; one organisation (a type word + an ordinary Italian word, lower case) is still missed.
    complete: ['EMAIL', 'PHONE', 'AHV', 'IBAN', 'ADDRESS', 'DATE_OF_BIRTH', 'URL'],
    minimum: { ORGANIZATION: 0.98 },
    // Its writer put known surnames into texts as ordinary words ("im Sommer" with a coach Sommer) on purpose:
    // those must survive, so the known-name check below counts labelled identifiers only (the score above).
    knownPartsEverywhere: false,
  },
  // Sets D–G (issue 14, 2026-12-07), each written by a helper that read only ../shared/pii/README.md and scored
  // once before any tuning on it (first scores: README). D, E and F were tuned on afterwards with general rules,
  // so their levels here are after tuning; G was held at its first score (plus one general fix for a known name
  // after an Italian article) until the persons-and-numbers round raised it. Their writers put known surnames into texts as ordinary words on purpose.
  {
    name: 'unseen set D',
    file: 'tests/fixtures/pii/unseen-d.jsonl',
    recall: 0.99,
    person: 0.99,
    // 0.96 before the keep-word round after set G (0.992 since).
    keep: 0.985,
    leaking: 1,
    minimum: { ORGANIZATION: 0.99 },
    knownPartsEverywhere: false,
  },
  {
    name: 'unseen set E',
    file: 'tests/fixtures/pii/unseen-e.jsonl',
    recall: 0.99,
    person: 0.99,
    keep: 0.98,
    leaking: 2,
    // Raised after pii-m-place (landmark and hill list, landmark compounds, mountains that are words): 0.986.
    places: 0.98,
    knownPartsEverywhere: false,
  },
  {
    name: 'unseen set F',
    file: 'tests/fixtures/pii/unseen-f.jsonl',
    recall: 0.98,
    person: 0.99,
    keep: 0.99,
    // 4 after set G's rounds: birthdays without a year after a birthday word, places without a cue.
    leaking: 4,
    minimum: { ORGANIZATION: 0.98 },
    knownPartsEverywhere: false,
  },
  {
    name: 'unseen set G',
    file: 'tests/fixtures/pii/unseen-g.jsonl',
    // Raised after general rules for its kinds of misses (issue 14): IBANs by registered length, cued phone
    // numbers, birthdays without a year, Bernese pet forms of known names, more given names; countries,
    // place compounds, districts, dialect city names; inn signs, festivals, banks, medication context; keep-word
    // rules (idioms with names, dialect spellings, language names, seasons: keep 0.938 → 0.996).
    recall: 0.99,
    person: 0.995,
    keep: 0.99,
    leaking: 2,
    minimum: { ORGANIZATION: 0.99 },
    // 0.995 after pii-m-place.
    places: 0.99,
    medications: 0.99,
    knownPartsEverywhere: false,
  },
  {
    // Scored once on main 6bb6e19 before any tuning on it (after the rounds on G): recall 0.933, known names
    // 1.000, strong identifiers 0.995 (an e-mail spelled out in Spanish words), keep 0.933, 36 of 64 documents
    // leaking. Its writer labelled chat apps (WhatsApp, Instagram, Zoom …) organisations; they stay words here
    // by decision (set B lists WhatsApp as a word to keep), so ten of its organisation misses stay.
    name: 'unseen set H',
    file: 'tests/fixtures/pii/unseen-h.jsonl',
    // Raised after general rules for its kinds of misses: place spellings and localities built on listed places,
    // regions of foreign countries, landmarks with an adjective; inflected and dialect organisation names, fairs,
    // employer cues, spoken e-mails; persons after a question about a relation, family names after a plural
    // article; language and nationality words, animals' names, eponymous diseases, quoted titles (keep 0.933 →
    // 0.997; melatonin stays masked as a medication). The apps stay words (ten organisation misses).
    recall: 0.975,
    person: 0.995,
    keep: 0.99,
    leaking: 19,
    minimum: { ORGANIZATION: 0.91 },
    places: 0.98,
    medications: 0.99,
    knownPartsEverywhere: true,
  },
  {
    // Scored once on main f8b66dc before any tuning on it (after the rounds on G and H): recall 0.951, known
    // names 1.000, strong identifiers 0.994 (a phone number spelled as glued words), keep 0.967, 25 of 64
    // documents leaking. Six of its organisation misses are chat apps and Google, words here by decision.
    name: 'unseen set I',
    file: 'tests/fixtures/pii/unseen-i.jsonl',
    // Raised after general rules for its kinds of misses: canton names in every language, glued spoken digits,
    // "scht" spellings of names, Romansh surnames, city quarters, coordinated places; inns on -stube,
    // possessive venues, councils with a place, names before -Gruppe, Latin institution names; holidays and
    // pets after a naming verb stay words.
    recall: 0.975,
    person: 0.995,
    keep: 0.98,
    leaking: 14,
    // ORGANIZATION raised after pii-m-org (single cantonal institutions, place adjective + compound head).
    minimum: { ORGANIZATION: 0.915 },
    // 0.991 after pii-m-place.
    places: 0.985,
    medications: 0.99,
    knownPartsEverywhere: true,
  },
  {
    // Scored once on main 5a4b0a3 (after the rounds on G, H and I), nothing tuned on it: recall 0.954, known names
    // 1.000, strong identifiers 0.995 (an AHV number in words), keep 0.975, 25 of 64 documents leaking.
    name: 'unseen set J',
    file: 'tests/fixtures/pii/unseen-j.jsonl',
    // After pii-jk-keep: persons 1.000, keep 0.997; after pii-jk-strong AHV and dates of birth complete.
    // After pii-jk-place (lower-case streets, peaks, it/es landscape heads, community-country towns): 0.978.
    recall: 0.975,
    person: 0.995,
    keep: 0.99,
    leaking: 15,
    complete: ['ADDRESS', 'AHV', 'DATE_OF_BIRTH', 'EMAIL', 'IBAN', 'PHONE', 'URL'],
    // ORGANIZATION raised after general rules (Swiss German inn signs, place adjective + Hof, a firm whose name
    // is a word by its branch, car makes as employers).
    // Raised again after pii-m-org (offices named by their field, Italian bodies with lower-case names).
    minimum: { ORGANIZATION: 0.91 },
    places: 0.985,
    medications: 0.99,
    knownPartsEverywhere: true,
  },
  {
    // Scored once on main 5a4b0a3, nothing tuned on it: recall 0.960, known names 1.000, strong identifiers 0.987
    // (an AHV number and a foreign IBAN), keep 0.967, 14 of 64 documents leaking.
    name: 'unseen set K',
    file: 'tests/fixtures/pii/unseen-k.jsonl',
    // After pii-jk-keep: persons 1.000, keep 0.997; after pii-jk-strong AHV and IBAN complete.
    // After pii-jk-place: 0.985.
    recall: 0.99,
    person: 0.995,
    keep: 0.99,
    leaking: 6,
    complete: ['ADDRESS', 'AHV', 'DATE_OF_BIRTH', 'EMAIL', 'IBAN', 'PHONE', 'URL'],
    // ORGANIZATION raised after general rules (Swiss German inn signs, dictated firm + trade word).
    minimum: { ORGANIZATION: 0.95 },
    // 0.994 after pii-m-place.
    places: 0.99,
    medications: 0.99,
    knownPartsEverywhere: true,
  },
  {
    // Scored once on main c247c35 (the code at the start of the session after K), nothing tuned on it: recall
    // 0.950, known names 1.000, strong identifiers 0.987 (a spoken AHV number and a spoken IBAN), keep 0.936, 26 of
    // 64 documents leaking. Its keep losses were then tuned on (pii-l-keep: culture words), nothing else.
    name: 'unseen set L',
    file: 'tests/fixtures/pii/unseen-l.jsonl',
    // Recall and ORGANIZATION raised after pii-m-org (organisation rules after set M; "Amt für …" and the Italian
    // bodies were tuned on L's misses among others).
    recall: 0.97,
    person: 0.975,
    keep: 0.99,
    leaking: 17,
    complete: ['AHV', 'EMAIL', 'IBAN', 'PHONE', 'URL'],
    minimum: { ADDRESS: 0.95, DATE_OF_BIRTH: 0.95, ORGANIZATION: 0.955 },
    // 0.937 → 0.966 after pii-m-place.
    places: 0.96,
    medications: 0.99,
    knownPartsEverywhere: true,
  },
  {
    // Scored once on main 3a1bfa1 (after the rounds on J, K and L), nothing tuned on it: recall 0.931, known names
    // 0.986 (a known given name that is a noun, after an age adjective in dictation; fixed since), strong
    // identifiers 0.993, keep 0.966, 34 of 64 documents leaking. Its writer kept Switzerland as a word (6 keep
    // losses by the decision to mask countries).
    name: 'unseen set M',
    file: 'tests/fixtures/pii/unseen-m.jsonl',
    // 0.969 → 0.973 after pii-r-orgloc (countries anywhere, a dateline, streets on a verb, firms' seats).
    recall: 0.97,
    person: 0.97,
    keep: 0.96,
    leaking: 18,
    complete: ['ADDRESS', 'AHV', 'DATE_OF_BIRTH', 'EMAIL', 'IBAN', 'PHONE', 'URL'],
    // Raised after pii-m-org (organisation rules tuned on its misses: cliques, clubs, single institutions); 0.976
    // after pii-r-org2.
    minimum: { ORGANIZATION: 0.975 },
    // 0.869 → 0.948 after pii-m-place (villages of cities500, landmark list and shapes); 0.964 after pii-r-orgloc.
    places: 0.96,
    medications: 0.99,
    knownPartsEverywhere: true,
  },
  {
    // Scored once on main f8681f9 (after M, with a speed fix of identical output), nothing tuned on it: recall
    // 0.957, known names 1.000, strong identifiers 1.000, keep 0.972, 30 of 64 documents leaking. Then tuned on:
    // an addressed name opening an utterance, a web address read out in words, pets (0.960); the place and
    // organisation rounds after M, which never saw it, raised it to 0.966.
    name: 'unseen set N',
    file: 'tests/fixtures/pii/unseen-n.jsonl',
    // Recall 0.968 → 0.975, ORGANIZATION 0.923 → 0.952, 21 leaking after pii-r-org2 (tuned on its misses).
    recall: 0.974,
    person: 0.99,
    keep: 0.97,
    leaking: 21,
    complete: ['ADDRESS', 'AHV', 'DATE_OF_BIRTH', 'EMAIL', 'IBAN', 'PHONE', 'URL'],
    minimum: { ORGANIZATION: 0.95 },
    // 0.942 → 0.9496 after pii-r-orgloc.
    places: 0.945,
    medications: 0.99,
    knownPartsEverywhere: true,
  },
  {
    // Scored once on main b76dbc0 (after the place and organisation rounds after M), nothing tuned on it: recall
    // 0.952, known names 1.000, strong identifiers 1.000, keep 0.973, 30 of 64 documents leaking. The levels below
    // are its first score.
    name: 'unseen set O',
    file: 'tests/fixtures/pii/unseen-o.jsonl',
    // Recall 0.952 → 0.956, ORGANIZATION 0.884 → 0.908, 29 leaking after pii-r-orgloc (tuned on its misses);
    // 0.965, ORGANIZATION 0.954, 24 leaking after pii-r-org2 (tuned on its misses).
    recall: 0.964,
    person: 0.98,
    keep: 0.97,
    leaking: 24,
    complete: ['ADDRESS', 'AHV', 'DATE_OF_BIRTH', 'EMAIL', 'IBAN', 'PHONE', 'URL'],
    minimum: { ORGANIZATION: 0.95 },
    places: 0.93,
    medications: 0.965,
    knownPartsEverywhere: true,
  },
  {
    // Scored once on main ea672c3 (as 176d07b), nothing tuned on it: recall 0.960, known names 1.000, strong
    // identifiers 0.995 (a North American number), keep 0.977, 28 of 64 documents leaking. Then the phone fix and
    // the round pii-r-orgloc, which never saw it: 0.962, strong identifiers 1.000 (the levels below).
    name: 'unseen set P',
    file: 'tests/fixtures/pii/unseen-p.jsonl',
    // Recall 0.970, ORGANIZATION 0.928, 23 leaking after pii-r-org2 (tuned on its misses); 0.977, ORGANIZATION 0.961,
    // 20 leaking, keep 0.981 after the rounds of 2026-12-08 (pii-r-org3/loc3/org4/loc4).
    recall: 0.976,
    person: 0.99,
    keep: 0.98,
    leaking: 20,
    minimum: { ORGANIZATION: 0.96 },
    places: 0.945,
    medications: 0.98,
  },
  {
    // Scored once on main e91bc9c (after the rounds pii-r-orgloc, pii-speed10 and pii-r-org2, which never saw it),
    // nothing tuned on it: recall 0.972, known names 1.000, strong identifiers 1.000, keep 0.985, 22 of 64
    // documents leaking; ORGANIZATION 0.957, places 0.947, medications 0.946, DATE_OF_BIRTH 0.909 (the levels).
    name: 'unseen set Q',
    file: 'tests/fixtures/pii/unseen-q.jsonl',
    // After the rounds of 2026-12-08, tuned on its misses: 0.991, 8 leaking, keep 0.998 (the levels).
    recall: 0.99,
    person: 0.99,
    keep: 0.995,
    leaking: 8,
    minimum: { ORGANIZATION: 0.985 },
    places: 0.975,
    medications: 0.99,
  },
  {
    // Scored once on main 80cff4a (before the rounds pii-r-org3 and pii-speed11, which never saw it), nothing tuned
    // on it: recall 0.943, known names 1.000, strong identifiers 0.996 (a German number spoken as "plus 49 …"),
    // keep 0.974, 28 of 64 documents leaking; ORGANIZATION 0.821, places 0.921, medications 0.951. After the rounds
    // pii-r-org4 and pii-r-loc4, tuned on its misses: 0.961, strong identifiers 1.000, keep 0.978, 22 leaking,
    // ORGANIZATION 0.889, places 0.932 (the levels below).
    name: 'unseen set R',
    file: 'tests/fixtures/pii/unseen-r.jsonl',
    recall: 0.96,
    person: 0.988,
    keep: 0.975,
    leaking: 22,
    minimum: { ORGANIZATION: 0.885 },
    places: 0.93,
    medications: 0.975,
  },
]

const ALL_COMPLETE = ['EMAIL', 'PHONE', 'AHV', 'IBAN', 'ADDRESS', 'DATE_OF_BIRTH', 'URL']

describe.each(
  sets.map((set) => ({
    complete: ALL_COMPLETE,
    minimum: {},
    knownPartsEverywhere: true,
    places: 0.95,
    medications: 0.95,
    ...set,
  })),
)('R7.2 pseudonymiser on the $name', ({ file, recall: overall, person, keep, leaking, ...set }) => {
  const docs = parseLabelled(readFileSync(file, 'utf8'))
  // Each text pseudonymised once; the checks below read the same results (ten sets, ~650 texts).
  const results = new Map(docs.map((doc) => [doc, pseudonymize(doc.text, contextOf(doc))]))
  const run = (doc: LabelledDoc) => results.get(doc)!.text
  const score = scorePseudonymised(docs, run)
  const recall = (type: string) => {
    const s = score.perType.get(type)!
    return s.removed / s.total
  }

  it('removes e-mails, phones, AHV numbers, IBANs, addresses, dates of birth and URLs completely', () => {
    for (const type of set.complete) expect(recall(type), type).toBe(1)
    for (const [type, level] of Object.entries(set.minimum as Record<string, number>))
      expect(recall(type), type).toBeGreaterThanOrEqual(level)
  })

  it('keeps overall recall, names, places, medications and organisations at their levels', () => {
    expect(score.removed / score.total).toBeGreaterThanOrEqual(overall)
    expect(recall('PERSON')).toBeGreaterThanOrEqual(person)
    expect(recall('LOCATION')).toBeGreaterThanOrEqual(set.places)
    expect(recall('MEDICATION')).toBeGreaterThanOrEqual(set.medications)
    expect(recall('ORGANIZATION')).toBeGreaterThanOrEqual(
      (set.minimum as Record<string, number>).ORGANIZATION ?? 0.95,
    )
  })

  it('keeps content words and leaves at most a few documents with any identifier', () => {
    expect(score.kept / score.keepTotal).toBeGreaterThanOrEqual(keep)
    expect(score.leakingDocs, score.misses.join('\n')).toBeLessThanOrEqual(leaking)
  })

  // The send runs the fail-closed leak check on the pseudonymiser's output (lib/privacy/store.ts): an output it
  // flags is refused for good, however often the coach retries. Twelve texts of these sets were (a name found in
  // the text, then kept elsewhere as a word the check did not take for one: "le luci" after a Luciano).
  it('every pseudonymised text passes the leak check it is sent under', () => {
    const refused = docs.filter((doc) => {
      const result = results.get(doc)!
      return findLeaks(result.text, contextOf(doc), result.mapping).length > 0
    })
    expect(refused.map((d) => d.id)).toEqual([])
  })

  it('every known client and coach name, as written, is gone from every text (recall 1.00)', () => {
    expect(score.knownNames.removed).toBe(score.knownNames.total)
    if (!set.knownPartsEverywhere) return
    for (const doc of docs) {
      const out = run(doc)
      for (const name of [doc.known?.client, doc.known?.coach]) {
        for (const part of (name ?? '')
          .split(/[\s-]+/)
          .filter((p) => p.length > 2 && !PARTICLES.has(p.toLowerCase()))) {
          // A name part the writer labelled as content to keep ("Mark my words" with a client Mark) is the
          // word there, not the name (word-use.ts).
          const asWord = new RegExp(`(?<![\\p{L}])${part}(?![\\p{L}])`, 'u')
          if (doc.keep.some((k) => asWord.test(k))) continue
          expect(new RegExp(`(?<![\\p{L}])${part}(?![\\p{L}])`, 'u').test(out), `${doc.id}: ${part}`).toBe(
            false,
          )
        }
      }
    }
  })
})
