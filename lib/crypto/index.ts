import 'server-only'
import type { Db } from '@/db/types'
import { getMasterKey, type MasterKey } from './master-key'
import { createUserCipher, type UserCipher } from './user-cipher'
import { decryptFileStream, encryptFileStream } from './file-stream'
import { currentUserKey, rotateUserKey as rotate, shredUserKeyWith, userKeyVersion } from './user-keys'

export { DecryptionError } from './aead'
export { KeyShreddedError, MasterKeyMismatchError } from './user-keys'
export type { UserCipher } from './user-cipher'

/** Encrypts and decrypts one user's content; loads their key once for many fields. */
export function userCipher(db: Db, userId: string, master: MasterKey = getMasterKey()): UserCipher {
  return createUserCipher(db, userId, master)
}

export async function encryptForUser(db: Db, userId: string, plaintext: string): Promise<string> {
  return userCipher(db, userId).encrypt(plaintext)
}

export async function decryptForUser(db: Db, userId: string, payload: string): Promise<string> {
  return userCipher(db, userId).decrypt(payload)
}

export async function ensureUserKey(db: Db, userId: string): Promise<void> {
  await userCipher(db, userId).ready()
}

export async function rotateUserKey(db: Db, userId: string): Promise<number> {
  return rotate(db, userId, getMasterKey())
}

export async function shredUserKey(db: Db, userId: string): Promise<number> {
  return shredUserKeyWith(db, userId)
}

/**
 * Streamed file encryption with the user's data key (audio of sessions, R14.3): `encrypt` seals a plaintext
 * stream with the current key version, `decrypt` opens one written for this user with whatever version its
 * header names. A shredded key makes both throw (KeyShreddedError).
 */
export function userFileCipher(db: Db, userId: string, master: MasterKey = getMasterKey()) {
  return {
    async encrypt(source: AsyncIterable<Uint8Array>): Promise<AsyncGenerator<Buffer>> {
      const key = await currentUserKey(db, userId, master)
      return encryptFileStream(source, userId, key)
    },
    decrypt(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
      return decryptFileStream(
        source,
        userId,
        async (version) => (await userKeyVersion(db, userId, version, master)).key,
      )
    },
  }
}
