/**
 * The pseudonymiser's memory across calls, in one place. Its caches make a client's next text cheap, but they
 * hold what texts brought: names, places, the entries of a client's mapping. Every cache is a `Memo` or
 * `WeakMemo`, so one call forgets all of them:
 * - `forgetTexts()` — the deletion flow calls it (R10.2: deletion reaches every copy, the process memory too);
 * - `expireTexts()` — each pseudonymisation calls it first: caches older than `MAX_AGE_MS` are dropped, so a
 *   server instance that did not run the deletion holds a deleted client's names for at most that long after it
 *   built them (or until the instance ends).
 * Nothing here is written anywhere; it is process memory only.
 */

type Forgettable = { clear(): void; readonly size?: number }

const everything: Forgettable[] = []
let bornAt = Date.now()

/** An hour: long enough that a coach's working session reuses the caches, short enough to bound the copy. */
export const MAX_AGE_MS = 60 * 60 * 1000

/** A bounded memo: past `limit` entries it starts again (the working set of a client is far smaller). */
export class Memo<K, V> {
  private map = new Map<K, V>()
  constructor(private readonly limit: number) {
    everything.push(this)
  }
  get(key: K): V | undefined {
    return this.map.get(key)
  }
  set(key: K, value: V): V {
    if (this.map.size >= this.limit) this.map.clear()
    this.map.set(key, value)
    return value
  }
  get size(): number {
    return this.map.size
  }
  clear(): void {
    this.map.clear()
  }
}

/** A memo per object (an entity, a matcher): gone with its key, and with `forgetTexts()`. */
export class WeakMemo<K extends object, V> {
  private map = new WeakMap<K, V>()
  constructor() {
    everything.push(this)
  }
  get(key: K): V | undefined {
    return this.map.get(key)
  }
  set(key: K, value: V): V {
    this.map.set(key, value)
    return value
  }
  clear(): void {
    // A WeakMap cannot be emptied; a new one leaves the old entries unreachable.
    this.map = new WeakMap()
  }
}

/**
 * For memory that is not a map (a list of recent matchers, the tokenizer's interned words): cleared with the
 * memos; `size` counts what it holds for `heldEntries()`.
 */
export function onForget(clear: () => void, size: () => number): void {
  everything.push({
    clear,
    get size() {
      return size()
    },
  })
}

/** Drops every cache of the pseudonymiser at once. */
export function forgetTexts(now = Date.now()): void {
  for (const memo of everything) memo.clear()
  bornAt = now
}

/** Drops the caches if they are older than `MAX_AGE_MS`; cheap enough to call per text. */
export function expireTexts(now = Date.now()): void {
  if (now - bornAt >= MAX_AGE_MS) forgetTexts(now)
}

/** The number of entries held by the memos and the lists handed to `onForget` (for tests). */
export function heldEntries(): number {
  let n = 0
  for (const memo of everything) n += memo.size ?? 0
  return n
}
