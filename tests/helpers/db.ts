import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { connectDatabase } from '@/db/connect'
import { openEmbeddedDatabase } from '@/db/embedded'
import { migrateDatabase, migrationsFolder } from '@/db/migrate'
import { pgliteHandle } from '@/db/pglite'
import type { DbHandle } from '@/db/types'

/**
 * A fresh, migrated database for one test file: in-process PGlite in the `integration` project, a throwaway
 * database on the PostgreSQL server named by TEST_DATABASE_URL in `integration-postgres` (dropped on close).
 * `migrationsFolder` lets a test start from an older schema (see olderMigrations) to test a migration itself.
 */
export async function createTestDb(options: { migrationsFolder?: string } = {}): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl || process.env.MIALMA_TEST_DB !== 'postgres') {
    const handle = pgliteHandle(await openEmbeddedDatabase(null))
    await migrateDatabase(handle, options.migrationsFolder)
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
  await migrateDatabase(handle, options.migrationsFolder)
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

/**
 * A copy of db/migrations that ends with migration `lastTag`: createTestDb on it gives the database as it was
 * before the later migrations; migrateDatabase(handle) then applies them like a deployment would.
 */
export function olderMigrations(lastTag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mialma-migrations-'))
  cpSync(migrationsFolder, dir, { recursive: true })
  const journalPath = join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; tag: string }[] }
  const last = journal.entries.findIndex((e) => e.tag === lastTag)
  if (last < 0) throw new Error(`unknown migration ${lastTag}`)
  journal.entries = journal.entries.slice(0, last + 1)
  writeFileSync(journalPath, JSON.stringify(journal))
  return dir
}
