import 'server-only'
import OpenAI from 'openai'
import type { AiRecipient } from './recipient'
import { AI_TIMEOUT_MS, type AiClient, AiCallError, type JsonSchema } from './types'

/**
 * Any server that speaks OpenAI chat completions — Ollama, vLLM, llama.cpp's server, LM Studio — through the
 * `openai` SDK pointed at AI_BASE_URL (R7). The SDK retries 408/409/429/5xx and lost connections with backoff and
 * honours Retry-After, which covers Ollama's "server busy" 503 and a gateway's 429.
 *
 * Structured output differs between servers, so the answer format steps down once a server refuses one, and
 * stays there for this client: a JSON-schema answer (Ollama ≥ 0.5, vLLM, llama.cpp, LM Studio) → JSON mode with
 * the schema in the prompt (servers without json_schema) → the schema in the prompt alone (LM Studio refuses
 * json_object). Whatever comes back is validated by the pipeline; an answer that ignores the schema is asked
 * for once more (`invalidOutputRetries`).
 */

type AnswerFormat = 'json_schema' | 'json_object' | 'prompt'
const NEXT_FORMAT: Record<AnswerFormat, AnswerFormat | null> = {
  json_schema: 'json_object',
  json_object: 'prompt',
  prompt: null,
}

/** A 400 that is about the requested answer format (the other 400s — context too long, bad model — are not). */
const FORMAT_REFUSED = /response_format|json_schema|json_object|schema|grammar|structured/i

export type OpenAiCompatibleConfig = {
  baseURL: string
  apiKey?: string
  model: string
  recipient: AiRecipient
  /** Per attempt; a 7–8B model on a CPU needs minutes for a long transcript. */
  timeoutMs?: number
  maxRetries?: number
  /** See AiClient.maxCharsPerCall: what the server's context window holds, with room for the answer. */
  maxCharsPerCall?: number
}

export function createOpenAiCompatibleClient(config: OpenAiCompatibleConfig): AiClient {
  const sdk = new OpenAI({
    baseURL: config.baseURL,
    // Local servers take no key. The SDK insists on one, so it gets a dummy and is told to send no
    // Authorization header at all: no made-up credential reaches the server.
    apiKey: config.apiKey ?? 'no-key',
    ...(config.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
    // Explicit, so the SDK picks up no OPENAI_* variable from the environment (lib/env.ts reads all config), and
    // its debug log (which would print request bodies, i.e. content) stays off whatever OPENAI_LOG says.
    adminAPIKey: null,
    organization: null,
    project: null,
    logLevel: 'off',
    // The SDK's default: two more tries for 408/409/429/5xx, lost connections and timeouts, each the same
    // text to the same server (the transmission record covers the call with its retries).
    maxRetries: config.maxRetries ?? 2,
    timeout: config.timeoutMs ?? AI_TIMEOUT_MS,
  })
  let format: AnswerFormat = 'json_schema'

  return {
    provider: 'openai-compatible',
    model: config.model,
    host: new URL(config.baseURL).host,
    recipient: config.recipient,
    invalidOutputRetries: 1,
    maxCharsPerCall: config.maxCharsPerCall,
    completeJson: async ({ system, user, schemaName, schema, timeoutMs, insist }) => {
      for (;;) {
        const current = format
        try {
          const response = await sdk.chat.completions.create(
            {
              model: config.model,
              temperature: 0.2,
              max_tokens: 4096,
              stream: false,
              messages: [
                {
                  role: 'system',
                  content: current === 'json_schema' && !insist ? system : withSchema(system, schema),
                },
                { role: 'user', content: user },
              ],
              ...(current === 'json_schema'
                ? {
                    response_format: {
                      type: 'json_schema' as const,
                      json_schema: { name: schemaName, schema, strict: true },
                    },
                  }
                : current === 'json_object'
                  ? { response_format: { type: 'json_object' as const } }
                  : {}),
            },
            timeoutMs ? { timeout: timeoutMs } : undefined,
          )
          const content = response.choices?.[0]?.message?.content
          if (typeof content !== 'string' || content.trim() === '') throw new AiCallError('invalid_output')
          return unfence(content)
        } catch (error) {
          const next = NEXT_FORMAT[current]
          if (next && error instanceof OpenAI.BadRequestError && FORMAT_REFUSED.test(error.message)) {
            // Another request for the same call is fine only if the server refused this one outright.
            if (format === current) format = next
            continue
          }
          throw toAiError(error)
        }
      }
    },
  }
}

/** The schema in words, for servers that do not enforce it (and for the second attempt after a drift). */
function withSchema(system: string, schema: JsonSchema): string {
  return `${system}\nDas JSON-Objekt muss genau diesem JSON-Schema entsprechen, ohne weiteren Text: ${JSON.stringify(schema)}`
}

/** Models without enforced output sometimes wrap the object in a Markdown code fence. */
function unfence(content: string): string {
  const fenced = content.trim().match(/^```(?:json)?\s*([\s\S]*?)\s*```$/i)
  return fenced ? fenced[1]! : content.trim()
}

function toAiError(error: unknown): AiCallError {
  if (error instanceof AiCallError) return error
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new AiCallError('timeout')
  // 503: Ollama's full queue ("server busy") and vLLM while it cannot take requests — busy, like a 429.
  if (error instanceof OpenAI.APIError && (error.status === 429 || error.status === 503))
    return new AiCallError('rate_limited')
  return new AiCallError('provider_error')
}
