import { clerkMiddleware } from '@clerk/nextjs/server'
import { type NextRequest, NextResponse } from 'next/server'
import { resolveAuthMode } from '@/lib/config/deployment'
import { env } from '@/lib/env'
import { isSupportedMethod, methodNotAllowedHeaders } from '@/lib/http/methods'
import { clerkOriginFromKey, newNonce, securityHeaders } from '@/lib/http/security-headers'

const mode = resolveAuthMode(env)
const clerkOrigin = clerkOriginFromKey(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)
/** Audio uploads go from the browser straight to the bucket (lib/sessions/audio-upload.ts). */
const storageOrigin = () => (env.S3_ENDPOINT && env.S3_BUCKET ? new URL(env.S3_ENDPOINT).origin : undefined)

/**
 * Every request: a fresh CSP nonce (Next reads it from the request's CSP header and puts it on its scripts), the
 * security headers on the response (R14), and the path for "back to where you were" after sign-in.
 */
function withHeaders(req: NextRequest) {
  // Unknown methods reach no page or route (issue 16.6); TRACE never gets here (lib/dev/server.ts answers it).
  if (!isSupportedMethod(req.method)) {
    return new NextResponse('Method Not Allowed', { status: 405, headers: methodNotAllowedHeaders() })
  }
  const nonce = newNonce()
  const headers = securityHeaders({
    nonce,
    pathname: req.nextUrl.pathname,
    dev: env.NODE_ENV === 'development',
    clerk: mode === 'clerk',
    clerkOrigin,
    stripe: Boolean(env.STRIPE_SECRET_KEY),
    daily: Boolean(env.DAILY_API_KEY),
    storageOrigin: storageOrigin(),
  })
  const requestHeaders = new Headers(req.headers)
  requestHeaders.set('x-mialma-pathname', req.nextUrl.pathname + req.nextUrl.search)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!)
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
