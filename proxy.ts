import { clerkMiddleware } from '@clerk/nextjs/server'
import { type NextRequest, NextResponse } from 'next/server'
import { resolveAuthMode } from '@/lib/config/deployment'
import { publicConfigFingerprint } from '@/lib/config/public-config'
import { env } from '@/lib/env'
import { CURRENT_PATH_HEADER } from '@/lib/auth/current-path'
import { isSupportedMethod, methodNotAllowedHeaders } from '@/lib/http/methods'
import { keptPublicAddress, readPrerendered } from '@/lib/http/prerendered'
import {
  type PrerenderedDeps,
  prerenderedPostRoute,
  prerenderedResponse,
} from '@/lib/http/prerendered-response'
import {
  clerkOriginFromKey,
  newNonce,
  type SecurityOptions,
  securityHeaders,
} from '@/lib/http/security-headers'

const mode = resolveAuthMode(env)
const clerkOrigin = clerkOriginFromKey(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)
/** Audio uploads go from the browser straight to the bucket (lib/sessions/audio-upload.ts). */
const storageOrigin = () => (env.S3_ENDPOINT && env.S3_BUCKET ? new URL(env.S3_ENDPOINT).origin : undefined)
const configNow = publicConfigFingerprint(env)

const options = (pathname: string): Omit<SecurityOptions, 'nonce' | 'scriptHashes'> => ({
  pathname,
  dev: env.NODE_ENV === 'development',
  clerk: mode === 'clerk',
  clerkOrigin,
  stripe: Boolean(env.STRIPE_SECRET_KEY),
  daily: Boolean(env.DAILY_API_KEY),
  storageOrigin: storageOrigin(),
})

const prerenderedDeps: PrerenderedDeps = {
  production: env.NODE_ENV === 'production',
  localSignIn: mode === 'local',
  configNow,
  read: readPrerendered,
  headers: (pathname, scriptHashes) => securityHeaders({ ...options(pathname), scriptHashes }),
}

/**
 * Every request: the public pages that need no session from the build (hash CSP); otherwise a fresh CSP nonce
 * (Next reads it from the request's CSP header and puts it on its scripts), the security headers on the
 * response (R14), and the path for "back to where you were" after sign-in.
 */
function withHeaders(req: NextRequest) {
  // Unknown methods reach no page or route (issue 16.6); TRACE never gets here (lib/dev/server.ts answers it).
  if (!isSupportedMethod(req.method)) {
    return new NextResponse('Method Not Allowed', { status: 405, headers: methodNotAllowedHeaders() })
  }
  // The public pages that need no session, from the build with a hash CSP (lib/http/prerendered-response.ts).
  const fromBuild = prerenderedResponse(req, prerenderedDeps)
  if (fromBuild) return fromBuild
  const nonce = newNonce()
  const headers = securityHeaders({ ...options(req.nextUrl.pathname), nonce })
  const requestHeaders = new Headers(req.headers)
  // The address as the proxy saw it, for pages and for the actions posted to them (lib/auth/current-path.ts).
  const address = req.nextUrl.pathname + req.nextUrl.search
  requestHeaders.set(
    CURRENT_PATH_HEADER,
    keptPublicAddress(req.nextUrl.pathname, req.headers.get(CURRENT_PATH_HEADER)) ?? address,
  )
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!)
  // next-intl would take a language from this header (lib/i18n/request.ts); only our prerendered pages name one.
  requestHeaders.delete('x-next-intl-locale')
  // A form posted from a page served from the build: answered by the route it was built from.
  const builtRoute = prerenderedPostRoute(req, prerenderedDeps)
  const response = builtRoute
    ? NextResponse.rewrite(builtRoute, { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } })
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
