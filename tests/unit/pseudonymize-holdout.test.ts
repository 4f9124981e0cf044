import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'
import { parseLabelled, scorePseudonymised, type LabelledDoc } from '../../scripts/pii-score'

// R7.2: the pseudonymiser measured on labelled texts written independently of the code (de incl. dialect and
// speech-to-text, en, it, es): the 40 held-out texts, the 66 texts of unseen set A (scored once before
// any tuning on it: recall 0.945, 17 of 66 documents leaking) and the 70 texts of unseen set B (scored once
// before any tuning on it: recall 0.965, keep 0.942, 19 of 70 documents leaking; the levels below were
// reached after tuning on it, so it is no longer unseen) and the 64 texts of unseen set C (scored once on
// 2026-12-07 before any tuning on it: recall 0.960, 15 of 64 documents leaking; the levels below were reached
// after general rules for its kinds of misses, issue 14, so it is no longer unseen). The thresholds are at or
// below the levels reached; a change that loses recall fails here.
const run = (doc: LabelledDoc) =>
  pseudonymize(doc.text, {
    client: doc.known?.client ? { name: doc.known.client } : undefined,
    coach: doc.known?.coach ? { name: doc.known.coach } : undefined,
  }).text
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
  // so their levels here are after tuning; G is held at its first score (plus one general fix for a known name
  // after an Italian article). Their writers put known surnames into texts as ordinary words on purpose.
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
    recall: 0.98,
    person: 0.99,
    keep: 0.98,
    leaking: 9,
    // Hills, quarters and dialect forms of places no list has ("uf d lägere", "im Gellert") are still missed.
    places: 0.93,
    knownPartsEverywhere: false,
  },
  {
    name: 'unseen set F',
    file: 'tests/fixtures/pii/unseen-f.jsonl',
    recall: 0.98,
    person: 0.99,
    keep: 0.99,
    leaking: 7,
    // A birthday without a year ("dem siebten Oktober") is not taken for a date of birth.
    complete: ['EMAIL', 'PHONE', 'AHV', 'IBAN', 'ADDRESS', 'URL'],
    minimum: { DATE_OF_BIRTH: 0.92, ORGANIZATION: 0.98 },
    knownPartsEverywhere: false,
  },
  {
    name: 'unseen set G (first score)',
    file: 'tests/fixtures/pii/unseen-g.jsonl',
    recall: 0.925,
    person: 0.975,
    // Keep raised after general keep-word rules (idioms with names, dialect spellings, language names,
    // seasons): 0.938 → 0.996.
    keep: 0.99,
    leaking: 34,
    complete: ['EMAIL', 'AHV', 'ADDRESS', 'URL'],
    minimum: { IBAN: 0.8, PHONE: 0.95, DATE_OF_BIRTH: 0.9, ORGANIZATION: 0.92 },
    places: 0.85,
    medications: 0.94,
    knownPartsEverywhere: false,
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
