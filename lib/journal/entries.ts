import { and, arrayOverlaps, count, desc, eq, notExists, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { journalEntries, journalPrompts } from '@/db/schema'
import { recordAudit, type RequestMeta } from '@/lib/audit/service'
import { type Actor, assertRole } from '@/lib/auth/types'
import { userCipher } from '@/lib/crypto'
import { NotFoundError } from '@/lib/errors'
import { type JournalEntry, openEntry, sealEntry } from './crypto'
import { type EntryInput, type ListFilter, PAGE_SIZE } from './schemas'
import { distinctTags, pruneTags, rememberTags } from './tags'

const entryNotFound = () => new NotFoundError('journal.entryNotFound')

/** Journal entries belong to clients; every function here reaches the actor's own rows only (R14.1). */
const own = (actor: Actor, entryId: string) =>
  and(eq(journalEntries.id, entryId), eq(journalEntries.userId, actor.userId))

export async function createEntry(db: Db, actor: Actor, input: EntryInput): Promise<{ id: string }> {
  assertRole(actor, 'client', 'journal.clientsOnly')
  if (input.promptId) {
    const [prompt] = await db
      .select({ id: journalPrompts.id })
      .from(journalPrompts)
      .where(and(eq(journalPrompts.id, input.promptId), eq(journalPrompts.clientId, actor.userId)))
    if (!prompt) throw new NotFoundError('journal.promptNotFound')
  }
  const cipher = userCipher(db, actor.userId)
  const sealed = await sealEntry(cipher, input)
  const [row] = await db
    .insert(journalEntries)
    .values({ ...sealed, userId: actor.userId, promptId: input.promptId })
    .returning({ id: journalEntries.id })
  await rememberTags(db, cipher, actor.userId, input.tags, sealed.tagIndex)
  return { id: row!.id }
}

export async function updateEntry(db: Db, actor: Actor, entryId: string, input: EntryInput): Promise<void> {
  assertRole(actor, 'client', 'journal.clientsOnly')
  const cipher = userCipher(db, actor.userId)
  const sealed = await sealEntry(cipher, input)
  const updated = await db
    .update(journalEntries)
    .set({ ...sealed, updatedAt: new Date() })
    .where(own(actor, entryId))
    .returning({ id: journalEntries.id })
  if (updated.length === 0) throw entryNotFound()
  await rememberTags(db, cipher, actor.userId, input.tags, sealed.tagIndex)
  await pruneTags(db, actor.userId)
}

export async function deleteEntry(db: Db, actor: Actor, entryId: string): Promise<void> {
  assertRole(actor, 'client', 'journal.clientsOnly')
  const deleted = await db
    .delete(journalEntries)
    .where(own(actor, entryId))
    .returning({ id: journalEntries.id })
  if (deleted.length === 0) throw entryNotFound()
  await pruneTags(db, actor.userId)
}

export async function getEntry(
  db: Db,
  actor: Actor,
  entryId: string,
): Promise<JournalEntry & { promptText: string | null }> {
  assertRole(actor, 'client', 'journal.clientsOnly')
  const [row] = await db.select().from(journalEntries).where(own(actor, entryId))
  if (!row) throw entryNotFound()
  const cipher = userCipher(db, actor.userId)
  let promptText: string | null = null
  if (row.promptId) {
    const [prompt] = await db.select().from(journalPrompts).where(eq(journalPrompts.id, row.promptId))
    if (prompt) promptText = await cipher.decrypt(prompt.textEnc)
  }
  return { ...(await openEntry(cipher, row)), promptText }
}

export type EntryPage = {
  items: JournalEntry[]
  total: number
  page: number
  pageCount: number
}

/** Newest first, PAGE_SIZE a page; the tag filter matches the blind index, never plaintext. */
export async function listEntries(db: Db, actor: Actor, filter: ListFilter): Promise<EntryPage> {
  assertRole(actor, 'client', 'journal.clientsOnly')
  const cipher = userCipher(db, actor.userId)
  const conditions: SQL[] = [eq(journalEntries.userId, actor.userId)]
  if (filter.kind) conditions.push(eq(journalEntries.kind, filter.kind))
  if (filter.tag)
    conditions.push(arrayOverlaps(journalEntries.tagIndex, await cipher.blindIndexesAllVersions(filter.tag)))
  const where = and(...conditions)
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(journalEntries).where(where)
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(filter.page, pageCount)
  const rows = await db
    .select()
    .from(journalEntries)
    .where(where)
    .orderBy(desc(journalEntries.createdAt), desc(journalEntries.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
  return { items: await Promise.all(rows.map((r) => openEntry(cipher, r))), total, page, pageCount }
}

/** The actor's distinct tags (the tag set, decrypted here: one decryption per tag, not per entry). */
export async function listTags(db: Db, actor: Actor): Promise<string[]> {
  assertRole(actor, 'client', 'journal.clientsOnly')
  return distinctTags(db, userCipher(db, actor.userId), actor.userId)
}

/** Share one entry with the coach, or take it back (R2.2); effective at once, audited either way. */
export async function setEntrySharing(
  db: Db,
  actor: Actor,
  entryId: string,
  shared: boolean,
  meta: RequestMeta,
): Promise<void> {
  assertRole(actor, 'client', 'journal.clientsOnly')
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ sharedAt: journalEntries.sharedAt })
      .from(journalEntries)
      .where(own(actor, entryId))
    if (!row) throw entryNotFound()
    if ((row.sharedAt !== null) === shared) return
    await tx
      .update(journalEntries)
      .set({ sharedAt: shared ? new Date() : null })
      .where(own(actor, entryId))
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: shared ? 'journal.entry_shared' : 'journal.entry_unshared',
      target: { type: 'journal_entry', id: entryId },
      meta,
    })
  })
}

/** Prompts from the coach that no entry answers yet. */
export async function listOpenPrompts(db: Db, actor: Actor) {
  assertRole(actor, 'client', 'journal.clientsOnly')
  const cipher = userCipher(db, actor.userId)
  const rows = await db
    .select()
    .from(journalPrompts)
    .where(
      and(
        eq(journalPrompts.clientId, actor.userId),
        notExists(
          db
            .select({ id: journalEntries.id })
            .from(journalEntries)
            .where(
              and(eq(journalEntries.promptId, journalPrompts.id), eq(journalEntries.userId, actor.userId)),
            ),
        ),
      ),
    )
    .orderBy(desc(journalPrompts.createdAt))
  return Promise.all(
    rows.map(async (p) => ({ id: p.id, text: await cipher.decrypt(p.textEnc), createdAt: p.createdAt })),
  )
}

export async function getPromptForClient(db: Db, actor: Actor, promptId: string) {
  assertRole(actor, 'client', 'journal.clientsOnly')
  const [row] = await db
    .select()
    .from(journalPrompts)
    .where(and(eq(journalPrompts.id, promptId), eq(journalPrompts.clientId, actor.userId)))
  if (!row) throw new NotFoundError('journal.promptNotFound')
  return {
    id: row.id,
    text: await userCipher(db, actor.userId).decrypt(row.textEnc),
    createdAt: row.createdAt,
  }
}
