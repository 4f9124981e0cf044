import 'server-only'
import { isIP } from 'node:net'
import { headers } from 'next/headers'
import { isLocalAuth } from '@/lib/auth/mode'
import { env } from '@/lib/env'

/**
 * The origin the browser used, when we may follow it: local mode only (issue 19.2 — opened at 127.0.0.1 or at
 * the machine's network address, redirects, the Testzahlung and e-mail links must stay there, or the session
 * cookie of that origin is lost). Only loopback names, IP literals and APP_URL's own host are followed: a DNS
 * rebinding page (a domain of the attacker's resolving to 127.0.0.1) must not become the app's address.
 * Deployments always use APP_URL.
 */
export function localRequestOrigin(h: Headers, appUrl: string): string | null {
  const host = h.get('host')
  if (!host) return null
  const proto = h.get('x-forwarded-proto') === 'https' ? 'https' : 'http'
  let url: URL
  try {
    url = new URL(`${proto}://${host}`)
  } catch {
    return null
  }
  // Nothing but a host and a port: `host: a@b` or a path would parse into something else.
  if (url.host !== host.toLowerCase() || url.username || url.pathname !== '/') return null
  const name = url.hostname.replace(/^\[|\]$/g, '')
  const ours = name === 'localhost' || isIP(name) !== 0 || url.hostname === new URL(appUrl).hostname
  return ours ? url.origin : null
}

/** The app's own URL for links and redirects made while answering a request; APP_URL outside one. */
export async function appUrl(): Promise<string> {
  if (!isLocalAuth) return env.APP_URL
  try {
    return localRequestOrigin(await headers(), env.APP_URL) ?? env.APP_URL
  } catch {
    // Not inside a request (cron, CLI): the configured address.
    return env.APP_URL
  }
}
