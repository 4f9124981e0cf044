/**
 * The one check for "where to go next" (`?next=` after sign-in, `back` after the language switch): a path on our
 * own origin, or null (the caller then sends the person to their home). Pure, so every hostile form is testable.
 *
 * Why each rule: browsers drop tabs and newlines inside URLs (`/\t/evil.example` becomes `//evil.example`) and
 * read a backslash as a slash, so both are refused outright; a control character in a Location header is also
 * what made Next answer 500. The rest is left to the URL parser — the same one the browser uses — and the result
 * must stay on `base`'s origin. Dot segments can turn a harmless-looking path into `//host` (`/.//evil.example`),
 * so the normalised path is checked again.
 */
export function safeRedirectTarget(next: unknown, base: string): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return null
  // C0 controls, DEL, and the backslash; also the C1 controls and the line/paragraph separators.
  if (/[\u0000-\u001f\u007f-\u009f\\\u2028\u2029]/.test(next)) return null
  let origin: URL
  let target: URL
  try {
    origin = new URL(base)
    target = new URL(next, origin)
  } catch {
    return null
  }
  if (target.origin !== origin.origin) return null
  const path = target.pathname + target.search + target.hash
  if (!path.startsWith('/') || path.startsWith('//')) return null
  return path
}
