import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { journalEntries, journalTags, journalTagSets } from '@/db/schema'
import type { UserCipher } from '@/lib/crypto'
import { openTags } from './crypto'

/** Some entry of the user still carries this row's blind index (GIN index on journal_entries.tag_index). */
const stillUsed = sql`exists (select 1 from ${journalEntries} where ${journalEntries.userId} = ${journalTags.userId} and ${journalEntries.tagIndex} @> array[${journalTags.tagIndex}])`

/** Adds an entry's tags to the user's tag set; only tags not in it yet are encrypted and written. */
export async function rememberTags(
  db: Db,
  cipher: UserCipher,
  userId: string,
  tags: readonly string[],
  indexes: readonly string[],
): Promise<void> {
  if (indexes.length === 0) return
  const known = await db
    .select({ tagIndex: journalTags.tagIndex })
    .from(journalTags)
    .where(and(eq(journalTags.userId, userId), inArray(journalTags.tagIndex, [...indexes])))
  const have = new Set(known.map((k) => k.tagIndex))
  const fresh = indexes.flatMap((tagIndex, i) => (have.has(tagIndex) ? [] : [{ tagIndex, tag: tags[i]! }]))
  if (fresh.length === 0) return
  const rows = await Promise.all(
    fresh.map(async ({ tagIndex, tag }) => ({ userId, tagIndex, tagEnc: await cipher.encrypt(tag) })),
  )
  await db.insert(journalTags).values(rows).onConflictDoNothing()
}

/** Drops tags no entry carries any more (after an edit or a deletion): a removed tag does not linger. */
export async function pruneTags(db: Db, userId: string): Promise<void> {
  await db.delete(journalTags).where(and(eq(journalTags.userId, userId), sql`not ${stillUsed}`))
}

/**
 * The user's distinct tags: one decryption per tag, however many entries there are. A user whose entries predate
 * the tag set gets it built here once, from their entries (that one time, every entry's tags are decrypted).
 */
export async function distinctTags(db: Db, cipher: UserCipher, userId: string): Promise<string[]> {
  const [built] = await db
    .select({ userId: journalTagSets.userId })
    .from(journalTagSets)
    .where(eq(journalTagSets.userId, userId))
  if (!built) await buildTagSet(db, cipher, userId)
  const rows = await db
    .select({ tagEnc: journalTags.tagEnc })
    .from(journalTags)
    .where(and(eq(journalTags.userId, userId), stillUsed))
  const tags = new Set(await Promise.all(rows.map((r) => cipher.decrypt(r.tagEnc))))
  return [...tags].sort((a, b) => a.localeCompare(b, 'de-CH'))
}

async function buildTagSet(db: Db, cipher: UserCipher, userId: string): Promise<void> {
  const entries = await db
    .select({ tagsEnc: journalEntries.tagsEnc, tagIndex: journalEntries.tagIndex })
    .from(journalEntries)
    .where(eq(journalEntries.userId, userId))
  // sealEntry writes tag_index in the order of the tags, so position i of both is the same tag.
  const byIndex = new Map<string, string>()
  for (const entry of entries) {
    const tags = await openTags(cipher, entry.tagsEnc)
    entry.tagIndex.forEach((index, i) => {
      if (tags[i] !== undefined && !byIndex.has(index)) byIndex.set(index, tags[i])
    })
  }
  await rememberTags(db, cipher, userId, [...byIndex.values()], [...byIndex.keys()])
  await db.insert(journalTagSets).values({ userId }).onConflictDoNothing()
}
