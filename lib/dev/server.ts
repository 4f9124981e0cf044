/**
 * The HTTP server of `npm run dev` and `npm run start:local` (started by lib/dev/launch.ts): Next.js as a custom
 * server, for two reasons Next's own CLI server cannot serve.
 *
 * 1. The client's address (issue 16.2). Route handlers, server actions and the proxy never see the socket, and
 *    Next fills `x-forwarded-for` from it only when the client sent none — so that header proves nothing. This
 *    server knows the socket: it drops any incoming `x-mialma-peer` and sets it to `<key> <socket address>`,
 *    with a key drawn at random for this process and handed to the app in MI_ALMA_PEER_KEY
 *    (lib/http/client-address.ts believes the header only with that key, so a copy from a client, or reaching a
 *    plain `next start`, counts for nothing). In-process, so no second port exists that could skip this step.
 *    Methods no fetch Request can carry (TRACE …) are answered here with a 405 and the security headers.
 * 2. Where it listens (issue 16.5): 127.0.0.1 unless HOST says otherwise, so the local mode (demo accounts, the
 *    outbox) is not on the network by accident.
 *
 *   tsx lib/dev/server.ts dev|start   (PORT, HOST from the environment)
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import next from 'next'
import { printableUrls } from './local-addresses'
import { localRequestHandler } from './local-request'

const dev = process.argv[2] === 'dev'
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'

const key = randomBytes(32).toString('base64url')
process.env.MI_ALMA_PEER_KEY = key

async function main() {
  const server = createServer()
  const app = next({ dev, dir: process.cwd(), hostname: host, port, httpServer: server })
  await app.prepare()
  const handle = localRequestHandler(app.getRequestHandler(), key)
  server.on('request', (req, res) => void handle(req, res))
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE' ? `Port ${port} ist belegt (PORT setzen).` : `Server: ${error.message}`,
    )
    process.exit(1)
  })
  server.listen(port, host, () => {
    console.info(`Mi Alma läuft auf ${printableUrls(host, port).join(' und ')}`)
  })
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
