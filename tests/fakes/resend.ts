import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the fake received on POST /emails (the JSON body as the Resend SDK sent it). */
export type ReceivedEmail = {
  id: string | null
  authorization: string | null
  idempotencyKey: string | null
  body: {
    from?: string
    to?: string[] | string
    subject?: string
    html?: string
    text?: string
    tags?: { name: string; value: string }[]
    /** As the SDK sends them: base64 content, snake_case content type. */
    attachments?: { filename?: string; content?: string; content_type?: string }[]
    [key: string]: unknown
  }
}

/** A Resend-shaped error response: `{ statusCode, name, message }` with that HTTP status. */
export type FakeResendFailure = { statusCode: 422 | 500 | (number & {}); name: string; message: string }

export type FakeResend = {
  url: string
  apiKey: string
  /** Every POST /emails request, accepted or not, in arrival order. */
  requests: ReceivedEmail[]
  /** Only the accepted messages. */
  messages: ReceivedEmail[]
  /** Answer every following request with this error (null: accept again). */
  failWith: (failure: FakeResendFailure | null) => void
  reset: () => void
  close: () => Promise<void>
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * A local stand-in for the Resend API (https://api.resend.com), enough for `resend.emails.send`:
 * checks the bearer key, records the message and the Idempotency-Key header, answers `{ id }`.
 * Like Resend, a repeated idempotency key returns the first message's id without sending again.
 */
export async function startFakeResend(
  apiKey = `re_test_${randomUUID().replaceAll('-', '')}`,
): Promise<FakeResend> {
  const requests: ReceivedEmail[] = []
  const messages: ReceivedEmail[] = []
  const byIdempotencyKey = new Map<string, string>()
  let failure: FakeResendFailure | null = null

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req)
      if (req.method !== 'POST' || req.url !== '/emails') {
        return send(res, 404, {
          statusCode: 404,
          name: 'not_found',
          message: 'The requested endpoint does not exist.',
        })
      }
      const authorization = req.headers.authorization ?? null
      const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null
      let body: ReceivedEmail['body']
      try {
        body = JSON.parse(raw) as ReceivedEmail['body']
      } catch {
        return send(res, 400, { statusCode: 400, name: 'invalid_json', message: 'Body is not valid JSON.' })
      }
      const received: ReceivedEmail = { id: null, authorization, idempotencyKey, body }
      requests.push(received)
      if (!authorization) {
        return send(res, 401, {
          statusCode: 401,
          name: 'missing_api_key',
          message: 'Missing API key in the header.',
        })
      }
      if (authorization !== `Bearer ${apiKey}`) {
        return send(res, 403, { statusCode: 403, name: 'invalid_api_key', message: 'API key is invalid.' })
      }
      if (failure) return send(res, failure.statusCode, failure)
      if (!body.from || !body.to || !body.subject) {
        return send(res, 422, {
          statusCode: 422,
          name: 'missing_required_field',
          message: 'Missing `from`, `to` or `subject` field.',
        })
      }
      const known = idempotencyKey ? byIdempotencyKey.get(idempotencyKey) : undefined
      if (known) return send(res, 200, { id: known })
      const id = randomUUID()
      if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, id)
      received.id = id
      messages.push(received)
      send(res, 200, { id })
    })().catch((error: unknown) => {
      send(res, 500, { statusCode: 500, name: 'internal_server_error', message: String(error) })
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    messages,
    failWith: (next) => {
      failure = next
    },
    reset: () => {
      requests.length = 0
      messages.length = 0
      byIdempotencyKey.clear()
      failure = null
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
