import 'server-only'
import { and, desc, eq, isNotNull } from 'drizzle-orm'
import {
  aiAnalyses,
  aiTransmissions,
  bookings,
  questionnaireAssignments,
  transcripts,
  users,
} from '@/db/schema'
import type { Db } from '@/db/types'
import { type RequestMeta, recordAudit } from '@/lib/audit/service'
import { type Actor, assertRole } from '@/lib/auth/types'
import { userCipher } from '@/lib/crypto'
import { consentEvidence } from '@/lib/consent/service'
import { AppError, ConflictError, NotFoundError } from '@/lib/errors'
import { enforceRateLimit } from '@/lib/http/rate-limit'
import { type AiClient, aiConfigured } from '@/lib/integrations/ai'
import {
  type AnalysisContent,
  analysisContentSchema,
  LIST_SECTIONS,
  openAnalysisContent,
  type SectionKey,
} from './output'
import {
  type FailureCode,
  processingRestricted,
  REQUIRED_CONSENTS,
  type RunOutcome,
  runAnalysis,
  type SourceKind,
} from './pipeline'
import { prepareReview, reviewForCoach, reviewRequired, type ReviewView } from './review'

/**
 * AI summaries and analyses for the coach (request, edit, approve, share) and the client (shared results, the
 * transmission records). Authorisation here: a coach only for their own clients' sources; the client only sees
 * approved, shared results of their own sessions — drafts never (R7.4).
 */

export type SourceRef =
  { kind: 'transcript'; bookingId: string } | { kind: 'questionnaire'; assignmentId: string }

export class AiNotConfiguredError extends AppError {
  override name = 'AiNotConfiguredError'
  constructor() {
    super('ai.notConfigured')
  }
}

export class ProcessingRestrictedError extends AppError {
  override name = 'ProcessingRestrictedError'
  constructor() {
    super('ai.restricted')
  }
}

/** `missing`: the consent purposes; the message names them in the reader's language. */
export class ConsentMissingError extends AppError {
  override name = 'ConsentMissingError'
  constructor(readonly missing: string[]) {
    super('ai.consentMissing', {
      params: { consents: missing.map((purpose) => `privacy.purposes.${purpose}.short`) },
    })
  }
}

/** The client and coach of a source the actor (a coach) owns; NotFound for anything else. */
async function ownedSource(db: Db, actor: Actor, ref: SourceRef) {
  assertRole(actor, 'coach')
  if (ref.kind === 'transcript') {
    const [row] = await db
      .select({ clientId: bookings.clientId, transcriptId: transcripts.id })
      .from(bookings)
      .leftJoin(transcripts, eq(transcripts.bookingId, bookings.id))
      .where(and(eq(bookings.id, ref.bookingId), eq(bookings.coachId, actor.userId)))
    if (!row?.clientId) throw new NotFoundError()
    return { clientId: row.clientId, hasSource: row.transcriptId !== null }
  }
  const [row] = await db
    .select({
      clientId: questionnaireAssignments.clientId,
      submittedAt: questionnaireAssignments.submittedAt,
    })
    .from(questionnaireAssignments)
    .innerJoin(users, eq(users.id, questionnaireAssignments.clientId))
    .where(and(eq(questionnaireAssignments.id, ref.assignmentId), eq(users.coachId, actor.userId)))
  if (!row) throw new NotFoundError()
  return { clientId: row.clientId, hasSource: row.submittedAt !== null }
}

const refWhere = (ref: SourceRef) =>
  ref.kind === 'transcript'
    ? eq(aiAnalyses.bookingId, ref.bookingId)
    : eq(aiAnalyses.assignmentId, ref.assignmentId)

export type AnalysisView = {
  id: string | null
  status: 'none' | (typeof aiAnalyses.$inferSelect)['status']
  failureCode: FailureCode | null
  missingConsents: string[]
  /** What the coach edits: the draft (or the approved version when no newer draft exists). */
  content: AnalysisContent | null
  approved: boolean
  shared: boolean
  approvedAt: Date | null
  updatedAt: Date | null
  /** Why a new request would not be sent now, for the button's explanation (R7.6). */
  blockedBy: { notConfigured: boolean; missingConsents: string[]; noSource: boolean; restricted: boolean }
  /** While waiting for the coach's review (R7.7): exactly what will leave, and the suspects. */
  review: ReviewView | null
  /** The practice setting: review before sending (R7.7). */
  reviewBeforeSending: boolean
}

/** The coach's view of one source's analysis, with what currently blocks a request. */
export async function getAnalysisForCoach(
  db: Db,
  actor: Actor,
  ref: SourceRef,
  now = new Date(),
  meta?: RequestMeta,
): Promise<AnalysisView> {
  const { clientId, hasSource } = await ownedSource(db, actor, ref)
  const [row] = await db.select().from(aiAnalyses).where(refWhere(ref))
  const evidence = await consentEvidence(db, clientId, REQUIRED_CONSENTS[ref.kind], now)
  const cipher = userCipher(db, clientId)
  const contentEnc = row?.draftEnc ?? row?.approvedEnc ?? null
  const content = contentEnc ? await openAnalysisContent(cipher, contentEnc) : null
  // R13.2: a coach's view of a summary is written to the audit log, like a transcript view.
  if (content && row)
    await recordAudit(db, {
      actor,
      action: 'ai.viewed',
      target: { type: 'ai_analysis', id: row.id },
      details: { kind: row.sourceKind, clientId },
      meta,
    })
  return {
    id: row?.id ?? null,
    status: row?.status ?? 'none',
    failureCode: (row?.failureCode as FailureCode | null) ?? null,
    missingConsents: row?.missingConsents ?? [],
    content,
    approved: row?.approvedEnc != null,
    shared: row?.sharedAt != null,
    approvedAt: row?.approvedAt ?? null,
    updatedAt: row?.updatedAt ?? null,
    blockedBy: {
      notConfigured: !aiConfigured(),
      missingConsents: evidence.missing,
      noSource: !hasSource,
      restricted: await processingRestricted(db, clientId),
    },
    review: row?.status === 'review' ? await reviewForCoach(db, actor, row.id) : null,
    reviewBeforeSending: await reviewRequired(db, actor.userId),
  }
}

/**
 * The coach asks for a summary (transcript) or analysis (questionnaire). Refused with a clear reason when AI is
 * not configured, a consent is missing or there is nothing to analyse; otherwise queued and run at once. A failed
 * or cancelled one can be requested again (retry); an existing draft or approved result is not overwritten.
 */
export async function requestAnalysis(
  db: Db,
  actor: Actor,
  ref: SourceRef,
  options: { client?: AiClient | null; now?: Date; meta?: RequestMeta } = {},
): Promise<RunOutcome> {
  const now = options.now ?? new Date()
  const { clientId, hasSource } = await ownedSource(db, actor, ref)
  if (!hasSource) throw new NotFoundError('ai.nothingToAnalyse')
  // R14: every request may send text to the provider.
  await enforceRateLimit(db, 'ai', actor.userId, now)
  if (options.client === null || (options.client === undefined && !aiConfigured()))
    throw new AiNotConfiguredError()
  const evidence = await consentEvidence(
    db,
    clientId,
    REQUIRED_CONSENTS[ref.kind],
    now,
    options.client?.recipient,
  )
  if (!evidence.ok) throw new ConsentMissingError(evidence.missing)
  if (await processingRestricted(db, clientId)) throw new ProcessingRestrictedError()

  const id = await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(aiAnalyses).where(refWhere(ref)).for('update')
    if (existing && !['failed', 'cancelled', 'queued'].includes(existing.status))
      throw new ConflictError(existing.status === 'running' ? 'ai.running' : 'ai.exists')
    let analysisId = existing?.id
    if (existing) {
      await tx
        .update(aiAnalyses)
        .set({ status: 'queued', failureCode: null, missingConsents: [], updatedAt: now })
        .where(eq(aiAnalyses.id, existing.id))
    } else {
      const [row] = await tx
        .insert(aiAnalyses)
        .values({
          clientId,
          coachId: actor.userId,
          sourceKind: ref.kind,
          bookingId: ref.kind === 'transcript' ? ref.bookingId : null,
          assignmentId: ref.kind === 'questionnaire' ? ref.assignmentId : null,
          status: 'queued',
        })
        .returning({ id: aiAnalyses.id })
      analysisId = row!.id
    }
    await recordAudit(tx, {
      actor,
      action: 'ai.requested',
      target: { type: 'ai_analysis', id: analysisId! },
      details: { kind: ref.kind, clientId },
      meta: options.meta,
    })
    return analysisId!
  })
  // R7.7: with review on (the default), the text waits for the coach's review; "Senden" there sends it.
  if (await reviewRequired(db, actor.userId))
    return prepareReview(db, id, { now, recipient: options.client?.recipient })
  return runAnalysis(db, id, { client: options.client, now })
}

/**
 * After a transcript is stored: queue a summary when AI is configured and the client consented (C1 + C3); the cron
 * sweeper sends it. No consent, no row — nothing waits to be sent.
 */
export async function enqueueAutoSummary(db: Db, bookingId: string, now = new Date()): Promise<boolean> {
  if (!aiConfigured()) return false
  const [booking] = await db
    .select({ clientId: bookings.clientId, coachId: bookings.coachId })
    .from(bookings)
    .where(eq(bookings.id, bookingId))
  if (!booking?.clientId) return false
  if (!(await consentEvidence(db, booking.clientId, REQUIRED_CONSENTS.transcript, now)).ok) return false
  if (await processingRestricted(db, booking.clientId)) return false
  const inserted = await db
    .insert(aiAnalyses)
    .values({
      clientId: booking.clientId,
      coachId: booking.coachId,
      sourceKind: 'transcript',
      bookingId,
      status: 'queued',
    })
    .onConflictDoNothing()
    .returning({ id: aiAnalyses.id })
  return inserted.length > 0
}

async function ownedAnalysis(db: Db, actor: Actor, analysisId: string) {
  assertRole(actor, 'coach')
  const [row] = await db
    .select()
    .from(aiAnalyses)
    .where(and(eq(aiAnalyses.id, analysisId), eq(aiAnalyses.coachId, actor.userId)))
  if (!row) throw new NotFoundError()
  return row
}

/** The coach edits one section of the draft. An approved result gets a new draft; the shared version stays. */
export async function updateSection(
  db: Db,
  actor: Actor,
  input: { analysisId: string; section: SectionKey; value: string },
  now = new Date(),
): Promise<AnalysisContent> {
  const row = await ownedAnalysis(db, actor, input.analysisId)
  if (row.status !== 'draft' && row.status !== 'approved') throw new ConflictError('ai.notEditable')
  const cipher = userCipher(db, row.clientId)
  const current = analysisContentSchema.parse(
    JSON.parse(await cipher.decrypt((row.draftEnc ?? row.approvedEnc)!)),
  )
  const value = LIST_SECTIONS.includes(input.section)
    ? input.value
        .split('\n')
        .map((line) => line.replace(/^\s*[-•*]\s*/, '').trim())
        .filter(Boolean)
    : input.value.trim()
  const next = analysisContentSchema.parse({ ...current, [input.section]: value })
  await db
    .update(aiAnalyses)
    .set({ draftEnc: await cipher.encrypt(JSON.stringify(next)), status: 'draft', updatedAt: now })
    .where(eq(aiAnalyses.id, row.id))
  return next
}

/** Approval makes the current draft the version the client may see once shared (R7.4). */
export async function approveAnalysis(
  db: Db,
  actor: Actor,
  analysisId: string,
  meta?: RequestMeta,
  now = new Date(),
) {
  const row = await ownedAnalysis(db, actor, analysisId)
  if (row.status !== 'draft' || !row.draftEnc) throw new ConflictError('ai.approveDraftOnly')
  await db.transaction(async (tx) => {
    await tx
      .update(aiAnalyses)
      .set({ status: 'approved', approvedEnc: row.draftEnc, draftEnc: null, approvedAt: now, updatedAt: now })
      .where(eq(aiAnalyses.id, row.id))
    await recordAudit(tx, {
      actor,
      action: 'ai.approved',
      target: { type: 'ai_analysis', id: row.id },
      details: { kind: row.sourceKind, clientId: row.clientId },
      meta,
    })
  })
}

/** Shares the approved version with the client or takes it back; sessions only (questionnaire analyses stay with the coach). */
export async function setAnalysisShared(
  db: Db,
  actor: Actor,
  input: { analysisId: string; shared: boolean },
  meta?: RequestMeta,
  now = new Date(),
) {
  const row = await ownedAnalysis(db, actor, input.analysisId)
  if (row.sourceKind !== 'transcript') throw new ConflictError('ai.shareSessionsOnly')
  if (input.shared && !row.approvedEnc) throw new ConflictError('ai.approveFirst')
  if ((row.sharedAt !== null) === input.shared) return
  await db.transaction(async (tx) => {
    await tx
      .update(aiAnalyses)
      .set({ sharedAt: input.shared ? now : null, updatedAt: now })
      .where(eq(aiAnalyses.id, row.id))
    await recordAudit(tx, {
      actor,
      action: input.shared ? 'ai.shared' : 'ai.unshared',
      target: { type: 'ai_analysis', id: row.id },
      details: { clientId: row.clientId },
      meta,
    })
  })
}

/** The client's view: the approved, shared summary of their own session, or null. Never a draft. */
export async function sharedSummaryForClient(
  db: Db,
  actor: Actor,
  bookingId: string,
): Promise<AnalysisContent | null> {
  assertRole(actor, 'client')
  const [row] = await db
    .select({ approvedEnc: aiAnalyses.approvedEnc })
    .from(aiAnalyses)
    .innerJoin(bookings, eq(bookings.id, aiAnalyses.bookingId))
    .where(
      and(
        eq(aiAnalyses.bookingId, bookingId),
        eq(bookings.clientId, actor.userId),
        eq(aiAnalyses.clientId, actor.userId),
        isNotNull(aiAnalyses.sharedAt),
        isNotNull(aiAnalyses.approvedEnc),
      ),
    )
  if (!row?.approvedEnc) return null
  return openAnalysisContent(userCipher(db, actor.userId), row.approvedEnc)
}

/** "KI-Übermittlungen" (R7.5): the client's own transmission records, newest first. */
export async function transmissionsForClient(db: Db, actor: Actor, limit = 200) {
  assertRole(actor, 'client')
  return db
    .select({
      id: aiTransmissions.id,
      sentAt: aiTransmissions.sentAt,
      purpose: aiTransmissions.purpose,
      provider: aiTransmissions.provider,
      host: aiTransmissions.host,
      recipient: aiTransmissions.recipient,
      model: aiTransmissions.model,
      charsSent: aiTransmissions.charsSent,
      placeholders: aiTransmissions.placeholders,
      consentEventIds: aiTransmissions.consentEventIds,
      outcome: aiTransmissions.outcome,
      reviewed: aiTransmissions.reviewed,
      maskedTokens: aiTransmissions.maskedTokens,
    })
    .from(aiTransmissions)
    .where(eq(aiTransmissions.clientId, actor.userId))
    .orderBy(desc(aiTransmissions.sentAt))
    .limit(limit)
}

/** What waits for the coach: drafts to review (coach home). */
export async function draftsForCoach(db: Db, actor: Actor, limit = 20) {
  assertRole(actor, 'coach')
  return db
    .select({
      id: aiAnalyses.id,
      kind: aiAnalyses.sourceKind,
      bookingId: aiAnalyses.bookingId,
      assignmentId: aiAnalyses.assignmentId,
      clientId: aiAnalyses.clientId,
      clientName: users.name,
      updatedAt: aiAnalyses.updatedAt,
    })
    .from(aiAnalyses)
    .innerJoin(users, eq(users.id, aiAnalyses.clientId))
    .where(and(eq(aiAnalyses.coachId, actor.userId), eq(aiAnalyses.status, 'draft')))
    .orderBy(desc(aiAnalyses.updatedAt))
    .limit(limit)
}

export type { SourceKind }
