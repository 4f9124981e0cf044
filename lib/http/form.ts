/** A form field as a string ('' when missing or a file): actions validate strings with zod. */
export function formText(form: FormData, key: string): string {
  const v = form.get(key)
  return typeof v === 'string' ? v : ''
}
