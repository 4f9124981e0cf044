import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * The local session cookie: `<session id>.<HMAC-SHA256(secret, id)>`. The id names a row in
 * local_sessions (so sign-out really ends it); the signature rejects forged or altered cookies before
 * the database is asked.
 */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url')
}

function signature(secret: Buffer, sessionId: string): string {
  return createHmac('sha256', secret).update(`mialma-session:${sessionId}`).digest('base64url')
}

export function signSessionId(secret: Buffer, sessionId: string): string {
  return `${sessionId}.${signature(secret, sessionId)}`
}

/** The session id when the signature is valid, else null. */
export function verifySessionToken(secret: Buffer, token: string | undefined): string | null {
  if (!token) return null
  const dot = token.indexOf('.')
  if (dot <= 0) return null
  const sessionId = token.slice(0, dot)
  const given = Buffer.from(token.slice(dot + 1), 'utf8')
  const expected = Buffer.from(signature(secret, sessionId), 'utf8')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return sessionId
}
