import { drizzle } from 'drizzle-orm/pglite'
import type { PGlite } from '@electric-sql/pglite'
import * as schema from './schema'
import type { Db, DbHandle } from './types'

/** In-process PGlite behind the common Db type (tests, CLI tools). */
export function pgliteHandle(pglite: PGlite): DbHandle {
  return {
    db: drizzle({ client: pglite, schema }) as unknown as Db,
    driver: 'pglite',
    close: () => pglite.close(),
  }
}
