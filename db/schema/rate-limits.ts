import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Fixed-window counters for rate limits (R14): one row per key and window. The key is a purpose plus a keyed
 * hash of who is asking (never a raw e-mail or IP). Rows of past windows are useless after the window and go
 * with the technical-log retention (90 days) at the latest.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)],
)
