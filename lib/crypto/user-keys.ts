import { randomBytes } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { userKeys, users } from '@/db/schema'
import { open, seal } from './aead'
import { cachedKey, forgetUserKeys, rememberKey } from './key-cache'
import type { MasterKey } from './master-key'
import { AppError } from '@/lib/errors'

export class KeyShreddedError extends AppError {
  override name = 'KeyShreddedError'
  constructor() {
    super('keyShredded')
  }
}

export class MasterKeyMismatchError extends Error {
  override name = 'MasterKeyMismatchError'
  constructor(expected: string, configured: string) {
    super(
      `Der Datenschlüssel wurde mit dem Hauptschlüssel "${expected}" verpackt, konfiguriert ist "${configured}". ` +
        'Den passenden DATA_ENCRYPTION_KEY / DATA_ENCRYPTION_KEY_ID setzen.',
    )
  }
}

export type UserDataKey = { version: number; key: Buffer }

const wrapAad = (userId: string, version: number) => `mialma:user-key:${userId}:${version}`

function unwrap(row: typeof userKeys.$inferSelect, master: MasterKey): UserDataKey {
  if (row.masterKeyId !== master.id) throw new MasterKeyMismatchError(row.masterKeyId, master.id)
  const key = open(master.key, Buffer.from(row.wrappedKey, 'base64'), wrapAad(row.userId, row.version))
  return { version: row.version, key }
}

async function insertKey(db: Db, userId: string, version: number, master: MasterKey) {
  const key = randomBytes(32)
  const wrapped = seal(master.key, key, wrapAad(userId, version)).toString('base64')
  const inserted = await db
    .insert(userKeys)
    .values({ userId, version, wrappedKey: wrapped, masterKeyId: master.id })
    .onConflictDoNothing()
    .returning({ version: userKeys.version })
  return inserted.length > 0
}

/**
 * The user's current data key, created on first use (concurrent first uses agree on one key). Loaded once per
 * process for a short while (key-cache.ts): the pages of one request, and the next requests, share it.
 */
export function currentUserKey(db: Db, userId: string, master: MasterKey): Promise<UserDataKey> {
  return cachedKey(master, userId, 'current', async () => {
    const key = await loadCurrentKey(db, userId, master)
    rememberKey(master, userId, `v${key.version}`, key)
    return key
  })
}

async function loadCurrentKey(db: Db, userId: string, master: MasterKey): Promise<UserDataKey> {
  const [row] = await db
    .select()
    .from(userKeys)
    .where(eq(userKeys.userId, userId))
    .orderBy(desc(userKeys.version))
    .limit(1)
  if (row) return unwrap(row, master)
  // A shredded user must not get a fresh key: their old content stays unreadable, new content is refused.
  const [owner] = await db
    .select({ shreddedAt: users.keysShreddedAt })
    .from(users)
    .where(eq(users.id, userId))
  if (owner?.shreddedAt) throw new KeyShreddedError()
  await insertKey(db, userId, 1, master)
  return loadCurrentKey(db, userId, master)
}

export function userKeyVersion(
  db: Db,
  userId: string,
  version: number,
  master: MasterKey,
): Promise<UserDataKey> {
  return cachedKey(master, userId, `v${version}`, () => loadKeyVersion(db, userId, version, master))
}

async function loadKeyVersion(
  db: Db,
  userId: string,
  version: number,
  master: MasterKey,
): Promise<UserDataKey> {
  const [row] = await db
    .select()
    .from(userKeys)
    .where(and(eq(userKeys.userId, userId), eq(userKeys.version, version)))
    .limit(1)
  if (!row) throw new KeyShreddedError()
  return unwrap(row, master)
}

/** A new data key version for new writes; older versions stay readable until re-encrypted. */
export async function rotateUserKey(db: Db, userId: string, master: MasterKey): Promise<number> {
  // From the database, not the cache: another instance may have rotated since this one loaded the key.
  const current = await loadCurrentKey(db, userId, master)
  const next = current.version + 1
  await insertKey(db, userId, next, master)
  forgetUserKeys(userId)
  return next
}

/** Crypto-shredding (R10.2, R14.3): every version of the user's key is deleted; their ciphertext is noise. */
export async function shredUserKeyWith(db: Db, userId: string): Promise<number> {
  // Forgotten before and after: no request in this process encrypts with the key once the rows are gone.
  forgetUserKeys(userId)
  const shredded = await db.transaction(async (tx) => {
    await tx.update(users).set({ keysShreddedAt: new Date() }).where(eq(users.id, userId))
    const deleted = await tx
      .delete(userKeys)
      .where(eq(userKeys.userId, userId))
      .returning({ v: userKeys.version })
    return deleted.length
  })
  forgetUserKeys(userId)
  return shredded
}
