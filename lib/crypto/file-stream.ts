import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { DecryptionError } from './aead'

/**
 * Streamed, chunked AES-256-GCM for files (audio of sessions, R14.3): a 500 MB recording is encrypted and
 * decrypted chunk by chunk, never held in memory as a whole.
 *
 * Layout: header `MAF1` | key version (uint32 BE) | file nonce (16 bytes), then chunks of
 * iv (12) | ciphertext (≤ 64 KiB) | tag (16). Every chunk but the last holds exactly CHUNK_BYTES of plaintext.
 * The per-file key is HKDF(user data key, file nonce); each chunk has its own random IV, and its associated
 * data names the owner, the file nonce, the chunk index and whether it is the last one — so a dropped tail
 * (the new last chunk was sealed as "not last"), reordered or swapped chunks, a chunk from another file or
 * another person, and any changed byte all fail to decrypt. Without the user's key (shredded) nothing opens.
 */

export const CHUNK_BYTES = 64 * 1024
const MAGIC = Buffer.from('MAF1', 'ascii')
const HEADER_BYTES = MAGIC.length + 4 + 16
const IV_BYTES = 12
const TAG_BYTES = 16
const SEALED_CHUNK_BYTES = IV_BYTES + CHUNK_BYTES + TAG_BYTES

export type FileKey = { version: number; key: Buffer }

/** The size on disk of `plainBytes` encrypted (S3 needs it up front; tests check it). */
export function encryptedSize(plainBytes: number): number {
  const chunks = Math.max(1, Math.ceil(plainBytes / CHUNK_BYTES))
  return HEADER_BYTES + plainBytes + chunks * (IV_BYTES + TAG_BYTES)
}

function fileKey(userKey: Buffer, nonce: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', userKey, nonce, 'mialma:file', 32))
}

function aad(ownerId: string, nonce: Buffer, index: number, last: boolean): Buffer {
  return Buffer.from(`mialma:file:${ownerId}:${nonce.toString('hex')}:${index}:${last ? 1 : 0}`, 'utf8')
}

function sealChunk(key: Buffer, plain: Buffer, ad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(ad)
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()])
}

function openChunk(key: Buffer, sealed: Buffer, ad: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new DecryptionError()
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES))
    decipher.setAAD(ad)
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ])
  } catch {
    throw new DecryptionError()
  }
}

/** Collects an async byte stream into pieces of exactly `size` bytes (the last one shorter), with lookahead. */
async function* fixedPieces(source: AsyncIterable<Uint8Array>, size: number) {
  let pending: Buffer[] = []
  let length = 0
  for await (const part of source) {
    let rest = Buffer.from(part.buffer, part.byteOffset, part.byteLength)
    while (rest.length > 0) {
      const take = Math.min(size - length, rest.length)
      pending.push(rest.subarray(0, take))
      length += take
      rest = rest.subarray(take)
      if (length === size) {
        yield Buffer.concat(pending, size)
        pending = []
        length = 0
      }
    }
  }
  if (length > 0) yield Buffer.concat(pending, length)
}

/**
 * Encrypts a plaintext stream for `ownerId` with their data key. Yields the header, then one sealed chunk at a
 * time; the last chunk is known by looking one piece ahead. An empty input still yields one (empty) last chunk.
 */
export async function* encryptFileStream(
  source: AsyncIterable<Uint8Array>,
  ownerId: string,
  userKey: FileKey,
): AsyncGenerator<Buffer> {
  const nonce = randomBytes(16)
  const version = Buffer.alloc(4)
  version.writeUInt32BE(userKey.version)
  yield Buffer.concat([MAGIC, version, nonce])
  const key = fileKey(userKey.key, nonce)
  let index = 0
  let held: Buffer | null = null
  for await (const piece of fixedPieces(source, CHUNK_BYTES)) {
    if (held) yield sealChunk(key, held, aad(ownerId, nonce, index++, false))
    held = piece
  }
  yield sealChunk(key, held ?? Buffer.alloc(0), aad(ownerId, nonce, index, true))
}

/** The key version a stored file was written with (from its header); null when it is not one of ours. */
export function fileKeyVersion(header: Uint8Array): number | null {
  if (header.length < HEADER_BYTES) return null
  const bytes = Buffer.from(header.buffer, header.byteOffset, header.byteLength)
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null
  return bytes.readUInt32BE(MAGIC.length)
}

/**
 * Decrypts a stream written by encryptFileStream. `keyFor` gets the key version from the header (a shredded
 * key throws there). Throws DecryptionError on any tampering, truncation or reordering — at the latest when the
 * stream ends, so a consumer must treat the output as valid only once the generator finished.
 */
export async function* decryptFileStream(
  source: AsyncIterable<Uint8Array>,
  ownerId: string,
  keyFor: (version: number) => Promise<Buffer>,
): AsyncGenerator<Buffer> {
  const read: { header: Buffer | null } = { header: null }
  let key: Buffer | null = null
  let nonce: Buffer | null = null
  let index = 0
  let held: Buffer | null = null
  async function* afterHeader() {
    let buffered = Buffer.alloc(0)
    for await (const part of source) {
      const bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength)
      if (!read.header) {
        buffered = Buffer.concat([buffered, bytes])
        if (buffered.length < HEADER_BYTES) continue
        read.header = buffered.subarray(0, HEADER_BYTES)
        const rest = buffered.subarray(HEADER_BYTES)
        if (rest.length > 0) yield rest
        continue
      }
      yield bytes
    }
  }
  for await (const sealed of fixedPieces(afterHeader(), SEALED_CHUNK_BYTES)) {
    if (!key) {
      const version = read.header ? fileKeyVersion(read.header) : null
      if (version === null || !read.header) throw new DecryptionError()
      nonce = read.header.subarray(MAGIC.length + 4, HEADER_BYTES)
      key = fileKey(await keyFor(version), nonce)
    }
    if (held) yield openChunk(key, held, aad(ownerId, nonce!, index++, false))
    held = sealed
  }
  // Nothing after the header (or not even a header): the last chunk is missing.
  if (!key || !held || !nonce) throw new DecryptionError()
  yield openChunk(key, held, aad(ownerId, nonce, index, true))
}
