import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connectDatabase } from '@/db/connect'
import { openEmbeddedDatabase } from '@/db/embedded'
import { migrateDatabase } from '@/db/migrate'
import { pgliteHandle } from '@/db/pglite'
import type { DbHandle } from '@/db/types'

/**
 * A fresh, migrated database for one test file: in-process PGlite in the `integration` project, a throwaway
 * database on the PostgreSQL server named by TEST_DATABASE_URL in `integration-postgres` (dropped on close).
 */
export async function createTestDb(): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl || process.env.MIALMA_TEST_DB !== 'postgres') {
    const handle = pgliteHandle(await openEmbeddedDatabase(null))
    await migrateDatabase(handle)
    return handle
  }
  const name = `mialma_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = connectDatabase(url.toString())
  await migrateDatabase(handle)
  return {
    ...handle,
    close: async () => {
      await handle.close()
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await dropper.end()
    },
  }
}
