import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DecryptionError } from '@/lib/crypto/aead'
import {
  CHUNK_BYTES,
  decryptFileStream,
  encryptedSize,
  encryptFileStream,
  fileKeyVersion,
} from '@/lib/crypto/file-stream'

const OWNER = '5b0c3f7e-1111-4c2d-9f00-000000000001'
const key = { version: 3, key: randomBytes(32) }
const keyFor = async (version: number) => {
  if (version !== key.version) throw new Error('unknown version')
  return key.key
}

async function* pieces(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}
async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of stream) parts.push(Buffer.from(part))
  return Buffer.concat(parts)
}
const encrypt = (plain: Buffer, feed = 10_000) => collect(encryptFileStream(pieces(plain, feed), OWNER, key))
const decrypt = (sealed: Buffer, owner = OWNER, feed = 7_777) =>
  collect(decryptFileStream(pieces(sealed, feed), owner, keyFor))

describe('R14.3 audio at rest: streamed, chunked AES-256-GCM with the user data key', () => {
  it.each([0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES, 200_000])(
    'R14.3 round trip of %i bytes; no plaintext in the stored bytes; size as computed',
    async (size) => {
      const canary = Buffer.from('CANARY-Schlafprobleme-7f3a')
      const plain = Buffer.concat([canary, randomBytes(size), canary]).subarray(0, Math.max(size, 0))
      const sealed = await encrypt(plain)
      expect(sealed.length).toBe(encryptedSize(plain.length))
      expect(fileKeyVersion(sealed)).toBe(3)
      if (size >= canary.length) expect(sealed.includes(canary)).toBe(false)
      expect((await decrypt(sealed)).equals(plain)).toBe(true)
    },
  )

  it('R14.3 a changed byte, a dropped tail chunk, swapped chunks or another owner → DecryptionError', async () => {
    const plain = randomBytes(3 * CHUNK_BYTES + 100)
    const sealed = await encrypt(plain)
    const header = 24
    const chunk = 12 + CHUNK_BYTES + 16

    const flipped = Buffer.from(sealed)
    flipped[header + 40] = flipped[header + 40]! ^ 1
    await expect(decrypt(flipped)).rejects.toBeInstanceOf(DecryptionError)

    // Truncated at a chunk boundary: every remaining chunk is intact, but the new last one was not sealed as last.
    const truncated = sealed.subarray(0, header + 2 * chunk)
    await expect(decrypt(truncated)).rejects.toBeInstanceOf(DecryptionError)
    await expect(decrypt(sealed.subarray(0, header))).rejects.toBeInstanceOf(DecryptionError)
    await expect(decrypt(sealed.subarray(0, sealed.length - 1))).rejects.toBeInstanceOf(DecryptionError)

    const swapped = Buffer.concat([
      sealed.subarray(0, header),
      sealed.subarray(header + chunk, header + 2 * chunk),
      sealed.subarray(header, header + chunk),
      sealed.subarray(header + 2 * chunk),
    ])
    await expect(decrypt(swapped)).rejects.toBeInstanceOf(DecryptionError)

    await expect(decrypt(sealed, '5b0c3f7e-1111-4c2d-9f00-000000000002')).rejects.toBeInstanceOf(
      DecryptionError,
    )
    // A chunk from another file of the same person (other nonce) does not fit either.
    const other = await encrypt(randomBytes(3 * CHUNK_BYTES + 100))
    const spliced = Buffer.concat([sealed.subarray(0, header + chunk), other.subarray(header + chunk)])
    await expect(decrypt(spliced)).rejects.toBeInstanceOf(DecryptionError)
  })

  it('R14.3 encrypts a large stream chunk by chunk (the whole file is never one buffer)', async () => {
    let largest = 0
    async function* big() {
      for (let i = 0; i < 40; i++) yield Buffer.alloc(256 * 1024, i)
    }
    for await (const part of encryptFileStream(big(), OWNER, key)) largest = Math.max(largest, part.length)
    expect(largest).toBeLessThanOrEqual(12 + CHUNK_BYTES + 16)
  })
})
