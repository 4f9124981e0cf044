import { sql } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { auditLog } from '@/db/schema'

export const MINUTE = 60_000
export const DAY = 86_400_000

/** Row counts of every table in the public schema (drizzle's own bookkeeping excluded). */
export async function tableCounts(db: Db, except: string[] = []): Promise<Record<string, number>> {
  const result = await db.execute(sql`
    SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)
  const names = (result as unknown as { rows: { name: string }[] }).rows
    .map((r) => r.name)
    .filter((n) => !except.includes(n))
  const counts: Record<string, number> = {}
  for (const name of names) {
    const rows = (await db.execute(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)}`,
    )) as unknown as {
      rows: { n: number }[]
    }
    counts[name] = Number(rows.rows[0]!.n)
  }
  return counts
}

/**
 * Every (table, column) whose text form contains `needle` in some row: uuid, text, jsonb and array columns of
 * the public schema. How a test proves "no row references the user" without knowing the tables.
 */
export async function whereMentioned(db: Db, needle: string): Promise<string[]> {
  const result = await db.execute(sql`
    SELECT table_name AS t, column_name AS c FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('uuid', 'text', 'jsonb', 'ARRAY', 'character varying')`)
  const hits: string[] = []
  for (const { t, c } of (result as unknown as { rows: { t: string; c: string }[] }).rows) {
    const found = (await db.execute(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(t)} WHERE position(lower(${needle}) in lower(${sql.identifier(c)}::text)) > 0`,
    )) as unknown as { rows: { n: number }[] }
    if (Number(found.rows[0]!.n) > 0) hits.push(`${t}.${c}`)
  }
  return hits.sort()
}

/** An audit entry with a chosen time (the chain trigger links it after the current last row). */
export async function insertAudit(
  db: Db,
  createdAt: Date,
  action = 'auth.sign_in',
  actorId: string | null = null,
) {
  const [row] = await db
    .insert(auditLog)
    .values({ action, actorId, actorRole: actorId ? 'client' : null, createdAt })
    .returning({ id: auditLog.id })
  return row!.id
}
