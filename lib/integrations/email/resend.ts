import { Resend } from 'resend'
import type { EmailTransport } from './transport'
import { EmailSendError } from './transport'

/** Resend: the SDK returns `{ data, error }` instead of throwing, so the error is checked explicitly. */
export function createResendTransport(apiKey: string, baseUrl?: string): EmailTransport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined)
  return {
    provider: 'resend',
    keepsBodies: false,
    async send(message) {
      const { data, error } = await client.emails.send(
        {
          from: message.from,
          to: [message.to],
          subject: message.subject,
          html: message.html,
          text: message.text,
          tags: [{ name: 'template', value: message.template }],
          ...(message.attachments?.length
            ? {
                attachments: message.attachments.map((a) => ({
                  filename: a.filename,
                  content: Buffer.from(a.content, 'utf8').toString('base64'),
                  contentType: a.contentType,
                })),
              }
            : {}),
        },
        { idempotencyKey: message.idempotencyKey },
      )
      if (error || !data) throw new EmailSendError(error?.name ?? 'unknown_error', error?.statusCode ?? null)
      return { providerMessageId: data.id }
    },
  }
}
