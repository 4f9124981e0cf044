import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { connectDatabase } from '@/db/connect'
import { openEmbeddedDatabase } from '@/db/embedded'
import { migrateDatabase, migrationsFolder } from '@/db/migrate'
import { pgliteHandle } from '@/db/pglite'

/**
 * Migrating a fresh database per test file cost most of an integration file's time (PGlite's initdb plus every
 * migration). Instead the migrations run once per migration set into a template: a PGlite data directory dump
 * (a tar file every test file loads) and, on a PostgreSQL server, a template database that `CREATE DATABASE …
 * TEMPLATE` copies. Both are keyed by a hash of db/migrations, so a new migration builds a new template.
 */

/** Hash of every file in db/migrations (names and contents). */
export function migrationsHash(folder = migrationsFolder): string {
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else hash.update(entry.name).update('\0').update(readFileSync(path)).update('\0')
    }
  }
  walk(folder)
  return hash.digest('hex').slice(0, 16)
}

const cacheDir = join(process.cwd(), 'node_modules', '.cache', 'mialma-test')

/** Path of the migrated PGlite dump for the current migrations, built if missing. */
export async function ensurePgliteTemplate(): Promise<string> {
  const file = join(cacheDir, `pglite-${migrationsHash()}.tar`)
  if (existsSync(file)) return file
  mkdirSync(cacheDir, { recursive: true })
  const pglite = await openEmbeddedDatabase(null)
  await migrateDatabase(pgliteHandle(pglite))
  const dump = await pglite.dumpDataDir('none')
  await pglite.close()
  // Write then rename: a concurrent run never reads half a file.
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
  renameSync(tmp, file)
  return file
}

/** Name of the migrated template database on the server at `serverUrl`, built if missing. */
export async function ensurePostgresTemplate(serverUrl: string): Promise<string> {
  const name = `mialma_tpl_${migrationsHash()}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount) return name
    // Build under a temporary name and rename at the end: an interrupted build never leaves a half template.
    const building = `${name}_${process.pid}`
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${building}`)
    const url = new URL(serverUrl)
    url.pathname = `/${building}`
    const handle = connectDatabase(url.toString())
    await migrateDatabase(handle)
    await handle.close()
    try {
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`)
    } catch (error) {
      // Another run built the same template meanwhile (42P04 duplicate_database): use theirs.
      if ((error as { code?: string }).code !== '42P04') throw error
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`)
    }
    // Templates of other migration sets stay: another checkout on this server may be using one.
    return name
  } finally {
    await admin.end()
  }
}
