import { z } from 'zod'
import { getDb } from '@/db/client'
import { getActor } from '@/lib/auth'
import { AppError } from '@/lib/errors'
import { sessionProgress } from '@/lib/sessions/progress'

export const dynamic = 'force-dynamic'

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })

/**
 * GET /coach/sessions/[id]/progress — the session's stage as `{ stage }` for the coach's page, which asks every
 * few seconds while the recording is being transcribed or summarised. No content; only the booking's coach.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id)
  if (!id.success) return json(404, { error: 'notFound' })
  const actor = await getActor()
  if (!actor) return json(401, { error: 'signedOut' })
  try {
    return json(200, { stage: await sessionProgress(getDb(), actor, id.data) })
  } catch (error) {
    // Someone else's session, or not a coach: the same answer as a session that does not exist.
    if (error instanceof AppError) return json(404, { error: 'notFound' })
    throw error
  }
}
