import 'server-only'
import { createHash, createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { bookings, sessionRecordings } from '@/db/schema'
import type { Db } from '@/db/types'
import { type RequestMeta, recordAudit } from '@/lib/audit/service'
import { type Actor, assertRole } from '@/lib/auth/types'
import { hasTranscriptionConsent } from '@/lib/consent/service'
import { getMasterKey } from '@/lib/crypto/master-key'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { objectStorage } from '@/lib/integrations/storage'
import { AudioTooLargeError, storeEncryptedAudio } from './audio'
import {
  assertAudioContent,
  assertUploadSize,
  MAX_AUDIO_BYTES,
  UnsupportedUploadError,
  uploadKindOf,
} from './upload-file'

/**
 * Audio uploads straight to storage (R6.3; issue 16.3): the browser never sends the file through our functions
 * (Vercel's 4.5 MB body limit, the proxy's 10 MB), so any size up to MAX_AUDIO_BYTES works.
 *
 * 1. prepareAudioUpload: the coach of the booking, the client's transcription consent in force, type and size
 *    checked from what the browser announces → a presigned PUT (10 minutes; exact length and type signed) to a
 *    staging key, and a ticket that binds coach, booking, staging key, type and size (HMAC, same 10 minutes).
 * 2. The browser PUTs the file.
 * 3. registerAudioUpload: ticket and ownership checked again, the staged object's size and first bytes checked,
 *    then it is encrypted with the client's data key into its final key (streamed), the staged plaintext
 *    deleted, and the row 'stored' written with its audit entry.
 *
 * "Encrypt on registration" rather than "stream through an encrypting route": a route would carry the body
 * through a function again, which is exactly the limit this avoids. The price is that the plaintext lies in the
 * bucket from the PUT until registration (seconds; an abandoned one is removed by the bucket's lifecycle rule
 * on `uploads/`, see README), and the storage provider's own encryption at rest covers that window.
 */

export const UPLOAD_URL_SECONDS = 600
const UPLOAD_PREFIX = 'uploads'

const ticketSchema = z.object({
  b: z.uuid(),
  c: z.uuid(),
  k: z.string().startsWith(`${UPLOAD_PREFIX}/`),
  t: z.string(),
  f: z.string(),
  n: z.number().int().positive(),
  e: z.number().int(),
})
type Ticket = z.infer<typeof ticketSchema>

function ticketKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', getMasterKey().key, Buffer.alloc(0), 'mialma:audio-upload', 32))
}

function signTicket(ticket: Ticket): string {
  const payload = Buffer.from(JSON.stringify(ticket)).toString('base64url')
  const mac = createHmac('sha256', ticketKey()).update(payload).digest('base64url')
  return `${payload}.${mac}`
}

function readTicket(value: string, now: Date): Ticket | null {
  const [payload, mac, ...rest] = value.split('.')
  if (!payload || !mac || rest.length > 0) return null
  const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest()
  const expected = createHmac('sha256', ticketKey()).update(payload).digest('base64url')
  if (!timingSafeEqual(digest(mac), digest(expected))) return null
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  const parsed = ticketSchema.safeParse(json)
  if (!parsed.success || parsed.data.e * 1000 < now.getTime()) return null
  return parsed.data
}

/** The coach's own confirmed booking with a client who allows transcription now; else NotFound / Conflict. */
async function uploadableBooking(db: Db, actor: Actor, bookingId: string, now: Date) {
  assertRole(actor, 'coach')
  const [booking] = await db
    .select({ id: bookings.id, status: bookings.status, clientId: bookings.clientId })
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.coachId, actor.userId)))
  if (!booking) throw new NotFoundError('sessions.sessionNotFound')
  if (booking.status !== 'confirmed' || !booking.clientId)
    throw new ConflictError('sessions.uploadConfirmedOnly')
  if (!(await hasTranscriptionConsent(db, bookingId, booking.clientId, now)))
    throw new ConflictError('sessions.upload.noTranscriptionConsent')
  return { id: booking.id, clientId: booking.clientId }
}

export type AudioUploadGrant = {
  url: string
  headers: Record<string, string>
  ticket: string
  expiresAt: Date
}

/** Step 1: checks, then a presigned PUT for exactly this file and a ticket for registering it. */
export async function prepareAudioUpload(
  db: Db,
  actor: Actor,
  bookingId: string,
  file: { name: string; type: string; size: number },
  now: Date,
): Promise<AudioUploadGrant> {
  await uploadableBooking(db, actor, bookingId, now)
  const kind = uploadKindOf(file)
  if (kind.kind !== 'audio') throw new UnsupportedUploadError('sessions.upload.audioOnly')
  assertUploadSize(kind, file.size)
  const key = `${UPLOAD_PREFIX}/${bookingId}/${randomUUID()}.${kind.format}`
  const expires = Math.floor(now.getTime() / 1000) + UPLOAD_URL_SECONDS
  const storage = await objectStorage()
  const { url, headers } = await storage.presignPut(key, {
    contentType: kind.contentType,
    bytes: file.size,
    expiresInSeconds: UPLOAD_URL_SECONDS,
  })
  const ticket = signTicket({
    b: bookingId,
    c: actor.userId,
    k: key,
    t: kind.contentType,
    f: kind.format,
    n: file.size,
    e: expires,
  })
  return { url, headers, ticket, expiresAt: new Date(expires * 1000) }
}

/** The first bytes of a stored object (for the content check), without reading the rest. */
async function firstBytes(stream: AsyncIterable<Uint8Array>, wanted: number): Promise<Uint8Array> {
  const parts: Buffer[] = []
  let length = 0
  for await (const chunk of stream) {
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    length += chunk.byteLength
    if (length >= wanted) break
  }
  return Buffer.concat(parts).subarray(0, wanted)
}

/** Step 3: the staged file verified, encrypted into place and registered 'stored'. */
export async function registerAudioUpload(
  db: Db,
  actor: Actor,
  ticketValue: string,
  now: Date,
  meta?: RequestMeta,
): Promise<{ recordingId: string }> {
  const ticket = readTicket(ticketValue, now)
  if (!ticket) throw new ConflictError('sessions.upload.expired')
  // Another coach's ticket is as unknown as a guessed one.
  if (ticket.c !== actor.userId) throw new NotFoundError('sessions.sessionNotFound')
  const storage = await objectStorage()
  const staged = ticket.k
  const discardStaged = () => storage.delete(staged).catch(() => undefined)
  let booking: { id: string; clientId: string }
  try {
    booking = await uploadableBooking(db, actor, ticket.b, now)
  } catch (error) {
    await discardStaged()
    throw error
  }
  const head = await storage.head(staged)
  if (!head) throw new ConflictError('sessions.upload.missing')
  if (head.size > MAX_AUDIO_BYTES) {
    await discardStaged()
    throw new UnsupportedUploadError('sessions.upload.audioTooBig')
  }
  if (head.size !== ticket.n) {
    await discardStaged()
    throw new ConflictError('sessions.upload.sizeMismatch')
  }
  const sniff = await storage.getStream(staged)
  if (!sniff) throw new ConflictError('sessions.upload.missing')
  try {
    assertAudioContent(await firstBytes(sniff, 64))
  } catch (error) {
    await discardStaged()
    throw error
  }

  const recordingId = randomUUID()
  const key = `recordings/${booking.id}/${recordingId}.${ticket.f}`
  const source = await storage.getStream(staged)
  if (!source) throw new ConflictError('sessions.upload.missing')
  let plainBytes: number
  try {
    ;({ plainBytes } = await storeEncryptedAudio(db, {
      ownerId: booking.clientId,
      key,
      source,
      contentType: ticket.t,
      maxBytes: MAX_AUDIO_BYTES,
    }))
  } catch (error) {
    await discardStaged()
    if (error instanceof AudioTooLargeError) throw new UnsupportedUploadError('sessions.upload.audioTooBig')
    throw error
  }
  await discardStaged()
  try {
    await insertStoredUpload(db, actor, {
      id: recordingId,
      bookingId: booking.id,
      clientId: booking.clientId,
      key,
      contentType: ticket.t,
      bytes: plainBytes,
      now,
      meta,
    })
  } catch (error) {
    // No row, no file: an orphaned object would escape the 90-day retention.
    await storage.delete(key).catch(() => undefined)
    throw error
  }
  return { recordingId }
}

/** The row and audit entry of an uploaded, encrypted audio file (also used by the small-file form upload). */
export async function insertStoredUpload(
  db: Db,
  actor: Actor,
  input: {
    id?: string
    bookingId: string
    clientId: string
    key: string
    contentType: string
    bytes: number
    now: Date
    meta?: RequestMeta
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessionRecordings)
      .values({
        ...(input.id ? { id: input.id } : {}),
        bookingId: input.bookingId,
        source: 'upload',
        status: 'stored',
        storageKey: input.key,
        encryptedFor: input.clientId,
        contentType: input.contentType,
        sizeBytes: input.bytes,
        storedAt: input.now,
      })
      .returning({ id: sessionRecordings.id })
    await recordAudit(tx, {
      actor,
      action: 'recording.stored',
      target: { type: 'session_recording', id: row!.id },
      details: { bookingId: input.bookingId, source: 'upload', bytes: input.bytes },
      meta: input.meta,
    })
    return row!.id
  })
}

export { uploadableBooking as assertAudioUploadAllowed }
