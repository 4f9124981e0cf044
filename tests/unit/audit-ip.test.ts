import { describe, expect, it } from 'vitest'
import { truncateIp } from '@/lib/audit/ip'

describe('R13.1 R13.2 truncateIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['10.1.2.3', '10.1.2.0'],
    ['255.255.255.255', '255.255.255.0'],
    [' 198.51.100.9 ', '198.51.100.0'],
  ])('R13.2 IPv4 keeps /24: %s → %s', (ip, expected) => {
    expect(truncateIp(ip)).toBe(expected)
  })

  it.each([
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:0DB8:0001:0000:0000:0000:0000:0001', '2001:db8:1::'],
    ['2001:db8::1', '2001:db8:0::'],
    ['2a02:1210:5e0c:b300:ad4e:1f5a:3c2b:9d10', '2a02:1210:5e0c::'],
    ['::1', '0:0:0::'],
    ['fe80::1', 'fe80:0:0::'],
  ])('R13.2 IPv6 keeps /48: %s → %s', (ip, expected) => {
    expect(truncateIp(ip)).toBe(expected)
  })

  it.each([
    ['::ffff:203.0.113.77', '203.0.113.0'],
    ['::FFFF:192.0.2.200', '192.0.2.0'],
  ])('R13.2 IPv4-mapped IPv6 is truncated as IPv4: %s → %s', (ip, expected) => {
    expect(truncateIp(ip)).toBe(expected)
  })

  it('R13.2 the host part never survives', () => {
    expect(truncateIp('203.0.113.77')).not.toContain('77')
    expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).not.toMatch(/8d3|1319|7348/)
  })

  it.each([
    null,
    undefined,
    '',
    'garbage',
    '999.1.1.1',
    '1.2.3',
    'unknown',
    '2001:db8::g',
    '203.0.113.77, 10.0.0.1',
  ])('R13.2 garbage %j → null', (ip) => {
    expect(truncateIp(ip)).toBeNull()
  })
})
