import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { migrate as migrateNeon } from 'drizzle-orm/neon-serverless/migrator'
import type { NeonDatabase } from 'drizzle-orm/neon-serverless'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { DbHandle } from './types'

export const migrationsFolder = join(process.cwd(), 'db', 'migrations')

/** Applies pending migrations (`folder` only differs in tests that stop at an older migration). */
export async function migrateDatabase(handle: DbHandle, folder = migrationsFolder): Promise<void> {
  const config = { migrationsFolder: folder }
  if (handle.driver === 'neon') await migrateNeon(handle.db as unknown as NeonDatabase, config)
  else if (handle.driver === 'pglite') await migratePglite(handle.db as unknown as PgliteDatabase, config)
  else await migratePg(handle.db as unknown as NodePgDatabase, config)
}

/** `npm run db:migrate`: the explicit production step (DATABASE_URL), or the embedded database locally. */
async function main() {
  const { env } = await import('@/lib/env')
  const { connectDatabase } = await import('./connect')
  if (env.DATABASE_URL) {
    const handle = connectDatabase(env.DATABASE_URL)
    await migrateDatabase(handle)
    await handle.close()
    console.info(`Migrationen angewendet (${handle.driver}).`)
    return
  }
  const { openEmbeddedDatabase } = await import('./embedded')
  const { pgliteHandle } = await import('./pglite')
  const handle = pgliteHandle(await openEmbeddedDatabase(env.DATA_DIR))
  await migrateDatabase(handle)
  await handle.close()
  console.info(`Migrationen auf die eingebettete Datenbank in ${env.DATA_DIR} angewendet.`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
