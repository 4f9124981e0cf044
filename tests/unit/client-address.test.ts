import { describe, expect, it } from 'vitest'
import { clientAddress, PEER_HEADER } from '@/lib/http/client-address'

const key = 'k'.repeat(40)
const self = { vercel: false, trustedProxyHops: 0 }
const h = (headers: Record<string, string>) => new Headers(headers)

describe('R9.2 R13.1 R14 the client address is what a trusted party says, never the client (issue 16.2)', () => {
  it('R14 directly reachable without our server: X-Forwarded-For and X-Real-IP are claims, not addresses', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '198.51.100.1' }), self)).toBeNull()
    expect(clientAddress(h({ 'x-real-ip': '198.51.100.1' }), self)).toBeNull()
  })

  it('R14 behind our own server: the socket address it vouches for; a forged X-Forwarded-For changes nothing', () => {
    const config = { ...self, peerKey: key }
    for (const forged of ['198.51.100.1', '198.51.100.2, 10.0.0.1', ''])
      expect(
        clientAddress(h({ 'x-forwarded-for': forged, [PEER_HEADER]: `${key} 203.0.113.9` }), config),
      ).toBe('203.0.113.9')
    expect(clientAddress(h({ [PEER_HEADER]: `${key} ::ffff:127.0.0.1` }), config)).toBe('127.0.0.1')
  })

  it('R14 a peer header without the per-start key (sent by a client, or on a plain next start) is ignored', () => {
    expect(clientAddress(h({ [PEER_HEADER]: `${key} 203.0.113.9` }), self)).toBeNull()
    expect(clientAddress(h({ [PEER_HEADER]: 'guess 203.0.113.9' }), { ...self, peerKey: key })).toBeNull()
    expect(clientAddress(h({ [PEER_HEADER]: '203.0.113.9' }), { ...self, peerKey: key })).toBeNull()
  })

  it('R14 TRUSTED_PROXY_HOPS=n: the n-th X-Forwarded-For entry from the right; what the client prepends is ignored', () => {
    const one = { ...self, trustedProxyHops: 1 }
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9' }), one)).toBe('203.0.113.9')
    expect(clientAddress(h({ 'x-forwarded-for': '1.2.3.4, 203.0.113.9' }), one)).toBe('203.0.113.9')
    const two = { ...self, trustedProxyHops: 2 }
    expect(clientAddress(h({ 'x-forwarded-for': '1.2.3.4, 203.0.113.9, 10.0.0.2' }), two)).toBe('203.0.113.9')
    // Fewer entries than proxies: the chain is not what we were told, so no address.
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9' }), two)).toBeNull()
    // Our server in front of one proxy: the proxy is the socket peer, the client the entry it appended.
    expect(
      clientAddress(h({ 'x-forwarded-for': '1.2.3.4, 203.0.113.9', [PEER_HEADER]: `${key} 10.0.0.2` }), {
        ...one,
        peerKey: key,
      }),
    ).toBe('203.0.113.9')
  })

  it('R14 on Vercel: the platform header (x-vercel-forwarded-for, else x-real-ip), not X-Forwarded-For', () => {
    const vercel = { vercel: true, trustedProxyHops: 0 }
    expect(
      clientAddress(h({ 'x-vercel-forwarded-for': '203.0.113.9', 'x-forwarded-for': '1.2.3.4' }), vercel),
    ).toBe('203.0.113.9')
    expect(clientAddress(h({ 'x-real-ip': '2001:db8::1' }), vercel)).toBe('2001:db8::1')
    expect(clientAddress(h({ 'x-forwarded-for': '1.2.3.4' }), vercel)).toBeNull()
  })

  it('R13.1 garbage in a trusted header is not an address', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '<script>' }), { ...self, trustedProxyHops: 1 })).toBeNull()
    expect(clientAddress(h({ 'x-real-ip': 'unknown' }), { vercel: true, trustedProxyHops: 0 })).toBeNull()
  })
})
