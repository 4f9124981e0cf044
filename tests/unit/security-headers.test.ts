import { describe, expect, it } from 'vitest'
import {
  clerkOriginFromKey,
  contentSecurityPolicy,
  newNonce,
  permissionsPolicy,
  securityHeaders,
} from '@/lib/http/security-headers'

// R14: security headers on every response; the CSP allows providers only when they are configured.
const base = { nonce: 'abc123', pathname: '/journal', dev: false, clerk: false, stripe: false, daily: false }
const directive = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1)
    .split(' ') ?? []

describe('R14 security headers', () => {
  it('a strict CSP with the request nonce and nothing third-party when no provider is configured', () => {
    const csp = contentSecurityPolicy(base)
    expect(directive(csp, 'script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"])
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"])
    expect(directive(csp, 'frame-src')).toEqual(["'none'"])
    expect(directive(csp, 'object-src')).toEqual(["'none'"])
    expect(directive(csp, 'form-action')).toEqual(["'self'"])
    expect(csp).not.toMatch(/unsafe-eval|daily|stripe|clerk/)
    expect(csp).toContain('upgrade-insecure-requests')
  })

  it('Daily only on the video page, camera and microphone only there', () => {
    const video = { ...base, daily: true, pathname: '/sessions/6b0e7c1e-0000-4000-8000-000000000000' }
    expect(directive(contentSecurityPolicy(video), 'frame-src')).toEqual(['https://*.daily.co'])
    expect(directive(contentSecurityPolicy(video), 'connect-src')).toContain('wss://*.daily.co')
    expect(contentSecurityPolicy({ ...video, pathname: '/coach/sessions/x' })).not.toContain('daily')
    expect(permissionsPolicy(video.pathname, true)).toContain('camera=(self "https://*.daily.co")')
    expect(permissionsPolicy('/journal', true)).toContain('camera=()')
    expect(permissionsPolicy(video.pathname, false)).toContain('microphone=()')
  })

  it('Stripe hosted pages as form targets and Clerk origins only when configured', () => {
    const csp = contentSecurityPolicy({
      ...base,
      stripe: true,
      clerk: true,
      clerkOrigin: 'https://clerk.mialma.ch',
    })
    expect(directive(csp, 'form-action')).toEqual([
      "'self'",
      'https://checkout.stripe.com',
      'https://billing.stripe.com',
    ])
    expect(directive(csp, 'connect-src')).toContain('https://clerk.mialma.ch')
    expect(clerkOriginFromKey(`pk_test_${Buffer.from('clerk.mialma.ch$').toString('base64')}`)).toBe(
      'https://clerk.mialma.ch',
    )
    expect(clerkOriginFromKey('nonsense')).toBeUndefined()
  })

  it('the other headers, and a fresh unpredictable nonce each time', () => {
    const headers = securityHeaders(base)
    expect(headers).toMatchObject({
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
    })
    const nonces = new Set(Array.from({ length: 50 }, newNonce))
    expect(nonces.size).toBe(50)
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(contentSecurityPolicy({ ...base, dev: true })).toContain("'unsafe-eval'")
  })
})
