import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, journalEntries, journalPrompts } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { type Actor, AuthorizationError } from '@/lib/auth/types'
import { NotFoundError } from '@/lib/errors'
import { entryInputSchema, listFilterSchema } from '@/lib/journal/schemas'
import {
  createEntry,
  createPrompt,
  deleteEntry,
  deletePrompt,
  getClientForCoach,
  getEntry,
  getPromptForClient,
  listEntries,
  listOpenPrompts,
  listPromptsForCoach,
  listNewlySharedEntries,
  listSharedEntries,
  listTags,
  setEntrySharing,
  updateEntry,
  viewSharedEntry,
} from '@/lib/journal/service'
import { createTestDb } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { actorOf, countRows, createUser, rejection } from '../helpers/fixtures'

let handle: DbHandle
const meta = { ip: '198.51.100.42', userAgent: 'Vitest' }

/** Coach A with clients A1 and A2, coach B with client B; A1 has a shared and a private entry and a prompt. */
let coachA: Actor
let coachB: Actor
let clientA1: Actor
let clientA2: Actor
let clientB: Actor
let sharedEntry: string
let privateEntry: string
let promptA1: string

const input = (fields: Record<string, string> = {}) =>
  entryInputSchema.parse({
    kind: 'journal',
    title: '',
    body: 'Text',
    mood: '',
    tags: '',
    promptId: '',
    ...fields,
  })

beforeAll(async () => {
  handle = await createTestDb()
  const a = await createUser(handle.db, { role: 'coach', name: 'Andrea Brunner' })
  const b = await createUser(handle.db, { role: 'coach', name: 'Beat Huber' })
  coachA = actorOf(a)
  coachB = actorOf(b)
  clientA1 = actorOf(await createUser(handle.db, { name: 'Lea Meier', coachId: a.id }))
  clientA2 = actorOf(await createUser(handle.db, { name: 'Marco Keller', coachId: a.id }))
  clientB = actorOf(await createUser(handle.db, { name: 'Nina Frei', coachId: b.id }))
  sharedEntry = (
    await createEntry(
      handle.db,
      clientA1,
      input({ title: 'Geteilter Titel', body: 'Geteilter Text', mood: '3', tags: 'geteilt' }),
    )
  ).id
  await setEntrySharing(handle.db, clientA1, sharedEntry, true, meta)
  privateEntry = (
    await createEntry(handle.db, clientA1, input({ title: 'Privat', body: 'Nur für mich', tags: 'privat' }))
  ).id
  promptA1 = (await createPrompt(handle.db, coachA, { clientId: clientA1.userId, text: 'Impuls für Lea' })).id
})
afterAll(async () => {
  await handle?.close()
})

async function entryRow(id: string) {
  const [row] = await handle.db.select().from(journalEntries).where(eq(journalEntries.id, id))
  return row
}
async function promptRow(id: string) {
  const [row] = await handle.db.select().from(journalPrompts).where(eq(journalPrompts.id, id))
  return row
}
async function auditFor(action: string, entryId: string) {
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, entryId)))
    .orderBy(auditLog.id)
}

/** Runs `attempt`, expects `ErrorType`, and checks nothing changed in entries, prompts or the audit log. */
async function expectDeniedUnchanged(
  attempt: () => Promise<unknown>,
  ErrorType: typeof NotFoundError | typeof AuthorizationError,
  message?: string,
) {
  const before = {
    entries: await handle.db.select().from(journalEntries).orderBy(journalEntries.id),
    prompts: await handle.db.select().from(journalPrompts).orderBy(journalPrompts.id),
    audit: await countRows(handle.db, auditLog),
  }
  const error = await rejection(attempt())
  expect(error).toBeInstanceOf(ErrorType)
  if (message) expect(messageOf(error)).toBe(message)
  expect({
    entries: await handle.db.select().from(journalEntries).orderBy(journalEntries.id),
    prompts: await handle.db.select().from(journalPrompts).orderBy(journalPrompts.id),
    audit: await countRows(handle.db, auditLog),
  }).toEqual(before)
}

const entryNotFound = 'Dieser Eintrag wurde nicht gefunden.'
const promptNotFound = 'Dieser Impuls wurde nicht gefunden.'
const clientNotFound = 'Diese Klientin / dieser Klient wurde nicht gefunden.'

describe('R14.1 another client reaches none of a client’s journal (NotFoundError, nothing changed)', () => {
  it('R14.1 createEntry with another client’s promptId → NotFoundError, no entry written', async () => {
    await expectDeniedUnchanged(
      () => createEntry(handle.db, clientA2, input({ body: 'Antwort', promptId: promptA1 })),
      NotFoundError,
      promptNotFound,
    )
    await expectDeniedUnchanged(
      () => createEntry(handle.db, clientA1, input({ body: 'Antwort', promptId: randomUUID() })),
      NotFoundError,
      promptNotFound,
    )
  })

  it('R14.1 updateEntry of another client’s entry → NotFoundError, row unchanged', async () => {
    await expectDeniedUnchanged(
      () => updateEntry(handle.db, clientA2, privateEntry, input({ body: 'Übernommen' })),
      NotFoundError,
      entryNotFound,
    )
    expect((await getEntry(handle.db, clientA1, privateEntry)).body).toBe('Nur für mich')
  })

  it('R14.1 deleteEntry of another client’s entry → NotFoundError, row still there', async () => {
    await expectDeniedUnchanged(
      () => deleteEntry(handle.db, clientA2, sharedEntry),
      NotFoundError,
      entryNotFound,
    )
    expect(await entryRow(sharedEntry)).toBeDefined()
  })

  it('R14.1 getEntry of another client’s entry → NotFoundError (also a client of another coach)', async () => {
    await expectDeniedUnchanged(
      () => getEntry(handle.db, clientA2, privateEntry),
      NotFoundError,
      entryNotFound,
    )
    await expectDeniedUnchanged(() => getEntry(handle.db, clientB, sharedEntry), NotFoundError, entryNotFound)
  })

  it('R14.1 setEntrySharing of another client’s entry → NotFoundError, sharing state and audit unchanged', async () => {
    await expectDeniedUnchanged(
      () => setEntrySharing(handle.db, clientA2, privateEntry, true, meta),
      NotFoundError,
      entryNotFound,
    )
    await expectDeniedUnchanged(
      () => setEntrySharing(handle.db, clientA2, sharedEntry, false, meta),
      NotFoundError,
      entryNotFound,
    )
    expect((await entryRow(privateEntry))!.sharedAt).toBeNull()
    expect((await entryRow(sharedEntry))!.sharedAt).not.toBeNull()
  })

  it('R14.1 getPromptForClient of another client’s prompt → NotFoundError', async () => {
    await expectDeniedUnchanged(
      () => getPromptForClient(handle.db, clientA2, promptA1),
      NotFoundError,
      promptNotFound,
    )
    await expectDeniedUnchanged(
      () => getPromptForClient(handle.db, clientA1, randomUUID()),
      NotFoundError,
      promptNotFound,
    )
    expect(await getPromptForClient(handle.db, clientA1, promptA1)).toMatchObject({
      id: promptA1,
      text: 'Impuls für Lea',
    })
  })

  it('R14.1 listOpenPrompts, listEntries and listTags show the actor’s own rows only', async () => {
    expect((await listOpenPrompts(handle.db, clientA1)).map((p) => p.id)).toContain(promptA1)
    expect(await listOpenPrompts(handle.db, clientA2)).toEqual([])
    expect(await listOpenPrompts(handle.db, clientB)).toEqual([])
    const empty = { items: [], total: 0, page: 1, pageCount: 1 }
    expect(await listEntries(handle.db, clientA2, listFilterSchema.parse({}))).toEqual(empty)
    expect(await listEntries(handle.db, clientB, listFilterSchema.parse({ tag: 'geteilt' }))).toEqual(empty)
    expect(await listTags(handle.db, clientA2)).toEqual([])
  })
})

describe('R14.1 R2.2 a coach reaches own clients’ shared entries only (NotFoundError otherwise)', () => {
  it('R14.1 the coach of another client: getClientForCoach, listSharedEntries, listPromptsForCoach → NotFoundError', async () => {
    for (const attempt of [
      () => getClientForCoach(handle.db, coachB, clientA1.userId),
      () => listSharedEntries(handle.db, coachB, clientA1.userId),
      () => listPromptsForCoach(handle.db, coachB, clientA1.userId),
    ])
      await expectDeniedUnchanged(attempt, NotFoundError, clientNotFound)
    // Own client works.
    expect(await getClientForCoach(handle.db, coachA, clientA1.userId)).toMatchObject({
      id: clientA1.userId,
      name: 'Lea Meier',
    })
  })

  it('R14.1 getClientForCoach: a random id, a coach id, or the coach’s own id are not clients → NotFoundError', async () => {
    const coachAsClient = await createUser(handle.db, { role: 'coach', coachId: coachA.userId })
    for (const id of [randomUUID(), coachAsClient.id, coachA.userId, coachB.userId])
      await expectDeniedUnchanged(
        () => getClientForCoach(handle.db, coachA, id),
        NotFoundError,
        clientNotFound,
      )
  })

  it('R14.1 viewSharedEntry by the coach of another client → NotFoundError, no audit row', async () => {
    await expectDeniedUnchanged(
      () => viewSharedEntry(handle.db, coachB, { clientId: clientA1.userId, entryId: sharedEntry }, meta),
      NotFoundError,
    )
    // Naming an own client does not help either.
    await expectDeniedUnchanged(
      () => viewSharedEntry(handle.db, coachB, { clientId: clientB.userId, entryId: sharedEntry }, meta),
      NotFoundError,
    )
  })

  it('R14.1 viewSharedEntry with a mismatched clientId (another own client) → NotFoundError, no audit row', async () => {
    await expectDeniedUnchanged(
      () => viewSharedEntry(handle.db, coachA, { clientId: clientA2.userId, entryId: sharedEntry }, meta),
      NotFoundError,
      'Dieser Eintrag wurde nicht gefunden oder nicht (mehr) geteilt.',
    )
    await expectDeniedUnchanged(
      () => viewSharedEntry(handle.db, coachA, { clientId: randomUUID(), entryId: sharedEntry }, meta),
      NotFoundError,
    )
  })

  it('R2.2 R14.1 an unshared entry is not found for the coach and not listed', async () => {
    await expectDeniedUnchanged(
      () => viewSharedEntry(handle.db, coachA, { clientId: clientA1.userId, entryId: privateEntry }, meta),
      NotFoundError,
      'Dieser Eintrag wurde nicht gefunden oder nicht (mehr) geteilt.',
    )
    const listed = await listSharedEntries(handle.db, coachA, clientA1.userId)
    expect(listed.map((e) => e.id)).toEqual([sharedEntry])
  })

  it('R14.1 createPrompt for another coach’s client → NotFoundError, no prompt written', async () => {
    await expectDeniedUnchanged(
      () => createPrompt(handle.db, coachB, { clientId: clientA1.userId, text: 'Fremder Impuls' }),
      NotFoundError,
      clientNotFound,
    )
    expect((await listOpenPrompts(handle.db, clientA1)).map((p) => p.text)).not.toContain('Fremder Impuls')
  })

  it('R14.1 deletePrompt of another coach’s client’s prompt → NotFoundError, prompt still there', async () => {
    await expectDeniedUnchanged(
      () => deletePrompt(handle.db, coachB, promptA1),
      NotFoundError,
      promptNotFound,
    )
    await expectDeniedUnchanged(() => deletePrompt(handle.db, coachA, randomUUID()), NotFoundError)
    expect(await promptRow(promptA1)).toBeDefined()
  })
})

describe('R14.1 role checks: coaches cannot use client functions, clients cannot use coach functions', () => {
  it('R14.1 a coach calling any client journal function → AuthorizationError, nothing changed', async () => {
    const message = 'Nur Klientinnen und Klienten führen ein Tagebuch.'
    for (const attempt of [
      () => createEntry(handle.db, coachA, input({ body: 'Coach schreibt' })),
      () => updateEntry(handle.db, coachA, sharedEntry, input({ body: 'Coach ändert' })),
      () => deleteEntry(handle.db, coachA, sharedEntry),
      () => getEntry(handle.db, coachA, privateEntry),
      () => listEntries(handle.db, coachA, listFilterSchema.parse({})),
      () => listTags(handle.db, coachA),
      () => setEntrySharing(handle.db, coachA, privateEntry, true, meta),
      () => setEntrySharing(handle.db, coachA, sharedEntry, false, meta),
      () => listOpenPrompts(handle.db, coachA),
      () => getPromptForClient(handle.db, coachA, promptA1),
    ])
      await expectDeniedUnchanged(attempt, AuthorizationError, message)
  })

  it('R14.1 a client calling any coach journal function → AuthorizationError, nothing changed, no audit row', async () => {
    const message = 'Dafür fehlt dir die Berechtigung.'
    for (const attempt of [
      () => getClientForCoach(handle.db, clientA1, clientA1.userId),
      () => listSharedEntries(handle.db, clientA1, clientA1.userId),
      () => viewSharedEntry(handle.db, clientA1, { clientId: clientA1.userId, entryId: sharedEntry }, meta),
      () => createPrompt(handle.db, clientA1, { clientId: clientA1.userId, text: 'Selbst-Impuls' }),
      () => listPromptsForCoach(handle.db, clientA1, clientA1.userId),
      () => deletePrompt(handle.db, clientA1, promptA1),
      // A client whose coachId points at another client still is no coach.
      () => getClientForCoach(handle.db, clientA2, clientA1.userId),
    ])
      await expectDeniedUnchanged(attempt, AuthorizationError, message)
  })
})

describe('R2.2 R13.2 sharing with the coach and revoking', () => {
  it('R2.2 a new entry is private: sharedAt null, not in the coach’s list', async () => {
    const client = actorOf(await createUser(handle.db, { coachId: coachA.userId }))
    const { id } = await createEntry(handle.db, client, input({ body: 'Privat' }))
    expect((await getEntry(handle.db, client, id)).sharedAt).toBeNull()
    expect(await listSharedEntries(handle.db, coachA, client.userId)).toEqual([])
    await expect(
      viewSharedEntry(handle.db, coachA, { clientId: client.userId, entryId: id }, meta),
    ).rejects.toThrow(NotFoundError)
  })

  it('R2.2 R13.2 share → listed with decrypted title, viewable with body, one audit row per view; revoke → gone at once', async () => {
    const client = actorOf(await createUser(handle.db, { name: 'Sara Roth', coachId: coachA.userId }))
    const { id } = await createEntry(
      handle.db,
      client,
      input({ kind: 'reflection', title: 'Mein Titel', body: 'Mein geteilter Text', mood: '2', tags: 'mut' }),
    )
    const other = await createEntry(handle.db, client, input({ body: 'bleibt privat' }))

    // Share: one journal.entry_shared row by the client.
    await setEntrySharing(handle.db, client, id, true, meta)
    const shared = await auditFor('journal.entry_shared', id)
    expect(shared).toHaveLength(1)
    expect(shared[0]).toMatchObject({
      actorId: client.userId,
      actorRole: 'client',
      targetType: 'journal_entry',
      targetId: id,
      ipTruncated: '198.51.100.0',
      userAgent: 'Vitest',
    })
    const sharedAt = (await entryRow(id))!.sharedAt
    expect(sharedAt).toBeInstanceOf(Date)

    // Sharing again changes nothing and writes nothing.
    const auditBefore = await countRows(handle.db, auditLog)
    await setEntrySharing(handle.db, client, id, true, meta)
    expect(await countRows(handle.db, auditLog)).toBe(auditBefore)
    expect((await entryRow(id))!.sharedAt).toEqual(sharedAt)

    // The coach's list: metadata and decrypted title, no body, only the shared entry.
    const listed = await listSharedEntries(handle.db, coachA, client.userId)
    expect(listed).toEqual([
      { id, kind: 'reflection', title: 'Mein Titel', mood: 2, createdAt: expect.any(Date), sharedAt },
    ])
    expect(JSON.stringify(listed)).not.toContain('Mein geteilter Text')
    expect(listed.map((e) => e.id)).not.toContain(other.id)

    // Each view returns the body and writes exactly one audit row (actor coach, target entry, clientId).
    for (let view = 1; view <= 2; view++) {
      const entry = await viewSharedEntry(handle.db, coachA, { clientId: client.userId, entryId: id }, meta)
      expect(entry).toMatchObject({
        id,
        title: 'Mein Titel',
        body: 'Mein geteilter Text',
        mood: 2,
        tags: ['mut'],
        clientId: client.userId,
        clientName: 'Sara Roth',
      })
      const views = await auditFor('journal.shared_entry_viewed', id)
      expect(views).toHaveLength(view)
      expect(views.at(-1)).toMatchObject({
        actorId: coachA.userId,
        actorRole: 'coach',
        targetType: 'journal_entry',
        targetId: id,
        details: { clientId: client.userId },
        ipTruncated: '198.51.100.0',
      })
    }
    // The audit log records that, never what.
    const trail = JSON.stringify(await handle.db.select().from(auditLog).where(eq(auditLog.targetId, id)))
    for (const secret of ['Mein Titel', 'Mein geteilter Text', 'mut"']) expect(trail).not.toContain(secret)

    // Revoke: one journal.entry_unshared row; gone from list and view at once.
    await setEntrySharing(handle.db, client, id, false, meta)
    expect(await auditFor('journal.entry_unshared', id)).toEqual([
      expect.objectContaining({ actorId: client.userId, actorRole: 'client', targetType: 'journal_entry' }),
    ])
    expect((await getEntry(handle.db, client, id)).sharedAt).toBeNull()
    expect(await listSharedEntries(handle.db, coachA, client.userId)).toEqual([])
    const viewsBefore = (await auditFor('journal.shared_entry_viewed', id)).length
    const error = await rejection(
      viewSharedEntry(handle.db, coachA, { clientId: client.userId, entryId: id }, meta),
    )
    expect(error).toBeInstanceOf(NotFoundError)
    expect(messageOf(error)).toBe('Dieser Eintrag wurde nicht gefunden oder nicht (mehr) geteilt.')
    expect(await auditFor('journal.shared_entry_viewed', id)).toHaveLength(viewsBefore)

    // Revoking again writes nothing; sharing again writes a second journal.entry_shared.
    const auditAfterRevoke = await countRows(handle.db, auditLog)
    await setEntrySharing(handle.db, client, id, false, meta)
    expect(await countRows(handle.db, auditLog)).toBe(auditAfterRevoke)
    await setEntrySharing(handle.db, client, id, true, meta)
    expect(await auditFor('journal.entry_shared', id)).toHaveLength(2)
    expect((await listSharedEntries(handle.db, coachA, client.userId)).map((e) => e.id)).toEqual([id])
  })

  it('R2.2 editing a shared entry keeps it shared; the coach sees the new text; deleting it removes it for the coach', async () => {
    const client = actorOf(await createUser(handle.db, { coachId: coachA.userId }))
    const { id } = await createEntry(handle.db, client, input({ title: 'Vorher', body: 'alt' }))
    await setEntrySharing(handle.db, client, id, true, meta)
    await updateEntry(handle.db, client, id, input({ title: 'Nachher', body: 'neu' }))
    expect((await listSharedEntries(handle.db, coachA, client.userId)).map((e) => e.title)).toEqual([
      'Nachher',
    ])
    expect(
      (await viewSharedEntry(handle.db, coachA, { clientId: client.userId, entryId: id }, meta)).body,
    ).toBe('neu')
    await deleteEntry(handle.db, client, id)
    expect(await listSharedEntries(handle.db, coachA, client.userId)).toEqual([])
    await expect(
      viewSharedEntry(handle.db, coachA, { clientId: client.userId, entryId: id }, meta),
    ).rejects.toThrow(NotFoundError)
  })

  it('R2.2 the coach’s list is ordered by share time, newest share first', async () => {
    const client = actorOf(await createUser(handle.db, { coachId: coachA.userId }))
    const first = await createEntry(handle.db, client, input({ title: 'Erster', body: '1' }))
    const second = await createEntry(handle.db, client, input({ title: 'Zweiter', body: '2' }))
    await setEntrySharing(handle.db, client, second.id, true, meta)
    await new Promise((r) => setTimeout(r, 5))
    await setEntrySharing(handle.db, client, first.id, true, meta)
    expect((await listSharedEntries(handle.db, coachA, client.userId)).map((e) => e.title)).toEqual([
      'Erster',
      'Zweiter',
    ])
  })
})

describe('R2.1 R2.2 prompts from the coach', () => {
  it('R2.1 create → open for the client → answered (gone from open) → answeredShared only once shared → delete keeps the entry', async () => {
    const client = actorOf(await createUser(handle.db, { coachId: coachA.userId }))
    const older = await createPrompt(handle.db, coachA, { clientId: client.userId, text: 'Älterer Impuls' })
    await new Promise((r) => setTimeout(r, 5))
    const { id: promptId } = await createPrompt(handle.db, coachA, {
      clientId: client.userId,
      text: 'Was hat dir Kraft gegeben?',
    })
    expect(await promptRow(promptId)).toMatchObject({ coachId: coachA.userId, clientId: client.userId })

    // The client sees both, newest first, decrypted.
    expect(await listOpenPrompts(handle.db, client)).toEqual([
      { id: promptId, text: 'Was hat dir Kraft gegeben?', createdAt: expect.any(Date) },
      { id: older.id, text: 'Älterer Impuls', createdAt: expect.any(Date) },
    ])
    expect(await listPromptsForCoach(handle.db, coachA, client.userId)).toEqual([
      {
        id: promptId,
        text: 'Was hat dir Kraft gegeben?',
        createdAt: expect.any(Date),
        answeredShared: false,
      },
      { id: older.id, text: 'Älterer Impuls', createdAt: expect.any(Date), answeredShared: false },
    ])

    // Answering removes it from the open prompts; the entry knows its prompt.
    const { id: entryId } = await createEntry(
      handle.db,
      client,
      input({ kind: 'reflection', body: 'Der Spaziergang am See.', promptId }),
    )
    expect((await listOpenPrompts(handle.db, client)).map((p) => p.id)).toEqual([older.id])
    expect(await getEntry(handle.db, client, entryId)).toMatchObject({
      promptId,
      promptText: 'Was hat dir Kraft gegeben?',
    })

    // A private answer is indistinguishable from no answer for the coach.
    const answered = async () =>
      Object.fromEntries(
        (await listPromptsForCoach(handle.db, coachA, client.userId)).map((p) => [p.id, p.answeredShared]),
      )
    expect(await answered()).toEqual({ [promptId]: false, [older.id]: false })
    await setEntrySharing(handle.db, client, entryId, true, meta)
    expect(await answered()).toEqual({ [promptId]: true, [older.id]: false })
    await setEntrySharing(handle.db, client, entryId, false, meta)
    expect(await answered()).toEqual({ [promptId]: false, [older.id]: false })

    // Editing the answer keeps the link to the prompt.
    await updateEntry(handle.db, client, entryId, input({ kind: 'reflection', body: 'Überarbeitet.' }))
    expect((await getEntry(handle.db, client, entryId)).promptId).toBe(promptId)

    // Another coach cannot delete it; the own coach can, and the answer stays (prompt_id set null).
    await expect(deletePrompt(handle.db, coachB, promptId)).rejects.toThrow(NotFoundError)
    expect(await promptRow(promptId)).toBeDefined()
    await deletePrompt(handle.db, coachA, promptId)
    expect(await promptRow(promptId)).toBeUndefined()
    expect((await listPromptsForCoach(handle.db, coachA, client.userId)).map((p) => p.id)).toEqual([older.id])
    expect(await getEntry(handle.db, client, entryId)).toMatchObject({
      body: 'Überarbeitet.',
      promptId: null,
      promptText: null,
    })
    expect((await entryRow(entryId))!.promptId).toBeNull()
    await expect(getPromptForClient(handle.db, client, promptId)).rejects.toThrow(NotFoundError)
    await expect(deletePrompt(handle.db, coachA, promptId)).rejects.toThrow(NotFoundError)
  })

  it('R2.1 deleting the answer re-opens the prompt', async () => {
    const client = actorOf(await createUser(handle.db, { coachId: coachA.userId }))
    const { id: promptId } = await createPrompt(handle.db, coachA, { clientId: client.userId, text: 'Frage' })
    const { id } = await createEntry(handle.db, client, input({ body: 'Antwort', promptId }))
    expect(await listOpenPrompts(handle.db, client)).toEqual([])
    await deleteEntry(handle.db, client, id)
    expect((await listOpenPrompts(handle.db, client)).map((p) => p.id)).toEqual([promptId])
  })
})

describe('R2.2 the coach home lists newly shared entries until the coach opens them', () => {
  it('only own clients’ shared entries, gone once viewed, back when shared again; another coach sees none', async () => {
    const entry = (await createEntry(handle.db, clientA2, input({ title: 'Neu geteilt', body: 'Hallo' }))).id
    const listed = async (coach: Actor) => (await listNewlySharedEntries(handle.db, coach)).map((e) => e.id)
    expect(await listed(coachA)).not.toContain(entry)
    await setEntrySharing(handle.db, clientA2, entry, true, meta)
    expect(await listed(coachA)).toContain(entry)
    expect(await listed(coachB)).not.toContain(entry)
    expect(await listed(coachA)).not.toContain(privateEntry)
    await viewSharedEntry(handle.db, coachA, { clientId: clientA2.userId, entryId: entry }, meta)
    expect(await listed(coachA)).not.toContain(entry)
    await setEntrySharing(handle.db, clientA2, entry, false, meta)
    await new Promise((r) => setTimeout(r, 5))
    await setEntrySharing(handle.db, clientA2, entry, true, meta)
    expect(await listed(coachA)).toContain(entry)
    expect(await rejection(listNewlySharedEntries(handle.db, clientA1))).toBeInstanceOf(AuthorizationError)
  })

  it('R2.2 lists each entry by its title (decrypted with the client key), no title stays null', async () => {
    const titled = (
      await createEntry(handle.db, clientA2, input({ title: 'Mein Wochenrückblick', body: 'x' }))
    ).id
    await setEntrySharing(handle.db, clientA2, titled, true, meta)
    const listed = await listNewlySharedEntries(handle.db, coachA)
    expect(listed.find((e) => e.id === titled)).toMatchObject({
      title: 'Mein Wochenrückblick',
      clientId: clientA2.userId,
    })
    const [row] = await handle.db.select().from(journalEntries).where(eq(journalEntries.id, titled))
    expect(row!.titleEnc).not.toContain('Wochenrückblick')
    const untitled = (await createEntry(handle.db, clientA2, input({ body: 'ohne Titel' }))).id
    await setEntrySharing(handle.db, clientA2, untitled, true, meta)
    const again = await listNewlySharedEntries(handle.db, coachA)
    expect(again.find((e) => e.id === untitled)).toMatchObject({ title: null })
  })
})
