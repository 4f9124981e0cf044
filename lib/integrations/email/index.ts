import 'server-only'
import type { Db } from '@/db/types'
import { env } from '@/lib/env'
import { outboxTransport } from './local'
import { createResendTransport } from './resend'
import { type SendEmailInput, type SendEmailResult, sendEmailWith } from './send'
import type { TemplateName } from './templates'
import type { EmailTransport } from './transport'

export type { EmailAttachment, SendEmailInput, SendEmailResult } from './send'
export type { BookingEmailData } from './templates'
export { bookingEmailIcs } from './booking'

let transport: EmailTransport | undefined

/** Resend when RESEND_API_KEY is set, otherwise the local outbox. */
export function emailTransport(): EmailTransport {
  transport ??= env.RESEND_API_KEY
    ? createResendTransport(env.RESEND_API_KEY, env.RESEND_BASE_URL)
    : outboxTransport
  return transport
}

/** The one way every feature sends e-mail. */
export function sendEmail<T extends TemplateName>(
  db: Db,
  input: SendEmailInput<T>,
): Promise<SendEmailResult> {
  return sendEmailWith(db, emailTransport(), env.EMAIL_FROM, input)
}
