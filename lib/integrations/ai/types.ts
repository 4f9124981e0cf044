import type { AiRecipient } from './recipient'

/**
 * The one contract every AI provider implements (R7.3): one chat completion with a JSON-schema answer, returning
 * the raw content string; the pipeline validates it. Failures are reduced to codes the UI explains — never the
 * provider's own text, which could echo content.
 */

/** Per attempt; with the retry budget, a request ends well inside the routes' maxDuration (60 s). */
export const AI_TIMEOUT_MS = 25_000

export type AiFailure = 'timeout' | 'rate_limited' | 'provider_error' | 'invalid_output'

export class AiCallError extends Error {
  override name = 'AiCallError'
  constructor(readonly code: AiFailure) {
    super(`AI call failed: ${code}`)
  }
}

export type JsonSchema = Record<string, unknown>

export type CompleteJsonInput = {
  system: string
  user: string
  schemaName: string
  schema: JsonSchema
  timeoutMs?: number
  /**
   * Set on the second attempt after an answer that did not match the schema: the provider may insist harder
   * (the schema in the prompt as well).
   */
  insist?: boolean
}

export type AiClient = {
  /** Wire format and endpoint kind, stored in each transmission record: mistral-eu, mistral-compatible, openai-compatible. */
  provider: string
  model: string
  /** host[:port] the text goes to, stored in each transmission record. */
  host: string
  /** Who receives the text: the consent C3 must name exactly this recipient. */
  recipient: AiRecipient
  /**
   * How often the pipeline asks again after an answer that ignores the schema (each attempt is its own
   * transmission record). Mistral enforces the schema server-side: 0; local models sometimes drift: 1.
   */
  invalidOutputRetries: number
  /**
   * Characters of text per call; longer transcripts are split by speaker turns and the parts merged. Unset: the
   * pipeline's default, sized for Mistral's context. A local model with a 16k-token window needs far less.
   */
  maxCharsPerCall?: number
  completeJson: (input: CompleteJsonInput) => Promise<string>
}
