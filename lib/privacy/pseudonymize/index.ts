import { addressSpans } from './addresses'
import { gazetteer } from './gazetteer'
import { knownEntities, knownMatcher, type KnownEntity, type KnownMatcher } from './known'
import { fold, levenshteinAtMostOne, scanForm } from './normalize'
import { patternSpans } from './patterns'
import { detectLanguage, ruleSpans, tokenize } from './rules'
import {
  emptyMapping,
  LABELS,
  type EntityType,
  type Mapping,
  type MappingEntry,
  type PseudonymizeContext,
  type PseudonymizeResult,
  type Source,
  type Span,
} from './types'

export * from './types'

/**
 * The pseudonymiser (R7.2, policy P1-003): identifiers out before any text leaves for an AI provider,
 * replaced by placeholders that stay the same for one client across texts. Rule-based on purpose:
 * known entities, validated patterns, gazetteers and context rules; see ../../../docs or the README.
 */

const PRIORITY: Record<Source, number> = {
  known: 6,
  pattern: 5,
  address: 4,
  context: 3,
  gazetteer: 2,
  guess: 1,
}

type Keyed = Span & { entity?: KnownEntity }

function knownSpans(text: string, matcher: KnownMatcher): Keyed[] {
  const out: Keyed[] = []
  for (const re of [matcher.loose, matcher.strict]) {
    if (!re) continue
    for (const m of text.matchAll(re)) {
      const entity = matcher.byVariant.get(fold(m[0]))
      if (!entity) continue
      out.push({ start: m.index, end: m.index + m[0].length, type: entity.type, source: 'known', entity })
    }
  }
  return out
}

/** Misspelt known names (one edit, five letters or more): "Zwalen" for "Zwahlen". */
function fuzzyKnownSpans(tokens: ReturnType<typeof tokenize>, matcher: KnownMatcher): Keyed[] {
  if (matcher.parts.length === 0) return []
  const out: Keyed[] = []
  for (const t of tokens) {
    if (!t.cap || t.key.length < 5) continue
    for (const { part, entity } of matcher.parts) {
      if (part !== t.key && Math.abs(part.length - t.key.length) <= 1 && levenshteinAtMostOne(part, t.key)) {
        out.push({ start: t.start, end: t.end, type: 'PERSON', source: 'known', entity })
        break
      }
    }
  }
  return out
}

/** Highest source first, then longest; a span overlapping an accepted one is dropped. */
function resolve(spans: Keyed[], length: number): Keyed[] {
  const sorted = [...spans].sort(
    (a, b) =>
      PRIORITY[b.source] - PRIORITY[a.source] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  )
  // Character occupancy instead of pairwise checks: linear in the text, also for long transcripts.
  const taken = new Uint8Array(length)
  const accepted: Keyed[] = []
  for (const span of sorted) {
    let free = true
    for (let k = span.start; k < span.end && free; k++) free = taken[k] === 0
    if (!free) continue
    taken.fill(1, span.start, span.end)
    accepted.push(span)
  }
  return accepted.sort((a, b) => a.start - b.start)
}

/**
 * A first name right before a person span that won the overlap ("Olivier" before a known "Marchand") would
 * otherwise stay behind: it becomes a person span of its own.
 */
function addAdjacentFirstNames(scan: string, spans: Keyed[], gaz: ReturnType<typeof gazetteer>) {
  const added: Keyed[] = []
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k]!
    if (span.type !== 'PERSON') continue
    const m = /(\p{Lu}[\p{L}\p{M}'-]+) $/u.exec(scan.slice(Math.max(0, span.start - 40), span.start))
    if (!m) continue
    const start = span.start - m[0].length
    const previous = spans[k - 1]
    if (previous && previous.end > start) continue
    const key = fold(m[1]!)
    if (gaz.firstNames.has(key) && !gaz.common.has(key) && !gaz.ambiguousIn.de.has(key))
      added.push({ start, end: start + m[1]!.length, type: 'PERSON', source: 'context' })
  }
  if (added.length === 0) return
  spans.push(...added)
  spans.sort((a, b) => a.start - b.start)
}

/** The mapping key of a surface form: folded; names without a genitive s; numbers as digits. */
function keyOf(type: EntityType, value: string): string {
  if (type === 'PHONE' || type === 'AHV' || type === 'KARTE') {
    const digits = value.replace(/\D/g, '')
    return type === 'PHONE' ? digits.replace(/^(?:0041|41|0)(?=\d{9}$)/, '') : digits
  }
  if (type === 'IBAN' || type === 'EMAIL' || type === 'URL') return value.replace(/\s/g, '').toLowerCase()
  return fold(value).replace(/\s+/g, ' ').trim()
}

const genitive = (key: string) => key.replace(/(?:'s|s|es)$/u, '')

class MappingBuilder {
  private readonly entries: MappingEntry[]
  private readonly counters = new Map<string, number>()

  constructor(mapping: Mapping) {
    this.entries = mapping.entries.map((e) => ({ ...e, keys: [...e.keys] }))
    for (const e of this.entries) {
      const [label, num] = e.token.split('_')
      this.counters.set(label!, Math.max(this.counters.get(label!) ?? 0, Number(num)))
    }
  }

  private find(type: EntityType, key: string): MappingEntry | undefined {
    const sameType = this.entries.filter((e) => e.type === type)
    const exact = sameType.find((e) => e.keys.includes(key))
    if (exact || type !== 'PERSON') return exact
    const bare = genitive(key)
    const byGenitive = sameType.find((e) => e.keys.includes(bare) || e.keys.some((k) => genitive(k) === key))
    if (byGenitive) return byGenitive
    // One word of a known full name ("Imhof" of "Barbara Imhof"), or a full name whose part we know.
    const words = key.split(' ')
    return sameType.find((e) => {
      const parts = fold(e.value).split(/[\s-]+/)
      return words.length === 1 ? parts.includes(bare) : words.some((w) => e.keys.includes(w))
    })
  }

  token(type: EntityType, value: string, entity?: KnownEntity): string {
    const key = keyOf(type, value)
    let entry = entity ? this.find(entity.type, keyOf(entity.type, entity.value)) : undefined
    entry ??= this.find(type, key)
    if (!entry) {
      const label = LABELS[type]
      const next = (this.counters.get(label) ?? 0) + 1
      this.counters.set(label, next)
      entry = { token: `${label}_${next}`, type, value: entity?.value ?? value, keys: [] }
      if (entity) entry.keys.push(keyOf(entity.type, entity.value))
      this.entries.push(entry)
    }
    if (!entry.keys.includes(key)) entry.keys.push(key)
    return entry.token
  }

  mapping(): Mapping {
    return { version: 1, entries: this.entries }
  }
}

export function pseudonymize(text: string, context: PseudonymizeContext = {}): PseudonymizeResult {
  const normalised = text.normalize('NFC')
  const scan = scanForm(normalised)
  const gaz = gazetteer()
  const mapping = context.mapping ?? emptyMapping()
  const matcher = knownMatcher(knownEntities(context, mapping), gaz)
  const tokens = tokenize(scan)
  const language = detectLanguage(tokens)
  const year = (context.now ?? new Date()).getUTCFullYear()

  const spans = resolve(
    [
      ...knownSpans(scan, matcher),
      ...fuzzyKnownSpans(tokens, matcher),
      ...patternSpans(scan, year),
      ...addressSpans(scan, gaz),
      ...ruleSpans(scan, tokens, gaz, language),
    ],
    scan.length,
  )

  addAdjacentFirstNames(scan, spans, gaz)

  const builder = new MappingBuilder(mapping)
  const replaced: Partial<Record<EntityType, number>> = {}
  const used = new Set<string>()
  const parts: string[] = []
  let last = 0
  for (const span of spans) {
    let { end } = span
    let value = normalised.slice(span.start, end)
    // Keep a genitive ending outside the placeholder so the sentence still reads: "[PERSON_1]s Eltern".
    let suffix = ''
    if (span.type === 'PERSON' && /\p{Ll}s$/u.test(value) && value.length > 4) {
      const base = value.slice(0, -1)
      const knownBase = span.entity?.variants.some((v) => fold(v) === fold(base))
      if (knownBase || gaz.firstNames.has(fold(base)) || gaz.lastNames.has(fold(base))) {
        value = base
        end -= 1
        suffix = 's'
      }
    }
    const token = builder.token(span.type, value, span.entity)
    used.add(token)
    replaced[span.type] = (replaced[span.type] ?? 0) + 1
    parts.push(normalised.slice(last, span.start), `[${token}]`, suffix)
    last = end + suffix.length
  }
  parts.push(normalised.slice(last))
  const out = parts.join('')

  return {
    text: out,
    mapping: builder.mapping(),
    stats: { replaced, placeholders: used.size, inputChars: text.length, outputChars: out.length, language },
  }
}

/** The send would carry an identifier: nothing leaves (fail-closed). Carries types, never values. */
export class PseudonymizationLeakError extends Error {
  override name = 'PseudonymizationLeakError'
  constructor(readonly types: EntityType[]) {
    super(
      `Der Text enthält nach der Pseudonymisierung noch erkennbare Angaben (${types.join(', ')}) und wurde nicht gesendet.`,
    )
  }
}

/**
 * Fail-closed leak check (R7.2): re-scan outgoing text for every known-entity variant, every original in
 * the mapping and every validated pattern. Placeholders themselves are ignored.
 */
export function findLeaks(text: string, context: PseudonymizeContext = {}, mapping?: Mapping): EntityType[] {
  const scan = scanForm(text.normalize('NFC')).replace(/\[[A-Z]+_\d+\]/g, (m) => ' '.repeat(m.length))
  const gaz = gazetteer()
  const matcher = knownMatcher(knownEntities(context, mapping ?? context.mapping ?? emptyMapping()), gaz)
  const types = new Set<EntityType>()
  for (const span of knownSpans(scan, matcher)) types.add(span.type)
  for (const span of patternSpans(scan, (context.now ?? new Date()).getUTCFullYear())) {
    if (span.type !== 'DATE_OF_BIRTH') types.add(span.type)
  }
  return [...types]
}

export function assertNoLeak(text: string, context: PseudonymizeContext = {}, mapping?: Mapping): void {
  const leaks = findLeaks(text, context, mapping)
  if (leaks.length > 0) throw new PseudonymizationLeakError(leaks)
}

const LABEL_TO_TYPE = new Map(Object.entries(LABELS).map(([type, label]) => [label, type as EntityType]))
const PLACEHOLDER = new RegExp(
  `(?:\\[[ \\t]*)?\\b(${[...LABEL_TO_TYPE.keys()].join('|')})[ _-]?(\\d+)(?!\\d)(?:[ \\t]*\\])?`,
  'giu',
)

export type ReidentifyResult = { text: string; restored: number; unknown: number }

/**
 * Puts originals back for the coach's view (never for the provider). Tolerates small damage from the
 * model — missing brackets, other case, a space instead of the underscore; a trailing "s" stays as the
 * genitive it was. Unknown placeholders stay visible and are counted.
 */
export function reidentify(text: string, mapping: Mapping): ReidentifyResult {
  const byToken = new Map(mapping.entries.map((e) => [e.token, e.value]))
  let restored = 0
  let unknown = 0
  const out = text.replace(PLACEHOLDER, (match, label: string, num: string) => {
    // A bare word like "Person 2" without brackets or underscore is prose, not a damaged placeholder.
    if (!match.includes('[') && !match.includes(']') && !match.includes('_')) return match
    const value = byToken.get(`${label.toUpperCase()}_${Number(num)}`)
    if (value === undefined) {
      unknown++
      return match
    }
    restored++
    return value
  })
  return { text: out, restored, unknown }
}
