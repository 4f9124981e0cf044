import 'server-only'
import { eq } from 'drizzle-orm'
import { questionnaireAssignments, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { sendEmail } from '@/lib/email'
import { appUrl } from '@/lib/http/app-url'
import { log } from '@/lib/log'

/**
 * "Neuer Fragebogen" to the client: the neutral fact and a link, nothing else — no title, no question, no
 * answer (R12.2). Once per assignment (idempotency key); a failure is recorded in the outbox, never thrown.
 */
export async function sendQuestionnaireAssigned(db: Db, assignmentId: string): Promise<void> {
  try {
    const [row] = await db
      .select({ client: users })
      .from(questionnaireAssignments)
      .innerJoin(users, eq(users.id, questionnaireAssignments.clientId))
      .where(eq(questionnaireAssignments.id, assignmentId))
    if (!row) return
    await sendEmail(db, {
      to: row.client.email,
      userId: row.client.id,
      locale: row.client.locale,
      template: 'questionnaire-assigned',
      data: { name: row.client.name, appUrl: await appUrl() },
      idempotencyKey: `questionnaire-assigned/${assignmentId}`,
    })
  } catch (error) {
    log.error('questionnaires.email_failed', { error: error instanceof Error ? error.name : 'unknown' })
  }
}
