import { type NextRequest, NextResponse } from 'next/server'
import { getDb } from '@/db/client'
import { openExport } from '@/lib/account/export/service'
import { exportFormatSchema } from '@/lib/account/schemas'
import { getActor } from '@/lib/auth'
import { AuthorizationError } from '@/lib/auth/types'
import { isSameOriginRequest } from '@/lib/http/csrf'
import { metaFromHeaders } from '@/lib/http/request-meta'
import { RateLimitedError } from '@/lib/http/rate-limit'
import type { ErrorParams } from '@/lib/errors'
import { errorTranslator } from '@/lib/i18n/error-text'
import { log } from '@/lib/log'

// A large account streams for a while (pages of rows are read as the download proceeds).
export const maxDuration = 300
export const dynamic = 'force-dynamic'

/**
 * POST /settings/data/export (form field `format`: json|zip|pdf) — the signed-in client's own data export
 * (R10.1) as a download. A POST from our own page only (issue 16.4): an export writes an audit entry, sends an
 * e-mail and uses the hourly quota, so a link or a form on another site must not start one. Thin: check the
 * origin, parse, authorise, hand the stream of lib/account/export through. The account is always the actor's.
 */
export async function POST(req: NextRequest) {
  // Plain-text refusals in the reader's language, worded by error code (lib/i18n/error-text.ts); the messages
  // are loaded only when one is said, not for every download.
  const say = async (code: string, params?: ErrorParams) => (await errorTranslator())(code, params)
  if (!isSameOriginRequest(req.headers, req.url)) {
    log.warn('account.export_refused', { reason: 'cross-site' })
    return text(403, await say('account.exportCrossSite'))
  }
  const form = await req.formData().catch(() => null)
  const format = exportFormatSchema.safeParse(form?.get('format') ?? 'json')
  if (!format.success) return text(400, await say('account.exportFormat'))
  const actor = await getActor()
  if (!actor) return toPage(req, '/sign-in?next=%2Fsettings%2Fdata')
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
    if (error instanceof AuthorizationError) return text(403, await say(error.code, error.params))
    if (error instanceof RateLimitedError)
      return text(429, await say(error.code, error.params), {
        'Retry-After': String(error.retryAfterSeconds),
      })
    log.error('account.export_failed', { error: error instanceof Error ? error.name : 'unknown' })
    return text(500, await say('account.exportFailed'))
  }
}

/** The old download links (GET) start nothing any more: they lead to the page with the export buttons. */
export async function GET(req: NextRequest) {
  return toPage(req, '/settings/data')
}

function toPage(req: NextRequest, path: string) {
  return NextResponse.redirect(new URL(path, req.url), 303)
}

function text(status: number, body: string, headers: Record<string, string> = {}) {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  })
}
