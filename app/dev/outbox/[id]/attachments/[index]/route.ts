import { z } from 'zod'
import { getDb } from '@/db/client'
import { isLocalAuth } from '@/lib/auth/mode'
import { getOutboxMessage } from '@/lib/email'

const paramsSchema = z.object({
  id: z.uuid(),
  index: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number),
})

const notFound = () => new Response('Nicht gefunden.', { status: 404 })

/** Download of an attachment stored in the local outbox (e.g. the .ics of a booking). Local mode only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  if (!isLocalAuth) return notFound()
  const parsed = paramsSchema.safeParse(await params)
  if (!parsed.success) return notFound()
  const message = await getOutboxMessage(getDb(), parsed.data.id)
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
