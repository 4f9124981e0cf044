import type { Gazetteer } from './gazetteer'
import { wordInfo } from './dictionary'
import hypocorismData from './data/hypocorisms.json'
import { Memo, onForget, WeakMemo } from './memo'
import { fold } from './normalize'
import type { EntityType, KnownPerson, Mapping, PseudonymizeContext } from './types'

// Regexes with \p{…} hoisted: the bundle (esbuild, node20) turns such a literal into `new RegExp` at every call.
const MARKS = /\p{M}/gu
const CAP_WORD = /^\p{Lu}?\p{L}+$/u

/**
 * Known entities: what the database knows about the people in a text, and every original already in
 * the client's mapping. Each becomes a set of surface variants that must not survive (recall 1.00).
 */
export type KnownEntity = {
  type: EntityType
  /** Canonical value for the mapping ("Sandra Huber"). */
  value: string
  /** Surface variants to find in text. */
  variants: string[]
  /** Name parts for fuzzy matching (≥ 5 letters). */
  parts: string[]
  /** Masked by the coach: every variant matches in any case, even an ordinary word. */
  anyCase?: boolean
  /**
   * Folded short forms cut from a first name ("Sere" of "Serena", "Isi" of "Isabelle"): they count only
   * when capitalised and only if they are no ordinary word or place (see `isWeakFormUsable`).
   */
  weak?: Set<string>
  /** Folded standard pet names (data/hypocorisms.json): counted only capitalised, many are words too. */
  capOnly?: Set<string>
  /** A person the database names for this text: pet forms built on the name count too (`petForms`). */
  pet?: boolean
}

/** Umlaut spellings both ways: "Müller" ↔ "Mueller". */
export function umlautVariants(word: string): string[] {
  // Most names are ASCII without "ae", "oe" or "ue": every rewrite below gives the word back.
  if (!REWRITTEN.test(word)) return [word]
  const out = new Set([word])
  out.add(
    word
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/Ä/g, 'Ae')
      .replace(/Ö/g, 'Oe')
      .replace(/Ü/g, 'Ue'),
  )
  out.add(word.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü'))
  out.add(word.normalize('NFD').replace(MARKS, ''))
  return [...out]
}

/** What `umlautVariants` can rewrite: a letter beyond ASCII (umlauts, marks), or "ae", "oe", "ue". */
const REWRITTEN = /[^\0-\x7f]|[aou]e/

/** -i/-li nicknames the Swiss way: Thomas → Thomi, Andrea → Andi, Beat → Beatli. */
function nicknames(first: string, truncated = true): string[] {
  const out = new Set<string>()
  if (first.length < 3) return []
  out.add(`${first}li`)
  out.add(`${first}i`)
  if (/[aeiou]$/i.test(first) && first.length >= 4) {
    // "Anna" → "Anni", "Anneli"; "Vreni" → "Vreneli"; "Ruedi" → "Ruedeli"; a final vowel pair goes
    // as a whole: "Claudia" → "Claudeli", "Andrea" → "Andreli".
    for (const stem of new Set([first.slice(0, -1), first.replace(/[aeiou]{2}$/i, '')])) {
      if (stem.length < 3) continue
      out.add(`${stem}i`)
      out.add(`${stem}li`)
      out.add(`${stem}eli`)
    }
  } else {
    out.add(`${first}eli`)
    // English diminutives of a name ending in a consonant: "Mark" → "Marky", "Markie".
    out.add(`${first}y`)
    out.add(`${first}ie`)
  }
  for (let k = 3; truncated && k < first.length; k++) {
    const stem = first.slice(0, k)
    if (/[aeiouäöü]$/i.test(stem) && k > 3) continue
    out.add(`${stem}i`)
    out.add(`${stem}li`)
  }
  return [...out].filter((n) => n.length >= 4 && n.toLowerCase() !== first.toLowerCase())
}

/**
 * Short forms cut from a first name of six letters or more: the bare front part of four letters up to two
 * short of the name ("Serena" → "Sere", "Christian" → "Chris"), and the first two letters plus -i
 * ("Isabelle" → "Isi", "Daniela" → "Dani"). Callers must drop those that are ordinary words.
 */
export function prefixNicknames(first: string): string[] {
  if (first.length < 5 || !CAP_WORD.test(first)) return []
  const out = new Set<string>([`${first.slice(0, 2)}i`])
  for (let k = 4; k <= first.length - 2; k++) out.add(first.slice(0, k))
  return [...out].filter((n) => n.toLowerCase() !== first.toLowerCase())
}

const PARTICLES =
  /^(von|van|vom|der|den|de|da|di|dal|del|della|dalla|dalle|dello|degli|dos|das|le|la|lo|du|des)$/i

/** An "st" not already written "scht" (for the dialect spelling of a name). */
const DIALECT_ST = /(?:^|[^s])st/i
const DIALECT_ST_ALL = /(^|[^sS])([sS])t/g

/**
 * A person's surface variants: full name, each part (particles dropped: "von Schwendi" → "Schwendi"),
 * hyphen parts, Swiss -i/-li diminutives, umlaut spellings, genitive -s/-'s/-es. `truncated` nicknames
 * ("Thomas" → "Thomi") only for names the database knows as first names.
 */
export function personEntity(
  name: string,
  extraNicknames: readonly string[] = [],
  truncated = true,
  /** The first word is a first name: its prefix nicknames count too ("Sere" of "Serena"). */
  firstName = truncated,
): KnownEntity {
  const clean = name.trim().replace(/\s+/g, ' ')
  const parts = clean.split(/[\s]+/).filter((p) => p.length >= 2 && !PARTICLES.test(p))
  const hyphenParts = parts.flatMap((p) => (p.includes('-') ? p.split('-').filter((x) => x.length >= 2) : []))
  // "von Schwendi", "van der Berg": the particle run with the surname, also on its own.
  const withParticle =
    /^(.*?)((?:\b(?:von|van|vom|der|den|de|da|di|dal|del|della|dalla|dalle|dello|degli|dos|das|le|la|lo|du|des)\s+)+\S+)$/i.exec(
      clean,
    )
  const base = new Set<string>([clean, ...parts, ...hyphenParts, ...extraNicknames])
  if (withParticle?.[2]) base.add(withParticle[2])
  if (parts[0]) for (const n of nicknames(parts[0], truncated)) base.add(n)
  if (!truncated) for (const p of parts.slice(1)) for (const n of nicknames(p, false)) base.add(n)
  for (const n of hyphenParts) for (const nick of nicknames(n, truncated)) base.add(nick)
  const variants = new Set<string>()
  const addForms = (b: string, into: Set<string>) => {
    for (const v of umlautVariants(b)) {
      into.add(v)
      into.add(`${v}s`)
      into.add(`${v}'s`)
      into.add(`${v}es`)
    }
  }
  for (const b of base) addForms(b, variants)
  // Standard pet names not cut from the name's front ("Conchi" of Concepción, "Pepe" of José).
  const capOnly = new Set<string>()
  if (firstName && parts[0]) {
    for (const pet of HYPOCORISMS.get(fold(parts[0])) ?? []) {
      const forms = new Set<string>()
      addForms(pet, forms)
      for (const v of forms)
        if (!variants.has(v)) {
          variants.add(v)
          capOnly.add(fold(v))
        }
    }
  }
  // Swiss German writes "st" as spoken, "scht" ("Pfister" → "Pfischter", "Stucki" → "Schtucki", "Ernst" →
  // "Ernscht"): those spellings of each part, capitalised only (a lower-case one could be a dialect word).
  for (const p of [...parts, ...hyphenParts]) {
    if (p.length < 4 || !DIALECT_ST.test(p)) continue
    const forms = new Set<string>()
    addForms(p.replace(DIALECT_ST_ALL, '$1$2cht'), forms)
    for (const v of forms)
      if (!variants.has(v)) {
        variants.add(v)
        capOnly.add(fold(v))
      }
  }
  const weak = new Set<string>()
  if (firstName && parts[0] && parts.length <= 3) {
    const weakForms = new Set<string>()
    for (const n of prefixNicknames(parts[0])) addForms(n, weakForms)
    for (const v of weakForms)
      if (!variants.has(v)) {
        variants.add(v)
        weak.add(fold(v))
      }
  }
  return {
    type: 'PERSON',
    value: clean,
    variants: [...variants],
    parts: [...parts, ...hyphenParts].filter((p) => p.length >= 5),
    ...(weak.size > 0 ? { weak } : {}),
    ...(capOnly.size > 0 ? { capOnly } : {}),
  }
}

const HYPOCORISMS = new Map<string, string[]>(Object.entries(hypocorismData as Record<string, string[]>))

/**
 * A prefix nickname is used only where it cannot be an ordinary word: not a frequent word, no name that is
 * also a word, no listed place, no German noun ("Christ" of "Christian").
 */
export function isWeakFormUsable(key: string, gaz: Gazetteer): boolean {
  // Memoised (bounded, per gazetteer): every name of six letters or more brings a handful of prefix forms, asked
  // again by the matcher and by propagation in every text, and each costs two German dictionary look-ups.
  if (weakUsableGaz !== gaz) {
    weakUsable.clear()
    weakUsableGaz = gaz
  }
  let usable = weakUsable.get(key)
  if (usable === undefined) {
    usable =
      !gaz.common.has(key) &&
      !gaz.ambiguous.has(key) &&
      !gaz.places.has(key) &&
      !wordInfo('de', key[0]!.toUpperCase() + key.slice(1)).noun &&
      !wordInfo('de', key).lower
    weakUsable.set(key, usable)
  }
  return usable
}
const weakUsable = new Memo<string, boolean>(50_000)
let weakUsableGaz: Gazetteer | undefined

export function simpleEntity(type: EntityType, value: string, extra: string[] = []): KnownEntity {
  return { type, value, variants: [value, ...extra], parts: [] }
}

function phoneVariants(phone: string): string[] {
  const digits = phone.replace(/\D/g, '')
  const out = [phone]
  if (digits.startsWith('41') && digits.length === 11)
    out.push(`0${digits.slice(2)}`, `+${digits}`, `00${digits}`)
  if (digits.startsWith('0041')) out.push(`0${digits.slice(4)}`)
  if (digits.startsWith('0') && digits.length === 10)
    out.push(`+41${digits.slice(1)}`, `0041${digits.slice(1)}`)
  return out
}

function personEntities(person: KnownPerson | undefined): KnownEntity[] {
  if (!person) return []
  const out: KnownEntity[] = []
  if (person.name?.trim()) out.push({ ...personEntity(person.name, person.nicknames), pet: true })
  if (person.email?.trim()) out.push(simpleEntity('EMAIL', person.email.trim()))
  if (person.phone?.trim())
    out.push(simpleEntity('PHONE', person.phone.trim(), phoneVariants(person.phone.trim())))
  if (person.employer?.trim()) out.push(simpleEntity('ORGANIZATION', person.employer.trim()))
  if (person.town?.trim())
    out.push(simpleEntity('LOCATION', person.town.trim(), umlautVariants(person.town.trim())))
  return out
}

function entryEntity(type: EntityType, value: string): KnownEntity {
  if (type === 'PERSON') return personEntity(value)
  if (type === 'LOCATION' || type === 'ORGANIZATION' || type === 'MEDICATION')
    return simpleEntity(type, value, umlautVariants(value))
  return simpleEntity(type, value)
}

/**
 * The entity of a mapping entry (or masked token), by type, value and whether it counts in any case; memoised
 * (bounded): a client's mapping brings the same entries to every text, and the output check of one text asks for
 * the input's entries again with the new ones after them. Nothing mutates an entity once built.
 */
const entryEntities = new Memo<string, KnownEntity>(20_000)
function cachedEntryEntity(type: EntityType, value: string, anyCase: boolean): KnownEntity {
  const key = `${anyCase ? 1 : 0}${type}\u0000${value}`
  let entity = entryEntities.get(key)
  if (!entity) {
    entity = entryEntity(type, value)
    if (anyCase) entity.anyCase = true
    entryEntities.set(key, entity)
  }
  return entity
}

/**
 * A person's entities, memoised (bounded) by what they are built from: every text of a client comes with the same
 * client and coach, and their names bring a few hundred variants each (whose prepared forms are memoised per
 * entity object too, `prepared`). Nothing mutates an entity once built.
 */
const personEntitiesMemo = new Memo<string, KnownEntity[]>(1_000)
function cachedPersonEntities(person: KnownPerson | undefined): KnownEntity[] {
  if (!person) return []
  const key = JSON.stringify([
    person.name ?? null,
    person.nicknames ?? null,
    person.email ?? null,
    person.phone ?? null,
    person.employer ?? null,
    person.town ?? null,
  ])
  return personEntitiesMemo.get(key) ?? personEntitiesMemo.set(key, personEntities(person))
}

export function knownEntities(context: PseudonymizeContext, mapping: Mapping): KnownEntity[] {
  // Each entity of one call is an object of its own (an entry listed twice, too), as when they were built anew.
  const used = new Set<KnownEntity>()
  const own = (entity: KnownEntity) => {
    if (used.has(entity)) return { ...entity }
    used.add(entity)
    return entity
  }
  const out = [
    ...cachedPersonEntities(context.client),
    ...cachedPersonEntities(context.coach),
    ...(context.others ?? []).flatMap(cachedPersonEntities),
  ].map(own)
  // Everything already in the mapping is known too: a name once found stays found in later texts.
  for (const entry of mapping.entries)
    out.push(own(cachedEntryEntity(entry.type, entry.value, entry.masked === true)))
  // Tokens the coach masked in this review (R7.7).
  for (const masked of context.masked ?? []) {
    const value = masked.value.trim()
    if (value) out.push(own(cachedEntryEntity(masked.type ?? 'PERSON', value, true)))
  }
  return out
}

/**
 * Variants of one strictness grouped by their first run of letters, marks and digits (as `headKey` folds it; a
 * variant without one under its first character, "+41 …"), each group in the order one alternation regex over
 * all of them would try them: the longest first, so "Sandra Huber" wins over "Sandra".
 */
export type Alternatives = ReadonlyMap<string, readonly string[]> & {
  /**
   * Whether a variant of the groups may be used (else it is as if it were not there): a prefix nickname only if it
   * is no ordinary word (`isWeakFormUsable`). Asked only where one is written: most never are, and the check
   * costs dictionary look-ups for every such form of every name in the mapping.
   */
  readonly usable?: (variant: string) => boolean
  /** The prefix nicknames among the variants, with their keys (what `usable` reads). */
  readonly weak?: ReadonlyMap<string, string>
}

/** Groups with the prefix nicknames among them (`weak`, none if empty) checked where met. */
function withWeak(
  groups: ReadonlyMap<string, readonly string[]>,
  weak: ReadonlyMap<string, string>,
  gaz: Gazetteer,
): Alternatives {
  if (weak.size === 0) return groups
  return Object.assign(groups, {
    weak,
    usable: (form: string) => {
      const key = weak.get(form)
      return key === undefined || isWeakFormUsable(key, gaz)
    },
  })
}

export type KnownMatcher = {
  /** Any case: variants that are not ordinary words. */
  loose: Alternatives
  /** Capitalised only (in lowercase dictation, where names are not capitalised either, any case): variants that
   * are also ordinary words ("Stern", "Wolf"). */
  strict: Alternatives
  /** The heads of the variants that start with no letter, mark or digit. */
  symbolHeads: Set<string>
  byVariant: ReadonlyMap<string, KnownEntity>
  parts: { part: string; entity: KnownEntity }[]
  /** The people the database names for the text: their pet forms count too (pet-forms.ts). */
  pets: KnownEntity[]
}

const WORD_RUN_AT = /[\p{L}\p{M}\p{N}]+/uy
const BEFORE_NO_MATCH = /[\p{L}\p{M}\p{N}@.]$/u
const AFTER_MATCH = /(?![\p{L}\p{M}\p{N}]|@|\.[\p{L}\p{N}])/uy

/**
 * A run of letters, marks and digits in a form that is equal for every two runs a case-insensitive Unicode regex
 * takes as equal (lower case, and the two letters whose lower case is not their case fold: long s, final sigma).
 */
export const headKey = (run: string) => {
  const lower = run.toLowerCase()
  return /[ſς]/.test(lower) ? lower.replace(/ſ/g, 's').replace(/ς/g, 'σ') : lower
}

/** The head of `text` at `at`: its run of letters, marks and digits there, else its character there. */
export function headAt(text: string, at: number): string {
  // An ASCII run that ends at ASCII or at the end needs no Unicode regex (a letter beyond ASCII may go on with it).
  let end = at
  while (end < text.length && isAsciiAlnum(text.charCodeAt(end))) end++
  if (end > at && (end === text.length || text.charCodeAt(end) < 128))
    return text.slice(at, end).toLowerCase()
  WORD_RUN_AT.lastIndex = at
  const run = WORD_RUN_AT.exec(text)
  return run ? headKey(run[0]) : String.fromCodePoint(text.codePointAt(at)!)
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff
const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** The length of `s` escaped for a regex (what the order of the alternation this search replaced went by). */
function escapedLength(s: string): number {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 128 && REGEX_SPECIAL[c] === 1) n++
  }
  return n
}
/** The characters a regex escapes, as a table by code (a look-up per character of every variant). */
const REGEX_SPECIAL = new Uint8Array(128)
for (const c of '.*+?^${}()|[]\\') REGEX_SPECIAL[c.charCodeAt(0)] = 1

/**
 * The variant that starts at `at` in `text`, as written there: the first of its head's group that is written
 * there (in any case if `anyCase`) and is not followed by a letter, digit, "@" or a dot that continues a word.
 * Not after a letter, digit, "@" or "." either. One alternation of every variant, tried at every position, cost
 * the text's length times the variants: seconds for a 20 KB text whose mapping held hundreds of entities.
 */
export function variantAt(
  text: string,
  at: number,
  alternatives: Alternatives,
  anyCase: boolean,
  head = headAt(text, at),
): string | undefined {
  const group = alternatives.get(head)
  if (!group || (at > 0 && BEFORE_NO_MATCH.test(text.slice(Math.max(0, at - 2), at)))) return undefined
  for (const variant of group) {
    const end = at + variant.length
    if (end > text.length) continue
    const written = text.slice(at, end)
    if (anyCase ? headKey(written) !== headKey(variant) : written !== variant) continue
    AFTER_MATCH.lastIndex = end
    if (AFTER_MATCH.test(text) && (alternatives.usable === undefined || alternatives.usable(variant)))
      return written
  }
  return undefined
}

/**
 * Where a known variant can start in `text`, with its head there: at a run of letters, marks and digits that is
 * the first run of a variant (a match's first run ends where the variant's does: a variant ends at a character
 * that is not one, or is followed by none), or at a character a variant without such a run starts with; never
 * after a letter, digit, "@" or "." (variantAt). In text order.
 */
export function matchStarts(text: string, matcher: KnownMatcher): { at: number; head: string }[] {
  const out: { at: number; head: string }[] = []
  if (matcher.loose.size === 0 && matcher.strict.size === 0) return out
  // Each run of letters, marks and digits in text order (as a global regex finds them), read by code: an ASCII run that ends at ASCII needs no regex (headAt's test),
  // anything else is read with the sticky regex where it stands. No match object per word of the text.
  const length = text.length
  for (let i = 0; i < length;) {
    const c = text.charCodeAt(i)
    let at = -1
    let end = i
    let head = ''
    if (c < 128) {
      if (!isAsciiAlnum(c)) {
        i++
        continue
      }
      while (end < length && isAsciiAlnum(text.charCodeAt(end))) end++
      if (end === length || text.charCodeAt(end) < 128) {
        at = i
        head = text.slice(i, end).toLowerCase()
      }
    }
    if (at === -1) {
      WORD_RUN_AT.lastIndex = i
      const run = WORD_RUN_AT.exec(text)
      if (!run) {
        // Not a letter, mark or digit: the next code point (a surrogate pair is one).
        i += c >= 0xd800 && c <= 0xdbff && i + 1 < length && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1
        continue
      }
      at = i
      end = i + run[0].length
      head = headKey(run[0])
    }
    i = end
    const before = text[at - 1]
    if (before === '@' || before === '.') continue
    if (matcher.loose.has(head) || matcher.strict.has(head)) out.push({ at, head })
  }
  if (matcher.symbolHeads.size === 0) return out
  for (const head of matcher.symbolHeads)
    for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) out.push({ at, head })
  return out.sort((a, b) => a.at - b.at)
}

/** Leftmost, non-overlapping matches of one strictness's variants, tried at `starts` only. */
export function knownMatches(
  text: string,
  starts: readonly { at: number; head: string }[],
  alternatives: Alternatives,
  anyCase: boolean,
): RegExpMatchArray[] {
  const out: RegExpMatchArray[] = []
  if (alternatives.size === 0) return out
  let from = 0
  for (const { at, head } of starts) {
    if (at < from) continue
    const written = variantAt(text, at, alternatives, anyCase, head)
    if (written === undefined) continue
    out.push(Object.assign([written], { index: at }) as RegExpMatchArray)
    from = at + written.length
  }
  return out
}

/**
 * One variant of an entity as the matcher takes it: its key, the form it is matched in and that form's head, and
 * for a prefix nickname (`weak`) whether it may be used at all, asked only where it is written (`Alternatives`).
 */
type PreparedVariant = {
  key: string
  form: string
  head: string
  strict: boolean
  weak: boolean
  /** The length of the form as a regex source: the order of the alternation regex this search replaced. */
  length: number
}

/**
 * An entity's variants prepared for the matcher, memoised per entity object (which the caches above share
 * between calls): a text's output check builds the matcher of a mapping that grew with the text, whose older
 * entities are the same objects again; their keys, forms and heads need not be redone.
 */
const preparedCache = new WeakMemo<KnownEntity, { gaz: Gazetteer; variants: PreparedVariant[] }>()
function prepared(entity: KnownEntity, gaz: Gazetteer): PreparedVariant[] {
  const hit = preparedCache.get(entity)
  if (hit && hit.gaz === gaz) return hit.variants
  const variants: PreparedVariant[] = []
  for (const variant of entity.variants) {
    const key = fold(variant)
    if (!key) continue
    const wordLike = isWordLike(variant)
    const weak = entity.weak?.has(key) ?? false
    const capOnly = entity.capOnly?.has(key) ?? false
    const ordinary =
      wordLike && !entity.anyCase && (weak || capOnly || gaz.ambiguous.has(key) || gaz.common.has(key))
    const form = ordinary ? variant[0]!.toUpperCase() + variant.slice(1) : variant
    variants.push({ key, form, head: headAt(form, 0), strict: ordinary, weak, length: escapedLength(form) })
  }
  preparedCache.set(entity, { gaz, variants })
  return variants
}
const WORD_LIKE = /^[\p{L}\p{M}'-]+$/u
const WORD_START = /^[\p{L}\p{M}\p{N}]/u

/** WORD_LIKE, read by code for an ASCII variant (most): letters, apostrophes and hyphens only. */
function isWordLike(variant: string): boolean {
  if (variant.length === 0) return false
  for (let i = 0; i < variant.length; i++) {
    const c = variant.charCodeAt(i)
    if (c >= 128) return WORD_LIKE.test(variant)
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 39 || c === 45)) return false
  }
  return true
}

/** Groups variants by head, in the order given; the prefix nicknames among them are checked when met. */
function grouped(
  variants: readonly PreparedVariant[],
  symbolHeads: Set<string>,
  gaz: Gazetteer,
): Alternatives {
  const out = new Map<string, string[]>()
  const weak = new Map<string, string>()
  for (const variant of variants) {
    const { head, form } = variant
    const group = out.get(head)
    if (group) group.push(form)
    else {
      // (Whether a head is a symbol depends on the head alone: asked once per group.)
      if (!WORD_START.test(head)) symbolHeads.add(head)
      out.set(head, [form])
    }
    if (variant.weak) weak.set(form, variant.key)
  }
  return withWeak(out, weak, gaz)
}

/** Longest first; stable, so variants of one length stay in entity order. */
const byLength = (a: PreparedVariant, b: PreparedVariant) => b.length - a.length

/**
 * The order of `byLength` (a stable sort, longest first) by counting: lengths are small integers, and thousands of
 * variants (a 20 KB text's mapping) sorted by comparisons were a good part of building the output check's matcher.
 */
function sortedByLength(variants: PreparedVariant[]): PreparedVariant[] {
  let max = 0
  for (const v of variants) if (v.length > max) max = v.length
  if (variants.length < 32 || max > 4096) return variants.sort(byLength)
  // Start of each length's run in the output, longest first.
  const starts = new Int32Array(max + 2)
  for (const v of variants) starts[max - v.length + 1]!++
  for (let i = 1; i <= max + 1; i++) starts[i]! += starts[i - 1]!
  const out = new Array<PreparedVariant>(variants.length)
  for (const v of variants) out[starts[max - v.length]!++] = v
  return out
}

/** The variants of every entity by strictness, longest first so "Sandra Huber" wins over "Sandra". */
export function knownMatcher(entities: KnownEntity[], gaz: Gazetteer): KnownMatcher {
  const byVariant = new Map<string, KnownEntity>()
  const loose: PreparedVariant[] = []
  const strict: PreparedVariant[] = []
  for (const entity of entities) {
    for (const variant of prepared(entity, gaz)) {
      // A prefix nickname that is no usable form claims its key all the same (an entity after it does not get it).
      if (byVariant.has(variant.key)) continue
      byVariant.set(variant.key, entity)
      if (variant.strict) strict.push(variant)
      else loose.push(variant)
    }
  }
  const symbolHeads = new Set<string>()
  return {
    loose: grouped(sortedByLength(loose), symbolHeads, gaz),
    strict: grouped(sortedByLength(strict), symbolHeads, gaz),
    symbolHeads,
    byVariant,
    parts: entities.flatMap((entity) => entity.parts.map((part) => ({ part: fold(part), entity }))),
    pets: entities.filter((entity) => entity.pet && entity.type === 'PERSON'),
  }
}

/**
 * A map read through to the map below it: a matcher extended by entities after its own keeps its maps as they are
 * and holds only what is new or changed (`extendedMatcher`). Keys in `own` win.
 */
class Layered<V> implements ReadonlyMap<string, V> {
  constructor(
    readonly base: ReadonlyMap<string, V>,
    readonly own: ReadonlyMap<string, V>,
  ) {}
  private knownSize = -1
  get(key: string): V | undefined {
    const value = this.own.get(key)
    return value !== undefined ? value : this.base.get(key)
  }
  has(key: string): boolean {
    return this.own.has(key) || this.base.has(key)
  }
  get size(): number {
    // Neither map changes once the matcher is built.
    if (this.knownSize < 0) {
      this.knownSize = this.base.size
      for (const key of this.own.keys()) if (!this.base.has(key)) this.knownSize++
    }
    return this.knownSize
  }
  *entries(): MapIterator<[string, V]> {
    for (const entry of this.base) if (!this.own.has(entry[0])) yield entry
    yield* this.own
  }
  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key
  }
  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries()
  }
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this)
  }
}

/**
 * `base` extended by entities after its own, as `knownMatcher` would build it from all of them: a new variant
 * goes into its head's group after every variant at least as long (the base's entities come first, so among
 * equals theirs do). The cost is that of the new entities, not of the whole mapping.
 */
function extendedMatcher(base: KnownMatcher, added: readonly KnownEntity[], gaz: Gazetteer): KnownMatcher {
  const own = new Map<string, KnownEntity>()
  const loose: PreparedVariant[] = []
  const strict: PreparedVariant[] = []
  for (const entity of added) {
    for (const variant of prepared(entity, gaz)) {
      if (base.byVariant.has(variant.key) || own.has(variant.key)) continue
      own.set(variant.key, entity)
      if (variant.strict) strict.push(variant)
      else loose.push(variant)
    }
  }
  const symbolHeads = new Set(base.symbolHeads)
  return {
    loose: extendedAlternatives(base.loose, sortedByLength(loose), symbolHeads, gaz),
    strict: extendedAlternatives(base.strict, sortedByLength(strict), symbolHeads, gaz),
    symbolHeads,
    byVariant: own.size === 0 ? base.byVariant : new Layered(base.byVariant, own),
    parts: [
      ...base.parts,
      ...added.flatMap((entity) => entity.parts.map((part) => ({ part: fold(part), entity }))),
    ],
    pets: [...base.pets, ...added.filter((entity) => entity.pet && entity.type === 'PERSON')],
  }
}

function extendedAlternatives(
  base: Alternatives,
  variants: readonly PreparedVariant[],
  symbolHeads: Set<string>,
  gaz: Gazetteer,
): Alternatives {
  if (variants.length === 0) return base
  const own = new Map<string, string[]>()
  const weak = new Map<string, string>()
  for (const variant of variants) {
    const { head, form, length } = variant
    let group = own.get(head)
    if (!group) {
      // (A head of the base's groups is in the base's symbol heads already if it is one.)
      if (!WORD_START.test(head)) symbolHeads.add(head)
      own.set(head, (group = [...(base.get(head) ?? [])]))
    }
    // Variants come longest first: this one goes after all of its group at least as long.
    let at = group.length
    while (at > 0 && escapedLength(group[at - 1]!) < length) at--
    group.splice(at, 0, form)
    if (variant.weak) weak.set(form, variant.key)
  }
  return withWeak(
    new Layered(base, own),
    base.weak === undefined || weak.size === 0 ? (base.weak ?? weak) : new Layered(base.weak, weak),
    gaz,
  )
}

/**
 * A map with its layers merged (`Layered`), so lookups cost at most two looks again: the layers above the bottom
 * map merged into one over it, or all of them into one map once they hold half as much as the bottom map (copying
 * a stored mapping's every variant per merge cost more than the lookups saved; this way each entry is copied a
 * bounded number of times on average).
 */
function flat<V>(map: ReadonlyMap<string, V>): ReadonlyMap<string, V> {
  if (!(map instanceof Layered)) return map
  const layers: ReadonlyMap<string, V>[] = []
  let bottom: ReadonlyMap<string, V> = map
  while (bottom instanceof Layered) {
    layers.push(bottom.own)
    bottom = bottom.base
  }
  let size = 0
  for (const layer of layers) size += layer.size
  const whole = size * 2 >= bottom.size
  const out = whole ? new Map(bottom) : new Map<string, V>()
  // Bottom up: a layer's entry replaces the one below it.
  for (let i = layers.length - 1; i >= 0; i--) for (const [key, value] of layers[i]!) out.set(key, value)
  return whole ? out : new Layered(bottom, out)
}

function flatMatcher(matcher: KnownMatcher, gaz: Gazetteer): KnownMatcher {
  const flatAlternatives = (alternatives: Alternatives): Alternatives =>
    alternatives.weak === undefined
      ? flat(alternatives)
      : withWeak(flat(alternatives), flat(alternatives.weak), gaz)
  return {
    ...matcher,
    loose: flatAlternatives(matcher.loose),
    strict: flatAlternatives(matcher.strict),
    byVariant: flat(matcher.byVariant),
  }
}

/**
 * The matcher for a context, memoised by what it is built from (bounded): a client's texts are sent with
 * the same people and mapping, and building the variants and their regexes is a fixed cost per call.
 * Entities are shared between calls then; nothing mutates them after they are built.
 *
 * A mapping that grew (the output check of a text, whose mapping is the input's with this text's entries after
 * it; the client's next text, whose mapping is that again) extends the matcher of the mapping it grew from, if that
 * is still here: a stored mapping grows with every text, and building all of it anew twice per text cost more than
 * the rest of the pseudonymiser. Extensions stack up to `MAX_DEPTH`, then the matcher is built whole again.
 */
type BuiltMatcher = {
  entities: KnownEntity[]
  matcher: KnownMatcher
  /** The context's part of the key, and each mapping entry's. */
  people: string
  entries: string[]
  depth: number
}
/** By the people, the number of entries and the last entry; a hit is checked entry by entry. */
const matcherCache = new Memo<string, BuiltMatcher>(200)
/** The last matchers built, newest last: the bases a grown mapping is looked for in. */
const recentMatchers: BuiltMatcher[] = []
onForget(
  () => recentMatchers.splice(0),
  () => recentMatchers.length,
)
/** Extensions stacked on one matcher before its layers are merged (each costs a look per lookup). */
const MAX_DEPTH = 8

/** A mapping entry as the matcher reads it (type, value, masked), one string for each distinct entry. */
const entryKey = (e: Mapping['entries'][number]) =>
  `${e.masked === true ? 1 : 0}${e.type.length}:${e.type}${e.value}`

export function knownMatcherFor(
  context: PseudonymizeContext,
  mapping: Mapping,
  gaz: Gazetteer,
): { entities: KnownEntity[]; matcher: KnownMatcher } {
  const people = JSON.stringify([
    context.client ?? null,
    context.coach ?? null,
    context.others ?? null,
    context.masked ?? null,
  ])
  const entries = mapping.entries.map(entryKey)
  // Not the whole mapping as the key: a string of a stored mapping's every entry, built and hashed per call, cost
  // more than the matcher's lookups. The key narrows, the entries decide.
  const key = `${entries.length}\n${entries[entries.length - 1] ?? ''}\n${people}`
  let hit = matcherCache.get(key)
  if (hit && !sameEntries(hit.entries, entries)) hit = undefined
  if (!hit) {
    // Masked tokens' entities come after the mapping's: no mapping grown at its end then.
    const base = context.masked?.length ? undefined : grownFrom(people, entries)
    if (base) {
      const added = mapping.entries
        .slice(base.entries.length)
        .map((e) => cachedEntryEntity(e.type, e.value, e.masked === true))
      const depth = base.depth + 1
      const extended = extendedMatcher(base.matcher, added, gaz)
      hit = {
        entities: [...base.entities, ...added],
        matcher: depth >= MAX_DEPTH ? flatMatcher(extended, gaz) : extended,
        people,
        entries,
        depth: depth >= MAX_DEPTH ? 0 : depth,
      }
    } else {
      const entities = knownEntities(context, mapping)
      hit = { entities, matcher: knownMatcher(entities, gaz), people, entries, depth: 0 }
    }
    matcherCache.set(key, hit)
    recentMatchers.push(hit)
    if (recentMatchers.length > 8) recentMatchers.shift()
  }
  return { entities: hit.entities, matcher: hit.matcher }
}

function sameEntries(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The longest recent matcher for the same people whose mapping entries begin this one's. */
function grownFrom(people: string, entries: readonly string[]): BuiltMatcher | undefined {
  let best: BuiltMatcher | undefined
  for (const built of recentMatchers) {
    // (A matcher of no mapping entries is built whole: nothing of it to keep.)
    if (built.people !== people || built.entries.length === 0) continue
    if (built.entries.length >= entries.length || built.entries.length <= (best?.entries.length ?? -1))
      continue
    let prefix = true
    for (let i = 0; i < built.entries.length && prefix; i++) prefix = built.entries[i] === entries[i]
    if (prefix) best = built
  }
  return best
}
