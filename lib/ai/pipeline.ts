import 'server-only'
import { and, eq } from 'drizzle-orm'
import { aiAnalyses, aiTransmissions, bookings, transcripts, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { toActor } from '@/lib/auth/actor'
import { userCipher } from '@/lib/crypto'
import { consentEvidence, type Purpose } from '@/lib/consent/service'
import { type AiClient, AiCallError, aiClient, type AiRecipient } from '@/lib/integrations/ai'
import { recipientLabel } from '@/lib/consent/texts'
import { log } from '@/lib/log'
import { PseudonymizationLeakError, reidentify } from '@/lib/privacy/pseudonymize'
import { assertOutgoingClean, loadMapping, pseudonymizeForClient } from '@/lib/privacy/store'
import { getSubmittedAnswersForAnalysis } from '@/lib/questionnaires/service'
import { decryptSegments } from '@/lib/sessions/transcript-store'
import { type AnalysisContent, analysisJsonSchema, parseModelOutput } from './output'
import { reviewPayloadSchema } from './review-payload'

/**
 * The AI pipeline (R7): consent at the moment of sending → pseudonymise (leak check must pass) → the configured
 * provider (lib/integrations/ai) with a JSON-schema answer → validate → re-identify → store encrypted as a draft.
 * Every call leaves a transmission record without text (R7.5) that names the provider, host and recipient.
 * Nothing is half-stored: the draft is written only when every step succeeded.
 */

export type SourceKind = 'transcript' | 'questionnaire'

/** R7.1: transcripts need C1 + C3, questionnaire answers C2 + C3. */
export const REQUIRED_CONSENTS: Record<SourceKind, readonly Purpose[]> = {
  transcript: ['ai_transcripts', 'ai_external_provider'],
  questionnaire: ['ai_questionnaires', 'ai_external_provider'],
}

export type FailureCode =
  | 'not_configured'
  | 'consent_missing'
  | 'restricted'
  | 'source_missing'
  | 'leak'
  | 'timeout'
  | 'rate_limited'
  | 'provider_error'
  | 'invalid_output'

/** One call's worth of text; longer transcripts are split by speaker turns and the parts merged. */
export const MAX_CHARS_PER_CALL = 180_000

const LANGUAGE_NAMES: Record<string, string> = {
  de: 'Deutsch',
  en: 'English',
  it: 'Italiano',
  es: 'Español',
  fr: 'Français',
}

function systemPrompt(kind: SourceKind, language: string): string {
  const what =
    kind === 'transcript'
      ? 'das Transkript einer Coaching-Sitzung'
      : 'die Antworten einer Klientin oder eines Klienten auf einen Coaching-Fragebogen'
  return [
    `Du unterstützt eine Coachin. Du erhältst ${what}.`,
    'Namen, Orte und andere Angaben sind durch Platzhalter in eckigen Klammern ersetzt, z. B. [PERSON_1] oder [ORT_2].',
    'Übernimm Platzhalter unverändert, genau so geschrieben, und erfinde keine neuen Namen.',
    `Antworte in dieser Sprache: ${LANGUAGE_NAMES[language] ?? language}.`,
    'Antworte nur mit JSON nach dem Schema: summary (Zusammenfassung), themes (Themen), clientGoals (Ziele der',
    'Klientin/des Klienten), actionItems (vereinbarte nächste Schritte), openQuestions (offene Fragen), nextFocus',
    '(vorgeschlagener Fokus für die nächste Sitzung). Keine Diagnosen, keine Bewertungen der Person.',
  ].join(' ')
}

const MERGE_INSTRUCTION =
  'Die folgenden JSON-Objekte fassen aufeinanderfolgende Teile derselben Sitzung zusammen. Führe sie zu einer einzigen Antwort nach demselben Schema zusammen, ohne Wiederholungen.'

type Source = { clientId: string; coachId: string | null; language: string; text: string }

export async function loadSource(db: Db, analysis: typeof aiAnalyses.$inferSelect): Promise<Source | null> {
  if (analysis.sourceKind === 'transcript' && analysis.bookingId) {
    const [row] = await db
      .select({ t: transcripts, coachId: bookings.coachId })
      .from(transcripts)
      .innerJoin(bookings, eq(bookings.id, transcripts.bookingId))
      .where(eq(transcripts.bookingId, analysis.bookingId))
    if (!row) return null
    const segments = await decryptSegments(db, analysis.clientId, row.t.segmentsEnc)
    return {
      clientId: analysis.clientId,
      coachId: row.coachId,
      language: row.t.language ?? 'de',
      text: segments.map((s) => `${s.speaker}: ${s.text}`).join('\n'),
    }
  }
  if (analysis.sourceKind === 'questionnaire' && analysis.assignmentId && analysis.coachId) {
    const [coach] = await db.select().from(users).where(eq(users.id, analysis.coachId))
    if (!coach) return null
    // The coach's own authorisation applies: their client, submitted answers only.
    const answers = await getSubmittedAnswersForAnalysis(db, toActor(coach), analysis.assignmentId).catch(
      () => null,
    )
    if (!answers) return null
    return {
      clientId: answers.clientId,
      coachId: analysis.coachId,
      language: answers.language,
      text: [
        `Fragebogen: ${answers.questionnaireTitle}`,
        ...answers.items.map((i) => `Frage: ${i.question}\nAntwort: ${i.answerText || '—'}`),
      ].join('\n\n'),
    }
  }
  return null
}

/** Splits at line (speaker turn) boundaries into parts of at most `max` characters. */
export function splitByTurns(text: string, max = MAX_CHARS_PER_CALL): string[] {
  if (text.length <= max) return [text]
  const parts: string[] = []
  let current = ''
  for (const line of text.split('\n')) {
    // A single turn longer than a part is cut at the limit; it still goes out pseudonymised.
    for (let i = 0; i < line.length || i === 0; i += max) {
      const piece = line.slice(i, i + max)
      if (current && current.length + piece.length + 1 > max) {
        parts.push(current)
        current = ''
      }
      current = current ? `${current}\n${piece}` : piece
      if (line.length === 0) break
    }
  }
  if (current) parts.push(current)
  return parts
}

export async function processingRestricted(db: Db, clientId: string): Promise<boolean> {
  const [row] = await db
    .select({ at: users.processingRestrictedAt })
    .from(users)
    .where(eq(users.id, clientId))
  return row?.at != null
}

export async function fail(db: Db, id: string, code: FailureCode, now: Date, missing: string[] = []) {
  const status = code === 'consent_missing' || code === 'restricted' ? 'cancelled' : 'failed'
  // A review that cannot be sent is over: its text is not kept.
  await db
    .update(aiAnalyses)
    .set({ status, failureCode: code, missingConsents: missing, reviewEnc: null, updatedAt: now })
    .where(eq(aiAnalyses.id, id))
  return status
}

/**
 * What must hold when a text is about to leave (or to be shown for review): the source exists, the consents are
 * in force (R7.1: a withdrawal after queueing stops the send) and the client does not restrict processing
 * (R10.3). Otherwise the analysis is failed or cancelled with the reason, and that outcome is returned.
 */
export async function sendable(
  db: Db,
  analysis: typeof aiAnalyses.$inferSelect,
  now: Date,
  /** The C3 grant must name the recipient the text would go to (lib/consent/service.ts). */
  recipient?: AiRecipient,
) {
  const stop = async (code: FailureCode, missing: string[] = []): Promise<{ stopped: RunOutcome }> => ({
    stopped: { status: await fail(db, analysis.id, code, now, missing), failureCode: code },
  })
  const source = await loadSource(db, analysis)
  if (!source) return stop('source_missing')
  const evidence = await consentEvidence(
    db,
    analysis.clientId,
    REQUIRED_CONSENTS[analysis.sourceKind],
    now,
    recipient,
  )
  if (!evidence.ok) return stop('consent_missing', evidence.missing)
  if (await processingRestricted(db, analysis.clientId)) return stop('restricted')
  return { source, evidence }
}

export type RunOutcome = {
  status: 'draft' | 'review' | 'failed' | 'cancelled' | 'skipped'
  failureCode?: FailureCode
}

/**
 * Runs one queued analysis — or, with `reviewed`, one the coach reviewed (R7.7) — to a draft (or a visible
 * failure). Claims the row first, so two runners (the coach's click and the cron sweeper) never send the same
 * text twice. A reviewed analysis sends exactly the text the coach saw, after the consent, restriction and leak
 * checks of this moment.
 */
export async function runAnalysis(
  db: Db,
  analysisId: string,
  options: { client?: AiClient | null; now?: Date; reviewed?: boolean } = {},
): Promise<RunOutcome> {
  const now = options.now ?? new Date()
  const [analysis] = await db
    .update(aiAnalyses)
    .set({ status: 'running', failureCode: null, missingConsents: [], updatedAt: now })
    .where(and(eq(aiAnalyses.id, analysisId), eq(aiAnalyses.status, options.reviewed ? 'review' : 'queued')))
    .returning()
  if (!analysis) return { status: 'skipped' }
  await db
    .update(aiAnalyses)
    .set({ attempts: analysis.attempts + 1 })
    .where(eq(aiAnalyses.id, analysisId))

  const client = options.client === undefined ? aiClient() : options.client
  if (!client)
    return { status: await fail(db, analysisId, 'not_configured', now), failureCode: 'not_configured' }

  const gate = await sendable(db, analysis, now, client.recipient)
  if ('stopped' in gate) return gate.stopped
  const { source, evidence } = gate
  const kind = analysis.sourceKind

  let outgoing: { text: string; placeholders: number }
  try {
    if (options.reviewed && analysis.reviewEnc) {
      const review = reviewPayloadSchema.parse(
        JSON.parse(await userCipher(db, analysis.clientId).decrypt(analysis.reviewEnc)),
      )
      // Fail closed again: a token masked since, or a known name added since, must not leave.
      await assertOutgoingClean(db, analysis.clientId, review.text)
      outgoing = review
    } else outgoing = await pseudonymizeForClient(db, analysis.clientId, source.text)
  } catch (error) {
    if (error instanceof PseudonymizationLeakError) {
      log.warn('ai.blocked', { reason: 'leak', analysisId, types: error.types.join(',') })
      return { status: await fail(db, analysisId, 'leak', now), failureCode: 'leak' }
    }
    throw error
  }

  // R7.5: the record is written before the request leaves, as "pending", and completed after it — so a crash
  // between sending and recording still leaves a trace.
  const recordPending = async (chars: number) => {
    const [row] = await db
      .insert(aiTransmissions)
      .values({
        clientId: analysis.clientId,
        analysisId,
        purpose: kind,
        provider: client.provider,
        host: client.host,
        recipient: recipientLabel(client.recipient),
        model: client.model,
        charsSent: chars,
        placeholders: outgoing.placeholders,
        consentEventIds: evidence.eventIds,
        outcome: 'pending',
        reviewed: options.reviewed === true,
        maskedTokens: options.reviewed ? analysis.reviewMasked : 0,
        sentAt: new Date(),
      })
      .returning({ id: aiTransmissions.id })
    return row!.id
  }
  const complete = (id: string, outcome: string) =>
    db.update(aiTransmissions).set({ outcome }).where(eq(aiTransmissions.id, id))

  const system = systemPrompt(kind, source.language)
  // A model that ignores the schema is asked again as often as its client allows; each attempt is a
  // transmission of its own, with its own record.
  const call = async (user: string) => {
    for (let attempt = 0; ; attempt++) {
      const transmission = await recordPending(system.length + user.length)
      let raw: string
      try {
        raw = await client.completeJson({
          system,
          user,
          schemaName: 'coaching_summary',
          schema: analysisJsonSchema,
          insist: attempt > 0,
        })
      } catch (error) {
        await complete(transmission, error instanceof AiCallError ? error.code : 'failed')
        // An answer without usable content is drift too.
        if (
          error instanceof AiCallError &&
          error.code === 'invalid_output' &&
          attempt < client.invalidOutputRetries
        )
          continue
        throw error
      }
      const parsed = parseModelOutput(raw)
      await complete(transmission, parsed ? 'ok' : 'invalid_output')
      if (parsed) return parsed
      if (attempt >= client.invalidOutputRetries) throw new AiCallError('invalid_output')
    }
  }

  let content: AnalysisContent
  try {
    const parts = splitByTurns(outgoing.text, client.maxCharsPerCall ?? MAX_CHARS_PER_CALL)
    const partial: AnalysisContent[] = []
    for (const part of parts) partial.push(await call(part))
    content =
      partial.length === 1 ? partial[0]! : await call(`${MERGE_INSTRUCTION}\n\n${JSON.stringify(partial)}`)
  } catch (error) {
    if (error instanceof AiCallError) {
      log.warn('ai.failed', { analysisId, code: error.code })
      return { status: await fail(db, analysisId, error.code, now), failureCode: error.code }
    }
    throw error
  }

  const mapping = await loadMapping(db, analysis.clientId)
  const back = (value: string) => reidentify(value, mapping).text
  const restored: AnalysisContent = {
    summary: back(content.summary),
    themes: content.themes.map(back),
    clientGoals: content.clientGoals.map(back),
    actionItems: content.actionItems.map(back),
    openQuestions: content.openQuestions.map(back),
    nextFocus: back(content.nextFocus),
  }
  const draftEnc = await userCipher(db, analysis.clientId).encrypt(JSON.stringify(restored))
  await db
    .update(aiAnalyses)
    .set({
      status: 'draft',
      draftEnc,
      reviewEnc: null,
      language: source.language,
      failureCode: null,
      updatedAt: new Date(),
    })
    .where(and(eq(aiAnalyses.id, analysisId), eq(aiAnalyses.status, 'running')))
  log.info('ai.draft_stored', {
    analysisId,
    kind,
    parts: splitByTurns(outgoing.text, client.maxCharsPerCall ?? MAX_CHARS_PER_CALL).length,
  })
  return { status: 'draft' }
}
