import type { IncomingMessage, ServerResponse } from 'node:http'
import { PEER_HEADER } from '@/lib/http/client-address'
import { isSupportedMethod, methodNotAllowedHeaders } from '@/lib/http/methods'

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void

/**
 * What lib/dev/server.ts does with every request before Next sees it: unsupported methods (TRACE …) get a 405 with
 * the security headers, and the peer header is replaced by the one we vouch for (lib/http/client-address.ts).
 */
export function localRequestHandler(handle: Handler, key: string): Handler {
  return (req, res) => {
    if (!isSupportedMethod(req.method)) {
      res.writeHead(405, methodNotAllowedHeaders())
      res.end('Method Not Allowed')
      return
    }
    delete req.headers[PEER_HEADER]
    req.headers[PEER_HEADER] = `${key} ${req.socket.remoteAddress ?? ''}`
    return handle(req, res)
  }
}
