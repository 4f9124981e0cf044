import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { journalEntries } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { KeyShreddedError, rotateUserKey, shredUserKey } from '@/lib/crypto'
import { NotFoundError } from '@/lib/errors'
import { entryInputSchema, listFilterSchema, PAGE_SIZE } from '@/lib/journal/schemas'
import {
  createEntry,
  createPrompt,
  deleteEntry,
  getEntry,
  listEntries,
  listSharedEntries,
  listTags,
  setEntrySharing,
  updateEntry,
  viewSharedEntry,
} from '@/lib/journal/service'
import { createTestDb } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { actorOf, createUser, rejection } from '../helpers/fixtures'

let handle: DbHandle
const meta = { ip: '198.51.100.7', userAgent: 'Vitest' }

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

/** An entry as the form would send it, parsed by the same schema the server action uses. */
const input = (fields: Record<string, string> = {}) =>
  entryInputSchema.parse({
    kind: 'journal',
    title: '',
    body: 'Ein gewöhnlicher Tag.',
    mood: '',
    tags: '',
    promptId: '',
    ...fields,
  })

/** A page of the actor's list exactly as the journal page parses its query string. */
const list = (actor: ReturnType<typeof actorOf>, query: Record<string, string> = {}) =>
  listEntries(handle.db, actor, listFilterSchema.parse(query))

async function newClient() {
  const coach = await createUser(handle.db, { role: 'coach' })
  const client = await createUser(handle.db, { coachId: coach.id })
  return { coach: actorOf(coach), client: actorOf(client) }
}

/** The row as the database stores it, every column, without going through drizzle's mapping. */
async function rawRow(table: 'journal_entries' | 'journal_prompts', id: string) {
  const result = (await handle.db.execute(
    sql`select * from ${sql.identifier(table)} where id = ${id}`,
  )) as unknown as { rows: Record<string, unknown>[] }
  expect(result.rows).toHaveLength(1)
  return result.rows[0]!
}

describe('R2.1 journal entries: create, open, edit, delete', () => {
  it('R2.1 createEntry + getEntry round trip with title, body, mood, normalised tags; private, no prompt', async () => {
    const { client } = await newClient()
    const before = Date.now()
    const { id } = await createEntry(
      handle.db,
      client,
      input({
        kind: 'reflection',
        title: 'Am See',
        body: 'Zum ersten Mal seit Wochen konnte ich durchatmen.',
        mood: '4',
        tags: 'Natur, Erholung, natur',
      }),
    )
    const entry = await getEntry(handle.db, client, id)
    expect(entry).toEqual({
      id,
      kind: 'reflection',
      title: 'Am See',
      body: 'Zum ersten Mal seit Wochen konnte ich durchatmen.',
      mood: 4,
      tags: ['natur', 'erholung'],
      promptId: null,
      promptText: null,
      sharedAt: null,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    })
    expect(entry.createdAt.getTime()).toBeGreaterThanOrEqual(before - 5_000)
  })

  it.each(['journal', 'note', 'reflection'] as const)(
    'R2.1 kind %s without title, mood or tags → null / null / []',
    async (kind) => {
      const { client } = await newClient()
      const { id } = await createEntry(handle.db, client, input({ kind, body: 'Nur Text.' }))
      expect(await getEntry(handle.db, client, id)).toMatchObject({
        kind,
        title: null,
        body: 'Nur Text.',
        mood: null,
        tags: [],
      })
      const [row] = await handle.db.select().from(journalEntries).where(eq(journalEntries.id, id))
      expect(row).toMatchObject({ titleEnc: null, tagsEnc: null, tagIndex: [], mood: null })
    },
  )

  it('R2.1 updateEntry changes every field, re-encrypts, keeps createdAt and moves updatedAt', async () => {
    const { client } = await newClient()
    const { id } = await createEntry(
      handle.db,
      client,
      input({ kind: 'note', title: 'Alt', body: 'Alter Text', mood: '2', tags: 'alt' }),
    )
    const [before] = await handle.db.select().from(journalEntries).where(eq(journalEntries.id, id))
    await new Promise((r) => setTimeout(r, 5))
    await updateEntry(
      handle.db,
      client,
      id,
      input({ kind: 'journal', title: 'Neu', body: 'Neuer Text', mood: '5', tags: 'Neu, Zwei' }),
    )
    const entry = await getEntry(handle.db, client, id)
    expect(entry).toMatchObject({
      kind: 'journal',
      title: 'Neu',
      body: 'Neuer Text',
      mood: 5,
      tags: ['neu', 'zwei'],
    })
    expect(entry.createdAt).toEqual(before!.createdAt)
    expect(entry.updatedAt.getTime()).toBeGreaterThan(before!.updatedAt.getTime())
    const [after] = await handle.db.select().from(journalEntries).where(eq(journalEntries.id, id))
    expect(after!.bodyEnc).not.toBe(before!.bodyEnc)
    expect(after!.tagIndex).toHaveLength(2)
    expect(after!.tagIndex).not.toContain(before!.tagIndex[0])

    // Clearing optional fields clears them.
    await updateEntry(handle.db, client, id, input({ kind: 'journal', body: 'Nur noch Text' }))
    expect(await getEntry(handle.db, client, id)).toMatchObject({
      title: null,
      body: 'Nur noch Text',
      mood: null,
      tags: [],
    })
    const [cleared] = await handle.db.select().from(journalEntries).where(eq(journalEntries.id, id))
    expect(cleared).toMatchObject({ titleEnc: null, tagsEnc: null, tagIndex: [] })
    expect(await list(client, { tag: 'neu' })).toMatchObject({ total: 0, items: [] })
  })

  it('R2.1 deleteEntry removes the row; opening, editing or deleting it again → NotFoundError', async () => {
    const { client } = await newClient()
    const { id } = await createEntry(handle.db, client, input({ body: 'Weg damit.' }))
    const { id: keep } = await createEntry(handle.db, client, input({ body: 'Bleibt.' }))
    await deleteEntry(handle.db, client, id)
    expect(await handle.db.select().from(journalEntries).where(eq(journalEntries.id, id))).toHaveLength(0)
    const error = await rejection(getEntry(handle.db, client, id))
    expect(error).toBeInstanceOf(NotFoundError)
    expect(messageOf(error)).toBe('Dieser Eintrag wurde nicht gefunden.')
    await expect(deleteEntry(handle.db, client, id)).rejects.toThrow(NotFoundError)
    await expect(updateEntry(handle.db, client, id, input())).rejects.toThrow(NotFoundError)
    expect((await list(client)).items.map((e) => e.id)).toEqual([keep])
  })

  it('R2.1 an id that never existed → NotFoundError for open, edit, delete and share', async () => {
    const { client } = await newClient()
    const ghost = randomUUID()
    await expect(getEntry(handle.db, client, ghost)).rejects.toThrow(NotFoundError)
    await expect(updateEntry(handle.db, client, ghost, input())).rejects.toThrow(NotFoundError)
    await expect(deleteEntry(handle.db, client, ghost)).rejects.toThrow(NotFoundError)
    await expect(setEntrySharing(handle.db, client, ghost, true, meta)).rejects.toThrow(NotFoundError)
    expect(await handle.db.select().from(journalEntries).where(eq(journalEntries.id, ghost))).toHaveLength(0)
  })
})

describe('R2.1 listing: newest first, paging, filters, tags', () => {
  it('R2.1 45 entries → pages of 20/20/5, newest first across pages; a page beyond the end clamps', async () => {
    expect(PAGE_SIZE).toBe(20)
    const { client } = await newClient()
    const ids: string[] = []
    for (let i = 0; i < 45; i++) {
      const kind = i % 3 === 0 ? 'note' : 'journal'
      ids.push((await createEntry(handle.db, client, input({ kind, body: `Eintrag ${i}` }))).id)
      // Distinct creation times: two entries within one tick of the database clock (PGlite's is coarse) tie,
      // and a tie is ordered by id, not by insertion.
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    const newestFirst = [...ids].reverse()

    const pages = [await list(client), await list(client, { page: '2' }), await list(client, { page: '3' })]
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 5])
    expect(pages.map((p) => [p.page, p.total, p.pageCount])).toEqual([
      [1, 45, 3],
      [2, 45, 3],
      [3, 45, 3],
    ])
    expect(pages.flatMap((p) => p.items.map((e) => e.id))).toEqual(newestFirst)
    expect(pages[0]!.items[0]!.body).toBe('Eintrag 44')
    expect(pages[2]!.items.at(-1)!.body).toBe('Eintrag 0')
    const times = pages.flatMap((p) => p.items.map((e) => e.createdAt.getTime()))
    expect(times).toEqual([...times].sort((a, b) => b - a))

    for (const beyond of ['4', '99', '10000']) {
      const last = await list(client, { page: beyond })
      expect(last.page).toBe(3)
      expect(last.items.map((e) => e.id)).toEqual(newestFirst.slice(40))
    }
    // Garbage page → first page.
    expect((await list(client, { page: 'abc' })).items.map((e) => e.id)).toEqual(newestFirst.slice(0, 20))

    // Filtering by kind pages over the filtered set: 15 notes (i = 0, 3, …, 42).
    const notes = await list(client, { kind: 'note' })
    expect([notes.total, notes.pageCount, notes.items.length]).toEqual([15, 1, 15])
    expect(notes.items.every((e) => e.kind === 'note')).toBe(true)
    expect(notes.items.map((e) => e.id)).toEqual(newestFirst.filter((_, j) => (44 - j) % 3 === 0))
    const journals = await list(client, { kind: 'journal', page: '2' })
    expect([journals.total, journals.page, journals.items.length]).toEqual([30, 2, 10])
    expect(journals.items.every((e) => e.kind === 'journal')).toBe(true)
    expect(await list(client, { kind: 'reflection' })).toEqual({ items: [], total: 0, page: 1, pageCount: 1 })
  })

  it('R2.1 an empty journal is one empty page', async () => {
    const { client } = await newClient()
    expect(await list(client, { page: '5' })).toEqual({ items: [], total: 0, page: 1, pageCount: 1 })
    expect(await listTags(handle.db, client)).toEqual([])
  })

  it('R2.1 filter by tag is case-insensitive, combines with kind and never shows another client’s entries', async () => {
    const { client } = await newClient()
    const { client: other } = await newClient()
    const sleep1 = await createEntry(handle.db, client, input({ body: 'a', tags: 'Schlaf, Arbeit' }))
    const sleep2 = await createEntry(handle.db, client, input({ kind: 'note', body: 'b', tags: 'SCHLAF' }))
    const work = await createEntry(handle.db, client, input({ body: 'c', tags: 'arbeit' }))
    await createEntry(handle.db, client, input({ body: 'd' }))
    await createEntry(handle.db, other, input({ body: 'fremd', tags: 'schlaf' }))

    for (const tag of ['schlaf', 'Schlaf', ' SCHLAF ']) {
      const page = await list(client, { tag })
      expect(page.total).toBe(2)
      expect(page.items.map((e) => e.id)).toEqual([sleep2.id, sleep1.id])
    }
    expect((await list(client, { tag: 'arbeit' })).items.map((e) => e.id)).toEqual([work.id, sleep1.id])
    expect((await list(client, { tag: 'schlaf', kind: 'note' })).items.map((e) => e.id)).toEqual([sleep2.id])
    expect((await list(client, { tag: 'schla' })).total).toBe(0)
    expect((await list(client, { tag: 'unbekannt' })).total).toBe(0)
    expect((await list(other, { tag: 'schlaf' })).items.map((e) => e.body)).toEqual(['fremd'])
  })

  it('R2.1 R14.3 filter by tag finds entries written before rotateUserKey (blind index across key versions)', async () => {
    const { client } = await newClient()
    const old = await createEntry(handle.db, client, input({ body: 'vor der Rotation', tags: 'Schlaf' }))
    expect(await rotateUserKey(handle.db, client.userId)).toBe(2)
    const fresh = await createEntry(handle.db, client, input({ body: 'nach der Rotation', tags: 'schlaf' }))
    const [oldRow] = await handle.db.select().from(journalEntries).where(eq(journalEntries.id, old.id))
    const [freshRow] = await handle.db.select().from(journalEntries).where(eq(journalEntries.id, fresh.id))
    // The two rows carry different index values for the same tag (one per key version).
    expect(oldRow!.tagIndex[0]!.startsWith('1:')).toBe(true)
    expect(freshRow!.tagIndex[0]!.startsWith('2:')).toBe(true)
    expect(oldRow!.tagIndex[0]!.slice(2)).not.toBe(freshRow!.tagIndex[0]!.slice(2))

    const page = await list(client, { tag: 'SCHLAF' })
    expect(page.total).toBe(2)
    expect(page.items.map((e) => e.body)).toEqual(['nach der Rotation', 'vor der Rotation'])
    expect(await listTags(handle.db, client)).toEqual(['schlaf'])

    // After one more rotation an edit of the old entry re-indexes it under the newest version; still found.
    expect(await rotateUserKey(handle.db, client.userId)).toBe(3)
    await updateEntry(handle.db, client, old.id, input({ body: 'vor der Rotation', tags: 'schlaf' }))
    expect((await list(client, { tag: 'schlaf' })).total).toBe(2)
  })

  it('R2.1 listTags returns the decrypted distinct tags of the actor only, sorted (de-CH)', async () => {
    const { client } = await newClient()
    const { client: other } = await newClient()
    await createEntry(handle.db, client, input({ body: 'a', tags: 'Zürich, Arbeit' }))
    await createEntry(handle.db, client, input({ body: 'b', tags: 'ärger, arbeit' }))
    await createEntry(handle.db, client, input({ body: 'c', tags: 'schlaf' }))
    await createEntry(handle.db, client, input({ body: 'd' }))
    await createEntry(handle.db, other, input({ body: 'e', tags: 'geheim' }))
    expect(await listTags(handle.db, client)).toEqual(['arbeit', 'ärger', 'schlaf', 'zürich'])
    expect(await listTags(handle.db, other)).toEqual(['geheim'])
  })
})

describe('R2.3 R14.3 encryption at rest', () => {
  it('R2.3 R14.3 the stored entry row holds no title, body or tag in plaintext', async () => {
    const { client } = await newClient()
    const title = 'Streit mit Schwester Rahel'
    const body = 'Ich habe mich heute über Rahel geärgert und danach lange geweint.'
    const tags = ['familie', 'traurigkeit', 'rahel']
    const { id } = await createEntry(
      handle.db,
      client,
      input({ title, body, mood: '2', tags: 'Familie, Traurigkeit, Rahel' }),
    )
    const row = await rawRow('journal_entries', id)
    const stored = JSON.stringify(row)
    for (const secret of [title, body, 'Schwester', 'geärgert', 'geweint', ...tags, 'Familie', 'Rahel'])
      expect(stored).not.toContain(secret)
    for (const column of ['title_enc', 'body_enc', 'tags_enc'])
      expect(String(row[column])).toMatch(/^enc1\.1\.[A-Za-z0-9+/]+=*$/)
    expect(row.tag_index).toHaveLength(3)
    for (const hash of row.tag_index as string[]) expect(hash).toMatch(/^1:[A-Za-z0-9_-]{22}$/)
    // Only the service, with the client's key, turns it back into text.
    expect(await getEntry(handle.db, client, id)).toMatchObject({ title, body, tags })
  })

  it('R2.3 R14.3 an edited entry is stored encrypted as well', async () => {
    const { client } = await newClient()
    const { id } = await createEntry(handle.db, client, input({ body: 'harmlos' }))
    await updateEntry(
      handle.db,
      client,
      id,
      input({ title: 'Kündigung', body: 'Ich denke über eine Kündigung nach.', tags: 'Beruf' }),
    )
    const stored = JSON.stringify(await rawRow('journal_entries', id))
    for (const secret of ['Kündigung', 'Ich denke', 'beruf', 'Beruf']) expect(stored).not.toContain(secret)
  })

  it('R14.3 the stored prompt row (journal_prompts.text_enc) holds no prompt text in plaintext', async () => {
    const { coach, client } = await newClient()
    const text = 'Was hat dich an deiner Mutter diese Woche verletzt?'
    const { id } = await createPrompt(handle.db, coach, { clientId: client.userId, text })
    const row = await rawRow('journal_prompts', id)
    const stored = JSON.stringify(row)
    for (const secret of [text, 'Mutter', 'verletzt']) expect(stored).not.toContain(secret)
    expect(String(row.text_enc)).toMatch(/^enc1\.1\./)
  })
})

describe('R14.3 shredded key: content unreadable everywhere', () => {
  it('R14.3 R10.2 after shredUserKey getEntry, listEntries and listTags throw KeyShreddedError (clear German message)', async () => {
    const { client } = await newClient()
    const { id } = await createEntry(handle.db, client, input({ title: 'T', body: 'bald weg', tags: 'x' }))
    await shredUserKey(handle.db, client.userId)

    const error = await rejection(getEntry(handle.db, client, id))
    expect(error).toBeInstanceOf(KeyShreddedError)
    expect(messageOf(error)).toBe(
      'Der Datenschlüssel dieser Person existiert nicht mehr (Account gelöscht): ihre Inhalte sind unwiderruflich unlesbar.',
    )
    await expect(list(client)).rejects.toThrow(KeyShreddedError)
    await expect(list(client, { tag: 'x' })).rejects.toThrow(KeyShreddedError)
    await expect(listTags(handle.db, client)).rejects.toThrow(KeyShreddedError)
    // No fresh key for new content either: nothing is written readable.
    await expect(createEntry(handle.db, client, input({ body: 'neu' }))).rejects.toThrow(KeyShreddedError)
    expect(
      await handle.db.select().from(journalEntries).where(eq(journalEntries.userId, client.userId)),
    ).toHaveLength(1)
  })

  it('R14.3 R2.2 the coach’s view of a shredded client’s shared entry fails the same way', async () => {
    const { coach, client } = await newClient()
    const { id } = await createEntry(handle.db, client, input({ title: 'Geteilt', body: 'Für den Coach' }))
    await setEntrySharing(handle.db, client, id, true, meta)
    expect(
      (await viewSharedEntry(handle.db, coach, { clientId: client.userId, entryId: id }, meta)).body,
    ).toBe('Für den Coach')
    await shredUserKey(handle.db, client.userId)
    const error = await rejection(
      viewSharedEntry(handle.db, coach, { clientId: client.userId, entryId: id }, meta),
    )
    expect(error).toBeInstanceOf(KeyShreddedError)
    expect(messageOf(error)).toContain('unwiderruflich unlesbar')
    await expect(listSharedEntries(handle.db, coach, client.userId)).rejects.toThrow(KeyShreddedError)
  })
})
