import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifyAcuitySignature } from '@/lib/integrations/acuity/signature'
import { AcuityError, formatAcuityTime, parseAcuityTime } from '@/lib/integrations/acuity'

describe('R3.5 Acuity datetimes (Europe/Zurich offsets, DST)', () => {
  it('parses Acuity offsets as instants, before and after the March and October switches', () => {
    expect(parseAcuityTime('2030-03-30T10:00:00+0100')?.toISOString()).toBe('2030-03-30T09:00:00.000Z')
    expect(parseAcuityTime('2030-03-31T10:00:00+0200')?.toISOString()).toBe('2030-03-31T08:00:00.000Z')
    expect(parseAcuityTime('2030-10-27T02:30:00+0200')?.toISOString()).toBe('2030-10-27T00:30:00.000Z')
    expect(parseAcuityTime('2030-10-27T02:30:00+0100')?.toISOString()).toBe('2030-10-27T01:30:00.000Z')
    expect(parseAcuityTime('2030-03-06T10:00:00-05:00')?.toISOString()).toBe('2030-03-06T15:00:00.000Z')
    expect(parseAcuityTime('2030-03-06T10:00:00Z')?.toISOString()).toBe('2030-03-06T10:00:00.000Z')
  })

  it('refuses times without an offset (a wall time alone is ambiguous) and garbage', () => {
    expect(parseAcuityTime('2030-03-06T10:00:00')).toBeNull()
    expect(parseAcuityTime('morgen')).toBeNull()
    expect(parseAcuityTime('2030-13-06T10:00:00+0100')).toBeNull()
  })

  it('formats instants the way Acuity writes them, in Zurich time with the offset of that day', () => {
    expect(formatAcuityTime(new Date('2030-03-30T09:00:00Z'))).toBe('2030-03-30T10:00:00+0100')
    expect(formatAcuityTime(new Date('2030-03-31T08:00:00Z'))).toBe('2030-03-31T10:00:00+0200')
    expect(formatAcuityTime(new Date('2030-10-27T00:30:00Z'))).toBe('2030-10-27T02:30:00+0200')
    expect(formatAcuityTime(new Date('2030-10-27T01:30:00Z'))).toBe('2030-10-27T02:30:00+0100')
  })

  it('a refused time maps to "slot unavailable", other errors do not', () => {
    expect(new AcuityError(400, 'not_available').slotUnavailable).toBe(true)
    expect(new AcuityError(400, 'invalid_time').slotUnavailable).toBe(true)
    expect(new AcuityError(403, 'forbidden').slotUnavailable).toBe(false)
    expect(new AcuityError(0, 'unreachable').slotUnavailable).toBe(false)
  })
})

describe('R3.5 X-Acuity-Signature', () => {
  const key = 'api-key'
  const body = 'action=appointment.rescheduled&id=9001&calendarID=1&appointmentTypeID=101'
  const good = createHmac('sha256', key).update(body).digest('base64')
  it('accepts base64(HMAC-SHA256(api key, raw body)) only', () => {
    expect(verifyAcuitySignature(body, good, key)).toBe(true)
    expect(verifyAcuitySignature(body, null, key)).toBe(false)
    expect(verifyAcuitySignature(body, '', key)).toBe(false)
    expect(verifyAcuitySignature(body, good, 'other-key')).toBe(false)
    expect(verifyAcuitySignature(`${body}&x=1`, good, key)).toBe(false)
    expect(verifyAcuitySignature(body, good.slice(0, 20), key)).toBe(false)
  })
})
