import { createHmac, timingSafeEqual } from 'node:crypto'

/** X-Acuity-Signature = base64(HMAC-SHA256(key = API key, raw body)), compared in constant time. */
export function verifyAcuitySignature(rawBody: string, signature: string | null, apiKey: string): boolean {
  if (!signature) return false
  const expected = createHmac('sha256', apiKey).update(rawBody, 'utf8').digest()
  const given = Buffer.from(signature.trim(), 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
