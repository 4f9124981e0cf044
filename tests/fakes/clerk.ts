import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the fake received: method, path and the bearer key. */
export type ClerkRequest = { method: string; path: string; authorization: string | null }

export type FakeClerk = {
  url: string
  secretKey: string
  requests: ClerkRequest[]
  /** Clerk user ids the fake knows (DELETE of any other id answers 404, as Clerk does). */
  users: Set<string>
  /** Answer every following request with this HTTP status (null: behave normally). */
  failWith: (status: number | null) => void
  close: () => Promise<void>
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const clerkError = (code: string, message: string) => ({
  errors: [{ code, message, long_message: message }],
})

/**
 * A local stand-in for the Clerk Backend API (https://api.clerk.com), enough for `users.deleteUser`:
 * `DELETE /v1/users/{id}` with `Authorization: Bearer <secret key>` answers the deleted-object shape
 * `{ object: 'user', id, deleted: true }`, or 404 for an unknown user and 401 for a wrong key.
 */
export async function startFakeClerk(secretKey = 'sk_test_fake_clerk'): Promise<FakeClerk> {
  const requests: ClerkRequest[] = []
  const users = new Set<string>()
  let failure: number | null = null
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!
    const authorization = req.headers.authorization ?? null
    requests.push({ method: req.method ?? '', path, authorization })
    req.resume()
    if (failure)
      return send(res, failure, clerkError('internal_clerk_error', 'Failure injected by the fake.'))
    if (authorization !== `Bearer ${secretKey}`)
      return send(res, 401, clerkError('authentication_invalid', 'Invalid secret key.'))
    const match = /^\/v1\/users\/([^/]+)$/.exec(path)
    if (req.method === 'DELETE' && match) {
      const id = decodeURIComponent(match[1]!)
      if (!users.delete(id)) return send(res, 404, clerkError('resource_not_found', 'User not found.'))
      return send(res, 200, { object: 'user', id, slug: null, deleted: true })
    }
    return send(res, 404, clerkError('resource_not_found', 'Not found.'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    requests,
    users,
    failWith: (status) => {
      failure = status
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
