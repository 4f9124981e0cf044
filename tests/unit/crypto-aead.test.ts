import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DecryptionError, open, seal } from '@/lib/crypto/aead'

describe('R14.3 AES-256-GCM primitive (lib/crypto/aead)', () => {
  const key = randomBytes(32)

  it('R14.3 round trip; layout iv(12) | ciphertext | tag(16); fresh IV per message', () => {
    const plaintext = Buffer.from('Grüezi – Tagebuch 🌱', 'utf8')
    const a = seal(key, plaintext, 'aad')
    const b = seal(key, plaintext, 'aad')
    expect(a.length).toBe(12 + plaintext.length + 16)
    expect(a.equals(b)).toBe(false)
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false)
    expect(a.includes(plaintext)).toBe(false)
    expect(open(key, a, 'aad').equals(plaintext)).toBe(true)
  })

  it('R14.3 a different associated data (another owner) is refused', () => {
    const sealed = seal(key, Buffer.from('geheim'), 'mialma:content:user-a')
    expect(() => open(key, sealed, 'mialma:content:user-b')).toThrow(DecryptionError)
  })

  it('R14.3 another key is refused', () => {
    const sealed = seal(key, Buffer.from('geheim'), 'aad')
    expect(() => open(randomBytes(32), sealed, 'aad')).toThrow(DecryptionError)
  })

  it.each([
    ['iv', 0],
    ['ciphertext', 12],
    ['tag', -1],
  ])('R14.3 a flipped bit in the %s is detected', (_part, index) => {
    const sealed = seal(key, Buffer.from('sechs Wörter Text hier'), 'aad')
    const i = index < 0 ? sealed.length + index : index
    sealed[i] = sealed[i]! ^ 0x01
    expect(() => open(key, sealed, 'aad')).toThrow(DecryptionError)
  })

  it('R14.3 truncated input is refused with DecryptionError, not a crash', () => {
    expect(() => open(key, Buffer.alloc(27), 'aad')).toThrow(DecryptionError)
    expect(() => open(key, Buffer.alloc(0), 'aad')).toThrow(DecryptionError)
  })

  it('R14.3 the error message is German (Swiss spelling) and names no data', () => {
    const error = new DecryptionError()
    expect(error.message).toMatch(/^Entschlüsselung fehlgeschlagen/)
    expect(error.message).not.toContain('ß')
  })
})
