import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { bookings, consentEvents, recordingConsents, users } from '@/db/schema'
import { recordAudit, type RequestMeta } from '@/lib/audit/service'
import { type Actor, assertRole, AuthorizationError } from '@/lib/auth/types'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { consentExpiresAt, grantState, inForce } from './expiry'
import { type ConsentChange, type Purpose, purposes, type RecordingConsentChange } from './schemas'
import type { SessionConsentKind } from '@/db/schema/consent'
import { type AiRecipient, aiRecipient } from '@/lib/integrations/ai'
import {
  consentTextsFor,
  consentTextSha256,
  recordingConsentText,
  transcriptionConsentText,
  type VersionedConsentText,
} from './texts'

/**
 * Whether a granted ledger row is for `recipient`. C3 (sending to the AI provider) names its recipient: a grant
 * counts only while the text it agreed to — its SHA-256 — is the text we would show now, so a change of provider
 * (another name, country or hosting) makes it stale and the client is asked again. C1 and C2 do not depend on who
 * receives the text.
 */
function forRecipient(row: LatestEvent | undefined, recipient: AiRecipient): boolean {
  if (!row?.granted) return false
  if (row.purpose !== 'ai_external_provider') return true
  return row.textSha256 === consentTextSha256(consentTextsFor(recipient).ai_external_provider[row.locale])
}

/** In force at `at` for `recipient`: granted, younger than 3 years (lib/consent/expiry.ts), for this recipient. */
const grantInForce = (row: LatestEvent | undefined, at: Date, recipient: AiRecipient) =>
  inForce(row, at) && forRecipient(row, recipient)

export { purposes, type Purpose } from './schemas'

/** The code of the error for a form posted with an older consent text (a ConflictError). */
export const OUTDATED_TEXT = 'consent.outdated'
const MAX_IP = 100
const MAX_USER_AGENT = 1000

export type ConsentEvidence = { ok: boolean; missing: Purpose[]; eventIds: number[] }
type SetResult<T> = { changed: false } | { changed: true; event: T }

/** Consents are the client's own (R9); coaches have none to give. */
/**
 * Locks the person's row for the rest of the transaction, so two clicks at once cannot both write: the
 * second one waits, then sees the first one's row and writes nothing.
 */
async function lockPerson(tx: Db, userId: string) {
  const [me] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update')
  if (!me) throw new AuthorizationError('accountNotFound')
}

/**
 * The proof fields of R9.2. The full IP address is kept on purpose (legal evidence, 3 years); technical
 * and audit logs only ever get it truncated. `created_at` is the moment of the insert (under the lock), not
 * the transaction start, so the ledger order is the order of the decisions.
 */
function proof(input: { textVersion: string; locale: 'de' | 'en' }, sha256: string, meta: RequestMeta) {
  return {
    textVersion: input.textVersion,
    textSha256: sha256,
    locale: input.locale,
    ip: fullIp(meta.ip),
    userAgent: meta.userAgent?.slice(0, MAX_USER_AGENT) || null,
    createdAt: sql`clock_timestamp()`,
  }
}

/** The address as the client used it; an IPv4 address seen through an IPv6 socket is written as IPv4. */
function fullIp(ip: string | null): string | null {
  const value = ip?.trim().slice(0, MAX_IP)
  if (!value) return null
  return value.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1] ?? value
}

/** JavaScript dates have milliseconds, the database microseconds: `at` covers its whole millisecond. */
function notAfter(at: Date) {
  return lt(consentEvents.createdAt, new Date(at.getTime() + 1))
}

/** The newest ledger row per purpose at `at` — the rows that decide the state. */
async function latestEvents(db: Db, userId: string, wanted: readonly Purpose[], at?: Date) {
  const rows = await db
    .selectDistinctOn([consentEvents.purpose], {
      id: consentEvents.id,
      purpose: consentEvents.purpose,
      granted: consentEvents.granted,
      textSha256: consentEvents.textSha256,
      locale: consentEvents.locale,
      createdAt: consentEvents.createdAt,
    })
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.userId, userId),
        inArray(consentEvents.purpose, [...wanted]),
        at ? notAfter(at) : undefined,
      ),
    )
    .orderBy(consentEvents.purpose, desc(consentEvents.createdAt), desc(consentEvents.id))
  return new Map(rows.map((r) => [r.purpose, r]))
}

type LatestEvent = Awaited<ReturnType<typeof latestEvents>> extends Map<unknown, infer R> ? R : never

/**
 * The one write path of both ledgers: refuse an outdated text, lock the person, write nothing when already
 * in that state, else append the row with its proof and audit `consent.granted` / `consent.withdrawn`.
 */
async function appendConsent<T>(
  db: Db,
  actor: Actor,
  change: { granted: boolean; textVersion: string; locale: 'de' | 'en' },
  text: VersionedConsentText,
  meta: RequestMeta,
  ledger: {
    /** The answer in force; null when never answered (then a first "no" is recorded too). */
    current: (tx: Db) => Promise<boolean | null>
    insert: (tx: Db, proofFields: ReturnType<typeof proof>) => Promise<T>
    audit: { target: { type: string; id: string }; purpose: string }
  },
): Promise<SetResult<T>> {
  assertRole(actor, 'client', 'consent.clientsOnly')
  if (change.textVersion !== text.version) throw new ConflictError(OUTDATED_TEXT)
  const sha256 = consentTextSha256(text[change.locale])
  return db.transaction(async (tx) => {
    await lockPerson(tx, actor.userId)
    const current = await ledger.current(tx)
    if (current === change.granted) return { changed: false }
    const event = await ledger.insert(tx, proof(change, sha256, meta))
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: change.granted
        ? 'consent.granted'
        : current === null
          ? 'consent.declined'
          : 'consent.withdrawn',
      target: ledger.audit.target,
      details: { purpose: ledger.audit.purpose },
      meta,
    })
    return { changed: true, event }
  })
}

/**
 * Grants or withdraws one consent (R9.1, R9.2) in the ledger — one call either way, effective at once. Clients
 * change consents through `changeConsent` (lib/ai/cancel.ts), which also cancels the AI work a withdrawal stops. Refuses a form
 * that showed an outdated text (ConflictError, nothing written). Already in that state: writes nothing.
 */
export async function setConsent(
  db: Db,
  actor: Actor,
  input: ConsentChange,
  meta: RequestMeta,
  /** The recipient the shown C3 text named; the configured one unless a test says otherwise. */
  recipient: AiRecipient = aiRecipient(),
): Promise<SetResult<typeof consentEvents.$inferSelect>> {
  const result = await appendConsent(db, actor, input, consentTextsFor(recipient)[input.purpose], meta, {
    // AI consents are off until granted: declining what was never granted (or a stale grant) writes nothing. An
    // expired grant is off; one about to expire can be confirmed again (a new grant with fresh proof, R9.2).
    current: async (tx) => {
      const row = (await latestEvents(tx, actor.userId, [input.purpose])).get(input.purpose)
      if (!forRecipient(row, recipient)) return false
      const state = grantState(row, new Date())
      return input.granted ? state === 'active' : state === 'active' || state === 'expiring'
    },
    insert: async (tx, proofFields) => {
      const [event] = await tx
        .insert(consentEvents)
        .values({ userId: actor.userId, purpose: input.purpose, granted: input.granted, ...proofFields })
        .returning()
      return event!
    },
    audit: { target: { type: 'user', id: actor.userId }, purpose: input.purpose },
  })
  return result
}

/**
 * Whether the person has every one of `wanted` consents in force at `at` (default: now), judged from the
 * ledger alone. Call it where data leaves (R7.1, ARCHITECTURE must 2), not only in the UI. Fails closed: an
 * account that no longer exists or whose keys were shredded has no consent.
 */
export async function consentEvidence(
  db: Db,
  userId: string,
  wanted: readonly Purpose[],
  at: Date = new Date(),
  /** Who would receive the text: a C3 grant for another recipient does not count. */
  recipient: AiRecipient = aiRecipient(),
): Promise<ConsentEvidence> {
  const unique = [...new Set(wanted)]
  if (unique.length === 0) throw new Error('consentEvidence needs at least one purpose')
  const [person] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.keysShreddedAt)))
  if (!person) return { ok: false, missing: unique, eventIds: [] }
  const latest = await latestEvents(db, userId, unique, at)
  // A grant older than 3 years has expired, a C3 grant for another recipient is stale: both count as withdrawn.
  const missing = unique.filter((p) => !grantInForce(latest.get(p), at, recipient))
  // The grants relied on; AI transmission records cite them (R7.5).
  const eventIds = unique.flatMap((p) => {
    const row = latest.get(p)
    return grantInForce(row, at, recipient) ? [row!.id] : []
  })
  return { ok: missing.length === 0, missing, eventIds }
}

export async function hasConsent(
  db: Db,
  userId: string,
  wanted: readonly Purpose[],
  at: Date = new Date(),
): Promise<boolean> {
  return (await consentEvidence(db, userId, wanted, at)).ok
}

/**
 * The client's current state per purpose, for the settings page: granted since when and until when, or not;
 * `state` 'expiring' (within 30 days: asked to confirm again) or 'expired' (counts as withdrawn); `renew` when
 * the last answer was a grant for a recipient that no longer receives the text (the client is asked again).
 */
export async function consentOverview(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
  recipient: AiRecipient = aiRecipient(),
) {
  assertRole(actor, 'client', 'consent.clientsOnly')
  const latest = await latestEvents(db, actor.userId, purposes)
  return purposes.map((purpose) => {
    const row = latest.get(purpose)
    const state = grantState(row, now)
    const current = forRecipient(row, recipient)
    const granted = current && (state === 'active' || state === 'expiring')
    return {
      purpose,
      granted,
      state,
      since: granted ? row!.createdAt : null,
      expiresAt: row?.granted ? consentExpiresAt(row.createdAt) : null,
      renew: Boolean(row?.granted) && !current,
    }
  })
}

/** The client's own consent history, newest first (R9.2: the client sees it). */
export async function consentHistory(db: Db, actor: Actor, limit = 100) {
  assertRole(actor, 'client', 'consent.clientsOnly')
  return db
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.userId, actor.userId))
    .orderBy(desc(consentEvents.createdAt), desc(consentEvents.id))
    .limit(limit)
}

/**
 * A per-session consent (R5.3, R9.3; `kind` recording or transcription), recorded like the AI consents. The
 * client gives it for themself, and only for one of their own bookings: another person's booking id is
 * NotFound, nothing written.
 */
export async function recordSessionConsent(
  db: Db,
  actor: Actor,
  kind: SessionConsentKind,
  input: RecordingConsentChange,
  meta: RequestMeta,
): Promise<SetResult<typeof recordingConsents.$inferSelect>> {
  assertRole(actor, 'client', 'consent.clientsOnly')
  const [own] = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.id, input.bookingId), eq(bookings.clientId, actor.userId)))
  if (!own) throw new NotFoundError('bookings.bookingNotFound')
  const text = kind === 'recording' ? recordingConsentText : transcriptionConsentText
  return appendConsent(db, actor, input, text, meta, {
    // The client is asked per session: a first "no" is an answer with proof, recorded like a "yes".
    current: async (tx) =>
      (await latestSessionConsent(tx, kind, input.bookingId, actor.userId))[0]?.granted ?? null,
    insert: async (tx, proofFields) => {
      const [event] = await tx
        .insert(recordingConsents)
        .values({
          bookingId: input.bookingId,
          userId: actor.userId,
          kind,
          granted: input.granted,
          ...proofFields,
        })
        .returning()
      return event!
    },
    audit: {
      target: { type: 'booking', id: input.bookingId },
      purpose: kind === 'recording' ? 'session_recording' : 'session_transcription',
    },
  })
}

/** Recording consent for one session (R5.3, R9.3). */
export function recordRecordingConsent(
  db: Db,
  actor: Actor,
  input: RecordingConsentChange,
  meta: RequestMeta,
) {
  return recordSessionConsent(db, actor, 'recording', input, meta)
}

function latestSessionConsent(
  db: Db,
  kind: SessionConsentKind,
  bookingId: string,
  userId: string,
  at?: Date,
) {
  return db
    .select({ id: recordingConsents.id, granted: recordingConsents.granted })
    .from(recordingConsents)
    .where(
      and(
        eq(recordingConsents.bookingId, bookingId),
        eq(recordingConsents.userId, userId),
        eq(recordingConsents.kind, kind),
        at ? lt(recordingConsents.createdAt, new Date(at.getTime() + 1)) : undefined,
      ),
    )
    .orderBy(desc(recordingConsents.createdAt), desc(recordingConsents.id))
    .limit(1)
}

/** Whether the client consented to recording this session at `at` (default now); checked before recording. */
export async function hasRecordingConsent(
  db: Db,
  bookingId: string,
  clientUserId: string,
  at: Date = new Date(),
): Promise<boolean> {
  const [row] = await latestSessionConsent(db, 'recording', bookingId, clientUserId, at)
  return row?.granted ?? false
}

/**
 * Whether the client consented to Gladia transcribing this session's audio at `at` (default now). Checked at the
 * moment audio leaves (startTranscription), for Daily recordings and uploads alike. Fails closed: an account
 * whose keys were shredded has no consent.
 */
export async function hasTranscriptionConsent(
  db: Db,
  bookingId: string,
  clientUserId: string,
  at: Date = new Date(),
): Promise<boolean> {
  const [person] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clientUserId), isNull(users.keysShreddedAt)))
  if (!person) return false
  const [row] = await latestSessionConsent(db, 'transcription', bookingId, clientUserId, at)
  return row?.granted ?? false
}
