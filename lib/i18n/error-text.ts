import 'server-only'
import { getTranslations } from 'next-intl/server'
import type { AppError, ErrorParams } from '@/lib/errors'

/** Words for an error code in the reader's language. */
export type SayError = (code: string, params?: ErrorParams) => string

/**
 * The edge's translator for error codes (an AppError's code, a zod message key): `errors.<code>` in
 * messages/<locale>.errors.json, in the language of the request. A message that is no known code is shown as it
 * is (a sentence from a library, which should not happen; tests/unit/error-codes.test.ts guards our own codes).
 */
export async function errorTranslator(): Promise<SayError> {
  const t = await getTranslations()
  // (Tests replace next-intl with a stub that has no `has`: then every message stays as it is.)
  const has = (key: string) => typeof t.has === 'function' && t.has(key as never)
  const word = (key: string) => (has(key) ? t(key as never) : key)
  return (code, params = {}) => {
    const key = `errors.${code}`
    if (!has(key)) return code
    const values = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.map(word).join(', ') : v]),
    )
    return t(key as never, values as never)
  }
}

/** An AppError's words in the reader's language, for pages and routes that show one. */
export async function errorMessage(error: AppError): Promise<string> {
  return (await errorTranslator())(error.code, error.params)
}
