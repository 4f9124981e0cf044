import 'server-only'
import { createHmac, hkdfSync } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { rateLimits } from '@/db/schema'
import type { Db } from '@/db/types'
import { getMasterKey } from '@/lib/crypto/master-key'
import { AppError } from '@/lib/errors'

/**
 * Rate limits (R14) in Postgres: fixed windows counted with one upsert, so they hold across serverless
 * instances. The subject (an e-mail address, a truncated IP, a user id) is stored only as a keyed hash.
 */
export const RATE_LIMITS = {
  /** Per e-mail address and truncated IP: guessing passwords. */
  signIn: { limit: 10, windowMs: 15 * 60_000 },
  /** Per truncated IP, any e-mail: spraying many accounts from one place. */
  signInIp: { limit: 50, windowMs: 15 * 60_000 },
  /** Per client: an export reads everything they have. */
  export: { limit: 5, windowMs: 60 * 60_000 },
  /** Per coach: each request may send text to the AI provider. */
  ai: { limit: 30, windowMs: 60 * 60_000 },
  /** Per client: booking attempts (holds and checkouts). */
  booking: { limit: 20, windowMs: 60 * 60_000 },
} as const
export type RatePurpose = keyof typeof RATE_LIMITS

/** Refused for now; the message says how many minutes to wait (`errors.rateLimited`). */
export class RateLimitedError extends AppError {
  override name = 'RateLimitedError'
  constructor(readonly retryAfterSeconds: number) {
    super('rateLimited', { params: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) } })
  }
}

let keyCache: Buffer | undefined
function subjectHash(purpose: string, subject: string): string {
  keyCache ??= Buffer.from(hkdfSync('sha256', getMasterKey().key, Buffer.alloc(0), 'mialma:rate-limit', 32))
  return createHmac('sha256', keyCache)
    .update(`${purpose}\u0000${subject.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 32)
}

export type RateResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number }

function windowOf(purpose: RatePurpose, subject: string, now: Date) {
  const { limit, windowMs } = RATE_LIMITS[purpose]
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)
  return { limit, windowStart, retryAfterSeconds, key: `${purpose}:${subjectHash(purpose, subject)}` }
}

/** Whether an attempt would still be allowed, without counting one (sign-in counts only failures). */
export async function checkRateLimit(
  db: Db,
  purpose: RatePurpose,
  subject: string,
  now = new Date(),
): Promise<RateResult> {
  const { limit, windowStart, retryAfterSeconds, key } = windowOf(purpose, subject, now)
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)))
  const count = row?.count ?? 0
  return count >= limit ? { ok: false, retryAfterSeconds } : { ok: true, remaining: limit - count }
}

/** Counts one attempt; refuses once the window's limit is used up. */
export async function consumeRateLimit(
  db: Db,
  purpose: RatePurpose,
  subject: string,
  now = new Date(),
): Promise<RateResult> {
  const { limit, windowStart, retryAfterSeconds, key } = windowOf(purpose, subject, now)
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count })
  const count = row?.count ?? 1
  if (count > limit) return { ok: false, retryAfterSeconds }
  return { ok: true, remaining: limit - count }
}

/** The same, throwing RateLimitedError (for services whose actions already turn errors into messages). */
export async function enforceRateLimit(db: Db, purpose: RatePurpose, subject: string, now = new Date()) {
  const result = await consumeRateLimit(db, purpose, subject, now)
  if (!result.ok) throw new RateLimitedError(result.retryAfterSeconds)
}
