import { type NextRequest, NextResponse } from 'next/server'
import { SESSION_COOKIES } from '@/lib/auth/session-cookies'
import { type AppLocale, LOCALE_COOKIE, negotiateLocale, parseLocale } from '@/lib/i18n/locale'
import {
  isSignInPage,
  type Prerendered,
  PRERENDERED_PREFIX,
  type PrerenderedPage,
  prerenderedTarget,
} from './prerendered'

export type PrerenderedDeps = {
  /** Only a production server has the build it serves (`next dev` renders every page). */
  production: boolean
  /** Local sign-in (no Clerk): only then is the sign-in page one of the prerendered pages. */
  localSignIn: boolean
  /** The running server's public configuration digest (lib/config/public-config.ts). */
  configNow: string
  read: (locale: AppLocale, page: PrerenderedPage) => Prerendered | null
  /** The security headers for this address with a policy naming these script hashes. */
  headers: (pathname: string, scriptHashes: string[]) => Record<string, string>
}

/**
 * A public page that needs no session (/datenschutz, /impressum, /account-deleted, /sign-in), served from its
 * copy in the visitor's language: the language cookie, else Accept-Language (lib/i18n/locale.ts). The URL stays;
 * the CSP allows exactly the page's inline scripts by hash. The document is answered here, not by a rewrite:
 * Next's page handler sets `Vary` and `Cache-Control: s-maxage=31536000` on a prerendered page itself, over
 * whatever the proxy set, and one address serving two languages must vary by what chose the language. Next's
 * own requests for the page's payload (RSC, prefetch: a fetch, `Sec-Fetch-Dest: empty`) are rewritten to the built
 * route.
 *
 * Null → the page renders per request under the nonce policy, as before: under `next dev`; for a form post
 * (server actions run there; prerenderedPostRoute says which route); when the build is not on disk or was made with another public configuration; for
 * a possibly signed-in person without a language cookie (their profile language decides, which only the
 * rendered page knows); and for the sign-in page in Clerk mode or with any session cookie (lib/http/prerendered.ts).
 */
export function prerenderedResponse(req: NextRequest, deps: PrerenderedDeps): NextResponse | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null
  const copy = builtCopy(req, deps)
  if (!copy) return null
  const { target, locale, page } = copy

  const headers = deps.headers(req.nextUrl.pathname, page.scriptHashes)
  // Next's router fetches a page's payload (navigation, prefetch) with an RSC header, but strips those headers
  // before the proxy sees them (next/dist/server/web/adapter.js): a fetch is told from a document load by the
  // browser's `Sec-Fetch-Dest: empty` (a document load says `document`; a client without the header gets the
  // document).
  if (req.headers.get('sec-fetch-dest') === 'empty') {
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

/** The built copy a GET of this address would be served from (prerenderedResponse's rules), or null. */
function builtCopy(req: NextRequest, deps: PrerenderedDeps) {
  if (!deps.production) return null
  const target = prerenderedTarget(req.nextUrl.pathname, req.nextUrl.searchParams)
  if (!target) return null
  const chosen = req.cookies.get(LOCALE_COOKIE)?.value
  const sessionCookie = SESSION_COOKIES.some((name) => req.cookies.has(name))
  if (isSignInPage(target.page) && (!deps.localSignIn || sessionCookie)) return null
  if (!target.locale && !chosen && sessionCookie) return null
  const locale =
    target.locale ?? (chosen ? parseLocale(chosen) : negotiateLocale(req.headers.get('accept-language')))
  const page = deps.read(locale, target.page)
  if (!page || page.config !== deps.configNow) return null
  return { target, locale, page }
}

/**
 * A form posted without JavaScript from a page served from the build (the sign-in form, the language switch) goes
 * to the route that page was built from, rendered for this request (the proxy gives it the nonce policy): React
 * matches the returned form state to the form by its place in the page's tree, so a failed sign-in shows its
 * error only when the answer is the same page. The address stays (`?next=` is read from it). With JavaScript the
 * router posts the action itself (a `Next-Action` header) and takes its result (state or redirect) without a new
 * document: that goes to the page rendered per request, as before (through the rewrite, Next's handling of the
 * action's redirect fetched the target in the old language). Null → the page rendered per request.
 */
export function prerenderedPostRoute(req: NextRequest, deps: PrerenderedDeps): URL | null {
  if (req.method !== 'POST' || req.headers.has('next-action')) return null
  const copy = builtCopy(req, deps)
  if (!copy || copy.target.locale) return null
  const url = req.nextUrl.clone()
  url.pathname = `${PRERENDERED_PREFIX}/${copy.locale}/${copy.target.page}`
  return url
}
