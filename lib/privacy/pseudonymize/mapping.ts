import type { KnownEntity } from './known'
import { Memo } from './memo'
import { fold } from './normalize'
import { LABELS, type EntityType, type Mapping, type MappingEntry } from './types'

/**
 * Hands out placeholders: one per entity and client, stable across texts. An entry's keys are the folded
 * surface forms that resolve to it (variants, genitives, one word of a full name).
 */

/** The mapping key of a surface form: folded; names without a genitive s; numbers as digits. */
function keyOf(type: EntityType, value: string): string {
  // One map per type: no joined string to build and hash per lookup.
  let byValue = keyCache.get(type)
  if (!byValue) keyCache.set(type, (byValue = new Memo(20_000)))
  return byValue.get(value) ?? byValue.set(value, keyOfUncached(type, value))
}

/** Keys of the same names recur in every text (bounded, per type). */
const keyCache = new Map<EntityType, Memo<string, string>>()

function keyOfUncached(type: EntityType, value: string): string {
  if (type === 'PHONE' || type === 'AHV' || type === 'KARTE') {
    const digits = value.replace(/\D/g, '')
    return type === 'PHONE' ? digits.replace(/^(?:0041|41|0)(?=\d{9}$)/, '') : digits
  }
  if (type === 'IBAN' || type === 'EMAIL' || type === 'URL') return value.replace(/\s/g, '').toLowerCase()
  return fold(value).replace(/\s+/g, ' ').trim()
}

const genitive = (key: string) => key.replace(/(?:'s|s|es)$/u, '')

/** Positions of an entry type's first entry by key, by a key's genitive-less form, by a word of the value. */
type TypeIndex = { keys: Map<string, number>; genitives: Map<string, number>; parts: Map<string, number> }

export class MappingBuilder {
  private readonly entries: MappingEntry[]
  private readonly counters = new Map<string, number>()

  constructor(mapping: Mapping) {
    this.entries = mapping.entries.map((e) => ({ ...e, keys: [...e.keys] }))
    for (const e of this.entries) {
      const [label, num] = e.token.split('_')
      this.counters.set(label!, Math.max(this.counters.get(label!) ?? 0, Number(num)))
    }
  }

  /** Lookups by type and key; a text repeats its names, so most spans ask again. Cleared on every change. */
  // By type, then key: no joined key string per lookup.
  private readonly found = new Map<EntityType, Map<string, MappingEntry | null>>()

  private find(type: EntityType, key: string): MappingEntry | undefined {
    let byKey = this.found.get(type)
    if (!byKey) this.found.set(type, (byKey = new Map()))
    // A miss is stored as null: one lookup answers both.
    const hit = byKey.get(key)
    if (hit !== undefined) return hit ?? undefined
    const entry = this.search(type, key)
    byKey.set(key, entry ?? null)
    return entry
  }

  /**
   * Per type, the first entry (by position) with a key, with a key whose genitive-less form is it, and (persons)
   * with a word of its value: what `search` reads, kept up to date as entries and keys are added. A stored mapping
   * has thousands of entries; going through all of them for every new name cost more than finding the names.
   */
  private index: Map<EntityType, TypeIndex> | undefined

  private indexOf(type: EntityType): TypeIndex {
    if (!this.index) {
      this.index = new Map()
      this.entries.forEach((e, at) => {
        for (const key of e.keys) this.indexKey(e, at, key)
        this.indexValue(e, at)
      })
    }
    let index = this.index.get(type)
    if (!index) this.index.set(type, (index = { keys: new Map(), genitives: new Map(), parts: new Map() }))
    return index
  }

  private indexKey(e: MappingEntry, at: number, key: string) {
    const index = this.indexOf(e.type)
    if (!((index.keys.get(key) ?? Infinity) <= at)) index.keys.set(key, at)
    const bare = genitive(key)
    if (!((index.genitives.get(bare) ?? Infinity) <= at)) index.genitives.set(bare, at)
  }

  private indexValue(e: MappingEntry, at: number) {
    if (e.type !== 'PERSON') return
    const index = this.indexOf(e.type)
    for (const part of fold(e.value).split(/[\s-]+/))
      if (!((index.parts.get(part) ?? Infinity) <= at)) index.parts.set(part, at)
  }

  private search(type: EntityType, key: string): MappingEntry | undefined {
    // The first entry of the type (in mapping order) that each rule finds, as a pass over them would.
    const index = this.indexOf(type)
    const first = (...positions: (number | undefined)[]) => {
      let best = Infinity
      for (const at of positions) if (at !== undefined && at < best) best = at
      return best === Infinity ? undefined : this.entries[best]
    }
    const exact = first(index.keys.get(key))
    if (exact || type !== 'PERSON') return exact
    const bare = genitive(key)
    const byGenitive = first(index.keys.get(bare), index.genitives.get(key))
    if (byGenitive) return byGenitive
    // One word of a known full name ("Imhof" of "Barbara Imhof"), or a full name whose part we know.
    const words = key.split(' ')
    return words.length === 1 ? first(index.parts.get(bare)) : first(...words.map((w) => index.keys.get(w)))
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
      if (this.index) {
        for (const k of entry.keys) this.indexKey(entry, this.entries.length - 1, k)
        this.indexValue(entry, this.entries.length - 1)
      }
      this.found.clear()
    }
    if (!entry.keys.includes(key)) {
      entry.keys.push(key)
      if (this.index) this.indexKey(entry, this.entries.indexOf(entry), key)
      this.found.clear()
    }
    return entry.token
  }

  /** A token the coach masked: an entry (new or existing) flagged as masked. */
  mask(type: EntityType, value: string): void {
    if (!value) return
    const token = this.token(type, value)
    const entry = this.entries.find((e) => e.token === token)
    if (entry) entry.masked = true
  }

  mapping(): Mapping {
    return { version: 1, entries: this.entries }
  }
}
