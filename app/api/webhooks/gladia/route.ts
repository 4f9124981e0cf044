import { getDb } from '@/db/client'
import { startAutoSummary } from '@/lib/ai/auto-summary'
import { handleGladiaCallback } from '@/lib/sessions/gladia-callback'

export const dynamic = 'force-dynamic'
export const maxDuration = 60

export async function POST(request: Request) {
  return handleGladiaCallback(request, { db: getDb(), now: new Date(), onTranscribed: startAutoSummary })
}

/** Gladia may be configured to call back with PUT; the same handler. */
export const PUT = POST
