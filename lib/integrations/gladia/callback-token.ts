import 'server-only'
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { getMasterKey } from '@/lib/crypto/master-key'
import { env } from '@/lib/env'

/**
 * Gladia's callbacks are unsigned (INTEGRATIONS §6), so the callback URL carries an HMAC of the recording id. Its
 * key is derived (HKDF, own label) from the master key (DATA_ENCRYPTION_KEY; locally the generated one): always
 * present where the pipeline runs, never sent anywhere, and no extra secret to configure. Rotating the master
 * key invalidates the callbacks of jobs in flight; the cron sweeper then completes those.
 */
function callbackKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', getMasterKey().key, Buffer.alloc(0), 'mialma:gladia-callback', 32))
}

export function gladiaCallbackToken(recordingId: string): string {
  return createHmac('sha256', callbackKey()).update(`gladia-callback:${recordingId}`).digest('base64url')
}

export function verifyGladiaCallbackToken(recordingId: string, token: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest()
  return timingSafeEqual(digest(token), digest(gladiaCallbackToken(recordingId)))
}

export function gladiaCallbackUrl(recordingId: string): string {
  const url = new URL('/api/webhooks/gladia', env.APP_URL)
  url.searchParams.set('recording', recordingId)
  url.searchParams.set('token', gladiaCallbackToken(recordingId))
  return url.toString()
}
