import { afterEach, describe, expect, it, vi } from 'vitest'
import { log, maskEmails } from '@/lib/log'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('R13.1 technical logs (lib/log)', () => {
  it('R13.1 maskEmails hides the local part of every address', () => {
    const masked = maskEmails('from lea.meier@example.ch to Marco+Tag@mialma.test.')
    expect(masked).toBe('from l***@example.ch to M***@mialma.test.')
    expect(masked).not.toContain('lea.meier')
    expect(masked).not.toContain('Marco+Tag')
    expect(maskEmails('no address here')).toBe('no address here')
  })

  it('R13.1 log.info writes one JSON line with level, event and fields; e-mail addresses are masked', () => {
    const spy = vi.spyOn(console, 'info').mockImplementation(() => {})
    log.info('email.stored', {
      to: 'lea.meier@example.ch',
      note: 'sent to lea.meier@example.ch',
      count: 2,
      ok: true,
    })
    expect(spy).toHaveBeenCalledTimes(1)
    const line = String(spy.mock.calls[0]![0])
    expect(line).not.toContain('lea.meier@')
    const parsed = JSON.parse(line) as Record<string, unknown>
    expect(parsed).toMatchObject({
      level: 'info',
      event: 'email.stored',
      to: 'l***@example.ch',
      note: 'sent to l***@example.ch',
      count: 2,
      ok: true,
    })
    expect(new Date(String(parsed.at)).toString()).not.toBe('Invalid Date')
  })

  it('R13.1 warn and error go to console.warn / console.error, also masked', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    log.warn('webhook.rejected', { provider: 'clerk', who: 'coach@mialma.test' })
    log.error('job.failed', { reason: 'x@y.ch' })
    expect(info).not.toHaveBeenCalled()
    expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({
      level: 'warn',
      event: 'webhook.rejected',
      who: 'c***@mialma.test',
    })
    expect(JSON.parse(String(error.mock.calls[0]![0]))).toMatchObject({ level: 'error', reason: 'x***@y.ch' })
  })
})
