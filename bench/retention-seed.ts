import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/types'

/**
 * The rows of the retention benchmark (bench/retention.bench.ts, bench/retention-profile.ts): N expired rows
 * spread over the classes, and the same rows removed with one raw statement per table for comparison.
 */
// Shares of N per table (sum 1). Accounts: 20 journal entries each plus the account row.
export const SHARES = {
  webhook_events: 0.2,
  email_outbox: 0.15,
  rate_limits: 0.1,
  audit_log: 0.1,
  consent_events: 0.05,
  ai_transmissions: 0.1,
  payments: 0.1,
  ai_analyses: 0.1,
  bookings: 0.05,
  transcripts: 0.04,
  accounts: 0.01,
} as const

const part = (rows: number, share: number) => Math.max(1, Math.round(rows * share))

/**
 * Rows arrive over time, so their timestamps differ: row g of a table is g seconds older than the first (rate
 * limits: 100 keys per one-minute window, ties as in real windows). RETENTION_BENCH_TIES=1 gives every row of a
 * table the same timestamp instead (one INSERT's now(), as this seed did before 2026-12-07): the worst case for
 * batches by ranges of the period index, which must then split the tie by TID.
 */
// eslint-disable-next-line no-restricted-properties
const TIES = process.env.RETENTION_BENCH_TIES === '1'
const spread = (step: string) => sql.raw(TIES ? '' : ` - g * interval '${step}'`)

/** Seeds the expired rows with set-based inserts; returns how many rows the job should touch. */
export async function seed(db: Db, rows: number): Promise<number> {
  const n = (share: number) => part(rows, share)
  const run = (q: ReturnType<typeof sql>) => db.execute(q)
  await run(sql`INSERT INTO users (id, role, name, email) VALUES
    ('00000000-0000-4000-8000-000000000001', 'coach', 'Coach', 'bench-coach@mialma.test'),
    ('00000000-0000-4000-8000-000000000002', 'client', 'Client', 'bench-client@mialma.test')
    ON CONFLICT DO NOTHING`)
  const coach = '00000000-0000-4000-8000-000000000001'
  const client = '00000000-0000-4000-8000-000000000002'
  const old = (interval: string) => sql.raw(`now() - interval '${interval}'`)
  await run(sql`INSERT INTO webhook_events (provider, event_id, type, received_at)
    SELECT 'stripe', 'evt_' || g || '_' || ${randomBytes(4).toString('hex')}, 'x', ${old('100 days')}${spread('1 second')}
      FROM generate_series(1, ${n(SHARES.webhook_events)}) g`)
  await run(sql`INSERT INTO email_outbox (to_address, template, locale, subject, provider, status, idempotency_key, created_at)
    SELECT 'x@mialma.test', 't', 'de', 's', 'resend', 'sent', 'k_' || g || '_' || ${randomBytes(4).toString('hex')},
           ${old('100 days')}${spread('1 second')}
      FROM generate_series(1, ${n(SHARES.email_outbox)}) g`)
  await run(sql`INSERT INTO rate_limits (key, window_start, count)
    SELECT 'rl_' || g, ${old('100 days')}${sql.raw(TIES ? '' : " - (g / 100) * interval '1 minute'")}, 1
      FROM generate_series(1, ${n(SHARES.rate_limits)}) g`)
  // One statement: the chain trigger links the rows in order.
  await run(sql`INSERT INTO audit_log (action, created_at)
    SELECT 'auth.sign_in', ${old('4 years')} FROM generate_series(1, ${n(SHARES.audit_log)}) g`)
  await run(sql`INSERT INTO consent_events (user_id, purpose, granted, text_version, text_sha256, locale, created_at)
    SELECT gen_random_uuid(), 'ai_transcripts', true, '1', 'x', 'de', ${old('4 years')}${spread('1 second')}
      FROM generate_series(1, ${n(SHARES.consent_events)}) g`)
  await run(sql`INSERT INTO ai_transmissions (client_id, purpose, provider, model, chars_sent, placeholders,
      consent_event_ids, outcome, sent_at)
    SELECT ${client}, 'transcript', 'mistral', 'm', 1, 0, '{1}', 'ok', ${old('4 years')}${spread('1 second')}
      FROM generate_series(1, ${n(SHARES.ai_transmissions)}) g`)
  await run(sql`INSERT INTO payments (kind, status, amount_rappen, description, occurred_at)
    SELECT 'booking', 'paid', 15000, 'Coaching-Sitzung, 60 Min.', ${old('11 years')}${spread('1 second')}
      FROM generate_series(1, ${n(SHARES.payments)}) g`)
  await run(sql`INSERT INTO ai_analyses (client_id, source_kind, created_at)
    SELECT ${client}, 'questionnaire', ${old('3 years')}${spread('1 second')} FROM generate_series(1, ${n(SHARES.ai_analyses)}) g`)
  // Cancelled, so the exclusion constraint on a coach's calendar does not apply to the generated times.
  await run(sql`INSERT INTO bookings (coach_id, client_id, session_name, mode, duration_minutes, price_rappen,
      starts_at, ends_at, blocked_from, blocked_until, status)
    SELECT ${coach}, ${client}, 'Coaching', 'video', 60, 15000, t, t + interval '1 hour', t, t + interval '1 hour', 'cancelled'
      FROM (SELECT now() - interval '6 years' + g * interval '1 minute' AS t
              FROM generate_series(1, ${n(SHARES.bookings)}) g) s`)
  // Transcripts hang off bookings of 3 years ago (past 2 years, not yet 5): only the transcripts go.
  await run(sql`WITH b AS (
      INSERT INTO bookings (coach_id, session_name, mode, duration_minutes, price_rappen,
        starts_at, ends_at, blocked_from, blocked_until, status)
      SELECT ${coach}, 'Coaching', 'video', 60, 15000, t, t + interval '1 hour', t, t + interval '1 hour', 'cancelled'
        FROM (SELECT now() - interval '3 years' + g * interval '1 minute' AS t
                FROM generate_series(1, ${n(SHARES.transcripts)}) g) s
      RETURNING id, starts_at)
    INSERT INTO transcripts (booking_id, source, segments_enc, segment_count, created_at)
    SELECT id, 'upload', 'x', 0, starts_at FROM b`)
  const accounts = Math.max(1, Math.round(n(SHARES.accounts) / 21))
  await run(sql`WITH u AS (
      INSERT INTO users (role, name, email, deletion_requested_at)
      SELECT 'client', 'Gone', 'gone-' || g || '-' || ${randomBytes(4).toString('hex')} || '@mialma.test', now() - interval '1 day'
        FROM generate_series(1, ${accounts}) g
      RETURNING id)
    INSERT INTO journal_entries (user_id, kind, body_enc)
    SELECT u.id, 'journal', 'x' FROM u, generate_series(1, 20)`)
  await run(sql`ANALYZE`)
  const total = Object.entries(SHARES)
    .filter(([k]) => k !== 'accounts')
    .reduce((sum, [, share]) => sum + n(share), 0)
  // Bookings of 6 years ago: anonymised; the transcripts' bookings stay. Accounts: entries + the account row.
  return total + accounts * 21
}

/** The same rows, each table in one statement. */
export async function rawDelete(db: Db): Promise<number> {
  let rows = 0
  const count = (r: unknown) => Number((r as { rowCount?: number }).rowCount ?? 0)
  const statements = [
    sql`DELETE FROM journal_entries WHERE user_id IN (SELECT id FROM users WHERE deletion_requested_at IS NOT NULL)`,
    sql`DELETE FROM users WHERE deletion_requested_at IS NOT NULL AND role = 'client'`,
    sql`DELETE FROM transcripts WHERE created_at < now() - interval '2 years'`,
    sql`DELETE FROM ai_analyses WHERE created_at < now() - interval '2 years'`,
    sql`UPDATE bookings SET client_id = NULL, price_rappen = 0, created_at = starts_at, updated_at = starts_at
         WHERE starts_at < now() - interval '5 years' AND client_id IS NOT NULL`,
    sql`DELETE FROM payments WHERE occurred_at < now() - interval '10 years'`,
    sql`DELETE FROM webhook_events WHERE received_at < now() - interval '90 days'`,
    sql`DELETE FROM email_outbox WHERE created_at < now() - interval '90 days'`,
    sql`DELETE FROM rate_limits WHERE window_start < now() - interval '90 days'`,
    sql`DELETE FROM ai_transmissions WHERE sent_at < now() - interval '3 years'`,
  ]
  for (const statement of statements) rows += count(await db.execute(statement))
  rows += await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL mialma.retention = 'on'`)
    const a = count(
      await tx.execute(sql`DELETE FROM audit_log WHERE created_at < now() - interval '3 years'`),
    )
    const c = count(
      await tx.execute(sql`DELETE FROM consent_events WHERE created_at < now() - interval '3 years'`),
    )
    return a + c
  })
  return rows
}
