import type { EmailTransport } from './transport'

/** No provider: the message is only stored in email_outbox, where /dev/outbox shows it (R12.3). */
export const outboxTransport: EmailTransport = {
  provider: 'outbox',
  keepsBodies: true,
  send: async () => ({ providerMessageId: null }),
}
