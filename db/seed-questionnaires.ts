import type { Actor } from '@/lib/auth/types'
import {
  addQuestion,
  createQuestionnaire,
  getQuestionnaire,
  listQuestionnaires,
} from '@/lib/questionnaires/builder'
import { questionInputSchema } from '@/lib/questionnaires/schemas'
import { snapshotQuestions } from '@/lib/questionnaires/snapshot'
import { questionnaireAssignments } from './schema'
import type { Db } from './types'

const DAY = 86_400_000

const demoQuestions = [
  {
    kind: 'scale',
    prompt: 'Wie zufrieden bist du im Moment mit deinem Alltag?',
    scaleMin: '1',
    scaleMax: '5',
    scaleMinLabel: 'gar nicht',
    scaleMaxLabel: 'sehr',
    required: 'on',
  },
  { kind: 'text', prompt: 'Was möchtest du im Coaching erreichen?', required: 'on' },
  { kind: 'single', prompt: 'Wie gut schläfst du in letzter Zeit?', options: 'Gut\nWechselhaft\nSchlecht' },
  { kind: 'multiple', prompt: 'Was gibt dir Kraft?', options: 'Bewegung\nNatur\nFreundschaften\nRuhe' },
]

/**
 * The demo coach's questionnaire "Standortbestimmung" (created once) and an open assignment of it, due in a
 * week, for a new demo client. The assignment is written directly, without the "new questionnaire" e-mail:
 * a seed never sends mail (npm run db:seed may run where Resend is configured).
 */
export async function seedDemoQuestionnaire(db: Db, coach: Actor, client: Actor): Promise<void> {
  let [existing] = await listQuestionnaires(db, coach)
  if (!existing) {
    const { id } = await createQuestionnaire(db, coach, {
      title: 'Standortbestimmung',
      description: 'Ein paar Fragen zum Einstieg. Es gibt keine richtigen oder falschen Antworten.',
    })
    for (const q of demoQuestions)
      await addQuestion(db, coach, { questionnaireId: id, question: questionInputSchema.parse(q) })
    ;[existing] = await listQuestionnaires(db, coach)
  }
  const template = await getQuestionnaire(db, coach, existing!.id)
  if (template.questions.length === 0) return
  await db.insert(questionnaireAssignments).values({
    questionnaireId: template.id,
    coachId: coach.userId,
    clientId: client.userId,
    title: template.title,
    description: template.description,
    questions: snapshotQuestions(template.questions),
    dueDate: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10),
  })
}
