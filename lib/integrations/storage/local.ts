import 'server-only'
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { getMasterKey } from '@/lib/crypto/master-key'
import { env } from '@/lib/env'
import { assertStorageKey, type ObjectStorage } from './types'

/**
 * The local driver: files below a directory (DATA_DIR/storage), owner-only permissions. Its direct upload is our
 * own route (PUT /api/storage/upload, app/api/storage/upload/route.ts), signed like an S3 presigned URL: key,
 * content type, exact length and expiry under an HMAC whose key is derived from the master key.
 */
export function localStorage(root: string): ObjectStorage {
  const base = resolve(root)
  const pathOf = (key: string) => {
    assertStorageKey(key)
    const path = resolve(join(base, key))
    if (!path.startsWith(base + sep)) throw new Error('Invalid storage key')
    return path
  }
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'
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
        if (missing(error)) return null
        throw error
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
    async putStream(key, body) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true, mode: 0o700 })
      // Written beside the target and renamed: a reader never sees half a file.
      const partial = `${path}.partial`
      let written = 0
      const counted = async function* () {
        for await (const chunk of body) {
          written += chunk.byteLength
          yield chunk
        }
      }
      try {
        await pipeline(Readable.from(counted()), createWriteStream(partial, { mode: 0o600 }))
        await rename(partial, path)
      } catch (error) {
        await rm(partial, { force: true })
        throw error
      }
      return written
    },
    async getStream(key) {
      const path = pathOf(key)
      try {
        await stat(path)
      } catch (error) {
        if (missing(error)) return null
        throw error
      }
      return createReadStream(path)
    },
    async head(key) {
      try {
        return { size: (await stat(pathOf(key))).size }
      } catch (error) {
        if (missing(error)) return null
        throw error
      }
    },
    async presignPut(key, input) {
      assertStorageKey(key)
      const expires = Math.floor(Date.now() / 1000) + input.expiresInSeconds
      const url = new URL('/api/storage/upload', env.APP_URL)
      url.searchParams.set('key', key)
      url.searchParams.set('type', input.contentType)
      url.searchParams.set('bytes', String(input.bytes))
      url.searchParams.set('expires', String(expires))
      url.searchParams.set('signature', localUploadSignature(key, input.contentType, input.bytes, expires))
      return { url: url.toString(), headers: { 'content-type': input.contentType } }
    },
  }
}

function uploadKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', getMasterKey().key, Buffer.alloc(0), 'mialma:local-upload', 32))
}

function localUploadSignature(key: string, contentType: string, bytes: number, expires: number): string {
  return createHmac('sha256', uploadKey())
    .update(JSON.stringify([key, contentType, bytes, expires]))
    .digest('base64url')
}

export type LocalUploadGrant = { key: string; contentType: string; bytes: number }

/** Checks a local upload URL's signature and expiry; the grant it carries, or null. */
export function verifyLocalUpload(url: URL, now: Date): LocalUploadGrant | null {
  const key = url.searchParams.get('key') ?? ''
  const contentType = url.searchParams.get('type') ?? ''
  const bytes = Number(url.searchParams.get('bytes'))
  const expires = Number(url.searchParams.get('expires'))
  const signature = url.searchParams.get('signature') ?? ''
  if (!key || !contentType || !Number.isSafeInteger(bytes) || bytes < 0 || !Number.isSafeInteger(expires))
    return null
  if (expires * 1000 < now.getTime()) return null
  const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest()
  const expected = localUploadSignature(key, contentType, bytes, expires)
  if (!timingSafeEqual(digest(signature), digest(expected))) return null
  try {
    assertStorageKey(key)
  } catch {
    return null
  }
  return { key, contentType, bytes }
}
