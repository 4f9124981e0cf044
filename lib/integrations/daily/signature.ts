import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** Daily documents no tolerance; five minutes, like Stripe's default (INTEGRATIONS §5). */
export const DAILY_TOLERANCE_SECONDS = 300

/** base64(HMAC-SHA256(base64-decode(secret), `${timestamp}.${rawBody}`)), Daily's `X-Webhook-Signature`. */
export function dailySignature(secretBase64: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', Buffer.from(secretBase64, 'base64'))
    .update(`${timestamp}.${rawBody}`, 'utf8')
    .digest('base64')
}

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'mismatch'

/**
 * Verifies a Daily webhook delivery. The timestamp must be within DAILY_TOLERANCE_SECONDS of `now` (Unix
 * seconds; a millisecond value is accepted too). Both sides are hashed before timingSafeEqual, so lengths
 * don't leak and odd input can't throw.
 */
export function verifyDailySignature(input: {
  secretBase64: string
  timestamp: string | null
  signature: string | null
  rawBody: string
  now: Date
}): SignatureCheck {
  const { timestamp, signature } = input
  if (!timestamp || !signature) return 'missing'
  if (!/^\d{1,16}$/.test(timestamp)) return 'mismatch'
  const value = Number(timestamp)
  const ms = value < 1e12 ? value * 1000 : value
  if (Math.abs(input.now.getTime() - ms) > DAILY_TOLERANCE_SECONDS * 1000) return 'stale'
  const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest()
  const expected = dailySignature(input.secretBase64, timestamp, input.rawBody)
  return timingSafeEqual(digest(signature.trim()), digest(expected)) ? 'ok' : 'mismatch'
}
