import 'server-only'
import { desc, eq } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { emailOutbox } from '@/db/schema'
import { env } from '@/lib/env'
import { emailTransport } from '@/lib/integrations/email'
import { type SendEmailInput, type SendEmailResult, sendEmailWith } from './send'
import type { TemplateName } from './templates'

export type { EmailAttachment, SendEmailInput, SendEmailResult } from './send'
export type { BookingEmailData } from './templates'
export { bookingEmailIcs } from './booking'

/**
 * The one way every feature sends e-mail: the product's words (./templates, next-intl messages) through the
 * configured transport (lib/integrations/email: Resend or the local outbox).
 */
export function sendEmail<T extends TemplateName>(
  db: Db,
  input: SendEmailInput<T>,
): Promise<SendEmailResult> {
  return sendEmailWith(db, emailTransport(), env.EMAIL_FROM, input)
}

export async function listOutbox(db: Db, limit = 100) {
  return db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit)
}

export async function getOutboxMessage(db: Db, id: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1)
  return row ?? null
}
