import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { inject } from 'vitest'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { connectDatabase } from '@/db/connect'
import { openEmbeddedDatabase } from '@/db/embedded'
import { migrateDatabase, migrationsFolder } from '@/db/migrate'
import { pgliteHandle } from '@/db/pglite'
import * as schema from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'

let pgliteTemplate: Blob | undefined

/**
 * A fresh, migrated database for one test file: in-process PGlite in the `integration` project, a throwaway
 * database on the PostgreSQL server named by TEST_DATABASE_URL in `integration-postgres` (dropped on close).
 * Both are copies of a template migrated once per run (tests/helpers/global-setup.ts). `migrationsFolder` lets
 * a test start from an older schema (see olderMigrations) to test a migration itself: that one migrates.
 */
export async function createTestDb(options: { migrationsFolder?: string } = {}): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL
  // No template outside the integration projects (e.g. benchmarks): migrate as before.
  const fromTemplate = !options.migrationsFolder && Boolean(inject('pgliteTemplate'))
  if (!serverUrl || process.env.MIALMA_TEST_DB !== 'postgres') {
    if (!fromTemplate) {
      const handle = pgliteHandle(await openEmbeddedDatabase(null))
      await migrateDatabase(handle, options.migrationsFolder)
      return handle
    }
    pgliteTemplate ??= new Blob([readFileSync(inject('pgliteTemplate'))])
    return pgliteHandle(await PGlite.create({ loadDataDir: pgliteTemplate, extensions: { btree_gist } }))
  }
  const name = `mialma_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  const template = fromTemplate ? inject('postgresTemplate') : ''
  await createDatabase(admin, name, template)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = connectDatabase(url.toString())
  if (!template) await migrateDatabase(handle, options.migrationsFolder)
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

/** CREATE DATABASE, from `template` when given; a copy waits while another session still holds the template. */
async function createDatabase(admin: pg.Client, name: string, template: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`)
      return
    } catch (error) {
      // 55006: "source database is being accessed by other users" — two copies started at the same moment.
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200))
    }
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

/**
 * The same database seen through a drizzle instance that reports every statement (tests that count queries), for
 * either driver: PGlite in the embedded projects, node-postgres on a server.
 */
export async function countingDb(handle: DbHandle, onQuery: (sql: string) => void): Promise<Db> {
  const client = (handle.db as unknown as { $client: unknown }).$client
  const logger = { logQuery: (query: string) => onQuery(query) }
  if (client instanceof PGlite) {
    const { drizzle } = await import('drizzle-orm/pglite')
    return drizzle({ client, schema, logger }) as unknown as Db
  }
  const { drizzle } = await import('drizzle-orm/node-postgres')
  return drizzle({ client: client as pg.Pool, schema, logger }) as unknown as Db
}
