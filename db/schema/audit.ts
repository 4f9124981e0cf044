import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * Append-only (a trigger in the migration refuses UPDATE and DELETE outside the retention job).
 * No foreign key on actor/target: entries about an account outlive it (R10.1, R13.2, R11: 3 years).
 * Never holds content: only who, what, which id, when, a truncated IP and the user agent.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** Technical facts only (counts, reasons, ids). */
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>(),
    ipTruncated: text('ip_truncated'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Tamper evidence (set by a trigger): order of the hash chain, the previous row's hash, this row's hash. */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    rowHash: text('row_hash'),
  },
  (t) => [
    index('audit_log_actor_idx').on(t.actorId, t.createdAt),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
)

export type AuditEntry = typeof auditLog.$inferSelect
