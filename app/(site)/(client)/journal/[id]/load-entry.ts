import 'server-only'
import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { orNotFound } from '@/lib/http/or-not-found'
import { entryIdSchema } from '@/lib/journal/schemas'
import { getEntry } from '@/lib/journal/service'

/** The signed-in client's own entry, or the 404 page (also for someone else's or a malformed id). */
export async function loadOwnEntry(id: string) {
  const actor = await requireRole('client')
  if (!entryIdSchema.safeParse(id).success) notFound()
  return orNotFound(getEntry(getDb(), actor, id))
}
