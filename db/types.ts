import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from './schema'

/** Any of our drivers (node-postgres, Neon WebSocket pool, in-process PGlite for tests) behind one type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
export type DbDriver = 'pg' | 'neon' | 'pglite'

export type DbHandle = { db: Db; driver: DbDriver; close: () => Promise<void> }
