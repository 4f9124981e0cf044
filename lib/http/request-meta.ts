import 'server-only'
import { headers } from 'next/headers'
import type { RequestMeta } from '@/lib/audit/service'
import { env } from '@/lib/env'
import { clientAddress } from './client-address'

/** Client address (lib/http/client-address.ts decides which claim to believe) and user agent of this request. */
export async function getRequestMeta(): Promise<RequestMeta> {
  const h = await headers()
  return metaFromHeaders(h)
}

export function metaFromHeaders(h: Headers): RequestMeta {
  const ip = clientAddress(h, {
    vercel: Boolean(env.VERCEL),
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    peerKey: env.MI_ALMA_PEER_KEY,
  })
  return { ip, userAgent: h.get('user-agent') }
}
