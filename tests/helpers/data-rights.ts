import { aiAnalyses, aiTransmissions, payments, questionnaireAssignments } from '@/db/schema'
import type { Db } from '@/db/types'
import { recordAudit } from '@/lib/audit/service'
import type { Actor } from '@/lib/auth/types'
import { consentChangeSchema } from '@/lib/consent/schemas'
import { setConsent } from '@/lib/consent/service'
import { consentTexts } from '@/lib/consent/texts'
import { encryptForUser } from '@/lib/crypto'
import { createEntry } from '@/lib/journal/entries'
import { createPrompt } from '@/lib/journal/coach'
import { saveTranscript } from '@/lib/sessions/transcript-store'
import { actorOf, createUser, insertBooking } from './fixtures'

/**
 * One client with one row in every category of the export (R10.1) and the deletion (R10.2), each carrying a
 * canary string that starts with `tag`, so a test can look for "anything of this client" in any output.
 */
type CanaryKey =
  | 'name'
  | 'email'
  | 'phone'
  | 'journalTitle'
  | 'journalBody'
  | 'journalTag'
  | 'prompt'
  | 'transcript'
  | 'summary'
  | 'answer'
  | 'questionnaire'
  | 'payment'

export type SeededClient = {
  actor: Actor
  tag: string
  canaries: Record<CanaryKey, string>
  pastBookingId: string
  futureBookingId: string
  assignmentId: string
  analysisId: string
  paymentId: string
  entryId: string
}

// Bookings of one coach must not overlap (an exclusion constraint): each seeded client gets its own hours.
let slot = 0

export async function seedClientWithEverything(
  db: Db,
  coach: Actor,
  tag: string,
  now: Date,
): Promise<SeededClient> {
  const c = (what: string) => `${tag}-${what}`
  const canaries: Record<CanaryKey, string> = {
    name: c('Name'),
    email: `${tag.toLowerCase()}-mail@beispiel.ch`,
    phone: '+41 79 555 01 23',
    journalTitle: c('Tagebuchtitel'),
    journalBody: c('Tagebuchtext mit Umlauten äöü'),
    journalTag: c('tag'),
    prompt: c('Impuls'),
    transcript: c('Transkript'),
    summary: c('Zusammenfassung'),
    answer: c('Antwort'),
    questionnaire: c('Fragebogen'),
    payment: c('Rechnung'),
  }
  const row = await createUser(db, {
    name: canaries.name,
    email: canaries.email,
    phone: canaries.phone,
    coachId: coach.userId,
  })
  const actor = actorOf(row)

  const { id: entryId } = await createEntry(db, actor, {
    kind: 'journal',
    title: canaries.journalTitle,
    body: canaries.journalBody,
    mood: 4,
    tags: [canaries.journalTag],
    promptId: null,
  })
  await createPrompt(db, coach, { clientId: actor.userId, text: canaries.prompt })

  const past = await insertBooking(db, {
    coachId: coach.userId,
    clientId: actor.userId,
    startsAt: new Date(now.getTime() - 7 * 86_400_000 + slot++ * 7_200_000),
  })
  const future = await insertBooking(db, {
    coachId: coach.userId,
    clientId: actor.userId,
    startsAt: new Date(now.getTime() + 10 * 86_400_000 + slot++ * 7_200_000),
  })
  await saveTranscript(db, {
    bookingId: past.id,
    source: 'upload',
    segments: [{ speaker: 'Klientin', start: 0, end: 5, text: canaries.transcript }],
    language: 'de',
  })

  const content = {
    summary: canaries.summary,
    themes: ['Thema'],
    clientGoals: [],
    actionItems: [],
    openQuestions: [],
    nextFocus: '',
  }
  const [analysis] = await db
    .insert(aiAnalyses)
    .values({
      clientId: actor.userId,
      coachId: coach.userId,
      sourceKind: 'transcript',
      bookingId: past.id,
      status: 'approved',
      language: 'de',
      approvedEnc: await encryptForUser(db, actor.userId, JSON.stringify(content)),
      approvedAt: now,
      sharedAt: now,
    })
    .returning({ id: aiAnalyses.id })

  const [assignment] = await db
    .insert(questionnaireAssignments)
    .values({
      coachId: coach.userId,
      clientId: actor.userId,
      title: canaries.questionnaire,
      questions: [{ id: 'q1', kind: 'text', prompt: 'Wie geht es dir?', required: true }],
      answersEnc: await encryptForUser(db, actor.userId, JSON.stringify({ q1: canaries.answer })),
      submittedAt: now,
    })
    .returning({ id: questionnaireAssignments.id })

  await setConsent(
    db,
    actor,
    consentChangeSchema.parse({
      purpose: 'ai_transcripts',
      granted: 'true',
      textVersion: consentTexts.ai_transcripts.version,
      locale: 'de',
    }),
    { ip: '203.0.113.7', userAgent: 'vitest' },
  )

  const [payment] = await db
    .insert(payments)
    .values({
      userId: actor.userId,
      bookingId: past.id,
      kind: 'booking',
      status: 'paid',
      amountRappen: 15_000,
      description: canaries.payment,
      stripeCheckoutSessionId: `cs_local_${tag}`,
      occurredAt: now,
    })
    .returning({ id: payments.id })

  await db.insert(aiTransmissions).values({
    clientId: actor.userId,
    analysisId: analysis!.id,
    purpose: 'transcript',
    provider: 'mistral',
    model: `${tag}-model`,
    charsSent: 123,
    placeholders: 2,
    consentEventIds: [],
    outcome: 'ok',
  })
  await recordAudit(db, {
    actor: { userId: actor.userId, role: 'client' },
    action: 'profile.updated',
    target: { type: 'user', id: actor.userId },
    details: { fields: `${tag}-fields` },
  })

  return {
    actor,
    tag,
    canaries,
    pastBookingId: past.id,
    futureBookingId: future.id,
    assignmentId: assignment!.id,
    analysisId: analysis!.id,
    paymentId: payment!.id,
    entryId,
  }
}
