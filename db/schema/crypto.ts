import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './users'

/**
 * Per-user data keys, wrapped (AES-256-GCM) by the master key. Deleting a user's rows here is the
 * crypto-shredding of R14.3: their ciphertext anywhere (backups included) becomes unreadable.
 */
export const userKeys = pgTable(
  'user_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** base64(iv | ciphertext | tag) of the 32-byte data key. */
    wrappedKey: text('wrapped_key').notNull(),
    /** Which master key wrapped it (DATA_ENCRYPTION_KEY_ID), for master-key rotation. */
    masterKeyId: text('master_key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
)
