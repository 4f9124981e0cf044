import { and, asc, eq, gt } from 'drizzle-orm'
import { consentEvents, recordingConsents } from '@/db/schema'
import { type ExportSection, keyset } from '@/lib/export/section'

/** The consent ledger's part of the data export (R10.1, R9.2): every grant, withdrawal and refusal, with its proof. */

const proofFields = [
  'granted',
  'text_version',
  'text_sha256',
  'locale',
  'ip',
  'user_agent',
  'created_at',
] as const

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
  fields: ['purpose', 'booking_id', ...proofFields],
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
