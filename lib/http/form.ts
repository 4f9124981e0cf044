import { z } from 'zod'

/** A form field as a string ('' when missing or a file): actions validate strings with zod. */
export function formText(form: FormData, key: string): string {
  const v = form.get(key)
  return typeof v === 'string' ? v : ''
}

/** A hidden field or button value that switches something on ('1') or off (anything else). */
export const switchField = z.string().transform((v) => v === '1')

/** '' for a new row (create), or the id of the row to edit. */
export const optionalId = <T extends z.ZodType>(id: T) => z.union([z.literal(''), id])
