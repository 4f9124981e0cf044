import { eq } from 'drizzle-orm'
import {
  availabilityExceptions,
  journalPrompts,
  plans,
  questionnaireQuestions,
  questionnaires,
  sessionTypes,
} from '@/db/schema'
import type { Db } from '@/db/types'
import { DELETION_PHRASES } from '@/lib/account/schemas'
import type { Actor } from '@/lib/auth/types'
import { consentTexts, recordingConsentText, transcriptionConsentText } from '@/lib/consent/texts'
import { type ActionRef, callAction, describeOutcome, harness } from './action-harness'
import { seedClientWithEverything, type SeededClient } from './data-rights'
import { actorOf, createUser } from './fixtures'

export const PERSONAS = ['anonymous', 'clientA', 'clientB', 'coachOfA', 'coachOfNobody'] as const
export type Persona = (typeof PERSONAS)[number]

export type World = {
  actors: Record<Persona, Actor | null>
  a: SeededClient
  b: SeededClient
  sessionTypeId: string
  planId: string
  exceptionId: string
  questionnaireId: string
  questionId: string
  promptId: string
  /** Strings only client A and the coach of A may ever see in an answer. */
  canaries: string[]
}

function form(values: Record<string, string | Blob>): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(values)) f.append(k, v)
  return f
}

async function must(ref: Pick<ActionRef, 'fn'>, actor: Actor, values: Record<string, string>) {
  const outcome = await callAction(ref.fn, actor, form(values))
  if (outcome.kind === 'threw') throw new Error(`seeding failed: ${describeOutcome(outcome)}`)
  return outcome
}

/**
 * Client A with a row in every category (journal, bookings, transcript, analysis, assignment, consent, payment),
 * client B (also of coach A, with the same categories), the coach of both and a coach of nobody; coach A's offer
 * (session type, plan, exception, questionnaire with a question) is made through the real actions.
 */
export async function seedWorld(db: Db, now: Date): Promise<World> {
  harness.db = db
  const coachA = actorOf(await createUser(db, { role: 'coach', name: 'Coach A' }))
  const coachN = actorOf(await createUser(db, { role: 'coach', name: 'Coach Niemand' }))
  const a = await seedClientWithEverything(db, coachA, 'KANARIEA', now)
  const b = await seedClientWithEverything(db, coachA, 'KANARIEB', now)

  const offering = await import('@/lib/bookings/offering-actions')
  const planActions = await import('@/lib/payments/plan-actions')
  const qActions = await import('@/lib/questionnaires/actions')
  await must({ fn: offering.saveSessionTypeAction as never }, coachA, {
    name: 'Einzelsitzung',
    durationMinutes: '60',
    price: '150',
    mode: 'video',
  })
  const [st] = await db.select().from(sessionTypes).where(eq(sessionTypes.coachId, coachA.userId))
  await must({ fn: planActions.savePlanAction as never }, coachA, {
    name: 'Monatsabo',
    sessionTypeId: st!.id,
    sessionsPerMonth: '2',
    price: '280',
  })
  const [plan] = await db.select().from(plans)
  await must({ fn: offering.addExceptionAction as never }, coachA, { date: '2031-01-02', kind: 'off' })
  const [ex] = await db.select().from(availabilityExceptions)
  await must({ fn: qActions.createQuestionnaireAction as never }, coachA, { title: 'Start', description: '' })
  const [q] = await db.select().from(questionnaires)
  await must({ fn: qActions.saveQuestionAction as never }, coachA, {
    questionnaireId: q!.id,
    kind: 'text',
    prompt: 'Was wünschst du dir?',
    required: 'on',
  })
  const [question] = await db.select().from(questionnaireQuestions)
  const [prompt] = await db.select().from(journalPrompts).where(eq(journalPrompts.clientId, a.actor.userId))

  const c = a.canaries
  return {
    actors: { anonymous: null, clientA: a.actor, clientB: b.actor, coachOfA: coachA, coachOfNobody: coachN },
    a,
    b,
    sessionTypeId: st!.id,
    planId: plan!.id,
    exceptionId: ex!.id,
    questionnaireId: q!.id,
    questionId: question!.id,
    promptId: prompt!.id,
    canaries: [
      // (not the phone number: the seed gives every client the same one)
      c.name,
      c.journalTitle,
      c.journalBody,
      c.journalTag,
      c.prompt,
      c.transcript,
      c.summary,
      c.answer,
      c.questionnaire,
      c.payment,
    ],
  }
}

/** A future slot start that is plausible for coach A (the booking may still be refused by slot rules). */
const FUTURE = '2031-01-06T09:00:00+01:00'

/**
 * A valid-looking form per action, aimed at client A's data (or coach A's offer). A new action without an entry
 * here makes both tests fail with a message naming it.
 */
export const formBuilders: Record<string, (w: World) => Record<string, string | Blob>> = {
  // journal
  saveEntryAction: (w) => ({
    entryId: w.a.entryId,
    kind: 'journal',
    title: 'x',
    body: 'überschrieben',
    mood: '3',
  }),
  deleteEntryAction: (w) => ({ entryId: w.a.entryId }),
  setSharingAction: (w) => ({ entryId: w.a.entryId, share: '1' }),
  createPromptAction: (w) => ({ clientId: w.a.actor.userId, text: 'Neuer Impuls' }),
  deletePromptAction: (w) => ({ promptId: w.promptId }),
  // AI
  requestAnalysisAction: (w) => ({ kind: 'transcript', sourceId: w.a.pastBookingId }),
  updateSectionAction: (w) => ({
    kind: 'transcript',
    analysisId: w.a.analysisId,
    section: 'summary',
    value: 'Neu',
  }),
  approveAnalysisAction: (w) => ({ kind: 'transcript', analysisId: w.a.analysisId }),
  setAnalysisSharedAction: (w) => ({ kind: 'transcript', analysisId: w.a.analysisId, shared: '0' }),
  maskTokenAction: (w) => ({ kind: 'transcript', analysisId: w.a.analysisId, token: 'Zwahlen' }),
  sendReviewedAction: (w) => ({ kind: 'transcript', analysisId: w.a.analysisId }),
  setReviewSettingAction: () => ({ review: 'off' }),
  // auth
  signInAction: (w) => ({ email: w.a.canaries.email, password: 'falsches-passwort-123' }),
  signOutAction: () => ({}),
  setLocaleAction: () => ({ locale: 'en' }),
  // account
  updateProfileAction: () => ({ name: 'Neuer Name', phone: '', locale: 'de', timeZone: 'Europe/Zurich' }),
  setRestrictionAction: () => ({ restricted: 'true' }),
  deleteAccountAction: () => ({ confirmation: DELETION_PHRASES.de }),
  deleteClientAccountAction: (w) => ({ clientId: w.a.actor.userId, confirmation: DELETION_PHRASES.de }),
  createTestAccountAction: () => ({ name: 'Testperson' }),
  // sessions
  uploadSessionFileAction: (w) => ({
    bookingId: w.a.pastBookingId,
    file: new File(['WEBVTT\n\n00:00.000 --> 00:05.000\n<v Coach>Hallo\n'], 't.vtt', { type: 'text/vtt' }),
  }),
  setTranscriptSharedAction: (w) => ({ bookingId: w.a.pastBookingId, shared: '1' }),
  retryRecordingAction: (w) => ({ bookingId: w.a.pastBookingId, recordingId: crypto.randomUUID() }),
  moveSessionIntoPastAction: (w) => ({ bookingId: w.a.futureBookingId }),
  joinVideoAction: (w) => ({ bookingId: w.a.futureBookingId }),
  recordingAction: (w) => ({ bookingId: w.a.futureBookingId, intent: 'start' }),
  transcriptionConsentAction: (w) => ({
    bookingId: w.a.pastBookingId,
    granted: 'true',
    textVersion: transcriptionConsentText.version,
    locale: 'de',
  }),
  prepareAudioUploadAction: (w) => ({
    bookingId: w.a.pastBookingId,
    name: 'sitzung.ogg',
    type: 'audio/ogg',
    size: '4096',
  }),
  registerAudioUploadAction: (w) => ({ bookingId: w.a.pastBookingId, ticket: 'eyJ4IjoxfQ.forged' }),
  recordingConsentAction: (w) => ({
    bookingId: w.a.futureBookingId,
    granted: 'true',
    textVersion: recordingConsentText.version,
    locale: 'de',
  }),
  // payments
  subscribeAction: (w) => ({ planId: w.planId }),
  manageAction: () => ({}),
  localPortalAction: () => ({ choice: 'cancel_at_period_end' }),
  savePlanAction: (w) => ({
    id: w.planId,
    name: 'Geändert',
    sessionTypeId: w.sessionTypeId,
    sessionsPerMonth: '3',
    price: '300',
  }),
  togglePlanAction: (w) => ({ id: w.planId, active: '0' }),
  payTestCheckoutAction: (w) => ({ checkoutId: `cs_local_${w.a.tag}` }),
  // bookings
  bookAction: (w) => ({ sessionTypeId: w.sessionTypeId, startsAt: FUTURE, payWith: 'checkout' }),
  cancelAction: (w) => ({ bookingId: w.a.futureBookingId, intent: 'cancel' }),
  rescheduleAction: (w) => ({ bookingId: w.a.futureBookingId, startsAt: FUTURE }),
  saveSessionTypeAction: (w) => ({
    id: w.sessionTypeId,
    name: 'Anders',
    durationMinutes: '45',
    price: '99',
    mode: 'video',
  }),
  toggleSessionTypeAction: (w) => ({ id: w.sessionTypeId, active: '0' }),
  saveWeekAction: () => ({ day1: '08:00-12:00', day2: '', day3: '', day4: '', day5: '', day6: '', day7: '' }),
  saveSettingsAction: () => ({
    bufferBeforeMinutes: '10',
    bufferAfterMinutes: '10',
    minNoticeHours: '12',
    horizonDays: '30',
    slotStepMinutes: '30',
    cancelCutoffHours: '24',
  }),
  addExceptionAction: () => ({ date: '2031-02-03', kind: 'off' }),
  deleteExceptionAction: (w) => ({ id: w.exceptionId }),
  // consent
  setConsentAction: () => ({
    purpose: 'ai_questionnaires',
    granted: 'true',
    textVersion: consentTexts.ai_questionnaires.version,
    locale: 'de',
  }),
  // questionnaires
  createQuestionnaireAction: () => ({ title: 'Neu', description: '' }),
  saveQuestionnaireMetaAction: (w) => ({
    questionnaireId: w.questionnaireId,
    title: 'Umbenannt',
    description: '',
  }),
  saveQuestionAction: (w) => ({
    questionnaireId: w.questionnaireId,
    questionId: w.questionId,
    kind: 'text',
    prompt: 'Geändert?',
  }),
  questionCommandAction: (w) => ({ questionId: w.questionId, command: 'delete' }),
  setArchivedAction: (w) => ({ questionnaireId: w.questionnaireId, archived: '1' }),
  deleteQuestionnaireAction: (w) => ({ questionnaireId: w.questionnaireId }),
  assignAction: (w) => ({ questionnaireId: w.questionnaireId, clientId: w.a.actor.userId, dueDate: '' }),
  saveAnswersAction: (w) => ({ assignmentId: w.a.assignmentId, intent: 'draft', 'a.q1': 'Neue Antwort' }),
}

export function buildForm(name: string, w: World): FormData {
  const builder = formBuilders[name]
  if (!builder)
    throw new Error(`no form builder for server action ${name}: add one to tests/helpers/authz-world.ts`)
  return form(builder(w))
}

export { form as formOf }
