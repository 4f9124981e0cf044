import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './users'

/**
 * A client's pseudonym mapping (R7.2): which placeholder stands for which original. One row per client,
 * the whole mapping encrypted with the client's data key — it only ever leaves the server re-identified
 * in the coach's view. Deleted with the client (cascade); shredding the key makes it unreadable at once.
 * `version` is bumped on every write so a lost concurrent update is detected, not silently merged.
 */
export const pseudonymMappings = pgTable('pseudonym_mappings', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  mappingEnc: text('mapping_enc').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export type PseudonymMappingRow = typeof pseudonymMappings.$inferSelect
