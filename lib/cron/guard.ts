import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/**
 * Vercel cron authorisation (R11.2): `Authorization: Bearer $CRON_SECRET`. Fails closed — an unset secret
 * answers 503 for every request, so the header "Bearer undefined" can never pass. Both sides are hashed
 * first so timingSafeEqual compares equal-length buffers and the secret's length doesn't leak.
 */
export function authorizeCron(
  request: Request,
  secret: string | undefined,
): { ok: true } | { ok: false; response: Response } {
  if (!secret) {
    return { ok: false, response: Response.json({ error: 'CRON_SECRET is not configured' }, { status: 503 }) }
  }
  const header = request.headers.get('authorization') ?? ''
  if (!timingSafeEqual(digest(header), digest(`Bearer ${secret}`))) {
    return { ok: false, response: Response.json({ error: 'Unauthorized' }, { status: 401 }) }
  }
  return { ok: true }
}
