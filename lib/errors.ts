import type { z } from 'zod'

/**
 * Values an error message is filled with (`{minutes}`, `{line}` …). A list holds message keys (any namespace,
 * e.g. `privacy.purposes.ai_transcripts.short`): the reader gets their words, joined with commas.
 */
export type ErrorParams = Record<string, string | number | string[]>

/**
 * An error meant for the person who asked. It carries a code, not words: `errors.<code>` in
 * lib/i18n/messages/<locale>.errors.json, filled with `params`, in the reader's language — the action pipeline
 * (lib/http/action.ts) and the pages translate it at the edge. `field` names the form field it belongs to,
 * `fieldErrors` several (field → code). Anything that is not an AppError is unexpected: logged by class,
 * answered generically.
 */
export class AppError extends Error {
  override name = 'AppError'
  readonly params: ErrorParams
  readonly fieldErrors?: Record<string, FieldError>
  constructor(
    readonly code: string,
    options: { params?: ErrorParams; field?: string; fieldErrors?: Record<string, FieldError> } = {},
  ) {
    super(code)
    this.params = options.params ?? {}
    this.fieldErrors = options.field
      ? { [options.field]: { code, params: this.params } }
      : options.fieldErrors
  }
}

/** The error at one form field: a code, or a code with the values its message is filled with. */
export type FieldError = string | { code: string; params?: ErrorParams }

/**
 * NotFound is also what someone gets for another person's id: whether it exists is none of their business
 * (R14.1). The code names what was not found (`journal.entryNotFound`).
 */
export class NotFoundError extends AppError {
  override name = 'NotFoundError'
  constructor(code = 'notFound') {
    super(code)
  }
}

/** Input that passed the schema but contradicts the current state (e.g. an outdated consent text). */
export class ConflictError extends AppError {
  override name = 'ConflictError'
}

/**
 * A provider (Daily, Gladia …) failed or is unreachable. Not the person's doing, so it is logged like any
 * unexpected error (class and status, never content), but the person reads what `code` says (e.g. "the video
 * service is not answering") instead of the generic sentence.
 */
export class ProviderError extends Error {
  override name = 'ProviderError'
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The values a zod issue's message (a code) is filled with: its limits (`{maximum}`, `{minimum}`) and what a
 * refinement passed as `params`. The same for the action pipeline and for tests.
 */
export function issueParams(issue: z.core.$ZodIssue): ErrorParams {
  const params: ErrorParams = {}
  if ('maximum' in issue && (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint'))
    params.maximum = Number(issue.maximum)
  if ('minimum' in issue && (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint'))
    params.minimum = Number(issue.minimum)
  if (issue.code === 'custom' && issue.params) Object.assign(params, issue.params)
  return params
}
