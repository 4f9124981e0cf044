/** A file sent with the message, e.g. the .ics of a booking (R3.4); `content` is UTF-8 text. */
export type EmailAttachment = { filename: string; contentType: string; content: string }

export type OutgoingEmail = {
  from: string
  to: string
  subject: string
  html: string
  text: string
  template: string
  idempotencyKey: string
  attachments?: EmailAttachment[]
}

export type EmailTransport = {
  provider: 'outbox' | 'resend'
  /** The outbox keeps the rendered message for /dev/outbox; a real provider's log keeps metadata only. */
  keepsBodies: boolean
  send: (message: OutgoingEmail) => Promise<{ providerMessageId: string | null }>
}

export class EmailSendError extends Error {
  override name = 'EmailSendError'
  constructor(
    readonly code: string,
    readonly statusCode: number | null,
  ) {
    super(`E-Mail konnte nicht gesendet werden (${code}${statusCode ? `, HTTP ${statusCode}` : ''}).`)
  }
}
