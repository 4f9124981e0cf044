import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

export const userRole = pgEnum('user_role', ['client', 'coach'])
export const userLocale = pgEnum('user_locale', ['de', 'en'])

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Clerk user id when Clerk is the identity provider; null for local accounts. */
    clerkId: text('clerk_id').unique(),
    role: userRole('role').notNull(),
    name: text('name').notNull(),
    /** Stored lower-case; unique case-insensitively. */
    email: text('email').notNull(),
    phone: text('phone'),
    locale: userLocale('locale').notNull().default('de'),
    timeZone: text('time_zone').notNull().default('Europe/Zurich'),
    /** For clients: their coach. */
    coachId: uuid('coach_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    /** Set when the user's data keys were shredded (R10.2): no new key may be created for them after it. */
    keysShreddedAt: timestamp('keys_shredded_at', { withTimezone: true }),
    /** R10.2: the client asked to delete the account; the retention job removes the remaining rows within 30 days. */
    deletionRequestedAt: timestamp('deletion_requested_at', { withTimezone: true }),
    /** R10.3: while set, no AI processing and no new recordings for this client. */
    processingRestrictedAt: timestamp('processing_restricted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    index('users_coach_idx').on(t.coachId),
  ],
)

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
