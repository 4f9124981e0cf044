import 'server-only'
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { webhookEvents } from '@/db/schema'
import type { Db } from '@/db/types'
import { log } from '@/lib/log'
import { verifyDailySignature } from '@/lib/integrations/daily/signature'
import { markRecordingError, processRecording, registerRecording } from './recording'

const MAX_BODY_BYTES = 64 * 1024

const eventSchema = z.object({
  id: z.string().min(1).max(200).optional(),
  type: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()).optional(),
})

const recordingPayload = z.object({
  recording_id: z.string().min(1).max(100).optional(),
  room_name: z.string().min(1).max(200).optional(),
  duration: z.number().optional(),
})

export type DailyWebhookOptions = {
  db: Db
  /** DAILY_WEBHOOK_HMAC (base64); unset → 503. */
  secret: string | null | undefined
  /** VIDEO_ROOM_PREFIX: only rooms named `<prefix>-…` are this environment's. */
  prefix: string
  now: Date
  /**
   * Runs the slow part (download, storage, Daily delete, Gladia job) — the route hands it to Next's `after()` so
   * Daily gets its answer at once; default (tests): awaited before answering.
   */
  defer?: (task: () => Promise<unknown>) => void
}

/**
 * POST /api/webhooks/daily (R5.4). Order:
 * 1. A JSON body without a `type` is Daily's verification request on webhook creation (or a test ping): 200,
 *    nothing stored or done — so creating the webhook works even before DAILY_WEBHOOK_HMAC is deployed.
 * 2. 503 without DAILY_WEBHOOK_HMAC; 400 for a missing, stale or wrong signature (nothing stored).
 * 3. Events of rooms without our `${VIDEO_ROOM_PREFIX}-` prefix (other environments share the Daily domain):
 *    200, not stored.
 * 4. The event id (Daily's `id`, else a hash of the body) is stored with type + recording id only, in the same
 *    transaction as the recording row: a replay finds the id and does nothing. A failure there → 500, so
 *    Daily delivers again (nothing was kept).
 * 5. After the commit the pipeline runs; its failures end in the row ('failed' + error, coach retry, cron), not
 *    in a 500: the event is stored, a redelivery would be a no-op, and Daily's default circuit breaker turns
 *    repeated errors into a disabled webhook.
 */
export async function handleDailyWebhook(request: Request, options: DailyWebhookOptions): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_BODY_BYTES) return Response.json({ error: 'Payload too large' }, { status: 413 })
  const raw = await request.text()
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES)
    return Response.json({ error: 'Payload too large' }, { status: 413 })

  let body: unknown = undefined
  try {
    body = JSON.parse(raw)
  } catch {
    body = undefined
  }
  const hasType =
    typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string'
  if (body !== undefined && !hasType) {
    log.info('webhook.verification', { provider: 'daily' })
    return Response.json({ received: true })
  }

  if (!options.secret) {
    log.error('webhook.rejected', { provider: 'daily', reason: 'not_configured' })
    return Response.json(
      { error: 'Daily webhooks are not configured (DAILY_WEBHOOK_HMAC).' },
      { status: 503 },
    )
  }
  const check = verifyDailySignature({
    secretBase64: options.secret,
    timestamp: request.headers.get('x-webhook-timestamp'),
    signature: request.headers.get('x-webhook-signature'),
    rawBody: raw,
    now: options.now,
  })
  if (check !== 'ok') {
    log.warn('webhook.rejected', { provider: 'daily', reason: check })
    return Response.json({ error: 'Invalid signature' }, { status: 400 })
  }
  const parsedEvent = eventSchema.safeParse(body)
  if (!parsedEvent.success) return Response.json({ error: 'Malformed event' }, { status: 400 })
  const event = parsedEvent.data
  const payload = recordingPayload.safeParse(event.payload ?? body)
  const data = payload.success ? payload.data : {}

  if (!data.room_name?.startsWith(`${options.prefix}-`)) {
    log.info('webhook.ignored', { provider: 'daily', type: event.type, reason: 'other_room' })
    return Response.json({ received: true, ignored: true })
  }

  const eventId = event.id ?? `sha256:${createHash('sha256').update(raw, 'utf8').digest('hex')}`
  const { db, now } = options
  let result: { duplicate: boolean; recordingRowId: string | null }
  try {
    result = await db.transaction(async (tx) => {
      const [stored] = await tx
        .insert(webhookEvents)
        .values({
          provider: 'daily',
          eventId,
          type: event.type,
          payload: { type: event.type, recordingId: data.recording_id ?? null },
        })
        .onConflictDoNothing()
        .returning({ id: webhookEvents.id })
      if (!stored) return { duplicate: true, recordingRowId: null }
      if (event.type === 'recording.ready-to-download' && data.recording_id) {
        const id = await registerRecording(
          tx,
          { recordingId: data.recording_id, roomName: data.room_name!, duration: data.duration ?? null },
          now,
        )
        return { duplicate: false, recordingRowId: id }
      }
      if (event.type === 'recording.error') {
        await markRecordingError(
          tx,
          { recordingId: data.recording_id ?? null, roomName: data.room_name! },
          now,
        )
      }
      return { duplicate: false, recordingRowId: null }
    })
  } catch (error) {
    log.error('webhook.failed', {
      provider: 'daily',
      type: event.type,
      error: error instanceof Error ? error.name : 'unknown',
    })
    return Response.json({ error: 'Processing failed' }, { status: 500 })
  }
  log.info('webhook.processed', { provider: 'daily', type: event.type, duplicate: result.duplicate })

  if (result.recordingRowId) {
    const rowId = result.recordingRowId
    const task = async () => {
      try {
        await processRecording(db, rowId, now)
      } catch (error) {
        // Unexpected (e.g. the database went away mid-way): the row stays where it was; the sweeper resumes it.
        log.error('recording.pipeline_crashed', {
          recordingId: rowId,
          error: error instanceof Error ? error.name : 'unknown',
        })
      }
    }
    if (options.defer) options.defer(task)
    else await task()
  }
  return Response.json({ received: true, duplicate: result.duplicate })
}
