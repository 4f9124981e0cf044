import { and, asc, eq, gt } from 'drizzle-orm'
import { consentEvents, recordingConsents } from '@/db/schema'
import { type ExportSection, keyset } from '@/lib/export/section'

/** The consent ledger's part of the data export (R10.1, R9.2): every grant, withdrawal and refusal, with its proof. */

const proofFields = {
  granted: 'true: erteilt, false: widerrufen oder abgelehnt.',
  text_version: 'Version des Textes, der dir angezeigt wurde.',
  text_sha256: 'SHA-256 dieses Textes (Nachweis, welcher Text es genau war).',
  locale: 'Sprache des Textes.',
  ip: 'IP-Adresse beim Speichern (rechtlicher Nachweis, 3 Jahre).',
  user_agent: 'Browser-Angaben beim Speichern.',
  created_at: 'Zeitpunkt.',
}

type Proof = {
  granted: boolean
  textVersion: string
  textSha256: string
  locale: string
  ip: string | null
  userAgent: string | null
  createdAt: Date
}

const proof = (c: Proof) => ({
  granted: c.granted,
  text_version: c.textVersion,
  text_sha256: c.textSha256,
  locale: c.locale,
  ip: c.ip,
  user_agent: c.userAgent,
  created_at: c.createdAt,
})

export const consentExport: ExportSection = {
  key: 'consent_history',
  kind: 'list',
  title: { de: 'Einwilligungen', en: 'Consent history' },
  description:
    'Jede Einwilligung und jeder Widerruf: KI-Einwilligungen (purpose ai_transcripts, ai_questionnaires, ai_external_provider) und die Einwilligung zur Aufnahme einer Sitzung (purpose session_recording, mit booking_id).',
  fields: {
    purpose: 'Wofür: ai_transcripts, ai_questionnaires, ai_external_provider oder session_recording.',
    booking_id: 'Bei session_recording: die Sitzung.',
    ...proofFields,
  },
  async *rows(ctx) {
    // The ledger's ids are bigserial: the id alone is the keyset (and the order of events).
    yield* keyset(
      ctx,
      'consent_history',
      (after: number | null, limit) =>
        ctx.db
          .select()
          .from(consentEvents)
          .where(
            and(
              eq(consentEvents.userId, ctx.userId),
              after === null ? undefined : gt(consentEvents.id, after),
            ),
          )
          .orderBy(asc(consentEvents.id))
          .limit(limit),
      (c) => c.id,
      (rows) => rows.map((c) => ({ purpose: c.purpose, booking_id: null, ...proof(c) })),
    )
    yield* keyset(
      ctx,
      'recording_consents',
      (after: number | null, limit) =>
        ctx.db
          .select()
          .from(recordingConsents)
          .where(
            and(
              eq(recordingConsents.userId, ctx.userId),
              after === null ? undefined : gt(recordingConsents.id, after),
            ),
          )
          .orderBy(asc(recordingConsents.id))
          .limit(limit),
      (c) => c.id,
      (rows) => rows.map((c) => ({ purpose: 'session_recording', booking_id: c.bookingId, ...proof(c) })),
    )
  },
}
