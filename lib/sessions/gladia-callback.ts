import 'server-only'
import { eq } from 'drizzle-orm'
import { sessionRecordings } from '@/db/schema'
import type { Db } from '@/db/types'
import { log } from '@/lib/log'
import { verifyGladiaCallbackToken } from '@/lib/integrations/gladia/callback-token'
import { completeTranscription } from './transcription'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * POST /api/webhooks/gladia?recording=<id>&token=<hmac> (R6). Gladia's callbacks are unsigned, so the body is
 * never trusted: the token proves the URL is one we handed to Gladia for that recording, and the result is
 * fetched from Gladia by the job id we stored. Bad or missing token → 401, nothing done. Gladia unreachable while
 * fetching → 502 (the cron sweeper completes it later anyway).
 */
export async function handleGladiaCallback(
  request: Request,
  options: { db: Db; now: Date },
): Promise<Response> {
  const url = new URL(request.url)
  const recordingId = url.searchParams.get('recording') ?? ''
  const token = url.searchParams.get('token') ?? ''
  // The body is not needed; drain it so the connection is released.
  await request.text().catch(() => '')
  if (!UUID.test(recordingId) || !token || !verifyGladiaCallbackToken(recordingId, token)) {
    log.warn('webhook.rejected', { provider: 'gladia', reason: 'token' })
    return Response.json({ error: 'Unauthorized' }, { status: 401 })
  }
  const [row] = await options.db
    .select({ gladiaJobId: sessionRecordings.gladiaJobId })
    .from(sessionRecordings)
    .where(eq(sessionRecordings.id, recordingId))
  if (!row?.gladiaJobId) return Response.json({ received: true, result: 'nothing_pending' })
  try {
    const result = await completeTranscription(options.db, row.gladiaJobId, options.now)
    log.info('webhook.processed', { provider: 'gladia', result })
    return Response.json({ received: true, result })
  } catch (error) {
    log.error('webhook.failed', {
      provider: 'gladia',
      error: error instanceof Error ? error.name : 'unknown',
    })
    return Response.json({ error: 'Gladia could not be reached' }, { status: 502 })
  }
}
