import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local Gladia v2 (pre-recorded) on 127.0.0.1 speaking the documented contract (INTEGRATIONS §6): `x-gladia-key`,
 * POST /v2/upload (multipart `audio`), POST /v2/pre-recorded, GET / DELETE /v2/pre-recorded/:id. Jobs stay
 * 'queued' until the test calls finish() or fail(), which can also send the (unsigned) callback Gladia sends.
 */
export type FakeGladiaUtterance = {
  start: number
  end: number
  speaker: number
  text: string
  language?: string
}

export type FakeGladiaJob = {
  id: string
  status: 'queued' | 'processing' | 'done' | 'error'
  request: Record<string, unknown>
  errorCode: number | null
  utterances: FakeGladiaUtterance[] | null
  createdAt: string
}

export type FakeGladiaRequest = { method: string; path: string; query: string }

export type FakeGladia = {
  url: string
  apiKey: string
  requests: FakeGladiaRequest[]
  /** Uploaded files by id: the bytes, their declared type and file name. */
  uploads: Map<string, { bytes: Buffer; contentType: string; filename: string }>
  jobs: Map<string, FakeGladiaJob>
  /** Ids whose DELETE reached the fake. */
  deleted: string[]
  /**
   * Where callbacks go. Default: a real fetch to the job's callback URL. Tests without a listening app hand the
   * request to the route handler instead.
   */
  onCallback: ((request: Request) => Promise<Response>) | null
  /** Sets the result; with `callback` (default) sends the success callback and returns its response status. */
  finish: (
    id: string,
    utterances: FakeGladiaUtterance[],
    options?: { callback?: boolean },
  ) => Promise<number | null>
  /** Marks the job failed (error_code, default 500); optionally sends the error callback. */
  fail: (id: string, options?: { callback?: boolean; errorCode?: number }) => Promise<number | null>
  /** Makes the next `n` requests to `path` (exact, e.g. '/v2/upload') answer `status`. */
  failNext: (path: string, status: number, n?: number) => void
  close: () => Promise<void>
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function startFakeGladia(options: { apiKey?: string; port?: number } = {}): Promise<FakeGladia> {
  const apiKey = options.apiKey ?? `gladia_test_${randomBytes(8).toString('hex')}`
  const requests: FakeGladiaRequest[] = []
  const uploads: FakeGladia['uploads'] = new Map()
  const jobs: FakeGladia['jobs'] = new Map()
  const deleted: string[] = []
  const failures = new Map<string, { status: number; left: number }>()
  let url = ''

  const jobView = (job: FakeGladiaJob) => ({
    id: job.id,
    request_id: `G-${job.id.slice(0, 8)}`,
    version: 2,
    kind: 'pre-recorded',
    status: job.status,
    created_at: job.createdAt,
    completed_at: job.status === 'done' || job.status === 'error' ? new Date().toISOString() : null,
    custom_metadata: job.request.custom_metadata ?? null,
    request_params: job.request,
    error_code: job.errorCode,
    file: { id: 'file', filename: 'audio', source: job.request.audio_url ?? null },
    result:
      job.status === 'done'
        ? {
            metadata: { audio_duration: job.utterances?.at(-1)?.end ?? 0, number_of_distinct_channels: 1 },
            transcription: {
              languages: [...new Set((job.utterances ?? []).map((u) => u.language ?? 'de'))],
              full_transcript: (job.utterances ?? []).map((u) => u.text).join(' '),
              utterances: (job.utterances ?? []).map((u) => ({
                ...u,
                language: u.language ?? 'de',
                confidence: 0.9,
                channel: 0,
                words: [],
              })),
            },
          }
        : null,
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const parsed = new URL(req.url ?? '/', 'http://fake')
    const path = parsed.pathname
    // For the e2e specs (tests/fakes/gladia-server.ts): what arrived so far; not part of Gladia's API.
    if (path === '/__fake/requests') return json(res, 200, { requests, uploads: uploads.size })
    requests.push({ method: req.method ?? 'GET', path, query: parsed.search })
    if (req.headers['x-gladia-key'] !== apiKey) {
      return json(res, 401, { statusCode: 401, message: 'Invalid or missing x-gladia-key' })
    }
    const failure = failures.get(path)
    if (failure && failure.left > 0) {
      failure.left -= 1
      await readBody(req)
      return json(res, failure.status, { statusCode: failure.status, message: 'Injected failure' })
    }

    if (req.method === 'POST' && path === '/v2/upload') {
      const body = await readBody(req)
      const form = await new Request('http://fake/upload', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body,
      })
        .formData()
        .catch(() => null)
      const audio = form?.get('audio')
      if (!audio || typeof audio === 'string') {
        return json(res, 400, { statusCode: 400, message: 'audio is required (multipart field `audio`)' })
      }
      const id = randomUUID()
      const bytes = Buffer.from(await audio.arrayBuffer())
      uploads.set(id, { bytes, contentType: audio.type, filename: audio.name })
      return json(res, 200, {
        audio_url: `${url}/file/${id}`,
        audio_metadata: {
          id,
          filename: audio.name,
          size: bytes.length,
          audio_duration: 1,
          number_of_channels: 1,
        },
      })
    }

    if (req.method === 'POST' && path === '/v2/pre-recorded') {
      let body: Record<string, unknown>
      try {
        body = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>
      } catch {
        return json(res, 400, { statusCode: 400, message: 'Invalid JSON' })
      }
      if (typeof body.audio_url !== 'string' || !body.audio_url) {
        return json(res, 400, { statusCode: 400, message: 'audio_url is required' })
      }
      const fileId = body.audio_url.startsWith(`${url}/file/`)
        ? body.audio_url.slice(`${url}/file/`.length)
        : ''
      if (body.audio_url.startsWith(url) && !uploads.has(fileId)) {
        return json(res, 400, { statusCode: 400, message: 'Unknown audio_url' })
      }
      const id = randomUUID()
      jobs.set(id, {
        id,
        status: 'queued',
        request: body,
        errorCode: null,
        utterances: null,
        createdAt: new Date().toISOString(),
      })
      return json(res, 201, { id, result_url: `${url}/v2/pre-recorded/${id}` })
    }

    const match = /^\/v2\/pre-recorded\/([^/]+)$/.exec(path)
    if (match) {
      const job = jobs.get(decodeURIComponent(match[1]!))
      if (!job) return json(res, 404, { statusCode: 404, message: 'Transcription not found' })
      if (req.method === 'GET') return json(res, 200, jobView(job))
      if (req.method === 'DELETE') {
        jobs.delete(job.id)
        deleted.push(job.id)
        res.writeHead(202)
        return res.end()
      }
    }
    return json(res, 404, { statusCode: 404, message: `No route ${req.method} ${path}` })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, 500, { statusCode: 500, message: 'fake failed' }))
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const fake: FakeGladia = {
    url,
    apiKey,
    requests,
    uploads,
    jobs,
    deleted,
    onCallback: null,
    async finish(id, utterances, options = {}) {
      const job = jobs.get(id)
      if (!job) throw new Error(`fake gladia: no job ${id}`)
      job.status = 'done'
      job.utterances = utterances
      return options.callback === false ? null : callback(job, 'transcription.success')
    },
    async fail(id, options = {}) {
      const job = jobs.get(id)
      if (!job) throw new Error(`fake gladia: no job ${id}`)
      job.status = 'error'
      job.errorCode = options.errorCode ?? 500
      return options.callback === false ? null : callback(job, 'transcription.error')
    },
    failNext(path, status, n = 1) {
      failures.set(path, { status, left: n })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }

  /** Gladia's callback: unsigned, `{id, event, payload:{id}}` with the configured method. */
  async function callback(job: FakeGladiaJob, event: string): Promise<number | null> {
    const config = job.request.callback_config as { url?: string; method?: string } | undefined
    if (!job.request.callback || !config?.url) return null
    const request = new Request(config.url, {
      method: config.method ?? 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: job.id, event, payload: { id: job.id } }),
    })
    const response = fake.onCallback ? await fake.onCallback(request) : await fetch(request)
    return response.status
  }

  return fake
}
