import { type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Db } from '@/db/types'
import type { UserCipher } from '@/lib/crypto'

/**
 * The shared shape of the data export (R10.1). Each domain owns the section(s) of its own data in
 * `lib/<domain>/export.ts` and decrypts with its own code; `lib/account/export/` only assembles them into JSON, a
 * zip and a PDF. This file is a kernel both sides import, so the domains never import the account domain.
 */

export type ExportRow = Record<string, unknown>

export type ExportContext = {
  db: Db
  userId: string
  cipher: UserCipher
  pageSize: number
  /** Called after each page read (the tests watch the paging). */
  onPage?: (section: string, rows: number) => void
}

/** A file that belongs to a section's row and goes into the zip as it is (a recording's audio). */
export type ExportFile = {
  /** Path inside the zip, e.g. `recordings/<id>.webm`. */
  path: string
  /** The bytes in chunks, read only when the zip gets to this file; null when the file is gone. */
  open: () => Promise<AsyncIterable<Uint8Array> | null>
}

export type ExportSection = {
  key: string
  /** `object`: exactly one row (the account); `list`: any number. */
  kind: 'object' | 'list'
  /**
   * The field names (JSON keys, CSV columns, in this order). The title, the description and the meaning of each
   * field are words in lib/i18n/messages/<locale>.export.json (`export.sections.<key>`), in the client's language.
   */
  fields: readonly string[]
  rows: (ctx: ExportContext) => AsyncGenerator<ExportRow>
  /** Files that go into the zip beside the CSVs (only the zip carries them; JSON and PDF list them). */
  files?: (ctx: ExportContext) => AsyncGenerator<ExportFile>
}

export const DEFAULT_PAGE_SIZE = 200

/**
 * Reads a table page by page with keyset pagination — each page starts after the last row of the previous one, so
 * page n costs the same as page 1 (OFFSET would read and throw away every row before it) — and yields the mapped
 * rows one by one. `fetch(after, limit)` must order by the same key that `cursor` returns.
 */
export async function* keyset<T, C>(
  ctx: ExportContext,
  section: string,
  fetch: (after: C | null, limit: number) => Promise<T[]>,
  cursor: (row: T) => C,
  map: (rows: T[]) => Promise<ExportRow[]> | ExportRow[],
): AsyncGenerator<ExportRow> {
  let after: C | null = null
  for (;;) {
    const rows = await fetch(after, ctx.pageSize)
    ctx.onPage?.(section, rows.length)
    yield* await map(rows)
    if (rows.length < ctx.pageSize) return
    after = cursor(rows[rows.length - 1]!)
  }
}

/**
 * A (timestamp, id) cursor. The timestamp travels as PostgreSQL's own text: a JS Date keeps milliseconds only, and
 * a cursor rounded down would return the last row of the page again.
 */
export type TimeCursor = { at: string; id: string }

/** The column's exact value as text, to select beside the row for its cursor. */
export const cursorText = (column: PgColumn) => sql<string>`(${column})::text`

/** `(at, id) > (cursor)` in the order `ORDER BY at, id`; no condition on the first page. */
export function afterTime(at: PgColumn, id: PgColumn, after: TimeCursor | null): SQL | undefined {
  return after ? sql`(${at}, ${id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined
}
