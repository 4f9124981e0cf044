import 'server-only'
import { env } from '@/lib/env'
import { createMistralClient } from './mistral'
import { createOpenAiCompatibleClient } from './openai-compatible'
import { type AiRecipient, MISTRAL_EU_RECIPIENT } from './recipient'
import type { AiClient } from './types'

/**
 * The AI client the app uses (R7), chosen by the environment: Mistral's SDK for `AI_PROVIDER=mistral` (the
 * default when MISTRAL_API_KEY or MISTRAL_SERVER_URL is set), the OpenAI chat-completions format for
 * `AI_PROVIDER=openai-compatible`. Null when neither is configured — the app then explains that AI is not set up.
 * lib/env.ts has already refused incomplete combinations.
 */

export { createMistralClient } from './mistral'
export { createOpenAiCompatibleClient } from './openai-compatible'
export { type AiRecipient, MISTRAL_EU_RECIPIENT } from './recipient'
export * from './types'

function provider(): 'mistral' | 'openai-compatible' | null {
  if (env.AI_PROVIDER) return env.AI_PROVIDER
  return env.MISTRAL_API_KEY || env.MISTRAL_SERVER_URL ? 'mistral' : null
}

export function aiConfigured(): boolean {
  return provider() !== null
}

/** The recipient the environment names (AI_RECIPIENT_*), when it names one. */
function namedRecipient(): AiRecipient | null {
  if (!env.AI_RECIPIENT_NAME || !env.AI_RECIPIENT_COUNTRY || !env.AI_RECIPIENT_HOSTING) return null
  return {
    name: env.AI_RECIPIENT_NAME,
    shortName: env.AI_RECIPIENT_NAME,
    country: env.AI_RECIPIENT_COUNTRY,
    hosting: env.AI_RECIPIENT_HOSTING,
  }
}

/**
 * Who receives the text in this installation — what the consent C3 names. Without any AI configuration it is
 * Mistral AI, the default provider, so the page can still explain the consent.
 */
export function aiRecipient(): AiRecipient {
  return namedRecipient() ?? MISTRAL_EU_RECIPIENT
}

export function aiClient(): AiClient | null {
  switch (provider()) {
    case 'openai-compatible':
      return createOpenAiCompatibleClient({
        baseURL: env.AI_BASE_URL!,
        apiKey: env.AI_API_KEY,
        model: env.AI_MODEL!,
        recipient: aiRecipient(),
        timeoutMs: env.AI_TIMEOUT_SECONDS * 1000,
        maxCharsPerCall: env.AI_MAX_CHARS_PER_CALL,
      })
    case 'mistral':
      return createMistralClient({
        apiKey: env.MISTRAL_API_KEY,
        serverURL: env.MISTRAL_SERVER_URL,
        model: env.MISTRAL_MODEL,
        recipient: aiRecipient(),
      })
    default:
      return null
  }
}
