/** PostgreSQL's exclusion_violation, however the driver wraps it. */
export function isExclusionViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23P01') return true
  }
  return false
}
