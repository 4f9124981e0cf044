import { once } from 'node:events'
import { createServer, request, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { NextRequest } from 'next/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localRequestHandler } from '@/lib/dev/local-request'
import { clientAddress, PEER_HEADER } from '@/lib/http/client-address'
import proxy from '@/proxy'

const key = 'x'.repeat(43)
let seen: IncomingHttpHeaders | null = null
const server = createServer(
  localRequestHandler((req, res) => {
    seen = req.headers
    res.end('ok')
  }, key),
)
let port = 0

beforeAll(async () => {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  port = (server.address() as AddressInfo).port
})
afterAll(() => server.close())

function send(method: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: '/sign-in', headers }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('R14 the local server in front of Next (lib/dev/server.ts)', () => {
  it('R14 TRACE (and other unsupported methods) → 405 with the security headers, never reaching the app (issue 16.6)', async () => {
    for (const method of ['TRACE', 'PROPFIND']) {
      seen = null
      const response = await send(method)
      expect(response.status).toBe(405)
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['strict-transport-security']).toContain('max-age=')
      expect(response.headers.allow).toContain('GET')
      expect(seen).toBeNull()
    }
  })

  it('R9.2 R14 the peer header is ours: a forged copy is replaced by the socket address (issue 16.2)', async () => {
    await send('GET', { [PEER_HEADER]: `${key} 198.51.100.66`, 'x-forwarded-for': '198.51.100.77' })
    expect(seen?.[PEER_HEADER]).toBe(`${key} 127.0.0.1`)
    const headers = new Headers(seen as Record<string, string>)
    expect(clientAddress(headers, { vercel: false, trustedProxyHops: 0, peerKey: key })).toBe('127.0.0.1')
  })

  it('R14 the proxy answers other unsupported methods with 405 and the security headers', async () => {
    // Local mode: the proxy is withHeaders (one argument); Clerk's wrapper would take an event too.
    const local = proxy as unknown as (req: NextRequest) => Promise<Response> | Response
    const response = await local(new NextRequest('http://localhost/sign-in', { method: 'PROPFIND' }))
    expect(response?.status).toBe(405)
    expect(response?.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(response?.headers.get('x-frame-options')).toBe('DENY')
  })
})
