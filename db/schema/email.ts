import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { userLocale, users } from './users'

export const emailStatus = pgEnum('email_status', ['stored', 'sent', 'failed'])
export const emailProvider = pgEnum('email_provider', ['outbox', 'resend'])

/**
 * Every e-mail the app sends. Locally (no RESEND_API_KEY) this is the outbox shown at /dev/outbox and
 * keeps the rendered message; with Resend it is the e-mail log (metadata only). 90 days (R11).
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    template: text('template').notNull(),
    locale: userLocale('locale').notNull(),
    subject: text('subject').notNull(),
    html: text('html'),
    textBody: text('text_body'),
    /** Attachments (e.g. the .ics of a booking): name, type and size always; the content only in the outbox. */
    attachments:
      jsonb('attachments').$type<
        { filename: string; contentType: string; size: number; content?: string }[]
      >(),
    provider: emailProvider('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    status: emailStatus('status').notNull(),
    error: text('error'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('email_outbox_created_idx').on(t.createdAt),
    // Foreign key side: deleting an account finds its log entries by index, not by a scan per account.
    index('email_outbox_user_idx').on(t.userId),
  ],
)

export type EmailRecord = typeof emailOutbox.$inferSelect
