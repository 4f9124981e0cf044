import type { NextRequest } from 'next/server'
import { getDb } from '@/db/client'
import { handleClerkWebhook } from '@/lib/account/clerk-webhook'
import { env } from '@/lib/env'

export async function POST(request: NextRequest) {
  return handleClerkWebhook(request, { db: getDb(), signingSecret: env.CLERK_WEBHOOK_SIGNING_SECRET })
}
