/**
 * Cross-site request check for the few state-changing route handlers (server actions have Next's own Origin check).
 * A page on another site can submit a form to us with the person's cookies (SameSite=Lax lets a top-level POST
 * through in some browsers, and a GET always) — issue 16.4: a link elsewhere started an export.
 *
 * Browsers say where a request comes from: `Sec-Fetch-Site` (all current browsers) must be `same-origin`; without
 * it, `Origin` must name our host. Neither present: refused (fail closed) — a browser POST always carries one of
 * them, and a script outside a browser has no cookie to abuse. The host compared with is the one the request was
 * sent to: a cross-site form cannot set Host or add headers (that would need a CORS preflight we never allow).
 */
export function isSameOriginRequest(h: Headers, requestUrl: string): boolean {
  const site = h.get('sec-fetch-site')
  if (site !== null) return site === 'same-origin'
  const origin = h.get('origin')
  if (!origin || origin === 'null') return false
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    return false
  }
  const hosts = [h.get('x-forwarded-host'), h.get('host'), safeHost(requestUrl)]
  return hosts.some((host) => host !== null && host.toLowerCase() === originHost)
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host
  } catch {
    return null
  }
}
