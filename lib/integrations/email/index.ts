import 'server-only'
import { env } from '@/lib/env'
import { outboxTransport } from './local'
import type { EmailTransport } from './transport'

export type { EmailAttachment, EmailTransport } from './transport'

let transport: Promise<EmailTransport> | undefined

/**
 * Resend when RESEND_API_KEY is set, otherwise the local outbox. The SDK is loaded only when it is configured
 * (like storage's S3 client), so the outbox setup and every module that merely can send mail go without it.
 */
export function emailTransport(): Promise<EmailTransport> {
  const key = env.RESEND_API_KEY
  transport ??= key
    ? import('./resend')
        .then(({ createResendTransport }) => createResendTransport(key, env.RESEND_BASE_URL))
        .catch((error: unknown) => {
          // A failed load is tried again with the next message instead of being remembered.
          transport = undefined
          throw error
        })
    : Promise.resolve(outboxTransport)
  return transport
}
