import { randomBytes } from 'node:crypto'
import pg from 'pg'

// Bench tooling like tests/**: reads its own knobs (lib/env.ts is for the app).
/** The PostgreSQL server the benchmarks create their throwaway databases on. */
// eslint-disable-next-line no-restricted-properties
export const BENCH_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Whether a PostgreSQL server answers at `url` (the PostgreSQL benchmarks skip with a message otherwise). */
export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** The server URL for a message, without its password. */
export const maskedUrl = (url: string) => url.replace(/:[^:@/]*@/, ':***@')

export type ThrowawayDatabase = {
  /** Connection URL of the new, empty database. */
  url: string
  /** Drops it (FORCE: the app's pool may still hold connections). */
  drop: () => Promise<void>
}

/** `CREATE DATABASE mialma_<prefix>_<random>` on `server`; the caller drops it with `drop()` in a finally. */
export async function createThrowawayDatabase(
  prefix: string,
  server = BENCH_SERVER,
): Promise<ThrowawayDatabase> {
  const name = `mialma_${prefix}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(server)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: server })
      await dropper.connect()
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await dropper.end()
      }
    },
  }
}
