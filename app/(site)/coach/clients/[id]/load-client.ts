import 'server-only'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { orNotFound } from '@/lib/http/or-not-found'
import { getClientForCoach } from '@/lib/journal/service'

/** One of the signed-in coach's own clients, or the 404 page. */
export async function loadOwnClient(id: string) {
  const actor = await requireRole('coach')
  if (!z.uuid().safeParse(id).success) notFound()
  return { actor, client: await orNotFound(getClientForCoach(getDb(), actor, id)) }
}
