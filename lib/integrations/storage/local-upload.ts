import 'server-only'
import { log } from '@/lib/log'
import { objectStorage } from './index'
import { verifyLocalUpload } from './local'

/**
 * PUT /api/storage/upload?… — the local driver's stand-in for a presigned S3 PUT (same contract: the URL's
 * signature covers key, content type, exact length and expiry; no cookie needed). Only while the local driver
 * is in use; with S3 configured the route does not exist (404). The body is streamed to disk and cut off at the
 * signed length.
 */
export async function handleLocalUpload(request: Request, now: Date): Promise<Response> {
  const storage = await objectStorage()
  if (storage.kind !== 'local') return new Response(null, { status: 404 })
  const grant = verifyLocalUpload(new URL(request.url), now)
  if (!grant) {
    log.warn('storage.upload_rejected', { reason: 'signature' })
    return new Response(null, { status: 403 })
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== grant.contentType) return new Response(null, { status: 403 })
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) !== grant.bytes) return new Response(null, { status: 403 })
  if (!request.body) return new Response(null, { status: 400 })
  let received = 0
  const body = request.body as unknown as AsyncIterable<Uint8Array>
  async function* limited() {
    for await (const chunk of body) {
      received += chunk.byteLength
      if (received > grant!.bytes) throw new RangeError('too large')
      yield chunk
    }
  }
  try {
    await storage.putStream(grant.key, limited(), grant.contentType)
  } catch (error) {
    await storage.delete(grant.key).catch(() => undefined)
    return new Response(null, { status: error instanceof RangeError ? 413 : 500 })
  }
  if (received !== grant.bytes) {
    await storage.delete(grant.key).catch(() => undefined)
    return new Response(null, { status: 400 })
  }
  return new Response(null, { status: 200 })
}
