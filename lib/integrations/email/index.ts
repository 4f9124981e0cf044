import 'server-only'
import { env } from '@/lib/env'
import { outboxTransport } from './local'
import { createResendTransport } from './resend'
import type { EmailTransport } from './transport'

export type { EmailAttachment, EmailTransport } from './transport'

let transport: EmailTransport | undefined

/** Resend when RESEND_API_KEY is set, otherwise the local outbox. */
export function emailTransport(): EmailTransport {
  transport ??= env.RESEND_API_KEY
    ? createResendTransport(env.RESEND_API_KEY, env.RESEND_BASE_URL)
    : outboxTransport
  return transport
}
