/**
 * Security headers for every response (R14): a strict Content-Security-Policy — a fresh nonce per request for
 * rendered pages, the hashes of its inline scripts for a prerendered public page (lib/http/prerendered.ts) — HSTS, no sniffing, a strict referrer policy, no framing of our pages, and camera/microphone only where the
 * video call runs. What Clerk, Stripe and Daily need is allowed only when they are configured.
 */
export type SecurityOptions = {
  /** The request's nonce; a prerendered page has none and names its inline scripts by hash instead. */
  nonce?: string
  /** `sha256-…` of each inline script of a prerendered page; used only without a nonce. */
  scriptHashes?: readonly string[]
  pathname: string
  /** `next dev` needs eval for React Refresh; production never gets it. */
  dev: boolean
  clerk: boolean
  /** Clerk's Frontend API origin when known (from the publishable key), else the Clerk-hosted pattern. */
  clerkOrigin?: string
  stripe: boolean
  daily: boolean
  /** The S3/R2 endpoint's origin when uploads go straight to the bucket (presigned PUT from the browser). */
  storageOrigin?: string
}

const DAILY = ['https://*.daily.co', 'wss://*.daily.co', 'https://*.wss.daily.co', 'wss://*.wss.daily.co']

/** The video page is the only place with a camera, a microphone and a third-party frame. */
export const isVideoPage = (pathname: string) => /^\/sessions\/[^/]+\/?$/.test(pathname)

export function contentSecurityPolicy(o: SecurityOptions): string {
  const video = o.daily && isVideoPage(o.pathname)
  const clerk = o.clerk
    ? [o.clerkOrigin ?? 'https://*.clerk.accounts.dev', 'https://challenges.cloudflare.com']
    : []
  const stripeForms = o.stripe ? ['https://checkout.stripe.com', 'https://billing.stripe.com'] : []
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [...scriptSources(o), ...(o.dev ? ["'unsafe-eval'"] : [])],
    // Inline style attributes from components; styles cannot run code.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(o.clerk ? ['https://img.clerk.com'] : [])],
    'font-src': ["'self'", 'data:'],
    'connect-src': [
      "'self'",
      ...clerk,
      ...(video ? DAILY : []),
      ...(o.storageOrigin ? [o.storageOrigin] : []),
      ...(o.dev ? ['ws:'] : []),
    ],
    'frame-src': [
      ...(video ? ['https://*.daily.co'] : []),
      ...(o.clerk ? ['https://challenges.cloudflare.com'] : []),
    ],
    'media-src': ["'self'", 'blob:', ...(video ? ['https://*.daily.co'] : [])],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    // Server actions redirect to Stripe's hosted checkout and portal; Chromium applies form-action to redirects.
    'form-action': ["'self'", ...stripeForms],
    'frame-ancestors': ["'none'"],
  }
  if (directives['frame-src']!.length === 0) directives['frame-src'] = ["'none'"]
  const parts = Object.entries(directives).map(([name, values]) => `${name} ${values.join(' ')}`)
  if (!o.dev) parts.push('upgrade-insecure-requests')
  return parts.join('; ')
}

/**
 * With a nonce, 'strict-dynamic': scripts our nonce'd scripts load (Clerk, daily-js) run; nothing else does. A
 * prerendered page cannot carry a per-request nonce: its inline scripts are allowed by their hashes and its
 * chunks by 'self' (no 'strict-dynamic', which would ignore 'self'); no 'unsafe-inline' either way.
 */
function scriptSources(o: SecurityOptions): string[] {
  if (o.nonce) return ["'self'", `'nonce-${o.nonce}'`, "'strict-dynamic'"]
  return ["'self'", ...(o.scriptHashes ?? []).map((hash) => `'${hash}'`)]
}

export function permissionsPolicy(pathname: string, daily: boolean): string {
  const av = daily && isVideoPage(pathname) ? '(self "https://*.daily.co")' : '()'
  return [
    `camera=${av}`,
    `microphone=${av}`,
    `display-capture=${av}`,
    'geolocation=()',
    'payment=()',
    'usb=()',
    'interest-cohort=()',
  ].join(', ')
}

export function securityHeaders(o: SecurityOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(o),
    'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': permissionsPolicy(o.pathname, o.daily),
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}

/** Clerk's Frontend API host is base64 inside the publishable key (pk_test_<base64(host$)>). */
export function clerkOriginFromKey(publishableKey: string | undefined): string | undefined {
  const encoded = publishableKey?.split('_')[2]
  if (!encoded) return undefined
  try {
    const host = Buffer.from(encoded, 'base64').toString('utf8').replace(/\$$/, '')
    return /^[a-z0-9.-]+$/i.test(host) ? `https://${host}` : undefined
  } catch {
    return undefined
  }
}

export function newNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Buffer.from(bytes).toString('base64')
}
