import 'server-only'
import { Mistral } from '@mistralai/mistralai'
import { HTTPClientError, MistralError, RequestTimeoutError } from '@mistralai/mistralai/models/errors'
import { env } from '@/lib/env'

/**
 * Mistral chat completions (R7, INTEGRATIONS §4): the only place that talks to the AI provider. Null without
 * MISTRAL_API_KEY or MISTRAL_SERVER_URL — the app then explains that AI is not configured. The EU server by
 * default; MISTRAL_SERVER_URL points at a self-hosted compatible endpoint or the test fake.
 */

/** Per attempt; with the retry budget below, a request ends well inside the routes' maxDuration (60 s). */
export const AI_TIMEOUT_MS = 25_000

export type AiFailure = 'timeout' | 'rate_limited' | 'provider_error' | 'invalid_output'

export class AiCallError extends Error {
  override name = 'AiCallError'
  constructor(readonly code: AiFailure) {
    super(`AI call failed: ${code}`)
  }
}

export type JsonSchema = Record<string, unknown>

export type AiClient = {
  provider: string
  model: string
  /** One chat completion with a JSON-schema response; returns the raw content string. */
  completeJson: (input: {
    system: string
    user: string
    schemaName: string
    schema: JsonSchema
    timeoutMs?: number
  }) => Promise<string>
}

export function aiConfigured(): boolean {
  return Boolean(env.MISTRAL_API_KEY || env.MISTRAL_SERVER_URL)
}

export function aiClient(): AiClient | null {
  if (!aiConfigured()) return null
  return createAiClient({
    apiKey: env.MISTRAL_API_KEY,
    serverURL: env.MISTRAL_SERVER_URL,
    model: env.MISTRAL_MODEL,
  })
}

/** The client for an explicit configuration (tests point `serverURL` at tests/fakes/mistral.ts). */
export function createAiClient(config: { apiKey?: string; serverURL?: string; model: string }): AiClient {
  const sdk = new Mistral({
    apiKey: config.apiKey ?? '',
    ...(config.serverURL ? { serverURL: config.serverURL } : { server: 'eu' as const }),
    retryConfig: {
      strategy: 'backoff',
      backoff: { initialInterval: 500, maxInterval: 4_000, exponent: 1.5, maxElapsedTime: 15_000 },
      retryConnectionErrors: true,
    },
    timeoutMs: AI_TIMEOUT_MS,
  })
  const model = config.model
  return {
    provider: config.serverURL ? 'mistral-compatible' : 'mistral-eu',
    model,
    completeJson: async ({ system, user, schemaName, schema, timeoutMs }) => {
      try {
        const response = await sdk.chat.complete(
          {
            model,
            temperature: 0.2,
            maxTokens: 4096,
            messages: [
              { role: 'system', content: system },
              { role: 'user', content: user },
            ],
            responseFormat: {
              type: 'json_schema',
              jsonSchema: { name: schemaName, schemaDefinition: schema, strict: true },
            },
          },
          { timeoutMs: timeoutMs ?? AI_TIMEOUT_MS },
        )
        const content = response.choices?.[0]?.message?.content
        if (typeof content === 'string') return content
        if (Array.isArray(content))
          return content
            .map((chunk) => ('text' in chunk && typeof chunk.text === 'string' ? chunk.text : ''))
            .join('')
        throw new AiCallError('invalid_output')
      } catch (error) {
        throw toAiError(error)
      }
    },
  }
}

function toAiError(error: unknown): AiCallError {
  if (error instanceof AiCallError) return error
  if (error instanceof RequestTimeoutError) return new AiCallError('timeout')
  if (error instanceof MistralError)
    return new AiCallError(error.statusCode === 429 ? 'rate_limited' : 'provider_error')
  if (error instanceof HTTPClientError) return new AiCallError('provider_error')
  // The SDK validates the response shape; a malformed answer is the provider's fault, not ours.
  if (error instanceof Error && /validation/i.test(error.name)) return new AiCallError('invalid_output')
  return new AiCallError('provider_error')
}
