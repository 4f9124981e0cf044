import { describe, expect, it } from 'vitest'
import { authorizeCron } from '@/lib/cron/guard'

const SECRET = 'a-cron-secret-of-32-characters!!'
const req = (authorization?: string) =>
  new Request('http://localhost/api/cron/booking-reminders', {
    headers: authorization === undefined ? {} : { authorization },
  })

describe('R11.2/R3.4 cron routes accept only `Authorization: Bearer $CRON_SECRET`', () => {
  it('fails closed with 503 when the secret is unset, even for "Bearer undefined"', async () => {
    for (const header of ['Bearer undefined', 'Bearer ', undefined]) {
      for (const secret of [undefined, '']) {
        const result = authorizeCron(req(header), secret)
        expect(result.ok).toBe(false)
        if (result.ok) continue
        expect(result.response.status).toBe(503)
        expect(await result.response.json()).toEqual({ error: 'CRON_SECRET is not configured' })
      }
    }
  })

  it('answers 401 for a missing or wrong header', () => {
    for (const header of [
      undefined,
      '',
      'Bearer undefined',
      SECRET,
      `Bearer ${SECRET.slice(0, -1)}`,
      `Bearer ${SECRET}x`,
      `bearer ${SECRET}`,
      `Basic ${SECRET}`,
    ]) {
      const result = authorizeCron(req(header), SECRET)
      expect(result.ok, String(header)).toBe(false)
      if (!result.ok) expect(result.response.status).toBe(401)
    }
  })

  it('accepts the right secret', () => {
    expect(authorizeCron(req(`Bearer ${SECRET}`), SECRET)).toEqual({ ok: true })
  })
})
