import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userKeys, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import {
  DecryptionError,
  decryptForUser,
  encryptForUser,
  ensureUserKey,
  KeyShreddedError,
  MasterKeyMismatchError,
  rotateUserKey,
  shredUserKey,
  userCipher,
} from '@/lib/crypto'
import { open, seal } from '@/lib/crypto/aead'
import type { MasterKey } from '@/lib/crypto/master-key'
import { createUserCipher, isEncrypted } from '@/lib/crypto/user-cipher'
import { currentUserKey, rotateUserKey as rotateWith } from '@/lib/crypto/user-keys'
import { createTestDb } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { createUser, rejection } from '../helpers/fixtures'

let handle: DbHandle
const master: MasterKey = { id: 'k1', key: randomBytes(32) }

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

async function keyRows(userId: string) {
  return handle.db.select().from(userKeys).where(eq(userKeys.userId, userId)).orderBy(userKeys.version)
}

/** Flips one bit in the sealed bytes of a stored payload `enc1.<v>.<base64>`. */
function tamper(payload: string, index: number): string {
  const [prefix, version, body] = payload.split('.')
  const bytes = Buffer.from(body!, 'base64')
  const i = index < 0 ? bytes.length + index : index
  bytes[i] = bytes[i]! ^ 0x80
  return `${prefix}.${version}.${bytes.toString('base64')}`
}

describe('R14.3 per-user envelope encryption (createUserCipher, explicit master key)', () => {
  it.each([
    ['plain text', 'Heute war ein guter Tag.'],
    ['unicode', 'Grüezi mitenand – Čeština, 日本語, emoji 🌱🧘‍♀️, RTL עברית'],
    ['empty string', ''],
    ['large text (1 MB)', 'Abschnitt über Gefühle. '.repeat(44_000)],
  ])('R14.3 round trip: %s', async (_label, plaintext) => {
    const user = await createUser(handle.db)
    const cipher = createUserCipher(handle.db, user.id, master)
    const payload = await cipher.encrypt(plaintext)
    expect(isEncrypted(payload)).toBe(true)
    expect(payload).toMatch(/^enc1\.1\.[A-Za-z0-9+/]+=*$/)
    if (plaintext.length > 0) expect(payload).not.toContain(plaintext.slice(0, 10))
    expect(await cipher.decrypt(payload)).toBe(plaintext)
    // A fresh cipher (another request) reads it too.
    expect(await createUserCipher(handle.db, user.id, master).decrypt(payload)).toBe(plaintext)
  })

  it('R14.3 the same plaintext encrypts differently each time (random IV)', async () => {
    const user = await createUser(handle.db)
    const cipher = createUserCipher(handle.db, user.id, master)
    expect(await cipher.encrypt('gleich')).not.toBe(await cipher.encrypt('gleich'))
  })

  it.each([
    ['the IV', 0],
    ['the ciphertext', 12],
    ['the auth tag', -1],
  ])('R14.3 tamper detection: a flipped bit in %s → DecryptionError', async (_part, index) => {
    const user = await createUser(handle.db)
    const cipher = createUserCipher(handle.db, user.id, master)
    const payload = await cipher.encrypt('Vertrauliche Notiz')
    await expect(cipher.decrypt(tamper(payload, index))).rejects.toThrow(DecryptionError)
  })

  it.each([
    'plain text, not encrypted',
    'enc2.1.AAAA',
    'enc1.0.AAAA',
    'enc1.x.AAAA',
    'enc1.1.',
    'enc1.1.AAAA.extra',
    'enc1.1.AAAA',
  ])('R14.3 malformed payload %j → DecryptionError', async (payload) => {
    const user = await createUser(handle.db)
    const cipher = createUserCipher(handle.db, user.id, master)
    await cipher.ready()
    await expect(cipher.decrypt(payload)).rejects.toThrow(DecryptionError)
  })

  it("R14.3 user A's ciphertext cannot be decrypted as user B, even though B has a key", async () => {
    const a = await createUser(handle.db)
    const b = await createUser(handle.db)
    const payload = await createUserCipher(handle.db, a.id, master).encrypt('Nur für A')
    const cipherB = createUserCipher(handle.db, b.id, master)
    await cipherB.encrypt('B hat einen eigenen Schlüssel')
    expect(await keyRows(b.id)).toHaveLength(1)
    await expect(cipherB.decrypt(payload)).rejects.toThrow(DecryptionError)
  })

  it("R14.3 copying A's wrapped key row to B does not let B read A's content (key bound to its owner)", async () => {
    const a = await createUser(handle.db)
    const b = await createUser(handle.db)
    const payload = await createUserCipher(handle.db, a.id, master).encrypt('Nur für A')
    const [rowA] = await keyRows(a.id)
    await handle.db.insert(userKeys).values({ ...rowA!, userId: b.id })
    const cipherB = createUserCipher(handle.db, b.id, master)
    // The wrapped key itself is bound to A: B cannot even unwrap it, so B can neither write nor read.
    await expect(cipherB.encrypt('x')).rejects.toThrow(DecryptionError)
    await expect(cipherB.decrypt(payload)).rejects.toThrow(DecryptionError)
  })

  it("R14.3 even with A's raw data key (properly wrapped for B), B cannot read A's content (content bound to owner)", async () => {
    const a = await createUser(handle.db)
    const b = await createUser(handle.db)
    const payload = await createUserCipher(handle.db, a.id, master).encrypt('Nur für A')
    const { key } = await currentUserKey(handle.db, a.id, master)
    const wrappedForB = seal(master.key, key, `mialma:user-key:${b.id}:1`).toString('base64')
    await handle.db
      .insert(userKeys)
      .values({ userId: b.id, version: 1, wrappedKey: wrappedForB, masterKeyId: 'k1' })
    const cipherB = createUserCipher(handle.db, b.id, master)
    expect(await cipherB.decrypt(await cipherB.encrypt('B schreibt'))).toBe('B schreibt')
    await expect(cipherB.decrypt(payload)).rejects.toThrow(DecryptionError)
  })

  it('R14.3 the wrapped key in user_keys is not the raw data key and opens only with the master key', async () => {
    const user = await createUser(handle.db)
    const { key, version } = await currentUserKey(handle.db, user.id, master)
    expect(key).toHaveLength(32)
    const [row] = await keyRows(user.id)
    expect(row).toMatchObject({ version, masterKeyId: 'k1' })
    const wrapped = Buffer.from(row!.wrappedKey, 'base64')
    expect(wrapped).toHaveLength(12 + 32 + 16)
    expect(wrapped.includes(key)).toBe(false)
    expect(row!.wrappedKey).not.toContain(key.toString('base64'))
    expect(row!.wrappedKey).not.toContain(key.toString('hex'))
    expect(open(master.key, wrapped, `mialma:user-key:${user.id}:1`).equals(key)).toBe(true)
    expect(() => open(randomBytes(32), wrapped, `mialma:user-key:${user.id}:1`)).toThrow(DecryptionError)
  })

  it('R14.3 concurrent first uses agree on one key', async () => {
    const user = await createUser(handle.db)
    const payloads = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createUserCipher(handle.db, user.id, master).encrypt(`Eintrag ${i}`),
      ),
    )
    expect(await keyRows(user.id)).toHaveLength(1)
    const reader = createUserCipher(handle.db, user.id, master)
    expect(await Promise.all(payloads.map((p) => reader.decrypt(p)))).toEqual(
      Array.from({ length: 5 }, (_, i) => `Eintrag ${i}`),
    )
  })

  it('R14.3 key rotation: old ciphertext still decrypts, new ciphertext uses version 2', async () => {
    const user = await createUser(handle.db)
    const old = await createUserCipher(handle.db, user.id, master).encrypt('vor der Rotation')
    expect(old.startsWith('enc1.1.')).toBe(true)
    expect(await rotateWith(handle.db, user.id, master)).toBe(2)
    const cipher = createUserCipher(handle.db, user.id, master)
    const fresh = await cipher.encrypt('nach der Rotation')
    expect(fresh.startsWith('enc1.2.')).toBe(true)
    expect(await cipher.decrypt(old)).toBe('vor der Rotation')
    expect(await cipher.decrypt(fresh)).toBe('nach der Rotation')
    expect((await keyRows(user.id)).map((r) => r.version)).toEqual([1, 2])
    // The two versions are different keys: v2 ciphertext relabelled as v1 does not open.
    await expect(cipher.decrypt(fresh.replace(/^enc1\.2\./, 'enc1.1.'))).rejects.toThrow(DecryptionError)
  })

  it('R14.3 R10.2 shredded key: decrypting fails with KeyShreddedError and a clear German message', async () => {
    const user = await createUser(handle.db)
    const payload = await createUserCipher(handle.db, user.id, master).encrypt('bald unlesbar')
    await rotateWith(handle.db, user.id, master)
    expect(await shredUserKey(handle.db, user.id)).toBe(2)
    expect(await keyRows(user.id)).toHaveLength(0)
    const error = await rejection(createUserCipher(handle.db, user.id, master).decrypt(payload))
    expect(error).toBeInstanceOf(KeyShreddedError)
    expect(messageOf(error)).toContain('Account gelöscht')
    expect(messageOf(error)).toContain('unwiderruflich unlesbar')
    expect(messageOf(error)).not.toContain('ß')
  })

  it('R14.3 R10.2 deleting the user row cascades to user_keys (crypto-shredding on account deletion)', async () => {
    const user = await createUser(handle.db)
    await createUserCipher(handle.db, user.id, master).encrypt('x')
    await handle.db.delete(users).where(eq(users.id, user.id))
    expect(await keyRows(user.id)).toHaveLength(0)
  })

  it('R14.3 a key wrapped by another master key id → MasterKeyMismatchError naming both ids', async () => {
    const user = await createUser(handle.db)
    const payload = await createUserCipher(handle.db, user.id, master).encrypt('mit k1 verpackt')
    const other: MasterKey = { id: 'k2', key: randomBytes(32) }
    const error = await rejection(createUserCipher(handle.db, user.id, other).decrypt(payload))
    expect(error).toBeInstanceOf(MasterKeyMismatchError)
    expect((error as Error).message).toContain('"k1"')
    expect((error as Error).message).toContain('"k2"')
    await expect(createUserCipher(handle.db, user.id, other).encrypt('neu')).rejects.toThrow(
      MasterKeyMismatchError,
    )
  })

  it('R14.3 the right master key id with the wrong key bytes → DecryptionError (no silent garbage)', async () => {
    const user = await createUser(handle.db)
    const payload = await createUserCipher(handle.db, user.id, master).encrypt('x')
    const impostor: MasterKey = { id: 'k1', key: randomBytes(32) }
    await expect(createUserCipher(handle.db, user.id, impostor).decrypt(payload)).rejects.toThrow(
      DecryptionError,
    )
  })
})

describe('R14.3 encryptForUser / decryptForUser / shredUserKey (local master key in DATA_DIR)', () => {
  it('R14.3 round trip with the generated local master key, stored with mode 0600', async () => {
    const user = await createUser(handle.db)
    const payload = await encryptForUser(handle.db, user.id, 'Grüezi, Tagebuch')
    expect(await decryptForUser(handle.db, user.id, payload)).toBe('Grüezi, Tagebuch')
    const [row] = await keyRows(user.id)
    expect(row!.masterKeyId).toBe('local')
    const file = join(process.env.DATA_DIR!, 'secrets', 'master.key')
    expect(existsSync(file)).toBe(true)
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    // The same cipher via userCipher() and an explicit, different master key id disagree loudly.
    expect(await userCipher(handle.db, user.id).decrypt(payload)).toBe('Grüezi, Tagebuch')
    await expect(createUserCipher(handle.db, user.id, master).decrypt(payload)).rejects.toThrow(
      MasterKeyMismatchError,
    )
  })

  it('R14.3 ensureUserKey creates exactly one key; rotateUserKey adds version 2 and old text stays readable', async () => {
    const user = await createUser(handle.db)
    await ensureUserKey(handle.db, user.id)
    await ensureUserKey(handle.db, user.id)
    expect(await keyRows(user.id)).toHaveLength(1)
    const old = await encryptForUser(handle.db, user.id, 'alt')
    expect(await rotateUserKey(handle.db, user.id)).toBe(2)
    const fresh = await encryptForUser(handle.db, user.id, 'neu')
    expect(fresh.startsWith('enc1.2.')).toBe(true)
    expect(await decryptForUser(handle.db, user.id, old)).toBe('alt')
    expect(await decryptForUser(handle.db, user.id, fresh)).toBe('neu')
  })

  it("R14.3 decryptForUser refuses another user's ciphertext", async () => {
    const a = await createUser(handle.db)
    const b = await createUser(handle.db)
    const payload = await encryptForUser(handle.db, a.id, 'nur A')
    await ensureUserKey(handle.db, b.id)
    await expect(decryptForUser(handle.db, b.id, payload)).rejects.toThrow(DecryptionError)
  })

  it('R14.3 R10.2 after shredUserKey every version is gone and decryptForUser throws KeyShreddedError', async () => {
    const user = await createUser(handle.db)
    const other = await createUser(handle.db)
    const payload = await encryptForUser(handle.db, user.id, 'wird geschreddert')
    const otherPayload = await encryptForUser(handle.db, other.id, 'bleibt lesbar')
    expect(await shredUserKey(handle.db, user.id)).toBe(1)
    await expect(decryptForUser(handle.db, user.id, payload)).rejects.toThrow(KeyShreddedError)
    expect(await decryptForUser(handle.db, other.id, otherPayload)).toBe('bleibt lesbar')
    expect(await shredUserKey(handle.db, user.id)).toBe(0)
    // No silent fresh key after shredding: new content for this user is refused, not written readable.
    await expect(encryptForUser(handle.db, user.id, 'neu nach der Löschung')).rejects.toThrow(
      KeyShreddedError,
    )
    await expect(ensureUserKey(handle.db, user.id)).rejects.toThrow(KeyShreddedError)
    expect(await keyRows(user.id)).toHaveLength(0)
    expect(
      await handle.db
        .select()
        .from(userKeys)
        .where(and(eq(userKeys.userId, other.id), eq(userKeys.version, 1))),
    ).toHaveLength(1)
  })
})
