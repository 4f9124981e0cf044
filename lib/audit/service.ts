import { and, desc, eq, or } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { auditLog } from '@/db/schema'
import { truncateIp } from './ip'

export type RequestMeta = { ip: string | null; userAgent: string | null }

export type AuditAction =
  | 'auth.sign_in'
  | 'auth.sign_out'
  | 'account.created'
  | 'account.updated'
  | 'account.deleted'
  | 'account.exported'
  | 'account.restricted'
  | 'account.unrestricted'
  | 'profile.updated'
  | 'consent.granted'
  | 'consent.withdrawn'
  | 'consent.declined'
  | 'journal.entry_shared'
  | 'journal.entry_unshared'
  | 'journal.shared_entry_viewed'
  | 'booking.created'
  | 'booking.confirmed'
  | 'booking.rescheduled'
  | 'booking.cancelled'
  | 'booking.expired'
  | 'payment.recorded'
  | 'payment.refunded'
  | 'subscription.updated'
  | 'video.joined'
  | 'recording.started'
  | 'recording.stored'
  | 'recording.discarded'
  | 'transcript.saved'
  | 'transcript.viewed'
  | 'transcript.shared'
  | 'transcript.unshared'
  | 'questionnaire.assigned'
  | 'questionnaire.submitted'
  | 'questionnaire.answers_viewed'
  | 'ai.requested'
  | 'ai.viewed'
  | 'ai.approved'
  | 'ai.shared'
  | 'ai.unshared'
  | 'ai.token_masked'
  | 'ai.review_sent'
  | 'ai.review_setting'
  | 'retention.batch'

export type AuditInput = {
  actor: { userId: string | null; role: string | null } | null
  action: AuditAction
  target?: { type: string; id: string }
  /** Technical facts only: counts, ids, reasons. Never content, names or e-mail addresses. */
  details?: Record<string, string | number | boolean | null>
  meta?: RequestMeta
}

const MAX_USER_AGENT = 300

const rowOf = (input: AuditInput) => ({
  actorId: input.actor?.userId ?? null,
  actorRole: input.actor?.role ?? null,
  action: input.action,
  targetType: input.target?.type ?? null,
  targetId: input.target?.id ?? null,
  details: input.details ?? null,
  ipTruncated: truncateIp(input.meta?.ip),
  userAgent: input.meta?.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
})

export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
  await db.insert(auditLog).values(rowOf(input))
}

/** Several entries in one statement (the chain trigger links them in order); nothing for an empty list. */
export async function recordAudits(db: Db, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return
  await db.insert(auditLog).values(inputs.map(rowOf))
}

/** Entries by or about one account, newest first (R10.1 export, the client's own view). */
export async function auditEntriesForUser(db: Db, userId: string, limit = 100) {
  return db
    .select()
    .from(auditLog)
    .where(
      or(eq(auditLog.actorId, userId), and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, userId))),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
}
