import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTranslator } from 'next-intl'
import type { z } from 'zod'
import { type ErrorParams, type FieldError, issueParams } from '@/lib/errors'

const dir = join(process.cwd(), 'lib/i18n/messages')

/** Every message area of a language, merged (as lib/i18n/request.ts does). */
function allMessages(locale: 'de' | 'en'): Record<string, unknown> {
  const files = readdirSync(dir).filter((f) => f === `${locale}.json` || f.startsWith(`${locale}.`))
  return Object.assign({}, ...files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as object))
}

/**
 * What a person reads for an error code (lib/i18n/messages/<locale>.errors.json), as the action pipeline and the
 * pages show it (lists of message keys joined with commas): lets a test keep asserting the German (or English)
 * sentence while services throw codes.
 */
export function codeText(
  codeOrError: string | { code: string; params?: ErrorParams },
  locale: 'de' | 'en' = 'de',
): string {
  const t = createTranslator({ locale, messages: allMessages(locale) })
  const { code, params = {} } = typeof codeOrError === 'string' ? { code: codeOrError } : codeOrError
  const key = `errors.${code}`
  if (!t.has(key as never)) throw new Error(`no ${locale} message for the error code "${code}"`)
  const values = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.map((w) => t(w as never)).join(', ') : v,
    ]),
  )
  return t(key as never, values as never)
}

/** The sentence for an error thrown by a service (an AppError), in German unless told. */
export function messageOf(error: unknown, locale: 'de' | 'en' = 'de'): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return codeText(error as { code: string; params?: ErrorParams }, locale)
  throw new Error(`not an error with a code: ${String(error)}`)
}

/** The sentence for a zod issue whose message is a code, filled like the action pipeline does. */
export function issueText(issue: z.core.$ZodIssue, locale: 'de' | 'en' = 'de'): string {
  return codeText({ code: issue.message, params: issueParams(issue) }, locale)
}

/** Field errors (codes, or codes with values) as the form shows them. */
export function fieldTexts(
  errors: Record<string, FieldError>,
  locale: 'de' | 'en' = 'de',
): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, codeText(v, locale)]))
}
