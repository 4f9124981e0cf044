import { type NextRequest, NextResponse } from 'next/server'
import { getDb } from '@/db/client'
import { openExport } from '@/lib/account/export/service'
import { exportFormatSchema } from '@/lib/account/schemas'
import { getActor } from '@/lib/auth'
import { AuthorizationError } from '@/lib/auth/types'
import { metaFromHeaders } from '@/lib/http/request-meta'
import { RateLimitedError } from '@/lib/http/rate-limit'
import { errorMessage } from '@/lib/i18n/error-text'
import { log } from '@/lib/log'

// A large account streams for a while (pages of rows are read as the download proceeds).
export const maxDuration = 300
export const dynamic = 'force-dynamic'

/**
 * GET /settings/data/export?format=json|zip|pdf — the signed-in client's own data export (R10.1) as a download.
 * Thin: parse, authorise, hand the stream of lib/account/export through. Nobody else's data can be asked for:
 * the account is the actor's.
 */
export async function GET(req: NextRequest) {
  const format = exportFormatSchema.safeParse(req.nextUrl.searchParams.get('format') ?? 'json')
  if (!format.success) return text(400, 'Unbekanntes Format. Erlaubt sind json, zip und pdf.')
  const actor = await getActor()
  if (!actor) {
    const next = encodeURIComponent('/settings/data')
    return NextResponse.redirect(new URL(`/sign-in?next=${next}`, req.url), 303)
  }
  try {
    const download = await openExport(getDb(), actor, format.data, {
      meta: metaFromHeaders(req.headers),
    })
    return new Response(download.stream, {
      headers: {
        'Content-Type': download.contentType,
        'Content-Disposition': `attachment; filename="${download.filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch (error) {
    if (error instanceof AuthorizationError) return text(403, await errorMessage(error))
    if (error instanceof RateLimitedError)
      return text(429, await errorMessage(error), { 'Retry-After': String(error.retryAfterSeconds) })
    log.error('account.export_failed', { error: error instanceof Error ? error.name : 'unknown' })
    return text(500, 'Der Export konnte nicht erstellt werden. Bitte versuche es erneut.')
  }
}

function text(status: number, body: string, headers: Record<string, string> = {}) {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  })
}
