import 'server-only'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { env } from '@/lib/env'

/**
 * Object storage for recordings and uploaded audio (R5.4). Keys are ours (`recordings/<bookingId>/<id>.webm`),
 * never user input. The local default writes below DATA_DIR/storage; with S3_* set an S3-compatible bucket
 * (Cloudflare R2) is used instead (lib/integrations/storage-s3.ts).
 */
export type ObjectStorage = {
  kind: 'local' | 's3'
  put: (key: string, body: Uint8Array, contentType: string) => Promise<void>
  get: (key: string) => Promise<Uint8Array | null>
  delete: (key: string) => Promise<void>
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,200}$/

export function assertStorageKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error('Invalid storage key')
}

export function localStorage(root: string): ObjectStorage {
  const base = resolve(root)
  const pathOf = (key: string) => {
    assertStorageKey(key)
    const path = resolve(join(base, key))
    if (!path.startsWith(base + sep)) throw new Error('Invalid storage key')
    return path
  }
  return {
    kind: 'local',
    async put(key, body) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true, mode: 0o700 })
      await writeFile(path, body, { mode: 0o600 })
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}

let override: ObjectStorage | null = null
/** Tests swap in their own storage. */
export function setStorageForTests(storage: ObjectStorage | null): void {
  override = storage
}

export async function objectStorage(): Promise<ObjectStorage> {
  if (override) return override
  if (env.S3_ENDPOINT && env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY) {
    const { s3Storage } = await import('./storage-s3')
    return s3Storage({
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    })
  }
  return localStorage(join(env.DATA_DIR, 'storage'))
}
