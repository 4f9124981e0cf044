import 'server-only'
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm'
import { emailOutbox } from '@/db/schema'
import type { Db } from '@/db/types'
import type { Actor } from '@/lib/auth/types'

/**
 * The local outbox (/dev/outbox) for a signed-in person (issue 16.5): it holds every e-mail the app "sent", with
 * attachments, so the coach of the local practice sees all of them and a client only the mails to themselves
 * (by account, or by address for mails sent before the account row existed).
 */
function visibleTo(actor: Actor): SQL | undefined {
  if (actor.role === 'coach') return undefined
  return or(
    eq(emailOutbox.userId, actor.userId),
    eq(sql`lower(${emailOutbox.toAddress})`, actor.email.toLowerCase()),
  )
}

export async function listOutboxFor(db: Db, actor: Actor, limit = 100) {
  return db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(visibleTo(actor))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit)
}

/** One message, or null when it does not exist or is not the actor's to read (the same answer for both). */
export async function outboxMessageFor(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, id), visibleTo(actor)))
    .limit(1)
  return row ?? null
}
