import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase } from '@/db/migrate'
import { journalEntries, journalTags, journalTagSets } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { KeyShreddedError, rotateUserKey, shredUserKey, userCipher } from '@/lib/crypto'
import { sealEntry } from '@/lib/journal/crypto'
import { entryInputSchema, listFilterSchema } from '@/lib/journal/schemas'
import { createEntry, deleteEntry, listEntries, listTags, updateEntry } from '@/lib/journal/service'
import { countingDb, createTestDb, olderMigrations } from '../helpers/db'
import { actorOf, createUser } from '../helpers/fixtures'

let handle: DbHandle
let counted: Db
const statements: string[] = []
const handles: DbHandle[] = []

beforeAll(async () => {
  handle = await createTestDb()
  handles.push(handle)
  counted = await countingDb(handle, (query) => void statements.push(query))
})
afterAll(async () => {
  for (const h of handles) await h.close()
})

const input = (fields: Record<string, string>) =>
  entryInputSchema.parse({ kind: 'journal', title: '', body: 'Ein Tag.', tags: '', ...fields })

async function newClient(db: Db = handle.db) {
  return actorOf(await createUser(db))
}

/** Entries as they were written before journal_tags existed: only the entry row. */
async function legacyEntries(db: Db, userId: string, tagLists: string[]) {
  const cipher = userCipher(db, userId)
  for (const tags of tagLists) {
    const sealed = await sealEntry(cipher, input({ tags }))
    await db.insert(journalEntries).values({ ...sealed, userId })
  }
}

describe('R2.1 R13 the tag list costs the number of tags, not the number of entries', () => {
  it('R2.1 R13 after the first list, listing tags reads no entry ciphertext and decrypts one value per tag', async () => {
    const client = await newClient()
    for (let i = 0; i < 40; i++) {
      await createEntry(
        handle.db,
        client,
        input({ body: `Eintrag ${i}`, tags: i % 2 ? 'schlaf, arbeit' : 'arbeit' }),
      )
    }
    expect(await listTags(handle.db, client)).toEqual(['arbeit', 'schlaf'])
    const before = statements.length
    expect(await listTags(counted, client)).toEqual(['arbeit', 'schlaf'])
    const sent = statements.slice(before)
    expect(sent.some((s) => s.includes('"tags_enc"'))).toBe(false)
    const rows = await handle.db.select().from(journalTags).where(eq(journalTags.userId, client.userId))
    expect(rows).toHaveLength(2)
    // Ciphertext under the client's key, never the tag itself.
    expect(rows.every((r) => r.tagEnc.startsWith('enc1.') && !r.tagEnc.includes('schlaf'))).toBe(true)
  })

  it('R2.1 deleting the last entry with a tag, or editing the tag away, removes the tag from the set', async () => {
    const client = await newClient()
    const a = await createEntry(handle.db, client, input({ tags: 'bleibt, weg' }))
    const b = await createEntry(handle.db, client, input({ tags: 'einmalig' }))
    const c = await createEntry(handle.db, client, input({ tags: 'bleibt, später' }))
    expect(await listTags(handle.db, client)).toEqual(['bleibt', 'einmalig', 'später', 'weg'])
    await deleteEntry(handle.db, client, b.id)
    await updateEntry(handle.db, client, a.id, input({ tags: 'bleibt' }))
    expect(await listTags(handle.db, client)).toEqual(['bleibt', 'später'])
    expect(
      await handle.db.select().from(journalTags).where(eq(journalTags.userId, client.userId)),
    ).toHaveLength(2)
    await deleteEntry(handle.db, client, c.id)
    await deleteEntry(handle.db, client, a.id)
    expect(await listTags(handle.db, client)).toEqual([])
    expect(
      await handle.db.select().from(journalTags).where(eq(journalTags.userId, client.userId)),
    ).toHaveLength(0)
  })

  it('R2.1 R14.3 across a key rotation one tag is listed once and the filter finds entries of both versions', async () => {
    const client = await newClient()
    await createEntry(handle.db, client, input({ body: 'vorher', tags: 'ruhe' }))
    await rotateUserKey(handle.db, client.userId)
    await createEntry(handle.db, client, input({ body: 'nachher', tags: 'ruhe' }))
    expect(
      await handle.db.select().from(journalTags).where(eq(journalTags.userId, client.userId)),
    ).toHaveLength(2)
    expect(await listTags(handle.db, client)).toEqual(['ruhe'])
    expect((await listEntries(handle.db, client, listFilterSchema.parse({ tag: 'ruhe' }))).total).toBe(2)
  })

  it('R10.2 R14.3 after shredding the key the tag set is unreadable like the entries', async () => {
    const client = await newClient()
    await createEntry(handle.db, client, input({ tags: 'geheim' }))
    await listTags(handle.db, client)
    await shredUserKey(handle.db, client.userId)
    await expect(listTags(handle.db, client)).rejects.toThrow(KeyShreddedError)
  })

  it('R2.1 entries written before the tag set existed are added once, on the first list', async () => {
    const client = await newClient()
    await legacyEntries(handle.db, client.userId, ['alt, älter', 'alt', ''])
    expect(
      await handle.db.select().from(journalTagSets).where(eq(journalTagSets.userId, client.userId)),
    ).toEqual([])
    expect(await listTags(handle.db, client)).toEqual(['alt', 'älter'])
    expect(
      await handle.db.select().from(journalTagSets).where(eq(journalTagSets.userId, client.userId)),
    ).toHaveLength(1)
    // A later entry joins the set directly; the entries are not read again.
    await createEntry(handle.db, client, input({ tags: 'neu' }))
    const before = statements.length
    expect(await listTags(counted, client)).toEqual(['alt', 'älter', 'neu'])
    expect(statements.slice(before).some((s) => s.includes('"tags_enc"'))).toBe(false)
  })
})

describe('R2.1 migration journal_tag_set on a database that already has journal entries', () => {
  it('R2.1 the existing tags are listed after the migration (built lazily with the client key)', async () => {
    const old = await createTestDb({ migrationsFolder: olderMigrations('0016_ai_review') })
    handles.push(old)
    const client = await newClient(old.db)
    await legacyEntries(old.db, client.userId, ['vorher, zweitens', 'vorher'])
    await migrateDatabase(old)
    expect(await listTags(old.db, client)).toEqual(['vorher', 'zweitens'])
    expect((await listEntries(old.db, client, listFilterSchema.parse({ tag: 'zweitens' }))).total).toBe(1)
  })
})
