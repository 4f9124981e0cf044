import { getDb } from '@/db/client'
import { handleAcuityWebhook } from '@/lib/bookings/acuity-webhook'
import { acuityClient, acuityWebhookKey } from '@/lib/integrations/acuity'

export const dynamic = 'force-dynamic'
export const maxDuration = 60

/** Acuity Scheduling webhooks (R3.5): verified, stored, applied by re-fetching the appointment. */
export async function POST(request: Request) {
  return handleAcuityWebhook(request, {
    db: getDb(),
    apiKey: acuityWebhookKey(),
    acuity: acuityClient(),
    now: new Date(),
  })
}
