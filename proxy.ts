import { clerkMiddleware } from '@clerk/nextjs/server'
import { type NextRequest, NextResponse } from 'next/server'
import { resolveAuthMode } from '@/lib/config/deployment'
import { publicConfigFingerprint } from '@/lib/config/public-config'
import { env } from '@/lib/env'
import { isSupportedMethod, methodNotAllowedHeaders } from '@/lib/http/methods'
import { PRERENDERED_PREFIX, prerenderedTarget, readPrerendered } from '@/lib/http/prerendered'
import {
  clerkOriginFromKey,
  newNonce,
  type SecurityOptions,
  securityHeaders,
} from '@/lib/http/security-headers'
import { LOCALE_COOKIE, negotiateLocale, parseLocale } from '@/lib/i18n/locale'

const mode = resolveAuthMode(env)
const clerkOrigin = clerkOriginFromKey(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)
/** Audio uploads go from the browser straight to the bucket (lib/sessions/audio-upload.ts). */
const storageOrigin = () => (env.S3_ENDPOINT && env.S3_BUCKET ? new URL(env.S3_ENDPOINT).origin : undefined)
const configNow = publicConfigFingerprint(env)
/** Cookies that may mean a signed-in person (local session, Clerk session). */
const SESSION_COOKIES = ['mialma_session', '__Host-mialma_session', '__session']

const options = (pathname: string): Omit<SecurityOptions, 'nonce' | 'scriptHashes'> => ({
  pathname,
  dev: env.NODE_ENV === 'development',
  clerk: mode === 'clerk',
  clerkOrigin,
  stripe: Boolean(env.STRIPE_SECRET_KEY),
  daily: Boolean(env.DAILY_API_KEY),
  storageOrigin: storageOrigin(),
})

/**
 * A public page that needs no session (/datenschutz, /impressum, /account-deleted), served from its prerendered
 * copy in the visitor's language: the language cookie, else Accept-Language (lib/i18n/locale.ts). The URL stays;
 * the CSP allows exactly the page's inline scripts by hash. The document is answered here, not by a rewrite:
 * Next's page handler sets `Vary` and `Cache-Control: s-maxage=31536000` on a prerendered page itself, over
 * whatever the proxy set, and one address serving two languages must vary by what chose the language. Next's
 * own requests for the page's payload (RSC, prefetch) are rewritten to the built route. Null → the page renders
 * per request as before:
 * under `next dev`, for a form post (server actions run there), when the build is not on disk or was built
 * with another configuration (lib/config/public-config.ts), and for a possibly signed-in person without a
 * language cookie (their profile language decides, which only the rendered page knows).
 */
function prerendered(req: NextRequest): NextResponse | null {
  if (env.NODE_ENV !== 'production' || (req.method !== 'GET' && req.method !== 'HEAD')) return null
  const target = prerenderedTarget(req.nextUrl.pathname)
  if (!target) return null
  const chosen = req.cookies.get(LOCALE_COOKIE)?.value
  if (!target.locale && !chosen && SESSION_COOKIES.some((name) => req.cookies.has(name))) return null
  const locale =
    target.locale ?? (chosen ? parseLocale(chosen) : negotiateLocale(req.headers.get('accept-language')))
  const page = readPrerendered(locale, target.page)
  if (!page || page.config !== configNow) return null

  const headers = securityHeaders({ ...options(req.nextUrl.pathname), scriptHashes: page.scriptHashes })
  if (req.headers.has('rsc') || req.headers.has('next-router-prefetch')) {
    const url = req.nextUrl.clone()
    url.pathname = `${PRERENDERED_PREFIX}/${locale}/${target.page}`
    const response = target.locale ? NextResponse.next() : NextResponse.rewrite(url)
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
    return response
  }
  const document = {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    // One address, two languages: caches keep them apart by what chose the language, and ask again each time
    // (the ETag makes that a 304 while the build is the same).
    Vary: 'Cookie, Accept-Language',
    'Cache-Control': 'private, no-cache',
    ETag: page.etag,
  }
  if (req.headers.get('if-none-match') === page.etag)
    return new NextResponse(null, { status: 304, headers: document })
  return new NextResponse(req.method === 'HEAD' ? null : page.html, { status: 200, headers: document })
}

/**
 * Every other request: a fresh CSP nonce (Next reads it from the request's CSP header and puts it on its
 * scripts), the security headers on the response (R14), and the path for "back to where you were" after sign-in.
 */
function withHeaders(req: NextRequest) {
  // Unknown methods reach no page or route (issue 16.6); TRACE never gets here (lib/dev/server.ts answers it).
  if (!isSupportedMethod(req.method)) {
    return new NextResponse('Method Not Allowed', { status: 405, headers: methodNotAllowedHeaders() })
  }
  const fromBuild = prerendered(req)
  if (fromBuild) return fromBuild
  const nonce = newNonce()
  const headers = securityHeaders({ ...options(req.nextUrl.pathname), nonce })
  const requestHeaders = new Headers(req.headers)
  requestHeaders.set('x-mialma-pathname', req.nextUrl.pathname + req.nextUrl.search)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!)
  // next-intl would take a language from this header (lib/i18n/request.ts); only our prerendered pages name one.
  requestHeaders.delete('x-next-intl-locale')
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}

// clerkMiddleware asserts its keys on every request, so it runs only in Clerk mode; the local mode checks
// sessions in lib/auth on the server.
export default mode === 'clerk' ? clerkMiddleware((_auth, req) => withHeaders(req)) : withHeaders

export const config = {
  matcher: [
    // Everything except Next internals and static files; API routes included (Clerk needs them).
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
  ],
}
