import { sql } from 'drizzle-orm'
import {
  check,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './users'

export const entryKind = pgEnum('journal_entry_kind', ['journal', 'note', 'reflection'])

/**
 * A coach's writing prompt for one client. The text is coaching content: encrypted with the client's
 * data key (R14.3), so shredding the client's key makes it unreadable too.
 */
export const journalPrompts = pgTable(
  'journal_prompts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachId: uuid('coach_id').references(() => users.id, { onDelete: 'set null' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    textEnc: text('text_enc').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('journal_prompts_client_idx').on(t.clientId, t.createdAt),
    // Foreign key side (every FK is indexed: a parent's DELETE then looks its children up, never scans).
    index('journal_prompts_coach_idx').on(t.coachId),
  ],
)

/**
 * Journal entries, notes and reflections (R2). Title, body and tags are ciphertext (the client's data
 * key); `tag_index` holds keyed hashes of the tags (a blind index) so filtering works without plaintext.
 * Private unless `shared_at` is set (R2.2).
 */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: entryKind('kind').notNull(),
    titleEnc: text('title_enc'),
    bodyEnc: text('body_enc').notNull(),
    mood: smallint('mood'),
    tagsEnc: text('tags_enc'),
    tagIndex: text('tag_index')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    promptId: uuid('prompt_id').references(() => journalPrompts.id, { onDelete: 'set null' }),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('journal_entries_mood_range', sql`${t.mood} IS NULL OR ${t.mood} BETWEEN 1 AND 5`),
    index('journal_entries_user_created_idx').on(t.userId, t.createdAt),
    index('journal_entries_shared_idx').on(t.userId, t.sharedAt),
    index('journal_entries_tag_index_idx').using('gin', t.tagIndex),
    index('journal_entries_prompt_idx').on(t.promptId),
  ],
)

export type JournalEntryRow = typeof journalEntries.$inferSelect

/**
 * The client's distinct tags, so the tag list and filter cost the number of tags, not the number of entries.
 * One row per blind index (`journal_entries.tag_index`, so per tag and key version) with the tag as ciphertext
 * under the client's key; shredding the key shreds it. Pruned when no entry carries the index any more.
 */
export const journalTags = pgTable(
  'journal_tags',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tagIndex: text('tag_index').notNull(),
    tagEnc: text('tag_enc').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tagIndex] })],
)

/**
 * Whose tag set is complete. Entries written before journal_tags existed are added once, on the first tag
 * list after the migration (the tags need the client's key, so SQL cannot do it); a row here means done.
 */
export const journalTagSets = pgTable('journal_tag_sets', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
})
