import pg from 'pg'

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
