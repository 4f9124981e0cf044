import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PUBLIC_CONFIG_META } from '@/lib/config/public-config'
import { type AppLocale, parseLocale } from '@/lib/i18n/locale'

/**
 * The public pages that need no session, prerendered per language by `next build` under
 * /prerendered/<locale>/<page> (app/prerendered). The proxy serves them at their usual address (the URL stays
 * /datenschutz) in the visitor's language, with a CSP that names the page's inline scripts by hash: a static
 * page cannot carry a per-request nonce.
 */
export const PRERENDERED_PAGES = [
  'datenschutz',
  'impressum',
  'account-deleted',
  'sign-in',
  'signed-out',
] as const
export type PrerenderedPage = (typeof PRERENDERED_PAGES)[number]
export const PRERENDERED_LOCALES = ['de', 'en'] as const satisfies readonly AppLocale[]
export const PRERENDERED_PREFIX = '/prerendered'

/**
 * The copies of the local sign-in page (without and with the "signed out" notice): served only in local mode
 * and only to a visitor without a session cookie (signed in → home; no longer valid → a notice), which the page
 * rendered per request handles.
 */
export const isSignInPage = (page: PrerenderedPage) => page === 'sign-in' || page === 'signed-out'

const isPage = (name: string | undefined): name is PrerenderedPage =>
  (PRERENDERED_PAGES as readonly string[]).includes(name ?? '')

/**
 * `/datenschutz` → the page (language still to choose); `/sign-in` → the sign-in page, `?abgemeldet` → its copy
 * with the "signed out" notice (other parameters such as `?next=` do not change the document: the action reads
 * them from the address); `/prerendered/en/datenschutz` (Next's own requests for the rewritten route, or a direct
 * hit) → the page in that language. Anything else → null.
 */
export function prerenderedTarget(
  pathname: string,
  query?: URLSearchParams,
): { page: PrerenderedPage; locale?: AppLocale } | null {
  const parts = pathname.split('/').filter(Boolean)
  if (parts.length === 1 && parts[0] === 'sign-in')
    return { page: query?.has('abgemeldet') ? 'signed-out' : 'sign-in' }
  // The notice's copy has no public address of its own.
  if (parts.length === 1 && isPage(parts[0]) && !isSignInPage(parts[0])) return { page: parts[0] }
  if (parts.length === 3 && `/${parts[0]}` === PRERENDERED_PREFIX && isPage(parts[2])) {
    const locale = parts[1]
    if (locale === 'de' || locale === 'en') return { page: parts[2], locale: parseLocale(locale) }
  }
  return null
}

/**
 * Next runs the proxy once more for the route a request was rewritten to (a form posted from a page served from
 * the build → /prerendered/<locale>/<page>, prerenderedPostRoute), with the request headers the first run set.
 * The address the visitor used (`?next=` included, lib/auth/current-path.ts) is kept when it is the public
 * address of that same page; anything else → null (the internal address stands). So a client sending the header
 * itself can only name what it could put in the address bar of that page anyway.
 */
export function keptPublicAddress(internalPathname: string, seen: string | null): string | null {
  const internal = prerenderedTarget(internalPathname)
  if (!internal?.locale || !seen) return null
  let url: URL
  try {
    url = new URL(seen, 'http://address.invalid')
  } catch {
    return null
  }
  if (url.origin !== 'http://address.invalid') return null
  const visited = prerenderedTarget(url.pathname, url.searchParams)
  return visited && !visited.locale && visited.page === internal.page ? url.pathname + url.search : null
}

/**
 * `sha256-<base64>` of every inline script of an HTML document, as CSP hash sources. The browser hashes the
 * script element's text as parsed (raw text: no entity decoding; CR and CRLF become LF), so that is what is
 * hashed here.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(` ${match[1] ?? ''}`)) continue
    const text = (match[2] ?? '').replace(/\r\n?/g, '\n')
    hashes.add(`sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`)
  }
  return [...hashes]
}

/** The configuration digest a prerendered page was built with (lib/config/public-config.ts). */
export function builtConfig(html: string): string | undefined {
  const tag = new RegExp(`<meta\\s+name="${PUBLIC_CONFIG_META}"\\s+content="([^"]*)"`).exec(html)
  return tag?.[1]
}

export type Prerendered = { html: string; etag: string; scriptHashes: string[]; config: string | undefined }

const built = new Map<string, Prerendered | null>()

/**
 * The prerendered page as `next build` wrote it (.next/server/app/prerendered/<locale>/<page>.html), read once
 * per process: the document, its script hashes and configuration digest. Null when it is not there (`next dev`,
 * or a deployment that does not ship the file to the proxy): the proxy then lets the page render per request.
 */
export function readPrerendered(
  locale: AppLocale,
  page: PrerenderedPage,
  appDir = join(process.cwd(), '.next', 'server', 'app'),
): Prerendered | null {
  const file = join(appDir, PRERENDERED_PREFIX, locale, `${page}.html`)
  if (!built.has(file)) {
    let html: string | null = null
    try {
      html = readFileSync(file, 'utf8')
    } catch {
      // Not built (or not shipped): render per request.
    }
    built.set(
      file,
      html === null
        ? null
        : {
            html,
            etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
            scriptHashes: inlineScriptHashes(html),
            config: builtConfig(html),
          },
    )
  }
  return built.get(file) ?? null
}
