import { newNonce, securityHeaders } from './security-headers'

/** The methods the app answers. TRACE, TRACK and CONNECT cannot even become a fetch Request (Next answered 500). */
export const SUPPORTED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

export function isSupportedMethod(method: string | undefined): boolean {
  return (SUPPORTED_METHODS as readonly string[]).includes(method ?? '')
}

/** The headers of a 405: the security headers (a locked-down CSP, nothing to render) and Allow. */
export function methodNotAllowedHeaders(): Record<string, string> {
  const headers = securityHeaders({
    nonce: newNonce(),
    pathname: '/',
    dev: false,
    clerk: false,
    stripe: false,
    daily: false,
  })
  return {
    ...headers,
    Allow: SUPPORTED_METHODS.join(', '),
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  }
}
