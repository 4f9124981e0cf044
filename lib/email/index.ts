import 'server-only'
import type { Db } from '@/db/types'
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
export async function sendEmail<T extends TemplateName>(
  db: Db,
  input: SendEmailInput<T>,
): Promise<SendEmailResult> {
  return sendEmailWith(db, await emailTransport(), env.EMAIL_FROM, input)
}
