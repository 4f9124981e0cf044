import 'server-only'
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { env } from '@/lib/env'

/**
 * Gladia v2 pre-recorded transcription (R6, INTEGRATIONS §6), a thin fetch client: the only place that talks to
 * Gladia. Null without GLADIA_API_KEY (recordings then stay 'stored' and the coach can upload a transcript).
 * GLADIA_API_URL points tests at tests/fakes/gladia.ts. No polling here: results arrive through the callback and
 * the cron sweeper (lib/cron/transcriptions.ts).
 */
export class GladiaError extends Error {
  override name = 'GladiaError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export type GladiaClient = ReturnType<typeof buildGladia>

export function gladiaClient(): GladiaClient | null {
  if (!env.GLADIA_API_KEY) return null
  return buildGladia(env.GLADIA_API_KEY, env.GLADIA_API_URL)
}

/** Languages a session may be held in; Gladia detects among them, per utterance (code switching). */
export const GLADIA_LANGUAGES = ['de', 'en', 'fr', 'it'] as const

const uploadResponse = z.object({ audio_url: z.string().min(1) })
const createResponse = z.object({ id: z.string().min(1), result_url: z.string().optional() })

export const gladiaUtterance = z.object({
  start: z.number(),
  end: z.number(),
  speaker: z.number().int().nullish(),
  text: z.string(),
  language: z.string().nullish(),
})
export type GladiaUtterance = z.infer<typeof gladiaUtterance>

const jobResponse = z.object({
  id: z.string(),
  status: z.enum(['queued', 'processing', 'done', 'error']),
  error_code: z.union([z.number(), z.string()]).nullish(),
  result: z
    .object({
      transcription: z
        .object({
          languages: z.array(z.string()).nullish(),
          utterances: z.array(gladiaUtterance).default([]),
        })
        .nullish(),
    })
    .nullish(),
})
export type GladiaJob = z.infer<typeof jobResponse>

const TIMEOUT_MS = 15_000
/** Uploads carry the whole recording; give them longer. */
const UPLOAD_TIMEOUT_MS = 240_000

export function buildGladia(apiKey: string, baseUrl: string) {
  const base = baseUrl.replace(/\/$/, '')

  async function send(
    method: string,
    path: string,
    body: BodyInit | undefined,
    headers: Record<string, string>,
    timeout = TIMEOUT_MS,
  ): Promise<{ status: number; json: unknown }> {
    let response: Response
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { 'x-gladia-key': apiKey, ...headers },
        body,
        // A streamed body needs half duplex (Node's fetch); harmless for the others.
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
        signal: AbortSignal.timeout(timeout),
      } as RequestInit)
    } catch {
      throw new GladiaError(0, 'Gladia ist nicht erreichbar.')
    }
    const text = await response.text().catch(() => '')
    let json: unknown = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = null
    }
    if (!response.ok) {
      const info = (json as { message?: unknown } | null) ?? {}
      const message = typeof info.message === 'string' ? info.message : `HTTP ${response.status}`
      throw new GladiaError(response.status, message.slice(0, 200))
    }
    return { status: response.status, json }
  }

  async function call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const { status, json } = await send(
      method,
      path,
      body === undefined ? undefined : JSON.stringify(body),
      body === undefined ? {} : { 'content-type': 'application/json' },
    )
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new GladiaError(status, 'Unerwartete Antwort von Gladia.')
    return parsed.data
  }

  return {
    /**
     * POST /v2/upload (multipart field `audio`) → the `audio_url` a job can reference. The body is streamed:
     * the multipart frame is written around the audio as it is read (recordings can be hundreds of MB, and
     * they are decrypted on the way), so nothing is buffered whole. An error in `audio` aborts the request.
     */
    async upload(
      audio: AsyncIterable<Uint8Array>,
      filename: string,
      contentType: string,
    ): Promise<{ audio_url: string }> {
      const boundary = `mialma-${randomBytes(16).toString('hex')}`
      const safeName = filename.replace(/[^A-Za-z0-9._-]/g, '_')
      const safeType = contentType.replace(/[^A-Za-z0-9/.+-]/g, '')
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="${safeName}"\r\n` +
          `Content-Type: ${safeType}\r\n\r\n`,
      )
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
      async function* frame() {
        yield head
        for await (const chunk of audio) yield chunk
        yield tail
      }
      const parts = frame()
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await parts.next()
          if (next.done) controller.close()
          else controller.enqueue(next.value)
        },
        async cancel() {
          await parts.return(undefined)
        },
      })
      const { status, json } = await send(
        'POST',
        '/v2/upload',
        body,
        { 'content-type': `multipart/form-data; boundary=${boundary}` },
        UPLOAD_TIMEOUT_MS,
      )
      const parsed = uploadResponse.safeParse(json)
      if (!parsed.success) throw new GladiaError(status, 'Unerwartete Antwort von Gladia.')
      return parsed.data
    },

    /**
     * POST /v2/pre-recorded: two-speaker diarisation, language detected among GLADIA_LANGUAGES with code
     * switching (R6.1), and a callback to our (token-carrying) URL when done.
     */
    createJob: (input: { audioUrl: string; callbackUrl: string; metadata: Record<string, string> }) =>
      call('POST', '/v2/pre-recorded', createResponse, {
        audio_url: input.audioUrl,
        diarization: true,
        diarization_config: { number_of_speakers: 2 },
        language_config: { languages: [...GLADIA_LANGUAGES], code_switching: true },
        callback: true,
        callback_config: { url: input.callbackUrl, method: 'POST' },
        custom_metadata: input.metadata,
      }),

    /** GET /v2/pre-recorded/:id: status and, once done, the utterances. */
    getJob: (id: string) => call('GET', `/v2/pre-recorded/${encodeURIComponent(id)}`, jobResponse),

    /** DELETE /v2/pre-recorded/:id (R6.2): the job, its audio and result are gone at Gladia. */
    async deleteJob(id: string): Promise<void> {
      await send('DELETE', `/v2/pre-recorded/${encodeURIComponent(id)}`, undefined, {})
    },
  }
}
