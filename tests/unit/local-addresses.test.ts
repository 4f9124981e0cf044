import { describe, expect, it, vi } from 'vitest'

// This machine's interfaces, as os.networkInterfaces() reports them: loopback, a LAN address in both families and
// a link-local IPv6 address with its zone.
vi.mock('node:os', () => ({
  networkInterfaces: () => ({
    lo: [
      { address: '127.0.0.1', family: 'IPv4', internal: true },
      { address: '::1', family: 'IPv6', internal: true },
    ],
    eth0: [
      { address: '192.0.2.2', family: 'IPv4', internal: false },
      { address: 'fd00::2', family: 'IPv6', internal: false },
      { address: 'fe80::fc:ff:fe00:1%eth0', family: 'IPv6', internal: false },
    ],
  }),
}))

const { localHosts, printableUrls } = await import('@/lib/dev/local-addresses')

describe('the addresses of a local start (lib/dev/local-addresses.ts, issue 19.1)', () => {
  it('R1.2 allows loopback and every own address as a dev origin', () => {
    expect(localHosts()).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
      '192.0.2.2',
      '[fd00::2]',
      '[fe80::fc:ff:fe00:1]',
    ])
  })

  it('R1.2 prints only what a browser can open: IPv4 for 0.0.0.0, no link-local address', () => {
    expect(printableUrls('127.0.0.1', 3000)).toEqual(['http://localhost:3000'])
    expect(printableUrls('0.0.0.0', 3000)).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://192.0.2.2:3000',
    ])
    expect(printableUrls('::', 3000)).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://192.0.2.2:3000',
      'http://[fd00::2]:3000',
    ])
  })
})
