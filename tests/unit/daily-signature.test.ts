import { createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { dailySignature, verifyDailySignature } from '@/lib/integrations/daily/signature'

const secret = randomBytes(32).toString('base64')
const body =
  '{"type":"recording.ready-to-download","payload":{"recording_id":"r1","room_name":"mialma-local-x"}}'
const now = new Date('2030-03-04T08:00:00Z')
const ts = String(Math.floor(now.getTime() / 1000))

/** Computed independently of the module: HMAC-SHA256 with the base64-decoded secret over `${ts}.${body}`. */
const reference = (s: string, t: string, b: string) =>
  createHmac('sha256', Buffer.from(s, 'base64')).update(`${t}.${b}`).digest('base64')

const check = (overrides: Partial<Parameters<typeof verifyDailySignature>[0]> = {}) =>
  verifyDailySignature({
    secretBase64: secret,
    timestamp: ts,
    signature: reference(secret, ts, body),
    rawBody: body,
    now,
    ...overrides,
  })

describe('Daily webhook signature (INTEGRATIONS §5)', () => {
  it('is base64(HMAC-SHA256(base64-decoded secret, `${timestamp}.${rawBody}`))', () => {
    expect(dailySignature(secret, ts, body)).toBe(reference(secret, ts, body))
    // Not keyed with the secret's text itself.
    expect(dailySignature(secret, ts, body)).not.toBe(
      createHmac('sha256', secret).update(`${ts}.${body}`).digest('base64'),
    )
  })

  it('accepts a correct signature within five minutes either way', () => {
    expect(check()).toBe('ok')
    for (const shift of [-299, 299]) {
      const t = String(Number(ts) + shift)
      expect(check({ timestamp: t, signature: reference(secret, t, body) })).toBe('ok')
    }
    // A millisecond timestamp is read as such.
    const ms = String(now.getTime() - 1000)
    expect(check({ timestamp: ms, signature: reference(secret, ms, body) })).toBe('ok')
  })

  it('refuses a changed body, another secret, another timestamp in the signed string', () => {
    expect(check({ rawBody: body.replace('r1', 'r2') })).toBe('mismatch')
    expect(check({ secretBase64: randomBytes(32).toString('base64') })).toBe('mismatch')
    const other = String(Number(ts) + 1)
    expect(check({ timestamp: other })).toBe('mismatch')
    expect(check({ signature: reference(secret, ts, body).slice(0, -2) })).toBe('mismatch')
    expect(check({ signature: 'not base64 at all ✓' })).toBe('mismatch')
  })

  it('refuses stale or future timestamps beyond five minutes (replay window)', () => {
    for (const shift of [-301, 301, -86_400]) {
      const t = String(Number(ts) + shift)
      expect(check({ timestamp: t, signature: reference(secret, t, body) })).toBe('stale')
    }
  })

  it('refuses missing headers and a timestamp that is not a number', () => {
    expect(check({ timestamp: null })).toBe('missing')
    expect(check({ signature: null })).toBe('missing')
    expect(check({ signature: '' })).toBe('missing')
    expect(check({ timestamp: '1e9' })).toBe('mismatch')
    expect(check({ timestamp: `${ts}.0` })).toBe('mismatch')
  })
})
