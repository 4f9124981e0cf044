import 'server-only'
import { and, eq, inArray } from 'drizzle-orm'
import { aiAnalyses, aiSettings } from '@/db/schema'
import type { Db } from '@/db/types'
import { type RequestMeta, recordAudit } from '@/lib/audit/service'
import { type Actor, assertRole } from '@/lib/auth/types'
import { userCipher } from '@/lib/crypto'
import { AppError, NotFoundError } from '@/lib/errors'
import { enforceRateLimit } from '@/lib/http/rate-limit'
import type { AiClient, AiRecipient } from '@/lib/integrations/ai'
import { log } from '@/lib/log'
import { PseudonymizationLeakError } from '@/lib/privacy/pseudonymize'
import { pseudonymizeForClient } from '@/lib/privacy/store'
import { fail, type RunOutcome, runAnalysis, sendable } from './pipeline'
import { type ReviewPayload, reviewPayloadSchema } from './review-payload'

/**
 * Review before sending (R7.7, on by default): the pseudonymised text waits in the analysis row (encrypted with
 * the client's key) until the coach has seen exactly what will leave — placeholders highlighted, the tokens that
 * may still identify someone listed — masked what they want, and pressed "Senden". Masking a token puts it into
 * the client's mapping for good. Consent and restriction are checked when the review is prepared and again when
 * it is sent (runAnalysis); the transmission record notes the review and how many tokens were masked.
 */

/** The most a review lists: the strongest suspects, each value once. */
const MAX_SUSPECTS = 30

export class TokenNotInTextError extends AppError {
  override name = 'TokenNotInTextError'
  constructor() {
    super('ai.tokenNotInText', { field: 'token' })
  }
}

/** The practice setting (per coach): review before sending, on unless turned off. */
export async function reviewRequired(db: Db, coachId: string | null): Promise<boolean> {
  if (!coachId) return true
  const [row] = await db
    .select({ on: aiSettings.reviewBeforeSending })
    .from(aiSettings)
    .where(eq(aiSettings.coachId, coachId))
  return row?.on ?? true
}

export async function setReviewBeforeSending(
  db: Db,
  actor: Actor,
  on: boolean,
  meta?: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertRole(actor, 'coach')
  await db.transaction(async (tx) => {
    await tx
      .insert(aiSettings)
      .values({ coachId: actor.userId, reviewBeforeSending: on, updatedAt: now })
      .onConflictDoUpdate({ target: aiSettings.coachId, set: { reviewBeforeSending: on, updatedAt: now } })
    await recordAudit(tx, {
      actor,
      action: 'ai.review_setting',
      target: { type: 'user', id: actor.userId },
      details: { reviewBeforeSending: on },
      meta,
    })
  })
}

/** Distinct suspect values, strongest first, as they appear in the outgoing text. */
function topSuspects(text: string, suspects: ReviewPayload['suspects']): ReviewPayload['suspects'] {
  const seen = new Set<string>()
  return [...suspects]
    .filter((s) => text.slice(s.start, s.end) === s.value)
    .sort((a, b) => b.score - a.score || a.start - b.start)
    .filter((s) => !seen.has(s.value.toLowerCase()) && seen.add(s.value.toLowerCase()))
    .slice(0, MAX_SUSPECTS)
    .sort((a, b) => a.start - b.start)
}

/**
 * Pseudonymises the source (with any newly masked tokens) and parks it for review: from `queued` (a new
 * request or the sweeper) or `review` (after a mask). Consent and restriction refuse here already, so the coach
 * never reviews a text that may not be sent.
 */
export async function prepareReview(
  db: Db,
  analysisId: string,
  options: { now?: Date; masked?: string[]; recipient?: AiRecipient } = {},
): Promise<RunOutcome> {
  const now = options.now ?? new Date()
  const [analysis] = await db
    .select()
    .from(aiAnalyses)
    .where(and(eq(aiAnalyses.id, analysisId), inArray(aiAnalyses.status, ['queued', 'review'])))
  if (!analysis) return { status: 'skipped' }
  const gate = await sendable(db, analysis, now, options.recipient)
  if ('stopped' in gate) return gate.stopped
  const { source } = gate
  let payload: ReviewPayload
  try {
    const outgoing = await pseudonymizeForClient(db, analysis.clientId, source.text, {
      masked: (options.masked ?? []).map((value) => ({ value })),
    })
    payload = {
      text: outgoing.text,
      placeholders: outgoing.placeholders,
      suspects: topSuspects(outgoing.text, outgoing.suspects),
    }
  } catch (error) {
    if (error instanceof PseudonymizationLeakError) {
      log.warn('ai.blocked', { reason: 'leak', analysisId, types: error.types.join(',') })
      return { status: await fail(db, analysisId, 'leak', now), failureCode: 'leak' }
    }
    throw error
  }
  const reviewEnc = await userCipher(db, analysis.clientId).encrypt(JSON.stringify(payload))
  await db
    .update(aiAnalyses)
    .set({
      status: 'review',
      reviewEnc,
      reviewMasked: analysis.status === 'review' ? analysis.reviewMasked + (options.masked?.length ?? 0) : 0,
      failureCode: null,
      missingConsents: [],
      updatedAt: now,
    })
    .where(eq(aiAnalyses.id, analysisId))
  return { status: 'review' }
}

/** The sweeper: what was queued after a transcription is sent — or, with review on, parked for review. */
export async function processQueuedAnalyses(
  db: Db,
  options: { client?: AiClient | null; now?: Date; limit?: number } = {},
) {
  const queued = await db
    .select({ id: aiAnalyses.id, coachId: aiAnalyses.coachId })
    .from(aiAnalyses)
    .where(eq(aiAnalyses.status, 'queued'))
    .orderBy(aiAnalyses.updatedAt)
    .limit(options.limit ?? 5)
  const outcomes: RunOutcome[] = []
  for (const { id, coachId } of queued) outcomes.push(await processQueuedAnalysis(db, id, coachId, options))
  return outcomes
}

/** One queued analysis: parked for the coach's review when they want one, else sent (consent checked inside). */
export async function processQueuedAnalysis(
  db: Db,
  id: string,
  coachId: string | null,
  options: { client?: AiClient | null; now?: Date } = {},
): Promise<RunOutcome> {
  return (await reviewRequired(db, coachId))
    ? prepareReview(db, id, { now: options.now })
    : runAnalysis(db, id, options)
}

async function ownedReview(db: Db, actor: Actor, analysisId: string) {
  assertRole(actor, 'coach')
  const [row] = await db
    .select()
    .from(aiAnalyses)
    .where(and(eq(aiAnalyses.id, analysisId), eq(aiAnalyses.coachId, actor.userId)))
  if (!row) throw new NotFoundError('ai.notFound')
  if (row.status !== 'review' || !row.reviewEnc) throw new AppError('ai.notInReview')
  return row
}

export type ReviewView = ReviewPayload & { masked: number }

/** The review the coach sees, or null when the analysis is not waiting for one. */
export async function reviewForCoach(db: Db, actor: Actor, analysisId: string): Promise<ReviewView | null> {
  const row = await ownedReview(db, actor, analysisId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'ai.notInReview') return null
    throw error
  })
  if (!row) return null
  const payload = reviewPayloadSchema.parse(
    JSON.parse(await userCipher(db, row.clientId).decrypt(row.reviewEnc!)),
  )
  return { ...payload, masked: row.reviewMasked }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * One click masks a token everywhere (R7.7): it must occur in the outgoing text as a word; it joins the client's
 * mapping (so it stays masked in later texts) and the review text is made again. The audit says that a token
 * was masked, never which.
 */
export async function maskReviewToken(
  db: Db,
  actor: Actor,
  input: { analysisId: string; token: string },
  meta?: RequestMeta,
  now = new Date(),
): Promise<RunOutcome> {
  const row = await ownedReview(db, actor, input.analysisId)
  const token = input.token.trim()
  const payload = reviewPayloadSchema.parse(
    JSON.parse(await userCipher(db, row.clientId).decrypt(row.reviewEnc!)),
  )
  const word = new RegExp(`(?<![\\p{L}\\p{N}])${escape(token)}(?![\\p{L}\\p{N}])`, 'iu')
  if (/^\[[A-Z]+_\d+\]$/.test(token) || !word.test(payload.text)) throw new TokenNotInTextError()
  const outcome = await prepareReview(db, row.id, { now, masked: [token] })
  await recordAudit(db, {
    actor,
    action: 'ai.token_masked',
    target: { type: 'ai_analysis', id: row.id },
    details: { clientId: row.clientId },
    meta,
  })
  return outcome
}

/** "Senden" — only from the review: sends exactly the reviewed text (checks of this moment in runAnalysis). */
export async function sendReviewedAnalysis(
  db: Db,
  actor: Actor,
  analysisId: string,
  options: { client?: AiClient | null; now?: Date; meta?: RequestMeta } = {},
): Promise<RunOutcome> {
  const row = await ownedReview(db, actor, analysisId)
  await enforceRateLimit(db, 'ai', actor.userId, options.now ?? new Date())
  await recordAudit(db, {
    actor,
    action: 'ai.review_sent',
    target: { type: 'ai_analysis', id: row.id },
    details: { clientId: row.clientId, masked: row.reviewMasked },
    meta: options.meta,
  })
  return runAnalysis(db, row.id, { client: options.client, now: options.now, reviewed: true })
}
