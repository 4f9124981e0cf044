import { clerkMiddleware } from '@clerk/nextjs/server'
import { type NextRequest, NextResponse } from 'next/server'
import { resolveAuthMode } from '@/lib/config/deployment'
import { env } from '@/lib/env'

/** Lets server components know the path (for "back to where you were" after sign-in). */
function withPathname(req: NextRequest) {
  const headers = new Headers(req.headers)
  headers.set('x-mialma-pathname', req.nextUrl.pathname + req.nextUrl.search)
  return NextResponse.next({ request: { headers } })
}

// clerkMiddleware asserts its keys on every request, so it runs only in Clerk mode; the local mode has
// no middleware duties (sessions are checked in lib/auth on the server).
const mode = resolveAuthMode(env)

export default mode === 'clerk' ? clerkMiddleware((_auth, req) => withPathname(req)) : withPathname

export const config = {
  matcher: [
    // Everything except Next internals and static files; API routes included (Clerk needs them).
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
  ],
}
