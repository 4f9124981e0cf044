import { z } from 'zod'

/** A form field as a string ('' when missing or a file): actions validate strings with zod. */
export function formText(form: FormData, key: string): string {
  const v = form.get(key)
  return typeof v === 'string' ? v : ''
}

/** The first message per field of a failed parse, for forms that show one error under each field. */
export function firstFieldErrors(error: z.ZodError): Record<string, string | undefined> {
  const f = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v?.[0]]))
}
