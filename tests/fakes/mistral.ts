import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local Mistral chat-completions API on 127.0.0.1 (INTEGRATIONS §4): POST /v1/chat/completions with a Bearer key,
 * answering schema-complete responses (id, object, model, created, usage, choices) so the real SDK accepts them.
 * It records every request body: tests assert on what the provider *received*. The default answer is valid JSON in
 * the requested shape and quotes the placeholders it got, so re-identification is exercised.
 * `GET /__fake/requests` and `POST /__fake/next` ({ mode }) let an e2e run inspect and steer it over HTTP.
 */
export type FakeMistralMode = 'ok' | 'bad_json' | 'wrong_schema' | 'error_429' | 'error_500' | 'slow'

export type FakeMistralRequest = {
  authorization: string | undefined
  body: {
    model?: string
    messages?: { role: string; content: string }[]
    response_format?: { type?: string; json_schema?: { name?: string; schema?: unknown; strict?: boolean } }
  }
}

export type FakeMistral = {
  url: string
  requests: FakeMistralRequest[]
  /** Modes for the next requests, in order; afterwards 'ok'. */
  next: (...modes: FakeMistralMode[]) => void
  /** Forgets recorded requests and queued modes (between tests). */
  reset: () => void
  /** All text the fake received (system and user messages), for leak assertions. */
  receivedText: () => string
  close: () => Promise<void>
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function summaryFor(userText: string) {
  const placeholders = [...new Set(userText.match(/\[[A-Z]+_\d+\]/g) ?? [])].slice(0, 3)
  const who = placeholders[0] ?? 'Die Klientin'
  return {
    summary: `${who} sprach über Schlaf und Belastung. Es wurden erste Schritte vereinbart.`,
    themes: ['Schlaf', 'Belastung am Arbeitsplatz'],
    clientGoals: ['Wieder besser schlafen'],
    actionItems: [`Abendroutine ausprobieren${placeholders[1] ? ` mit ${placeholders[1]}` : ''}`],
    openQuestions: ['Was hilft in akuten Momenten?'],
    nextFocus: 'Erfahrungen mit der Abendroutine besprechen',
  }
}

export async function startFakeMistral(
  options: { port?: number; slowMs?: number } = {},
): Promise<FakeMistral> {
  const requests: FakeMistralRequest[] = []
  const queue: FakeMistralMode[] = []

  const server = createServer(async (req, res) => {
    const raw = await readBody(req)
    if (req.method === 'GET' && req.url === '/__fake/requests') return json(res, 200, requests)
    if (req.method === 'POST' && req.url === '/__fake/next') {
      const { mode } = JSON.parse(raw || '{}') as { mode?: FakeMistralMode }
      if (mode) queue.push(mode)
      return json(res, 204, {})
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
      return json(res, 404, { detail: 'Not found' })

    const body = JSON.parse(raw) as FakeMistralRequest['body']
    requests.push({ authorization: req.headers.authorization, body })
    const mode = queue.shift() ?? 'ok'
    if (mode === 'error_429') return json(res, 429, { message: 'Requests rate limit exceeded' })
    if (mode === 'error_500') return json(res, 500, { message: 'Internal error' })
    if (mode === 'slow') await new Promise((r) => setTimeout(r, options.slowMs ?? 3_000))

    const userText =
      body.messages
        ?.filter((m) => m.role === 'user')
        .map((m) => m.content)
        .join('\n') ?? ''
    const content =
      mode === 'bad_json'
        ? '{"summary": "abgeschnitten'
        : mode === 'wrong_schema'
          ? JSON.stringify({ summary: 42, themes: 'keine Liste' })
          : JSON.stringify(summaryFor(userText))
    json(res, 200, {
      id: `cmpl-${randomUUID()}`,
      object: 'chat.completion',
      model: body.model ?? 'mistral-small-latest',
      created: Math.floor(Date.now() / 1000),
      usage: {
        prompt_tokens: Math.ceil(userText.length / 4),
        completion_tokens: 120,
        total_tokens: 120 + Math.ceil(userText.length / 4),
      },
      choices: [
        { index: 0, finish_reason: 'stop', message: { role: 'assistant', content, tool_calls: null } },
      ],
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    next: (...modes) => queue.push(...modes),
    reset: () => {
      requests.length = 0
      queue.length = 0
    },
    receivedText: () =>
      requests
        .flatMap((r) => r.body.messages ?? [])
        .map((m) => m.content)
        .join('\n'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
