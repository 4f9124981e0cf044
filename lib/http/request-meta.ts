import 'server-only'
import { headers } from 'next/headers'
import type { RequestMeta } from '@/lib/audit/service'

/** Client IP and user agent of the current request (Vercel sets x-forwarded-for / x-real-ip). */
export async function getRequestMeta(): Promise<RequestMeta> {
  const h = await headers()
  return metaFromHeaders(h)
}

export function metaFromHeaders(h: Headers): RequestMeta {
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim()
  return { ip: forwarded || h.get('x-real-ip') || null, userAgent: h.get('user-agent') }
}
