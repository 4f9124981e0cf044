import { z } from 'zod'
import { getDb } from '@/db/client'
import { isLocalAuth } from '@/lib/auth/mode'
import { outboxMessageFor } from '@/lib/account/dev-outbox'
import { getActor } from '@/lib/auth'

const paramsSchema = z.object({
  id: z.uuid(),
  index: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number),
})

const notFound = () => new Response('Nicht gefunden.', { status: 404 })

/**
 * Download of an attachment stored in the local outbox (e.g. the .ics of a booking). Local mode only, signed in
 * only, and only a message the person may read (lib/account/dev-outbox.ts); anything else is the same 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  if (!isLocalAuth) return notFound()
  const actor = await getActor()
  if (!actor) return notFound()
  const parsed = paramsSchema.safeParse(await params)
  if (!parsed.success) return notFound()
  const message = await outboxMessageFor(getDb(), actor, parsed.data.id)
  const attachment = message?.attachments?.[parsed.data.index]
  if (!attachment || attachment.content === undefined) return notFound()
  const asciiName = attachment.filename.replace(/[^\w.-]/g, '_')
  return new Response(attachment.content, {
    headers: {
      'Content-Type': attachment.contentType,
      'Content-Disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
