import { and, asc, eq } from 'drizzle-orm'
import { aiAnalyses, aiTransmissions } from '@/db/schema'
import { afterTime, cursorText, type ExportSection, keyset, type TimeCursor } from '@/lib/export/section'
import { openAnalysisContent } from './output'
import { reviewPayloadSchema } from './pipeline'

/**
 * The AI part of the data export (R10.1, issue 15.4): every analysis about the client — approved, drafts the coach
 * has not released, waiting, failed and cancelled ones — and every transmission to a provider (without the text).
 */

export const aiAnalysisExport: ExportSection = {
  key: 'ai_analyses',
  kind: 'list',
  title: { de: 'Sitzungs-Zusammenfassungen und KI-Auswertungen', en: 'Session summaries and AI analyses' },
  description:
    'Alle KI-Zusammenfassungen deiner Sitzungen und KI-Auswertungen deiner Fragebögen: die vom Coach freigegebenen, die Entwürfe, die dein Coach noch nicht freigegeben hat (sie können Fehler der KI enthalten), wartende, fehlgeschlagene und abgebrochene Aufträge.',
  fields: {
    id: 'Kennung der Auswertung.',
    kind: 'session_summary (Zusammenfassung einer Sitzung) oder questionnaire_analysis (Auswertung eines Fragebogens).',
    booking_id: 'Die Sitzung (Buchung), zu der die Zusammenfassung gehört.',
    questionnaire_id: 'Der Fragebogen (Zuweisung), zu dem die Auswertung gehört.',
    status:
      'queued (wartet), review (wartet auf die Prüfung durch deinen Coach vor dem Senden), running (läuft), draft (Entwurf, nicht freigegeben), approved (freigegeben), failed (fehlgeschlagen) oder cancelled (abgebrochen, z. B. weil du die Einwilligung widerrufen hast).',
    language: 'Sprache der Auswertung.',
    approved_at: 'Vom Coach freigegeben am.',
    shared_with_you_at: 'Mit dir geteilt am (leer: nicht geteilt).',
    content:
      'Freigegebener Inhalt: summary (Zusammenfassung), themes (Themen), clientGoals (deine Ziele), actionItems (nächste Schritte), openQuestions (offene Fragen), nextFocus (Fokus für die nächste Sitzung). Leer, solange nichts freigegeben ist.',
    draft:
      'Entwurf mit denselben Teilen, wie ihn die KI geliefert und dein Coach bearbeitet hat (leer: kein Entwurf).',
    review_text:
      'Bei status review: der pseudonymisierte Text, der nach der Prüfung durch deinen Coach an den KI-Anbieter gesendet würde.',
    failure_code: 'Warum der letzte Versuch fehlschlug oder abgebrochen wurde (technischer Code).',
    missing_consents: 'Welche Einwilligungen fehlten, falls der Auftrag deshalb nicht gesendet wurde.',
    attempts: 'Anzahl Versuche.',
    created_at: 'Angelegt am.',
    updated_at: 'Zuletzt geändert am.',
  },
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
  title: { de: 'KI-Übermittlungen', en: 'AI transmissions' },
  description:
    'Jede Übermittlung an einen KI-Anbieter, die dich betrifft — ohne den Text selbst, der pseudonymisiert gesendet wurde.',
  fields: {
    id: 'Kennung der Übermittlung.',
    sent_at: 'Zeitpunkt.',
    purpose: 'transcript (Sitzungs-Zusammenfassung) oder questionnaire (Fragebogen-Auswertung).',
    provider: 'Anbieter.',
    model: 'Modell.',
    chars_sent: 'Anzahl gesendeter Zeichen (nach der Pseudonymisierung).',
    placeholders: 'Anzahl ersetzter Angaben (Namen, Orte, Kontakte …).',
    consent_event_ids: 'Die Einwilligungen, auf die sich die Übermittlung stützte.',
    outcome: 'Ergebnis (pending: gesendet, aber noch ohne Antwort erfasst).',
    reviewed: 'Ob die Coachin den gesendeten Text vor dem Senden geprüft hat.',
    masked_tokens: 'Wie viele Wörter sie dabei zusätzlich unkenntlich gemacht hat.',
  },
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
