import type { JournalEntryRow } from '@/db/schema'
import type { UserCipher } from '@/lib/crypto'
import type { EntryInput, EntryKind } from './schemas'

export type JournalEntry = {
  id: string
  kind: EntryKind
  title: string | null
  body: string
  mood: number | null
  tags: string[]
  promptId: string | null
  sharedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** Everything sensitive is ciphertext before the row is written (R2.3, R14.3). */
export async function sealEntry(cipher: UserCipher, input: Omit<EntryInput, 'promptId'>) {
  return {
    kind: input.kind,
    mood: input.mood,
    titleEnc: input.title === null ? null : await cipher.encrypt(input.title),
    bodyEnc: await cipher.encrypt(input.body),
    tagsEnc: input.tags.length > 0 ? await cipher.encrypt(JSON.stringify(input.tags)) : null,
    tagIndex: await Promise.all(input.tags.map((t) => cipher.blindIndex(t))),
  }
}

export async function openEntry(cipher: UserCipher, row: JournalEntryRow): Promise<JournalEntry> {
  return {
    id: row.id,
    kind: row.kind,
    title: row.titleEnc === null ? null : await cipher.decrypt(row.titleEnc),
    body: await cipher.decrypt(row.bodyEnc),
    mood: row.mood,
    tags: await openTags(cipher, row.tagsEnc),
    promptId: row.promptId,
    sharedAt: row.sharedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

export async function openTags(cipher: UserCipher, tagsEnc: string | null): Promise<string[]> {
  return tagsEnc === null ? [] : (JSON.parse(await cipher.decrypt(tagsEnc)) as string[])
}
