import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * Local OpenAI-compatible chat-completions servers on 127.0.0.1, shaped like the two a practice would run
 * (R7, issue 20): POST /v1/chat/completions answering as
 *
 * - **Ollama** (openai/openai.go): `id` "chatcmpl-<n>", `system_fingerprint` "fp_ollama", a plain message, usage;
 *   errors as `{"error":{"message","type","param":null,"code":null}}` with type invalid_request_error (400),
 *   not_found_error (404) or api_error (else); a full queue (OLLAMA_MAX_QUEUE) is 503 "server busy, please try
 *   again.  maximum pending requests exceeded", without Retry-After. No key is checked.
 * - **vLLM** (entrypoints/openai): a hex `id`, the extra null fields vLLM sends (refusal, reasoning_content,
 *   stop_reason, logprobs, kv_transfer_params …), errors as `{"error":{"message","type":"BadRequestError",
 *   "param":null,"code":400}}`; 503 while the engine cannot take requests; with `--api-key` a wrong key is 401
 *   `{"error":"Unauthorized"}`. Its 429 comes from a gateway in front of it, with Retry-After.
 *
 * Both record every request (tests assert on what the server *received*) and answer valid JSON in the requested
 * shape that quotes the placeholders they got. Modes steer the next answers: a model that ignores the schema
 * (`drift`: other keys; `prose`: a sentence), a fenced answer, 429/503/500, a slow answer. `jsonSchema: 'refused'`
 * makes it a server without json_schema support (400 on such a request; JSON mode works).
 */
export type FakeFlavour = 'ollama' | 'vllm'
export type FakeOpenAiMode =
  'ok' | 'drift' | 'prose' | 'fenced' | 'error_429' | 'error_503' | 'error_500' | 'slow'

export type FakeOpenAiRequest = {
  authorization: string | undefined
  body: {
    model?: string
    messages?: { role: string; content: string }[]
    response_format?: {
      type?: string
      json_schema?: { name?: string; schema?: unknown; strict?: boolean }
    }
    temperature?: number
    max_tokens?: number
    stream?: boolean
  }
}

export type FakeOpenAiServer = {
  flavour: FakeFlavour
  /** The base URL as AI_BASE_URL takes it (with /v1). */
  url: string
  requests: FakeOpenAiRequest[]
  /** Modes for the next requests, in order; afterwards 'ok'. */
  next: (...modes: FakeOpenAiMode[]) => void
  reset: () => void
  /** All text the server received (system and user messages), for leak assertions. */
  receivedText: () => string
  close: () => Promise<void>
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
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

/** The error body each server sends. */
function errorBody(flavour: FakeFlavour, status: number, message: string) {
  if (flavour === 'ollama') {
    const type = status === 400 ? 'invalid_request_error' : status === 404 ? 'not_found_error' : 'api_error'
    return { error: { message, type, param: null, code: null } }
  }
  const type =
    status === 400
      ? 'BadRequestError'
      : status === 404
        ? 'NotFoundError'
        : status === 503
          ? 'ServiceUnavailableError'
          : status === 429
            ? 'RateLimitError'
            : 'InternalServerError'
  return { error: { message, type, param: null, code: status } }
}

function completion(flavour: FakeFlavour, model: string, content: string, promptTokens: number) {
  const created = Math.floor(Date.now() / 1000)
  const usage = { prompt_tokens: promptTokens, completion_tokens: 120, total_tokens: promptTokens + 120 }
  if (flavour === 'ollama')
    return {
      id: `chatcmpl-${Math.floor(Math.random() * 1000)}`,
      object: 'chat.completion',
      created,
      model,
      system_fingerprint: 'fp_ollama',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage,
    }
  return {
    id: `chatcmpl-${randomBytes(16).toString('hex')}`,
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          refusal: null,
          annotations: null,
          audio: null,
          function_call: null,
          tool_calls: [],
          reasoning_content: null,
        },
        logprobs: null,
        finish_reason: 'stop',
        stop_reason: null,
      },
    ],
    service_tier: null,
    system_fingerprint: null,
    usage: { ...usage, prompt_tokens_details: null },
    prompt_logprobs: null,
    kv_transfer_params: null,
  }
}

export async function startFakeOpenAiServer(
  flavour: FakeFlavour,
  options: {
    port?: number
    slowMs?: number
    /** vLLM's --api-key: requests without this Bearer key are 401. */
    apiKey?: string
    /** The served model names; another name is 404 (Ollama: "not found, try pulling it first"). */
    models?: string[]
    jsonSchema?: 'supported' | 'refused'
  } = {},
): Promise<FakeOpenAiServer> {
  const requests: FakeOpenAiRequest[] = []
  const queue: FakeOpenAiMode[] = []
  const models = options.models ?? [flavour === 'ollama' ? 'qwen2.5:7b' : 'Qwen/Qwen2.5-7B-Instruct']

  const server = createServer(async (req, res) => {
    const raw = await readBody(req)
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
      return flavour === 'ollama'
        ? json(res, 404, { error: { message: '404 page not found', type: 'not_found_error' } })
        : json(res, 404, { detail: 'Not Found' })
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`)
      return json(res, 401, { error: 'Unauthorized' })

    const body = JSON.parse(raw) as FakeOpenAiRequest['body']
    requests.push({ authorization: req.headers.authorization, body })
    const model = body.model ?? ''
    if (!models.includes(model))
      return flavour === 'ollama'
        ? json(res, 404, errorBody(flavour, 404, `model "${model}" not found, try pulling it first`))
        : json(res, 404, errorBody(flavour, 404, `The model \`${model}\` does not exist.`))
    if (options.jsonSchema === 'refused' && body.response_format?.type === 'json_schema')
      return json(
        res,
        400,
        errorBody(flavour, 400, "response_format type 'json_schema' is not supported by this server"),
      )

    const mode = queue.shift() ?? 'ok'
    if (mode === 'error_429')
      return json(res, 429, errorBody(flavour, 429, 'Too many requests'), { 'retry-after': '1' })
    if (mode === 'error_503')
      return flavour === 'ollama'
        ? json(
            res,
            503,
            errorBody(flavour, 503, 'server busy, please try again.  maximum pending requests exceeded'),
          )
        : json(res, 503, errorBody(flavour, 503, 'The engine is not ready to take requests'))
    if (mode === 'error_500')
      return json(res, 500, errorBody(flavour, 500, 'llama runner process has terminated: exit status 2'))
    if (mode === 'slow') await new Promise((r) => setTimeout(r, options.slowMs ?? 3_000))

    const userText =
      body.messages
        ?.filter((m) => m.role === 'user')
        .map((m) => m.content)
        .join('\n') ?? ''
    const answer = JSON.stringify(summaryFor(userText))
    const content =
      mode === 'drift'
        ? JSON.stringify({ zusammenfassung: 'Schlaf und Belastung', stichworte: ['Schlaf'] })
        : mode === 'prose'
          ? 'Gerne! Hier ist eine kurze Zusammenfassung der Sitzung: Es ging um Schlaf und Belastung.'
          : mode === 'fenced'
            ? `\`\`\`json\n${answer}\n\`\`\``
            : answer
    json(res, 200, completion(flavour, model, content, Math.ceil(userText.length / 4)))
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    flavour,
    url: `http://127.0.0.1:${port}/v1`,
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
