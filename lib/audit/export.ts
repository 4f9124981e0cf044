import { and, asc, eq, gt, or, type SQL, sql } from 'drizzle-orm'
import {
  aiAnalyses,
  auditLog,
  bookings,
  journalEntries,
  payments,
  questionnaireAssignments,
  sessionRecordings,
  subscriptions,
  transcripts,
} from '@/db/schema'
import { type ExportSection, keyset } from '@/lib/export/section'

/**
 * The audit log's part of the data export (R10.1, R13.2, issue 15.4): every entry by the client or about them —
 * their account, their bookings (also the coach's and the system's: video joined, recording started, cancelled by
 * the coach, confirmed by the payment), their recordings, transcripts, analyses, entries, questionnaires and
 * payments. The entries hold no content; a coach's IP and browser are not the client's data and stay out.
 */
function aboutClient(userId: string) {
  const target = (type: string, ids: SQL) =>
    and(eq(auditLog.targetType, type), sql`${auditLog.targetId} IN (${ids})`)
  const theirBookings = sql`SELECT ${bookings.id}::text FROM ${bookings} WHERE ${bookings.clientId} = ${userId}`
  return or(
    eq(auditLog.actorId, userId),
    and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, userId)),
    sql`${auditLog.details} ->> 'clientId' = ${userId}`,
    sql`${auditLog.details} ->> 'bookingId' IN (${theirBookings})`,
    target('booking', theirBookings),
    target(
      'session_recording',
      sql`SELECT ${sessionRecordings.id}::text FROM ${sessionRecordings} JOIN ${bookings} ON ${bookings.id} = ${sessionRecordings.bookingId} WHERE ${bookings.clientId} = ${userId}`,
    ),
    target(
      'transcript',
      sql`SELECT ${transcripts.id}::text FROM ${transcripts} JOIN ${bookings} ON ${bookings.id} = ${transcripts.bookingId} WHERE ${bookings.clientId} = ${userId}`,
    ),
    target(
      'ai_analysis',
      sql`SELECT ${aiAnalyses.id}::text FROM ${aiAnalyses} WHERE ${aiAnalyses.clientId} = ${userId}`,
    ),
    target(
      'journal_entry',
      sql`SELECT ${journalEntries.id}::text FROM ${journalEntries} WHERE ${journalEntries.userId} = ${userId}`,
    ),
    target(
      'questionnaire_assignment',
      sql`SELECT ${questionnaireAssignments.id}::text FROM ${questionnaireAssignments} WHERE ${questionnaireAssignments.clientId} = ${userId}`,
    ),
    target('payment', sql`SELECT ${payments.id}::text FROM ${payments} WHERE ${payments.userId} = ${userId}`),
    target(
      'subscription',
      sql`SELECT ${subscriptions.id}::text FROM ${subscriptions} WHERE ${subscriptions.userId} = ${userId}`,
    ),
  )
}

export const auditExport: ExportSection = {
  key: 'audit_log',
  kind: 'list',
  fields: [
    'id',
    'action',
    'by',
    'target_type',
    'target_id',
    'details',
    'ip_truncated',
    'user_agent',
    'created_at',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'audit_log',
      (after: number | null, limit) =>
        ctx.db
          .select()
          .from(auditLog)
          .where(and(aboutClient(ctx.userId), after === null ? undefined : gt(auditLog.id, after)))
          .orderBy(asc(auditLog.id))
          .limit(limit),
      (r) => r.id,
      (rows) =>
        rows.map((r) => {
          const mine = r.actorId === ctx.userId
          return {
            id: r.id,
            action: r.action,
            by: mine ? 'you' : r.actorRole === 'coach' ? 'coach' : 'system',
            target_type: r.targetType,
            target_id: r.targetId,
            details: r.details,
            ip_truncated: mine ? r.ipTruncated : null,
            user_agent: mine ? r.userAgent : null,
            created_at: r.createdAt,
          }
        }),
    ),
}
