import { and, asc, eq } from 'drizzle-orm'
import { aiAnalyses, aiTransmissions } from '@/db/schema'
import { afterTime, cursorText, type ExportSection, keyset, type TimeCursor } from '@/lib/export/section'
import { openAnalysisContent } from './output'
import { reviewPayloadSchema } from './review-payload'

/**
 * The AI part of the data export (R10.1, issue 15.4): every analysis about the client — approved, drafts the coach
 * has not released, waiting, failed and cancelled ones — and every transmission to a provider (without the text).
 */

export const aiAnalysisExport: ExportSection = {
  key: 'ai_analyses',
  kind: 'list',
  fields: [
    'id',
    'kind',
    'booking_id',
    'questionnaire_id',
    'status',
    'language',
    'approved_at',
    'shared_with_you_at',
    'content',
    'draft',
    'review_text',
    'failure_code',
    'missing_consents',
    'attempts',
    'created_at',
    'updated_at',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'ai_analyses',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({ a: aiAnalyses, at: cursorText(aiAnalyses.createdAt) })
          .from(aiAnalyses)
          .where(
            and(eq(aiAnalyses.clientId, ctx.userId), afterTime(aiAnalyses.createdAt, aiAnalyses.id, after)),
          )
          .orderBy(asc(aiAnalyses.createdAt), asc(aiAnalyses.id))
          .limit(limit),
      (r) => ({ at: r.at, id: r.a.id }),
      (rows) =>
        Promise.all(
          rows.map(async ({ a }) => ({
            id: a.id,
            kind: a.sourceKind === 'transcript' ? 'session_summary' : 'questionnaire_analysis',
            booking_id: a.bookingId,
            questionnaire_id: a.assignmentId,
            status: a.status,
            language: a.language,
            approved_at: a.approvedAt,
            shared_with_you_at: a.sharedAt,
            content: a.approvedEnc ? await openAnalysisContent(ctx.cipher, a.approvedEnc) : null,
            draft: a.draftEnc ? await openAnalysisContent(ctx.cipher, a.draftEnc) : null,
            review_text: a.reviewEnc
              ? reviewPayloadSchema.parse(JSON.parse(await ctx.cipher.decrypt(a.reviewEnc))).text
              : null,
            failure_code: a.failureCode,
            missing_consents: a.missingConsents,
            attempts: a.attempts,
            created_at: a.createdAt,
            updated_at: a.updatedAt,
          })),
        ),
    ),
}

export const aiTransmissionExport: ExportSection = {
  key: 'ai_transmissions',
  kind: 'list',
  fields: [
    'id',
    'sent_at',
    'purpose',
    'provider',
    'host',
    'recipient',
    'model',
    'chars_sent',
    'placeholders',
    'consent_event_ids',
    'outcome',
    'reviewed',
    'masked_tokens',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'ai_transmissions',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({ r: aiTransmissions, at: cursorText(aiTransmissions.sentAt) })
          .from(aiTransmissions)
          .where(
            and(
              eq(aiTransmissions.clientId, ctx.userId),
              afterTime(aiTransmissions.sentAt, aiTransmissions.id, after),
            ),
          )
          .orderBy(asc(aiTransmissions.sentAt), asc(aiTransmissions.id))
          .limit(limit),
      (row) => ({ at: row.at, id: row.r.id }),
      (rows) =>
        rows.map(({ r }) => ({
          id: r.id,
          sent_at: r.sentAt,
          purpose: r.purpose,
          provider: r.provider,
          host: r.host,
          recipient: r.recipient,
          model: r.model,
          chars_sent: r.charsSent,
          placeholders: r.placeholders,
          consent_event_ids: r.consentEventIds,
          outcome: r.outcome,
          reviewed: r.reviewed,
          masked_tokens: r.maskedTokens,
        })),
    ),
}
