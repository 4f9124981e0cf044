import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { embeddedDatabaseUrl } from './embedded-url'

/**
 * The embedded PostgreSQL (PGlite) used when DATABASE_URL is unset. Extensions later features rely on
 * (btree_gist for the booking exclusion constraint) are loaded when the database is opened.
 */
export async function openEmbeddedDatabase(dataDir: string | null): Promise<PGlite> {
  const extensions = { btree_gist }
  if (dataDir === null) return PGlite.create({ extensions })
  const dir = join(dataDir, 'pglite')
  mkdirSync(dir, { recursive: true })
  return PGlite.create(dir, { extensions })
}

/**
 * Serves the embedded database on a local TCP port so the app talks to it with the same `pg` driver as to
 * a real server. One connection at a time: PGlite is a single backend, and interleaving two clients'
 * transactions on it would mix them (the app's pool is sized to 1 accordingly, see db/client.ts).
 */
export async function serveEmbeddedDatabase(options: { dataDir: string | null; port: number }) {
  const pglite = await openEmbeddedDatabase(options.dataDir)
  const server = new PGLiteSocketServer({
    db: pglite,
    port: options.port,
    host: '127.0.0.1',
    maxConnections: 1,
  })
  await server.start()
  return {
    url: embeddedDatabaseUrl(options.port),
    stop: async () => {
      await server.stop()
      await pglite.close()
    },
  }
}
