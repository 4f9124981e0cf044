import { verifyWebhook } from '@clerk/nextjs/webhooks'
import type { NextRequest } from 'next/server'
import type { Db } from '@/db/types'
import { log } from '@/lib/log'
import { processClerkEvent } from './clerk-events'
import type { DeletionDeps } from './deletion-flow'

/**
 * POST /api/webhooks/clerk. Verifies the svix signature on the raw body (verifyWebhook), then applies
 * the event once. Bad or missing signature → 400 and nothing is written.
 */
export async function handleClerkWebhook(
  request: NextRequest,
  options: { db: Db; signingSecret: string | undefined; now?: Date; deletion?: DeletionDeps },
): Promise<Response> {
  if (!options.signingSecret) {
    return Response.json(
      { error: 'Clerk webhooks are not configured (CLERK_WEBHOOK_SIGNING_SECRET).' },
      { status: 404 },
    )
  }
  const eventId = request.headers.get('svix-id')
  let event: Awaited<ReturnType<typeof verifyWebhook>>
  try {
    event = await verifyWebhook(request, { signingSecret: options.signingSecret })
  } catch {
    log.warn('webhook.rejected', { provider: 'clerk', reason: 'signature' })
    return Response.json({ error: 'Invalid signature' }, { status: 400 })
  }
  if (!eventId) return Response.json({ error: 'Missing svix-id' }, { status: 400 })
  const outcome = await processClerkEvent(options.db, eventId, event, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.deletion ? { deletion: options.deletion } : {}),
  })
  log.info('webhook.processed', { provider: 'clerk', type: event.type, outcome })
  return Response.json({ received: true, outcome })
}
