import { isIP } from 'node:net'

/**
 * The one place that knows the client's address (issue 16.2). Rate limits, the consent proof (R9.2) and the audit
 * log get it from here (through lib/http/request-meta.ts) and from nowhere else. Every header a client can send is
 * a claim; only a party we trust may make it:
 *
 * - **Vercel**: the platform overwrites `x-forwarded-for` and sets `x-vercel-forwarded-for` / `x-real-ip` to the
 *   public address of the client; a client's own copy never reaches the function.
 * - **Our own server** (lib/dev/server.ts, `npm run dev` and `npm run start:local`): it strips any incoming
 *   `x-mialma-peer` and sets it to `<key> <socket address>`; the key is random per start, so a copy sent by a
 *   client (or reaching a plain `next start` that has no key) is never believed.
 * - **Behind reverse proxies** (`TRUSTED_PROXY_HOPS` = n ≥ 1): each proxy appends the address it saw to
 *   `X-Forwarded-For`, so the n-th entry from the right was written by our own outermost proxy; everything left
 *   of it is the client's own claim.
 * - Otherwise (a plain `next start`, directly reachable): Next copies the socket address into `x-forwarded-for`
 *   only when the client sent none, so the header proves nothing and the answer is "unknown" (null).
 */
export const PEER_HEADER = 'x-mialma-peer'

export type AddressConfig = {
  /** Running on Vercel (the VERCEL variable is set). */
  vercel: boolean
  /** Number of reverse proxies of ours in front of the app (0: none). */
  trustedProxyHops: number
  /** The per-start key of lib/dev/server.ts, when it runs us. */
  peerKey?: string | undefined
}

export function clientAddress(h: Headers, config: AddressConfig): string | null {
  if (config.vercel) {
    return valid(h.get('x-vercel-forwarded-for')?.split(',')[0]) ?? valid(h.get('x-real-ip')) ?? null
  }
  const chain = (h.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const peer = config.peerKey ? peerAddress(h.get(PEER_HEADER), config.peerKey) : null
  if (peer) {
    // The socket address is the nearest hop; with n proxies of ours, the client is n entries further left.
    const hops = [...chain, peer]
    return valid(hops[hops.length - 1 - config.trustedProxyHops]) ?? null
  }
  if (config.trustedProxyHops < 1) return null
  return valid(chain[chain.length - config.trustedProxyHops]) ?? null
}

function peerAddress(value: string | null, key: string): string | null {
  if (!value) return null
  const space = value.indexOf(' ')
  if (space < 0 || value.slice(0, space) !== key) return null
  return value.slice(space + 1)
}

/** An IP literal (IPv4-mapped IPv6 unwrapped), or null: a header's garbage never reaches the audit log. */
function valid(value: string | undefined | null): string | null {
  if (!value) return null
  const ip = value.trim().replace(/^\[(.*)\]$/, '$1')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1]
  if (mapped) return mapped
  return isIP(ip) ? ip : null
}
