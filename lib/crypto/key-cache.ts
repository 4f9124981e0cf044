import { createHash } from 'node:crypto'
import type { MasterKey } from './master-key'

/**
 * Unwrapped data keys, kept briefly in this process so that a page that reads twenty encrypted rows (and the
 * next few requests) unwraps the user's key once. Bounded (KEY_CACHE_MAX entries, oldest first out) and short
 * (KEY_CACHE_TTL_MS); a rotation or a shred in this process drops the user's entries at once. Another instance
 * may keep using a key it already holds for at most KEY_CACHE_TTL_MS after a shred there (README "Key cache").
 * Keyed by user id (random UUIDs) and master key (id and bytes), so a wrong master key never gets a cached key,
 * and independent of the database handle (a transaction reads the same keys as the pool).
 */
export const KEY_CACHE_TTL_MS = 30_000
export const KEY_CACHE_MAX = 500

type Entry<T> = { value: Promise<T>; expires: number }

const entries = new Map<string, Entry<unknown>>()
const fingerprints = new WeakMap<Buffer, string>()

function fingerprint(master: MasterKey): string {
  let print = fingerprints.get(master.key)
  if (!print) {
    print = createHash('sha256').update(master.key).digest('base64url').slice(0, 16)
    fingerprints.set(master.key, print)
  }
  return `${master.id}:${print}`
}

const userPrefix = (userId: string) => `${userId}|`

/** The cached value for (user, slot), or `load()` — once, even for concurrent callers; failures are not kept. */
export function cachedKey<T>(
  master: MasterKey,
  userId: string,
  slot: string,
  load: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  const id = `${userPrefix(userId)}${slot}|${fingerprint(master)}`
  const hit = entries.get(id)
  if (hit && hit.expires > now) {
    // Map order is insertion order: re-inserting keeps recently used keys away from eviction.
    entries.delete(id)
    entries.set(id, hit)
    return hit.value as Promise<T>
  }
  if (hit) entries.delete(id)
  const value = load()
  const entry: Entry<T> = { value, expires: now + KEY_CACHE_TTL_MS }
  entries.set(id, entry)
  value.catch(() => {
    if (entries.get(id) === entry) entries.delete(id)
  })
  while (entries.size > KEY_CACHE_MAX) entries.delete(entries.keys().next().value!)
  return value
}

/** A value loaded another way (the current key is also that version's key). */
export function rememberKey<T>(
  master: MasterKey,
  userId: string,
  slot: string,
  value: T,
  now = Date.now(),
): void {
  entries.set(`${userPrefix(userId)}${slot}|${fingerprint(master)}`, {
    value: Promise.resolve(value),
    expires: now + KEY_CACHE_TTL_MS,
  })
  while (entries.size > KEY_CACHE_MAX) entries.delete(entries.keys().next().value!)
}

/** Rotation or shredding: this process forgets every key of the user at once. */
export function forgetUserKeys(userId: string): void {
  const prefix = userPrefix(userId)
  for (const id of [...entries.keys()]) if (id.startsWith(prefix)) entries.delete(id)
}

export function keyCacheSize(): number {
  return entries.size
}
