import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rateLimits } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import {
  checkRateLimit,
  consumeRateLimit,
  enforceRateLimit,
  RATE_LIMITS,
  RateLimitedError,
} from '@/lib/http/rate-limit'
import { createTestDb } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { rejection } from '../helpers/fixtures'

// R14: rate limits stored in Postgres, with a clear "zu viele Versuche" message.
let handle: DbHandle
const T0 = new Date('2030-01-01T10:00:00Z')

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

describe('R14 rate limits', () => {
  it('allows the limit, refuses the next attempt with the time to wait, and a new window starts fresh', async () => {
    const { limit, windowMs } = RATE_LIMITS.export
    for (let i = 0; i < limit; i++)
      expect((await consumeRateLimit(handle.db, 'export', 'user-1', T0)).ok).toBe(true)
    const refused = await consumeRateLimit(handle.db, 'export', 'user-1', new Date(T0.getTime() + 60_000))
    expect(refused).toEqual({ ok: false, retryAfterSeconds: windowMs / 1000 - 60 })
    // Another subject and another purpose are not affected.
    expect((await consumeRateLimit(handle.db, 'export', 'user-2', T0)).ok).toBe(true)
    expect((await consumeRateLimit(handle.db, 'ai', 'user-1', T0)).ok).toBe(true)
    expect(
      (await consumeRateLimit(handle.db, 'export', 'user-1', new Date(T0.getTime() + windowMs))).ok,
    ).toBe(true)
  })

  it('check does not count; the error says how long to wait in German', async () => {
    for (let i = 0; i < 3; i++)
      expect((await checkRateLimit(handle.db, 'signIn', 'a@b.ch|203.0.113.0', T0)).ok).toBe(true)
    for (let i = 0; i < RATE_LIMITS.signIn.limit; i++)
      await consumeRateLimit(handle.db, 'signIn', 'a@b.ch|203.0.113.0', T0)
    expect(await checkRateLimit(handle.db, 'signIn', 'A@B.CH|203.0.113.0', T0)).toMatchObject({ ok: false })
    const error = await rejection(enforceRateLimit(handle.db, 'signIn', 'a@b.ch|203.0.113.0', T0))
    expect(error).toBeInstanceOf(RateLimitedError)
    expect(messageOf(error)).toBe(
      'Zu viele Versuche. Bitte warte 15 Minuten und versuche es dann noch einmal.',
    )
  })

  it('stores no e-mail address or IP, only a keyed hash', async () => {
    await consumeRateLimit(handle.db, 'signIn', 'geheim@example.ch|198.51.100.0', T0)
    const rows = await handle.db.select().from(rateLimits)
    expect(JSON.stringify(rows)).not.toMatch(/geheim|example|198\.51/)
  })

  it('concurrent attempts are all counted (one upsert each)', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => consumeRateLimit(handle.db, 'booking', 'client-x', T0)),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(RATE_LIMITS.booking.limit)
  })
})
