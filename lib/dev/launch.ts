/**
 * `npm run dev` / `npm run start:local`: the zero-key local stack in one command. Serves the embedded
 * database (unless DATABASE_URL is set), migrates it, seeds the demo accounts, then runs Next.js in our own server
 * (lib/dev/server.ts: it knows the client's socket address and listens on 127.0.0.1 unless HOST says otherwise).
 *
 *   tsx lib/dev/launch.ts dev            next dev on .data/ (--fresh: wiped first, as playwright.dev.config.ts)
 *   tsx lib/dev/launch.ts start --fresh  next start (after next build) on a throwaway database (e2e)
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const [command = 'dev', ...flags] = process.argv.slice(2)
if (command !== 'dev' && command !== 'start') {
  console.error('Aufruf: launch.ts dev|start [--fresh] [--port N]')
  process.exit(2)
}
const fresh = flags.includes('--fresh')
const portFlag = flags.indexOf('--port')
const port = portFlag >= 0 ? flags[portFlag + 1] : undefined

async function main() {
  const childEnv: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: '1', ...process.env }
  if (command === 'start' && !childEnv.MI_ALMA_LOCAL_AUTH && !childEnv.CLERK_SECRET_KEY) {
    // A local production build (demo, e2e) opts into the local sign-in explicitly.
    childEnv.MI_ALMA_LOCAL_AUTH = '1'
  }
  const listenPort = port ?? childEnv.PORT ?? '3000'
  childEnv.PORT = listenPort
  if (!childEnv.APP_URL) {
    // Links made outside a request (cron e-mails) and the local Testzahlung (which posts to our own webhook) need
    // a real address; inside a request the local mode follows the address the browser used (lib/http/app-url.ts).
    const host = childEnv.HOST
    const named = host && !['127.0.0.1', '0.0.0.0', '::', 'localhost'].includes(host)
    childEnv.APP_URL = `http://${named ? (host.includes(':') ? `[${host}]` : host) : 'localhost'}:${listenPort}`
  }
  Object.assign(process.env, childEnv)
  const { env } = await import('@/lib/env')
  if (fresh) rmSync(env.DATA_DIR, { recursive: true, force: true })

  let stopDatabase = async () => {}
  const { connectDatabase } = await import('@/db/connect')
  const { migrateDatabase } = await import('@/db/migrate')
  const { seedDemoData } = await import('@/db/seed')
  let url = env.DATABASE_URL
  if (!url) {
    const { serveEmbeddedDatabase } = await import('@/db/embedded')
    try {
      const served = await serveEmbeddedDatabase({ dataDir: env.DATA_DIR, port: env.EMBEDDED_DB_PORT })
      stopDatabase = served.stop
      url = served.url
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        console.error(
          `Port ${env.EMBEDDED_DB_PORT} ist belegt — läuft Mi Alma schon? Sonst EMBEDDED_DB_PORT auf einen freien Port setzen.`,
        )
        process.exit(1)
      }
      throw error
    }
    console.info(
      `Eingebettete Datenbank (PGlite) in ${env.DATA_DIR}/pglite auf Port ${env.EMBEDDED_DB_PORT}.`,
    )
  }

  const handle = connectDatabase(url, { embedded: !env.DATABASE_URL })
  await migrateDatabase(handle)
  if (!env.DATABASE_URL || command === 'dev') {
    const { created } = await seedDemoData(handle.db)
    if (created > 0) console.info(`Demo-Konten angelegt: ${created} (Passwort: demo-passwort).`)
  }
  // The embedded server takes one connection at a time: hand it over to the app.
  await handle.close()

  // Without the react-server condition this launcher runs under: Next loads its own runtimes.
  const tsx = createRequire(import.meta.url).resolve('tsx')
  const child = spawn(process.execPath, ['--import', pathToFileURL(tsx).href, 'lib/dev/server.ts', command], {
    stdio: 'inherit',
    env: childEnv,
  })
  const shutdown = (signal: NodeJS.Signals) => child.kill(signal)
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  child.on('exit', async (code) => {
    await stopDatabase()
    process.exit(code ?? 0)
  })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
