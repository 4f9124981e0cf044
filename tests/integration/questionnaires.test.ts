import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditLog,
  emailOutbox,
  questionnaireAssignments,
  questionnaireQuestions,
  questionnaires,
  users,
} from '@/db/schema'
import { seedDemoData } from '@/db/seed'
import type { Db, DbHandle } from '@/db/types'
import { verifyAuditChain } from '@/lib/audit/chain'
import { type Actor, AuthorizationError } from '@/lib/auth/types'
import { KeyShreddedError, shredUserKey } from '@/lib/crypto'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { questionInputSchema, questionnaireMetaSchema } from '@/lib/questionnaires/schemas'
import {
  addQuestion,
  AlreadyAssignedError,
  AlreadySubmittedError,
  AnswerValidationError,
  assignQuestionnaire,
  createQuestionnaire,
  deleteQuestion,
  deleteQuestionnaire,
  getAssignmentForClient,
  getQuestionnaire,
  getSubmittedAnswersForAnalysis,
  listAssignableQuestionnaires,
  listAssignmentsForClient,
  listAssignmentsForClientOfCoach,
  listAssignmentsOfQuestionnaire,
  listNewAnswersForCoach,
  listQuestionnaires,
  moveQuestion,
  saveAnswers,
  setQuestionnaireArchived,
  updateQuestion,
  updateQuestionnaire,
  viewSubmittedAnswers,
} from '@/lib/questionnaires/service'
import { createTestDb } from '../helpers/db'
import { actorOf, countRows, createUser, rejection } from '../helpers/fixtures'
import { fieldTexts, issueText, messageOf } from '../helpers/error-text'

const NOW = new Date('2030-03-04T08:00:00Z')
const meta = { ip: '203.0.113.7', userAgent: 'vitest' }
const SECRET = 'Ich schlafe seit der Trennung schlecht und grüble nachts'

let handle: DbHandle
let db: Db
let coachA: Actor
let coachB: Actor
let clientA: Actor
let clientA2: Actor
let clientB: Actor

const q = (fields: Record<string, string>) => questionInputSchema.parse({ required: '', ...fields })

/** A template of coachA with one question of each kind: text (required), scale 1–5, single, multiple. */
async function template(actor = coachA, title = 'Standortbestimmung') {
  const { id } = await createQuestionnaire(
    db,
    actor,
    questionnaireMetaSchema.parse({ title, description: '' }),
  )
  await addQuestion(db, actor, {
    questionnaireId: id,
    question: q({ kind: 'text', prompt: 'Was beschäftigt dich?', required: 'on' }),
  })
  await addQuestion(db, actor, {
    questionnaireId: id,
    question: q({
      kind: 'scale',
      prompt: 'Wie gut schläfst du?',
      scaleMin: '1',
      scaleMax: '5',
      scaleMinLabel: 'sehr schlecht',
      scaleMaxLabel: 'sehr gut',
      required: 'on',
    }),
  })
  await addQuestion(db, actor, {
    questionnaireId: id,
    question: q({ kind: 'single', prompt: 'Wie oft treibst du Sport?', options: 'Nie\nManchmal\nOft' }),
  })
  await addQuestion(db, actor, {
    questionnaireId: id,
    question: q({ kind: 'multiple', prompt: 'Was hilft dir?', options: 'Natur\nFreunde\nMusik' }),
  })
  return id
}

async function assigned(questionnaireId: string, client = clientA, coach = coachA) {
  return (
    await assignQuestionnaire(
      db,
      coach,
      { questionnaireId, clientId: client.userId, dueDate: '2030-03-20' },
      NOW,
      meta,
    )
  ).id
}

async function assignmentRow(id: string) {
  const [row] = await db.select().from(questionnaireAssignments).where(eq(questionnaireAssignments.id, id))
  return row!
}

async function auditFor(action: string, targetId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)))
}

/** Form values for a full, valid answer set of `template()`. */
async function fullAnswers(assignmentId: string, actor = clientA) {
  const view = await getAssignmentForClient(db, actor, assignmentId)
  const [text, scale, single, multiple] = view.questions
  return {
    [text!.id]: SECRET,
    [scale!.id]: '2',
    [single!.id]: single!.options![1]!.id,
    [multiple!.id]: [multiple!.options![0]!.id, multiple!.options![2]!.id],
  }
}

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  const a = await createUser(db, { role: 'coach', name: 'Andrea Brunner' })
  const b = await createUser(db, { role: 'coach', name: 'Beat Huber' })
  coachA = actorOf(a)
  coachB = actorOf(b)
  clientA = actorOf(await createUser(db, { name: 'Lea Meier', coachId: a.id, email: 'lea@example.ch' }))
  clientA2 = actorOf(await createUser(db, { name: 'Marco Keller', coachId: a.id }))
  clientB = actorOf(await createUser(db, { name: 'Nina Frei', coachId: b.id }))
})
afterAll(async () => {
  await handle?.close()
})

describe('R8.1 the coach builds questionnaires', () => {
  it('R8.1 creates a questionnaire with each kind of question, in order, with required flags', async () => {
    const id = await template()
    const view = await getQuestionnaire(db, coachA, id)
    expect(view.title).toBe('Standortbestimmung')
    expect(view.questions.map((x) => [x.position, x.kind, x.required])).toEqual([
      [0, 'text', true],
      [1, 'scale', true],
      [2, 'single', false],
      [3, 'multiple', false],
    ])
    expect(view.questions[1]).toMatchObject({
      scaleMin: 1,
      scaleMax: 5,
      scaleMinLabel: 'sehr schlecht',
      scaleMaxLabel: 'sehr gut',
    })
    expect(view.questions[2]!.options!.map((o) => o.label)).toEqual(['Nie', 'Manchmal', 'Oft'])
    const list = await listQuestionnaires(db, coachA)
    expect(list.find((l) => l.id === id)).toMatchObject({ questionCount: 4, assignmentCount: 0 })
  })

  it('R8.1 moves questions up and down (nothing at the edges) and closes the gap after a delete', async () => {
    const id = await template()
    const ids = (await getQuestionnaire(db, coachA, id)).questions.map((x) => x.id)
    await moveQuestion(db, coachA, { questionId: ids[2]!, direction: 'up' })
    await moveQuestion(db, coachA, { questionId: ids[0]!, direction: 'up' })
    await moveQuestion(db, coachA, { questionId: ids[3]!, direction: 'down' })
    let order = (await getQuestionnaire(db, coachA, id)).questions.map((x) => x.id)
    expect(order).toEqual([ids[0], ids[2], ids[1], ids[3]])
    await deleteQuestion(db, coachA, { questionId: ids[2]! })
    const after = (await getQuestionnaire(db, coachA, id)).questions
    expect(after.map((x) => [x.id, x.position])).toEqual([
      [ids[0], 0],
      [ids[1], 1],
      [ids[3], 2],
    ])
    order = after.map((x) => x.id)
    expect(order).toHaveLength(3)
  })

  it('R8.1 R14.1 validation: empty prompt, bad scale bounds, too few or duplicate options, huge strings', () => {
    const fail = (fields: Record<string, string>) => {
      const r = questionInputSchema.safeParse({ required: '', ...fields })
      expect(r.success).toBe(false)
      return r.error!.issues.map((i) => issueText(i)).join(' | ')
    }
    expect(fail({ kind: 'text', prompt: '  ' })).toContain('Bitte schreib die Frage.')
    expect(fail({ kind: 'text', prompt: 'x'.repeat(1_001) })).toContain('zu lang')
    expect(fail({ kind: 'scale', prompt: 'S', scaleMin: '5', scaleMax: '5' })).toContain('grösser')
    expect(fail({ kind: 'scale', prompt: 'S', scaleMin: '0', scaleMax: '11' })).toContain('0 bis 10')
    expect(fail({ kind: 'scale', prompt: 'S', scaleMin: '1.5', scaleMax: '4' })).toContain('ganze Zahl')
    expect(fail({ kind: 'single', prompt: 'W', options: 'Nur eine' })).toContain('mindestens zwei')
    expect(fail({ kind: 'multiple', prompt: 'W', options: 'A\na' })).toContain('nur einmal')
    expect(fail({ kind: 'single', prompt: 'W', options: 'x\n'.repeat(50_000) })).toContain('Zu viele')
    expect(fail({ kind: 'essay', prompt: 'W' })).toContain('Fragenart')
    const title = questionnaireMetaSchema.safeParse({ title: 'x'.repeat(201), description: '' })
    expect(title.success).toBe(false)
  })

  it('R8.1 editing an option label keeps the ids of unchanged options', async () => {
    const id = await template()
    const single = (await getQuestionnaire(db, coachA, id)).questions[2]!
    await updateQuestion(db, coachA, {
      questionId: single.id,
      question: q({ kind: 'single', prompt: 'Wie oft bewegst du dich?', options: 'Nie\nAb und zu\nOft' }),
    })
    const after = (await getQuestionnaire(db, coachA, id)).questions[2]!
    expect(after.prompt).toBe('Wie oft bewegst du dich?')
    expect(after.options![0]!.id).toBe(single.options![0]!.id)
    expect(after.options![2]!.id).toBe(single.options![2]!.id)
    expect(after.options![1]!.id).not.toBe(single.options![1]!.id)
  })

  it('R8.1 a questionnaire never assigned can be deleted; once assigned only archived (and restored)', async () => {
    const unused = await template()
    await deleteQuestionnaire(db, coachA, { questionnaireId: unused })
    expect(await rejection(getQuestionnaire(db, coachA, unused))).toBeInstanceOf(NotFoundError)

    const used = await template()
    const assignmentId = await assigned(used)
    expect(await rejection(deleteQuestionnaire(db, coachA, { questionnaireId: used }))).toBeInstanceOf(
      AlreadyAssignedError,
    )
    await setQuestionnaireArchived(db, coachA, { questionnaireId: used, archived: true }, NOW)
    expect((await listAssignableQuestionnaires(db, coachA)).map((x) => x.id)).not.toContain(used)
    const error = await rejection(
      assignQuestionnaire(
        db,
        coachA,
        { questionnaireId: used, clientId: clientA.userId, dueDate: null },
        NOW,
      ),
    )
    expect(error).toBeInstanceOf(ConflictError)
    expect(messageOf(error)).toContain('archiviert')
    // The assignment is untouched; the client still answers it.
    expect((await getAssignmentForClient(db, clientA, assignmentId)).title).toBe('Standortbestimmung')
    await setQuestionnaireArchived(db, coachA, { questionnaireId: used, archived: false }, NOW)
    expect((await listAssignableQuestionnaires(db, coachA)).map((x) => x.id)).toContain(used)
  })
})

describe('R8.1 R14.1 authorisation: other coach, other client, other role get nothing', () => {
  it('R14.1 another coach cannot read, edit, move, archive, delete or assign a template (NotFound)', async () => {
    const id = await template()
    const questionId = (await getQuestionnaire(db, coachA, id)).questions[0]!.id
    const meta2 = questionnaireMetaSchema.parse({ title: 'Übernommen', description: '' })
    // Thunks: each call starts only when awaited (an eager rejection would go unhandled).
    for (const attempt of [
      () => getQuestionnaire(db, coachB, id),
      () => updateQuestionnaire(db, coachB, { id, ...meta2 }),
      () => addQuestion(db, coachB, { questionnaireId: id, question: q({ kind: 'text', prompt: 'X' }) }),
      () => updateQuestion(db, coachB, { questionId, question: q({ kind: 'text', prompt: 'X' }) }),
      () => moveQuestion(db, coachB, { questionId, direction: 'down' }),
      () => deleteQuestion(db, coachB, { questionId }),
      () => setQuestionnaireArchived(db, coachB, { questionnaireId: id, archived: true }),
      () => deleteQuestionnaire(db, coachB, { questionnaireId: id }),
      () =>
        assignQuestionnaire(
          db,
          coachB,
          { questionnaireId: id, clientId: clientB.userId, dueDate: null },
          NOW,
        ),
    ]) {
      expect(await rejection(attempt())).toBeInstanceOf(NotFoundError)
    }
    expect((await listQuestionnaires(db, coachB)).map((x) => x.id)).not.toContain(id)
    const view = await getQuestionnaire(db, coachA, id)
    expect(view.title).toBe('Standortbestimmung')
    expect(view.questions).toHaveLength(4)
  })

  it('R14.1 a coach cannot assign to another coach’s client; a client cannot build or assign', async () => {
    const id = await template()
    const before = await countRows(db, questionnaireAssignments)
    expect(
      await rejection(
        assignQuestionnaire(
          db,
          coachA,
          { questionnaireId: id, clientId: clientB.userId, dueDate: null },
          NOW,
        ),
      ),
    ).toBeInstanceOf(NotFoundError)
    expect(
      await rejection(
        assignQuestionnaire(db, coachA, { questionnaireId: id, clientId: coachB.userId, dueDate: null }, NOW),
      ),
    ).toBeInstanceOf(NotFoundError)
    // Thunks: each call starts only when awaited (an eager rejection would go unhandled).
    for (const attempt of [
      () => listQuestionnaires(db, clientA),
      () => createQuestionnaire(db, clientA, { title: 'X', description: null }),
      () => getQuestionnaire(db, clientA, id),
      () =>
        assignQuestionnaire(
          db,
          clientA,
          { questionnaireId: id, clientId: clientA.userId, dueDate: null },
          NOW,
        ),
      () => listNewAnswersForCoach(db, clientA),
    ]) {
      expect(await rejection(attempt())).toBeInstanceOf(AuthorizationError)
    }
    expect(await countRows(db, questionnaireAssignments)).toBe(before)
  })

  it('R14.1 another client and the coach cannot read or answer an assignment through the client side', async () => {
    const assignmentId = await assigned(await template())
    expect(await rejection(getAssignmentForClient(db, clientA2, assignmentId))).toBeInstanceOf(NotFoundError)
    expect(await rejection(getAssignmentForClient(db, clientB, assignmentId))).toBeInstanceOf(NotFoundError)
    expect(
      await rejection(saveAnswers(db, clientA2, { assignmentId, answers: {}, intent: 'draft' }, NOW)),
    ).toBeInstanceOf(NotFoundError)
    expect(
      await rejection(saveAnswers(db, coachA, { assignmentId, answers: {}, intent: 'draft' }, NOW)),
    ).toBeInstanceOf(AuthorizationError)
    expect((await listAssignmentsForClient(db, clientA2)).open.map((a) => a.id)).not.toContain(assignmentId)
    expect((await assignmentRow(assignmentId)).answersEnc).toBeNull()
  })

  it('R14.1 another coach sees neither the assignment nor its answers; a coach only after submission', async () => {
    const assignmentId = await assigned(await template())
    // Open: not even the own coach can read answers (drafts are the client's own).
    await saveAnswers(
      db,
      clientA,
      { assignmentId, answers: await fullAnswers(assignmentId), intent: 'draft' },
      NOW,
    )
    expect(await rejection(viewSubmittedAnswers(db, coachA, { assignmentId }))).toBeInstanceOf(NotFoundError)
    expect(await rejection(getSubmittedAnswersForAnalysis(db, coachA, assignmentId))).toBeInstanceOf(
      NotFoundError,
    )
    await saveAnswers(
      db,
      clientA,
      { assignmentId, answers: await fullAnswers(assignmentId), intent: 'submit' },
      NOW,
    )
    // Thunks: each call starts only when awaited (an eager rejection would go unhandled).
    for (const attempt of [
      () => viewSubmittedAnswers(db, coachB, { assignmentId }),
      () => getSubmittedAnswersForAnalysis(db, coachB, assignmentId),
      () => listAssignmentsForClientOfCoach(db, coachB, clientA.userId),
    ]) {
      expect(await rejection(attempt())).toBeInstanceOf(NotFoundError)
    }
    expect(await rejection(viewSubmittedAnswers(db, clientA, { assignmentId }))).toBeInstanceOf(
      AuthorizationError,
    )
    expect(await rejection(getSubmittedAnswersForAnalysis(db, clientA, assignmentId))).toBeInstanceOf(
      AuthorizationError,
    )
    expect((await listNewAnswersForCoach(db, coachB)).map((x) => x.id)).not.toContain(assignmentId)
    // The own coach, but through another client's page: not found either.
    expect(
      await rejection(viewSubmittedAnswers(db, coachA, { assignmentId, clientId: clientA2.userId })),
    ).toBeInstanceOf(NotFoundError)
    expect(await auditFor('questionnaire.answers_viewed', assignmentId)).toHaveLength(0)
  })
})

describe('R8.1 assigning, answering, reading the answers', () => {
  it('R8.1 R12.2 R13.2 assigning: snapshot, audit entry, and an e-mail with no content', async () => {
    const id = await template(coachA, 'Schlaf und Erholung')
    const assignmentId = await assigned(id)
    const row = await assignmentRow(assignmentId)
    expect(row).toMatchObject({ clientId: clientA.userId, coachId: coachA.userId, dueDate: '2030-03-20' })
    expect(row.questions.map((x) => x.kind)).toEqual(['text', 'scale', 'single', 'multiple'])

    const [audit] = await auditFor('questionnaire.assigned', assignmentId)
    expect(audit).toMatchObject({ actorId: coachA.userId, ipTruncated: '203.0.113.0' })
    expect(JSON.stringify(audit!.details)).not.toContain('Schlaf')

    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.idempotencyKey, `questionnaire-assigned/${assignmentId}`))
    expect(mail).toMatchObject({
      toAddress: 'lea@example.ch',
      subject: 'Neuer Fragebogen',
      userId: clientA.userId,
    })
    const everything = `${mail!.subject}\n${mail!.html}\n${mail!.textBody}`
    expect(everything).toContain('Dein Coach hat dir einen neuen Fragebogen geschickt.')
    for (const content of [
      'Schlaf und Erholung',
      'Was beschäftigt dich',
      'Wie gut schläfst',
      'Natur',
      '20.03',
    ])
      expect(everything).not.toContain(content)

    expect((await listAssignmentsOfQuestionnaire(db, coachA, id)).map((x) => x.clientName)).toEqual([
      'Lea Meier',
    ])
    expect((await listAssignmentsForClient(db, clientA)).open.map((x) => x.id)).toContain(assignmentId)
  })

  it('R8.1 a due date in the past or an empty questionnaire is refused; nothing is assigned', async () => {
    const before = await countRows(db, questionnaireAssignments)
    const id = await template()
    const past = await rejection(
      assignQuestionnaire(
        db,
        coachA,
        { questionnaireId: id, clientId: clientA.userId, dueDate: '2030-03-03' },
        NOW,
      ),
    )
    expect(messageOf(past)).toContain('Vergangenheit')
    const { id: empty } = await createQuestionnaire(db, coachA, { title: 'Leer', description: null })
    const none = await rejection(
      assignQuestionnaire(
        db,
        coachA,
        { questionnaireId: empty, clientId: clientA.userId, dueDate: null },
        NOW,
      ),
    )
    expect(messageOf(none)).toContain('keine Fragen')
    expect(await countRows(db, questionnaireAssignments)).toBe(before)
  })

  it('R8.1 editing the template after assignment changes nothing the client was asked or answered', async () => {
    const id = await template()
    const assignmentId = await assigned(id)
    const answers = await fullAnswers(assignmentId)
    await saveAnswers(db, clientA, { assignmentId, answers, intent: 'submit' }, NOW)
    const before = await viewSubmittedAnswers(db, coachA, { assignmentId }, NOW)

    const current = (await getQuestionnaire(db, coachA, id)).questions
    await updateQuestionnaire(db, coachA, { id, title: 'Neuer Titel', description: null })
    await updateQuestion(db, coachA, {
      questionId: current[2]!.id,
      question: q({ kind: 'single', prompt: 'Ganz andere Frage', options: 'Ja\nNein' }),
    })
    await deleteQuestion(db, coachA, { questionId: current[0]!.id })
    await moveQuestion(db, coachA, { questionId: current[3]!.id, direction: 'up' })

    const after = await viewSubmittedAnswers(db, coachA, { assignmentId }, NOW)
    expect(after.title).toBe('Standortbestimmung')
    expect(after.questions).toEqual(before.questions)
    expect(after.answers).toEqual(before.answers)
    const analysis = await getSubmittedAnswersForAnalysis(db, coachA, assignmentId)
    expect(analysis.items.map((i) => i.answerText)).toEqual([
      SECRET,
      '2 (Skala 1–5, 1 = sehr schlecht, 5 = sehr gut)',
      'Manchmal',
      'Natur, Musik',
    ])
    // A new assignment gets the edited version.
    const second = await assigned(id, clientA2)
    expect((await getAssignmentForClient(db, clientA2, second)).questions.map((x) => x.prompt)).toEqual([
      'Wie gut schläfst du?',
      'Was hilft dir?',
      'Ganz andere Frage',
    ])
  })

  it('R8.1 draft → submit → read-only; required only on submit; the submission is audited', async () => {
    const assignmentId = await assigned(await template())
    const view = await getAssignmentForClient(db, clientA, assignmentId)
    const [text, scale] = view.questions

    // A draft with only the optional scale left empty is fine, even with required fields open.
    await saveAnswers(db, clientA, { assignmentId, answers: { [scale!.id]: '4' }, intent: 'draft' }, NOW)
    let row = await assignmentRow(assignmentId)
    expect(row.submittedAt).toBeNull()
    expect(row.draftSavedAt).toEqual(NOW)
    expect((await getAssignmentForClient(db, clientA, assignmentId)).answers).toEqual({ [scale!.id]: 4 })

    // Submitting with the required text missing: a message at that question, nothing changes.
    const error = await rejection(
      saveAnswers(db, clientA, { assignmentId, answers: { [scale!.id]: '5' }, intent: 'submit' }, NOW),
    )
    expect(error).toBeInstanceOf(AnswerValidationError)
    expect(fieldTexts((error as AnswerValidationError).errors)).toEqual({
      [text!.id]: 'Bitte beantworte diese Frage.',
    })
    expect((await getAssignmentForClient(db, clientA, assignmentId)).answers).toEqual({ [scale!.id]: 4 })
    expect(await auditFor('questionnaire.submitted', assignmentId)).toHaveLength(0)

    const later = new Date(NOW.getTime() + 60_000)
    await saveAnswers(
      db,
      clientA,
      { assignmentId, answers: await fullAnswers(assignmentId), intent: 'submit' },
      later,
      meta,
    )
    row = await assignmentRow(assignmentId)
    expect(row.submittedAt).toEqual(later)
    const [audit] = await auditFor('questionnaire.submitted', assignmentId)
    expect(audit).toMatchObject({ actorId: clientA.userId, details: { answered: 4, questions: 4 } })
    expect(JSON.stringify(audit)).not.toContain('Trennung')
    const lists = await listAssignmentsForClient(db, clientA)
    expect(lists.submitted.map((x) => x.id)).toContain(assignmentId)
    expect(lists.open.map((x) => x.id)).not.toContain(assignmentId)

    // Read-only now: neither a draft nor a second submit changes anything.
    const encBefore = row.answersEnc
    for (const intent of ['draft', 'submit'] as const) {
      expect(
        await rejection(
          saveAnswers(db, clientA, { assignmentId, answers: { [text!.id]: 'Anders' }, intent }, NOW),
        ),
      ).toBeInstanceOf(AlreadySubmittedError)
    }
    expect((await assignmentRow(assignmentId)).answersEnc).toBe(encBefore)
    expect(await auditFor('questionnaire.submitted', assignmentId)).toHaveLength(1)
  })

  it('R14.1 answer validation: scale bounds, unknown options, huge strings — nothing saved', async () => {
    const assignmentId = await assigned(await template())
    const [text, scale, single, multiple] = (await getAssignmentForClient(db, clientA, assignmentId))
      .questions
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ [scale!.id]: '6' }, scale!.id, 'Bitte wähle einen Wert zwischen 1 und 5.'],
      [{ [scale!.id]: '0' }, scale!.id, 'Bitte wähle einen Wert zwischen 1 und 5.'],
      [{ [scale!.id]: '2.5' }, scale!.id, 'Bitte wähle einen Wert zwischen 1 und 5.'],
      [{ [single!.id]: 'erfunden' }, single!.id, 'Diese Auswahl gibt es nicht.'],
      [
        { [multiple!.id]: [multiple!.options![0]!.id, 'erfunden'] },
        multiple!.id,
        'Diese Auswahl gibt es nicht.',
      ],
      [{ [text!.id]: 'x'.repeat(10_001) }, text!.id, 'Die Antwort ist zu lang'],
    ]
    for (const [answers, questionId, message] of cases) {
      for (const intent of ['draft', 'submit'] as const) {
        const error = await rejection(saveAnswers(db, clientA, { assignmentId, answers, intent }, NOW))
        expect(error).toBeInstanceOf(AnswerValidationError)
        expect(fieldTexts((error as AnswerValidationError).errors)[questionId]).toContain(message)
      }
    }
    const row = await assignmentRow(assignmentId)
    expect(row.answersEnc).toBeNull()
    expect(row.submittedAt).toBeNull()
    // Unknown question ids are ignored, not stored.
    await saveAnswers(db, clientA, { assignmentId, answers: { 'nicht-da': 'x' }, intent: 'draft' }, NOW)
    expect((await getAssignmentForClient(db, clientA, assignmentId)).answers).toEqual({})
  })

  it('R13.2 the coach views submitted answers: audited every time; the first view clears "new answers"', async () => {
    const assignmentId = await assigned(await template())
    await saveAnswers(
      db,
      clientA,
      { assignmentId, answers: await fullAnswers(assignmentId), intent: 'submit' },
      NOW,
    )
    expect((await listNewAnswersForCoach(db, coachA)).map((x) => x.id)).toContain(assignmentId)
    const listed = (await listAssignmentsForClientOfCoach(db, coachA, clientA.userId)).find(
      (x) => x.id === assignmentId,
    )
    expect(listed).toMatchObject({ submittedAt: NOW, coachViewedAt: null })

    const view = await viewSubmittedAnswers(db, coachA, { assignmentId }, NOW, meta)
    expect(view.clientName).toBe('Lea Meier')
    expect(Object.values(view.answers)).toContain(SECRET)
    await viewSubmittedAnswers(db, coachA, { assignmentId }, new Date(NOW.getTime() + 1000), meta)
    const audits = await auditFor('questionnaire.answers_viewed', assignmentId)
    expect(audits).toHaveLength(2)
    expect(audits[0]).toMatchObject({
      actorId: coachA.userId,
      actorRole: 'coach',
      details: { clientId: clientA.userId },
    })
    expect(JSON.stringify(audits)).not.toContain('Trennung')
    expect((await listNewAnswersForCoach(db, coachA)).map((x) => x.id)).not.toContain(assignmentId)
    expect((await assignmentRow(assignmentId)).coachViewedAt).toEqual(NOW)
    expect((await verifyAuditChain(db)).ok).toBe(true)
  })

  it('R7 getSubmittedAnswersForAnalysis: title, question/answer pairs, the client’s language', async () => {
    const id = await template(coachA, 'Analyse')
    const assignmentId = await assigned(id)
    const [text, scale] = (await getAssignmentForClient(db, clientA, assignmentId)).questions
    await saveAnswers(
      db,
      clientA,
      { assignmentId, answers: { [text!.id]: 'Kurz', [scale!.id]: '5' }, intent: 'submit' },
      NOW,
    )
    expect(await getSubmittedAnswersForAnalysis(db, coachA, assignmentId)).toEqual({
      clientId: clientA.userId,
      questionnaireTitle: 'Analyse',
      language: 'de',
      items: [
        { question: 'Was beschäftigt dich?', answerText: 'Kurz' },
        { question: 'Wie gut schläfst du?', answerText: '5 (Skala 1–5, 1 = sehr schlecht, 5 = sehr gut)' },
        { question: 'Wie oft treibst du Sport?', answerText: '' },
        { question: 'Was hilft dir?', answerText: '' },
      ],
    })
  })
})

describe('R14.3 answers are encrypted with the client’s key', () => {
  it('R14.3 the raw row holds no plaintext answer (draft and submitted)', async () => {
    const assignmentId = await assigned(await template())
    const answers = await fullAnswers(assignmentId)
    await saveAnswers(db, clientA, { assignmentId, answers, intent: 'draft' }, NOW)
    const draft = await assignmentRow(assignmentId)
    expect(draft.answersEnc).toMatch(/^enc1\./)
    expect(draft.answersEnc).not.toContain('Trennung')
    await saveAnswers(db, clientA, { assignmentId, answers, intent: 'submit' }, NOW)
    const raw = await db.execute(sql`select * from questionnaire_assignments where id = ${assignmentId}`)
    const dump = JSON.stringify(raw)
    expect(dump).not.toContain('Trennung')
    expect(dump).not.toContain('grüble')
  })

  it('R14.3 R10.2 shredding the client’s key makes the answers unreadable for client and coach', async () => {
    const coachRow = await createUser(db, { role: 'coach' })
    const coach = actorOf(coachRow)
    const client = actorOf(await createUser(db, { coachId: coachRow.id }))
    const id = await template(coach)
    const assignmentId = await assigned(id, client, coach)
    await saveAnswers(
      db,
      client,
      { assignmentId, answers: await fullAnswers(assignmentId, client), intent: 'submit' },
      NOW,
    )
    expect(Object.values((await viewSubmittedAnswers(db, coach, { assignmentId }, NOW)).answers)).toContain(
      SECRET,
    )

    await shredUserKey(db, client.userId)
    expect(await rejection(getAssignmentForClient(db, client, assignmentId))).toBeInstanceOf(KeyShreddedError)
    expect(await rejection(viewSubmittedAnswers(db, coach, { assignmentId }, NOW))).toBeInstanceOf(
      KeyShreddedError,
    )
    expect(await rejection(getSubmittedAnswersForAnalysis(db, coach, assignmentId))).toBeInstanceOf(
      KeyShreddedError,
    )
  })

  it('R10.2 deleting the client deletes their assignments; deleting a coach keeps them', async () => {
    const coachRow = await createUser(db, { role: 'coach' })
    const coach = actorOf(coachRow)
    const client = actorOf(await createUser(db, { coachId: coachRow.id }))
    const id = await template(coach)
    const assignmentId = await assigned(id, client, coach)
    await db.delete(users).where(eq(users.id, coach.userId))
    expect(await db.select().from(questionnaires).where(eq(questionnaires.id, id))).toHaveLength(0)
    expect(
      await db.select().from(questionnaireQuestions).where(eq(questionnaireQuestions.questionnaireId, id)),
    ).toHaveLength(0)
    expect(await assignmentRow(assignmentId)).toMatchObject({ coachId: null, questionnaireId: null })
    await db.delete(users).where(eq(users.id, client.userId))
    expect(
      await db.select().from(questionnaireAssignments).where(eq(questionnaireAssignments.id, assignmentId)),
    ).toHaveLength(0)
  })
})

describe('R8.1 demo seed', () => {
  it('R8.1 R12.2 the demo client has an open "Standortbestimmung" from the demo coach; the seed sends no mail', async () => {
    const mailsBefore = await countRows(db, emailOutbox)
    await seedDemoData(db)
    const [lea] = await db.select().from(users).where(eq(users.email, 'klientin@mialma.test'))
    const [coach] = await db.select().from(users).where(eq(users.email, 'coach@mialma.test'))
    const { open } = await listAssignmentsForClient(db, actorOf(lea!))
    expect(open.map((a) => a.title)).toEqual(['Standortbestimmung'])
    const view = await getAssignmentForClient(db, actorOf(lea!), open[0]!.id)
    expect(view.questions.map((x) => x.kind).sort()).toEqual(['multiple', 'scale', 'single', 'text'])
    expect((await listQuestionnaires(db, actorOf(coach!))).map((x) => x.title)).toEqual([
      'Standortbestimmung',
    ])
    expect(await countRows(db, emailOutbox)).toBe(mailsBefore)
    // Idempotent: a second run adds nothing.
    await seedDemoData(db)
    expect((await listAssignmentsForClient(db, actorOf(lea!))).open).toHaveLength(1)
  })
})
