import { and, desc, eq, exists, gte, isNotNull, isNull, notExists, sql } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { auditLog, journalEntries, journalPrompts, users } from '@/db/schema'
import { recordAudit, type RequestMeta } from '@/lib/audit/service'
import { type Actor, assertRole } from '@/lib/auth/types'
import { userCipher } from '@/lib/crypto'
import { NotFoundError } from '@/lib/errors'
import { type JournalEntry, openEntry } from './crypto'

/**
 * The coach's side of the journal (R2.2, R14.1): own clients only, shared entries only. Anything else —
 * another coach's client, a private or revoked entry, a guessed id — is "not found".
 */
const clientNotFound = () => new NotFoundError('clientNotFound')

export async function getClientForCoach(db: Db, actor: Actor, clientId: string) {
  assertRole(actor, 'coach')
  const [client] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      createdAt: users.createdAt,
      /** R10.2: the client deleted the account; their content is no longer readable. */
      deletedAt: users.deletionRequestedAt,
    })
    .from(users)
    .where(and(eq(users.id, clientId), eq(users.coachId, actor.userId), eq(users.role, 'client')))
  if (!client) throw clientNotFound()
  return client
}

/** Shared entries of one of the coach's clients: metadata and title, newest share first. */
export async function listSharedEntries(db: Db, actor: Actor, clientId: string) {
  const client = await getClientForCoach(db, actor, clientId)
  // A deleted client's key is shredded: nothing of theirs is readable any more (R10.2).
  if (client.deletedAt) return []
  const cipher = userCipher(db, clientId)
  const rows = await db
    .select()
    .from(journalEntries)
    .where(and(eq(journalEntries.userId, clientId), isNotNull(journalEntries.sharedAt)))
    .orderBy(desc(journalEntries.sharedAt))
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      kind: r.kind,
      title: r.titleEnc === null ? null : await cipher.decrypt(r.titleEnc),
      mood: r.mood,
      createdAt: r.createdAt,
      sharedAt: r.sharedAt!,
    })),
  )
}

/**
 * What waits on the coach's home: entries the coach's clients shared that the coach has not opened since they
 * were shared (the audit log of views is the record), with their titles — what the client's page lists too
 * (listSharedEntries); the body is decrypted only when the coach opens the entry, and that view is audited.
 */
export async function listNewlySharedEntries(db: Db, actor: Actor, limit = 10) {
  assertRole(actor, 'coach')
  const viewed = db
    .select({ one: sql`1` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'journal.shared_entry_viewed'),
        eq(auditLog.actorId, actor.userId),
        eq(auditLog.targetId, sql`${journalEntries.id}::text`),
        gte(auditLog.createdAt, journalEntries.sharedAt),
      ),
    )
  const rows = await db
    .select({
      id: journalEntries.id,
      clientId: users.id,
      clientName: users.name,
      kind: journalEntries.kind,
      titleEnc: journalEntries.titleEnc,
      sharedAt: journalEntries.sharedAt,
    })
    .from(journalEntries)
    .innerJoin(users, eq(users.id, journalEntries.userId))
    .where(
      and(
        eq(users.coachId, actor.userId),
        isNull(users.deletionRequestedAt),
        isNotNull(journalEntries.sharedAt),
        notExists(viewed),
      ),
    )
    .orderBy(desc(journalEntries.sharedAt))
    .limit(limit)
  // Deleted clients (shredded keys) are excluded above; each title with its owner's key.
  return Promise.all(
    rows.map(async ({ titleEnc, ...r }) => ({
      ...r,
      title: titleEnc === null ? null : await userCipher(db, r.clientId).decrypt(titleEnc),
    })),
  )
}

/** One shared entry in full. Every view is written to the audit log (R13.2). */
export async function viewSharedEntry(
  db: Db,
  actor: Actor,
  { clientId, entryId }: { clientId: string; entryId: string },
  meta: RequestMeta,
): Promise<JournalEntry & { clientId: string; clientName: string }> {
  assertRole(actor, 'coach')
  const [row] = await db
    .select({ entry: journalEntries, clientName: users.name })
    .from(journalEntries)
    .innerJoin(users, eq(users.id, journalEntries.userId))
    .where(
      and(
        eq(journalEntries.id, entryId),
        eq(journalEntries.userId, clientId),
        eq(users.coachId, actor.userId),
        isNotNull(journalEntries.sharedAt),
      ),
    )
  if (!row) throw new NotFoundError('journal.sharedEntryNotFound')
  const entry = await openEntry(userCipher(db, row.entry.userId), row.entry)
  await recordAudit(db, {
    actor: { userId: actor.userId, role: actor.role },
    action: 'journal.shared_entry_viewed',
    target: { type: 'journal_entry', id: entryId },
    details: { clientId: row.entry.userId },
    meta,
  })
  return { ...entry, clientId: row.entry.userId, clientName: row.clientName }
}

/** A writing prompt for one of the coach's clients, encrypted with the client's key. */
export async function createPrompt(db: Db, actor: Actor, input: { clientId: string; text: string }) {
  await getClientForCoach(db, actor, input.clientId)
  const textEnc = await userCipher(db, input.clientId).encrypt(input.text)
  const [row] = await db
    .insert(journalPrompts)
    .values({ coachId: actor.userId, clientId: input.clientId, textEnc })
    .returning({ id: journalPrompts.id })
  return { id: row!.id }
}

/**
 * The coach's prompts for a client. "Answered" only shows a shared answer: a private answer is the
 * client's business, so the coach cannot tell it from no answer.
 */
export async function listPromptsForCoach(db: Db, actor: Actor, clientId: string) {
  const client = await getClientForCoach(db, actor, clientId)
  if (client.deletedAt) return []
  const cipher = userCipher(db, clientId)
  const rows = await db
    .select({
      id: journalPrompts.id,
      textEnc: journalPrompts.textEnc,
      createdAt: journalPrompts.createdAt,
      answeredShared: exists(
        db
          .select({ id: journalEntries.id })
          .from(journalEntries)
          .where(and(eq(journalEntries.promptId, journalPrompts.id), isNotNull(journalEntries.sharedAt))),
      ),
    })
    .from(journalPrompts)
    .where(eq(journalPrompts.clientId, clientId))
    .orderBy(desc(journalPrompts.createdAt))
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      text: await cipher.decrypt(r.textEnc),
      createdAt: r.createdAt,
      answeredShared: Boolean(r.answeredShared),
    })),
  )
}

export async function deletePrompt(db: Db, actor: Actor, promptId: string): Promise<void> {
  assertRole(actor, 'coach')
  const deleted = await db
    .delete(journalPrompts)
    .where(
      and(
        eq(journalPrompts.id, promptId),
        exists(
          db
            .select({ id: users.id })
            .from(users)
            .where(and(eq(users.id, journalPrompts.clientId), eq(users.coachId, actor.userId))),
        ),
      ),
    )
    .returning({ id: journalPrompts.id })
  if (deleted.length === 0) throw new NotFoundError('journal.promptNotFound')
}
