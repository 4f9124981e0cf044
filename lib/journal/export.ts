import { and, asc, eq } from 'drizzle-orm'
import { journalEntries, journalPrompts } from '@/db/schema'
import { afterTime, cursorText, type ExportSection, keyset, type TimeCursor } from '@/lib/export/section'
import { openEntry } from './crypto'

/** The journal's part of the data export (R10.1): entries (decrypted with the journal's own code) and prompts. */

export const journalExport: ExportSection = {
  key: 'journal_entries',
  kind: 'list',
  fields: [
    'id',
    'kind',
    'title',
    'body',
    'mood',
    'tags',
    'prompt_id',
    'shared_with_coach_at',
    'created_at',
    'updated_at',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'journal_entries',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({ row: journalEntries, at: cursorText(journalEntries.createdAt) })
          .from(journalEntries)
          .where(
            and(
              eq(journalEntries.userId, ctx.userId),
              afterTime(journalEntries.createdAt, journalEntries.id, after),
            ),
          )
          .orderBy(asc(journalEntries.createdAt), asc(journalEntries.id))
          .limit(limit),
      (r) => ({ at: r.at, id: r.row.id }),
      (rows) =>
        Promise.all(
          rows.map(async ({ row }) => {
            const e = await openEntry(ctx.cipher, row)
            return {
              id: e.id,
              kind: e.kind,
              title: e.title,
              body: e.body,
              mood: e.mood,
              tags: e.tags,
              prompt_id: e.promptId,
              shared_with_coach_at: e.sharedAt,
              created_at: e.createdAt,
              updated_at: e.updatedAt,
            }
          }),
        ),
    ),
}

export const journalPromptExport: ExportSection = {
  key: 'journal_prompts',
  kind: 'list',
  fields: ['id', 'text', 'created_at'],
  rows: (ctx) =>
    keyset(
      ctx,
      'journal_prompts',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({ row: journalPrompts, at: cursorText(journalPrompts.createdAt) })
          .from(journalPrompts)
          .where(
            and(
              eq(journalPrompts.clientId, ctx.userId),
              afterTime(journalPrompts.createdAt, journalPrompts.id, after),
            ),
          )
          .orderBy(asc(journalPrompts.createdAt), asc(journalPrompts.id))
          .limit(limit),
      (r) => ({ at: r.at, id: r.row.id }),
      (rows) =>
        Promise.all(
          rows.map(async ({ row: p }) => ({
            id: p.id,
            text: await ctx.cipher.decrypt(p.textEnc),
            created_at: p.createdAt,
          })),
        ),
    ),
}
