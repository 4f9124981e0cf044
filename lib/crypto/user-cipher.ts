import { createHmac, hkdfSync } from 'node:crypto'
import type { Db } from '@/db/types'
import { DecryptionError, open, seal } from './aead'
import type { MasterKey } from './master-key'
import { currentUserKey, type UserDataKey, userKeyVersion } from './user-keys'

/** Stored form: `enc1.<key version>.<base64 iv|ciphertext|tag>` — self-describing for key rotation. */
const PREFIX = 'enc1'

const contentAad = (userId: string) => `mialma:content:${userId}`

export type UserCipher = {
  ready: () => Promise<void>
  encrypt: (plaintext: string) => Promise<string>
  decrypt: (payload: string) => Promise<string>
  /**
   * A keyed hash of a short value (a tag) for equality search without plaintext in the database: a blind
   * index. Meaningless without the user's key, so shredding the key shreds the index too.
   */
  blindIndex: (value: string) => Promise<string>
  /** The value's blind index under every key version, to find rows written before a rotation. */
  blindIndexesAllVersions: (value: string) => Promise<string[]>
}

function indexWith({ version, key }: UserDataKey, value: string): string {
  const indexKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'mialma:blind-index', 32))
  return `${version}:${createHmac('sha256', indexKey).update(value, 'utf8').digest('base64url').slice(0, 22)}`
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(`${PREFIX}.`)
}

export function createUserCipher(db: Db, userId: string, master: MasterKey): UserCipher {
  let current: Promise<UserDataKey> | undefined
  const byVersion = new Map<number, Promise<UserDataKey>>()

  const currentKey = () => (current ??= currentUserKey(db, userId, master))
  const keyFor = (version: number) => {
    let key = byVersion.get(version)
    if (!key) {
      key = userKeyVersion(db, userId, version, master)
      byVersion.set(version, key)
    }
    return key
  }

  return {
    ready: async () => {
      await currentKey()
    },
    encrypt: async (plaintext) => {
      const { version, key } = await currentKey()
      const sealed = seal(key, Buffer.from(plaintext, 'utf8'), contentAad(userId))
      return `${PREFIX}.${version}.${sealed.toString('base64')}`
    },
    decrypt: async (payload) => {
      const [prefix, versionText, body, ...rest] = payload.split('.')
      const version = Number(versionText)
      if (prefix !== PREFIX || !Number.isInteger(version) || version < 1 || !body || rest.length > 0) {
        throw new DecryptionError()
      }
      const { key } = await keyFor(version)
      return open(key, Buffer.from(body, 'base64'), contentAad(userId)).toString('utf8')
    },
    blindIndex: async (value) => indexWith(await currentKey(), value),
    blindIndexesAllVersions: async (value) => {
      const { version } = await currentKey()
      const versions = Array.from({ length: version }, (_, i) => i + 1)
      const keys = await Promise.all(versions.map((v) => keyFor(v).catch(() => null)))
      return keys.filter((k): k is UserDataKey => k !== null).map((k) => indexWith(k, value))
    },
  }
}
