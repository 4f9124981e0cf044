import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { newSessionId, signSessionId, verifySessionToken } from '@/lib/auth/session-token'

describe('R1.2 local session cookie (lib/auth/session-token)', () => {
  const secret = randomBytes(32)

  it('R1.2 new session ids are random, url-safe and 256 bits', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newSessionId()))
    expect(ids.size).toBe(50)
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(id, 'base64url')).toHaveLength(32)
    }
  })

  it('R1.2 signSessionId / verifySessionToken round trip', () => {
    const id = newSessionId()
    const token = signSessionId(secret, id)
    expect(token.startsWith(`${id}.`)).toBe(true)
    expect(verifySessionToken(secret, token)).toBe(id)
  })

  it('R1.2 a tampered session id is rejected', () => {
    const id = newSessionId()
    const [, sig] = signSessionId(secret, id).split('.')
    const other = newSessionId()
    expect(verifySessionToken(secret, `${other}.${sig}`)).toBeNull()
    const flipped = (id[0] === 'A' ? 'B' : 'A') + id.slice(1)
    expect(verifySessionToken(secret, `${flipped}.${sig}`)).toBeNull()
  })

  it('R1.2 a tampered signature is rejected', () => {
    const id = newSessionId()
    const token = signSessionId(secret, id)
    const last = token.at(-1) === 'A' ? 'B' : 'A'
    expect(verifySessionToken(secret, token.slice(0, -1) + last)).toBeNull()
    expect(verifySessionToken(secret, token.slice(0, -1))).toBeNull()
    expect(verifySessionToken(secret, `${token}A`)).toBeNull()
    expect(verifySessionToken(secret, `${id}.`)).toBeNull()
  })

  it('R1.2 a token signed with another secret is rejected', () => {
    const token = signSessionId(randomBytes(32), newSessionId())
    expect(verifySessionToken(secret, token)).toBeNull()
  })

  it.each([undefined, '', '.', 'garbage', '.abc', 'abc.', 'a.b.c', '💥.💥', 'x'.repeat(5000)])(
    'R1.2 garbage token %j → null',
    (token) => {
      expect(verifySessionToken(secret, token)).toBeNull()
    },
  )
})
