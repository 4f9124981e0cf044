import 'server-only'
import { env } from '@/lib/env'
import { connectDatabase } from './connect'
import { embeddedDatabaseUrl } from './embedded-url'
import type { Db, DbHandle } from './types'

export type { Db } from './types'

const globalForDb = globalThis as unknown as { miAlmaDb?: DbHandle }

/**
 * The app's database, chosen from DATABASE_URL: unset → the embedded PGlite served by `npm run dev`
 * (lib/dev/launch.ts) on EMBEDDED_DB_PORT; a Neon URL → neon-serverless; anything else → node-postgres.
 */
export function getDb(): Db {
  if (!globalForDb.miAlmaDb) {
    globalForDb.miAlmaDb = env.DATABASE_URL
      ? connectDatabase(env.DATABASE_URL)
      : connectDatabase(embeddedDatabaseUrl(env.EMBEDDED_DB_PORT), { embedded: true })
  }
  return globalForDb.miAlmaDb.db
}
