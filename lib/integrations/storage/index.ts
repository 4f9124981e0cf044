import 'server-only'
import { join } from 'node:path'
import { env } from '@/lib/env'
import { localStorage } from './local'
import type { ObjectStorage } from './types'

/**
 * Object storage for recordings and uploaded audio (R5.4). Keys are ours (`recordings/<bookingId>/<id>.webm`),
 * never user input. The local default writes below DATA_DIR/storage; with S3_* set an S3-compatible bucket
 * (Cloudflare R2) is used instead (./s3.ts).
 */
export { assertStorageKey, type ObjectStorage } from './types'
export { localStorage } from './local'

let override: ObjectStorage | null = null
/** Tests swap in their own storage. */
export function setStorageForTests(storage: ObjectStorage | null): void {
  override = storage
}

export async function objectStorage(): Promise<ObjectStorage> {
  if (override) return override
  if (env.S3_ENDPOINT && env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY) {
    const { s3Storage } = await import('./s3')
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
