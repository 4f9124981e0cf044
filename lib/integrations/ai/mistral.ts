import 'server-only'
import type * as MistralSdk from '@mistralai/mistralai'
import type { Mistral } from '@mistralai/mistralai'
import type * as MistralErrors from '@mistralai/mistralai/models/errors'
import { type AiRecipient, MISTRAL_EU_RECIPIENT } from './recipient'
import { AI_TIMEOUT_MS, type AiClient, AiCallError } from './types'

/**
 * Mistral chat completions through Mistral's SDK (R7, INTEGRATIONS §4). The EU server by default; `serverURL`
 * points at another address for the same API (a gateway, or tests/fakes/mistral.ts).
 */

const EU_HOST = 'api.mistral.ai'

type SdkModules = [typeof MistralSdk, typeof MistralErrors]
/**
 * The SDK takes ~0.8 s and ~80 MB to load: it is loaded with the first call, not with every module that can reach
 * this one (every page and test that imports the AI pipeline, the export, the cron).
 */
let sdkModules: Promise<SdkModules> | undefined
const loadSdk = () =>
  (sdkModules ??= Promise.all([import('@mistralai/mistralai'), import('@mistralai/mistralai/models/errors')]))

/** The client for an explicit configuration (tests point `serverURL` at tests/fakes/mistral.ts). */
export function createMistralClient(config: {
  apiKey?: string
  serverURL?: string
  model: string
  /** Who runs `serverURL`, when it is not Mistral; Mistral AI SAS otherwise. */
  recipient?: AiRecipient
  /** The retry schedule (ms); tests shorten it so that "retried, then failed" does not wait 15 s. */
  backoff?: { initialInterval: number; maxInterval: number; maxElapsedTime: number }
}): AiClient {
  let sdk: Promise<{ client: Mistral; errors: SdkModules[1] }> | undefined
  const ready = () =>
    (sdk ??= loadSdk().then(([{ Mistral }, errors]) => ({
      errors,
      client: new Mistral({
        apiKey: config.apiKey ?? '',
        ...(config.serverURL ? { serverURL: config.serverURL } : { server: 'eu' as const }),
        retryConfig: {
          strategy: 'backoff',
          backoff: {
            ...(config.backoff ?? { initialInterval: 500, maxInterval: 4_000, maxElapsedTime: 15_000 }),
            exponent: 1.5,
          },
          retryConnectionErrors: true,
        },
        timeoutMs: AI_TIMEOUT_MS,
      }),
    })))
  const model = config.model
  return {
    provider: config.serverURL ? 'mistral-compatible' : 'mistral-eu',
    model,
    host: config.serverURL ? new URL(config.serverURL).host : EU_HOST,
    recipient: config.recipient ?? MISTRAL_EU_RECIPIENT,
    invalidOutputRetries: 0,
    completeJson: async ({ system, user, schemaName, schema, timeoutMs }) => {
      const { client, errors } = await ready()
      try {
        const response = await client.chat.complete(
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
        throw toAiError(error, errors)
      }
    },
  }
}

function toAiError(
  error: unknown,
  { HTTPClientError, MistralError, RequestTimeoutError }: SdkModules[1],
): AiCallError {
  if (error instanceof AiCallError) return error
  if (error instanceof RequestTimeoutError) return new AiCallError('timeout')
  if (error instanceof MistralError)
    return new AiCallError(error.statusCode === 429 ? 'rate_limited' : 'provider_error')
  if (error instanceof HTTPClientError) return new AiCallError('provider_error')
  // The SDK validates the response shape; a malformed answer is the provider's fault, not ours.
  if (error instanceof Error && /validation/i.test(error.name)) return new AiCallError('invalid_output')
  return new AiCallError('provider_error')
}
