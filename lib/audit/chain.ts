import { sql } from 'drizzle-orm'
import type { Db } from '@/db/types'

export type AuditChainVerification =
  { ok: true; checked: number } | { ok: false; brokenAt: number; reason: 'hash-mismatch' | 'link-mismatch' }

type Row = { checked: number | string; broken_id: number | string | null; hash_ok: boolean | null }

/**
 * Recomputes the audit log's hash chain in the database (R13.2), in chain order (chain_seq, set by the insert
 * trigger of migration 0004), with the same SQL function the trigger used. Reports the first broken row:
 * `hash-mismatch` — the row's content no longer matches its hash (edited); `link-mismatch` — its prev_hash
 * is not the hash of the row before it (a row was removed or inserted in between, or a hash rewritten).
 * The first remaining row is the anchor: after retention deleted the oldest rows its predecessor is gone,
 * so only its own hash is checked. (A chain alone cannot reveal that the newest rows were cut off; that
 * needs the latest hash kept elsewhere.)
 */
export async function verifyAuditChain(db: Db): Promise<AuditChainVerification> {
  const result = await db.execute(sql`
    WITH chain AS (
      SELECT a.id,
             row_number() OVER w AS position,
             a.row_hash IS NOT DISTINCT FROM audit_log_row_hash(a) AS hash_ok,
             a.prev_hash IS NOT DISTINCT FROM lag(a.row_hash) OVER w AS link_ok
        FROM audit_log a
      WINDOW w AS (ORDER BY a.chain_seq, a.id)
    )
    SELECT (SELECT count(*) FROM chain)::int AS checked, b.id AS broken_id, b.hash_ok
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT id, hash_ok
          FROM chain
         WHERE NOT hash_ok OR (position > 1 AND NOT link_ok)
         ORDER BY position
         LIMIT 1
      ) AS b ON true
  `)
  // node-postgres, Neon and PGlite all answer with `rows`.
  const [row] = (result as unknown as { rows: Row[] }).rows
  if (!row) throw new Error('audit chain verification returned no row')
  if (row.broken_id === null) return { ok: true, checked: Number(row.checked) }
  return {
    ok: false,
    brokenAt: Number(row.broken_id),
    reason: row.hash_ok ? 'link-mismatch' : 'hash-mismatch',
  }
}
