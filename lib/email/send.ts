import { eq } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { type EmailRecord, emailOutbox } from '@/db/schema'
import { log } from '@/lib/log'
import { type Locale, renderEmail, type TemplateData, type TemplateName } from './templates'
import { type EmailAttachment, EmailSendError, type EmailTransport } from '@/lib/integrations/email/transport'

export type { EmailAttachment } from '@/lib/integrations/email/transport'

export type SendEmailInput<T extends TemplateName> = {
  to: string
  userId?: string | null
  locale: Locale
  template: T
  data: TemplateData<T>
  /** Same key → sent once, e.g. `booking-confirmed/<bookingId>`. */
  idempotencyKey: string
  attachments?: EmailAttachment[]
}

export type SendEmailResult =
  { ok: true; id: string; duplicate: boolean } | { ok: false; id: string; error: string }

/** Renders, sends through the configured transport and records the message once per idempotency key. */
export async function sendEmailWith<T extends TemplateName>(
  db: Db,
  transport: EmailTransport,
  from: string,
  input: SendEmailInput<T>,
): Promise<SendEmailResult> {
  const [existing] = await db
    .select({ id: emailOutbox.id, status: emailOutbox.status })
    .from(emailOutbox)
    .where(eq(emailOutbox.idempotencyKey, input.idempotencyKey))
    .limit(1)
  if (existing && existing.status !== 'failed') return { ok: true, id: existing.id, duplicate: true }

  const rendered = renderEmail(input.template, input.locale, input.data)
  let status: EmailRecord['status'] = transport.provider === 'outbox' ? 'stored' : 'sent'
  let providerMessageId: string | null = null
  let error: string | null = null
  try {
    ;({ providerMessageId } = await transport.send({
      from,
      to: input.to,
      ...rendered,
      template: input.template,
      idempotencyKey: input.idempotencyKey,
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    }))
  } catch (e) {
    status = 'failed'
    error =
      e instanceof EmailSendError ? e.message : 'E-Mail konnte nicht gesendet werden (Verbindungsfehler).'
  }

  const values = {
    userId: input.userId ?? null,
    toAddress: input.to,
    template: input.template,
    locale: input.locale,
    subject: rendered.subject,
    html: transport.keepsBodies ? rendered.html : null,
    textBody: transport.keepsBodies ? rendered.text : null,
    // Name, type and size always; the content only where bodies are kept (the local outbox).
    attachments: input.attachments?.length
      ? input.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          size: Buffer.byteLength(a.content, 'utf8'),
          ...(transport.keepsBodies ? { content: a.content } : {}),
        }))
      : null,
    provider: transport.provider,
    providerMessageId,
    status,
    error,
    idempotencyKey: input.idempotencyKey,
  }
  const [row] = await db
    .insert(emailOutbox)
    .values(values)
    .onConflictDoUpdate({ target: emailOutbox.idempotencyKey, set: { ...values, createdAt: new Date() } })
    .returning({ id: emailOutbox.id })

  log[status === 'failed' ? 'warn' : 'info']('email.' + status, {
    template: input.template,
    provider: transport.provider,
    emailId: row!.id,
  })
  return status === 'failed'
    ? { ok: false, id: row!.id, error: error! }
    : { ok: true, id: row!.id, duplicate: false }
}
