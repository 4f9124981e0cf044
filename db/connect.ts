import { neonConfig, Pool as NeonPool } from '@neondatabase/serverless'
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import ws from 'ws'
import * as schema from './schema'
import type { Db, DbDriver, DbHandle } from './types'

/** Neon's hosts; every other URL is an ordinary PostgreSQL server reached with node-postgres. */
export function driverForUrl(url: string): Exclude<DbDriver, 'pglite'> {
  const host = new URL(url).hostname
  return /\.neon\.tech$|\.neon\.build$/.test(host) ? 'neon' : 'pg'
}

export function connectDatabase(url: string, options: { embedded?: boolean } = {}): DbHandle {
  if (driverForUrl(url) === 'neon') {
    // WebSocket pool: interactive transactions, which bookings and payments need (the HTTP driver has none).
    neonConfig.webSocketConstructor = ws
    const pool = new NeonPool({ connectionString: url })
    return {
      db: drizzleNeon({ client: pool, schema }) as unknown as Db,
      driver: 'neon',
      close: () => pool.end(),
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    // The embedded server takes one connection at a time. The app keeps its one connection open rather than
    // reconnecting after every idle second (suspected cause of one failed sign-in query seen in e2e).
    // Other processes (db:migrate) wait until the app stops.
    ...(options.embedded ? { max: 1, idleTimeoutMillis: 0 } : { max: 10 }),
  })
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Nothing to log that is not noise.
  })
  return { db: drizzlePg({ client: pool, schema }) as unknown as Db, driver: 'pg', close: () => pool.end() }
}
