import { describe, expect, it } from 'vitest'
import { localRequestOrigin } from '@/lib/http/app-url'

const appUrl = 'http://localhost:3000'
const origin = (headers: Record<string, string>) => localRequestOrigin(new Headers(headers), appUrl)

describe('R14 local mode follows the address the browser used (issue 19.2)', () => {
  it('R14 localhost, 127.0.0.1, [::1] and the machine’s network address are followed', () => {
    expect(origin({ host: 'localhost:3000' })).toBe('http://localhost:3000')
    expect(origin({ host: '127.0.0.1:3000' })).toBe('http://127.0.0.1:3000')
    expect(origin({ host: '[::1]:3000' })).toBe('http://[::1]:3000')
    expect(origin({ host: '192.168.1.20:3000' })).toBe('http://192.168.1.20:3000')
    expect(origin({ host: '127.0.0.1:3000', 'x-forwarded-proto': 'https' })).toBe('https://127.0.0.1:3000')
  })

  it('R14 a domain name other than APP_URL’s is not followed (DNS rebinding), nor a malformed host', () => {
    expect(origin({ host: 'evil.example:3000' })).toBeNull()
    expect(origin({ host: 'user@127.0.0.1:3000' })).toBeNull()
    expect(origin({ host: '127.0.0.1:3000/x' })).toBeNull()
    expect(origin({ host: '127.0.0.1:3000\\@evil.example' })).toBeNull()
    expect(origin({})).toBeNull()
  })
})
