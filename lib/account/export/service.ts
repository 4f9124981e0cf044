import { eq } from 'drizzle-orm'
import { users } from '@/db/schema'
import type { Db } from '@/db/types'
import { type RequestMeta, recordAudit } from '@/lib/audit/service'
import { type Actor, AuthorizationError } from '@/lib/auth/types'
import { userCipher } from '@/lib/crypto'
import { appUrl } from '@/lib/http/app-url'
import { enforceRateLimit } from '@/lib/http/rate-limit'
import { sendEmail } from '@/lib/email'
import { log } from '@/lib/log'
import { type ExportMeta, jsonChunks, streamOf } from './formats'
import { DEFAULT_PAGE_SIZE, type ExportContext } from './sections'

export const exportFormats = ['json', 'zip', 'pdf'] as const
export type ExportFormat = (typeof exportFormats)[number]

const contentTypes: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  zip: 'application/zip',
  pdf: 'application/pdf',
}

export type ExportDownload = { stream: ReadableStream<Uint8Array>; filename: string; contentType: string }

export type ExportOptions = {
  now?: Date
  meta?: RequestMeta
  pageSize?: number
  onPage?: ExportContext['onPage']
}

/**
 * The client's data export (R10.1) in one of three formats, for their own account only. The export is written to
 * the audit log (account.exported, with the format) before the first byte; when the last byte has been produced
 * the "Dein Datenexport ist bereit" e-mail goes out — without any content (R12.2). A failure of the e-mail does
 * not break the download.
 */
export async function openExport(
  db: Db,
  actor: Actor,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<ExportDownload> {
  if (actor.role !== 'client') throw new AuthorizationError('account.exportClientsOnly')
  const now = options.now ?? new Date()
  const [me] = await db
    .select({
      name: users.name,
      email: users.email,
      locale: users.locale,
      deleted: users.deletionRequestedAt,
    })
    .from(users)
    .where(eq(users.id, actor.userId))
  if (!me || me.deleted) throw new AuthorizationError('accountNotFound')
  // R14: an export reads everything the client has.
  await enforceRateLimit(db, 'export', actor.userId, now)

  await recordAudit(db, {
    actor: { userId: actor.userId, role: actor.role },
    action: 'account.exported',
    target: { type: 'user', id: actor.userId },
    details: { format },
    meta: options.meta,
  })

  const ctx: ExportContext = {
    db,
    userId: actor.userId,
    cipher: userCipher(db, actor.userId),
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    onPage: options.onPage,
  }
  const meta: ExportMeta = {
    userId: actor.userId,
    generatedAt: now,
    locale: me.locale === 'en' ? 'en' : 'de',
  }
  const notify = async () => {
    try {
      await sendEmail(db, {
        to: me.email,
        userId: actor.userId,
        locale: me.locale,
        template: 'data-export-ready',
        data: { name: me.name, appUrl: await appUrl() },
        idempotencyKey: `data-export-ready/${actor.userId}/${format}/${now.getTime()}`,
      })
    } catch (error) {
      log.error('account.export_email_failed', { error: error instanceof Error ? error.name : 'unknown' })
    }
  }

  const day = now.toISOString().slice(0, 10)
  const filename = `mialma-datenexport-${day}.${format}`
  const chunks =
    format === 'json' ? jsonChunks(ctx, meta) : format === 'zip' ? zipChunks(ctx, meta) : pdfChunks(ctx, meta)
  return { stream: streamOf(thenNotify(chunks, notify)), filename, contentType: contentTypes[format] }
}

// The zip (fflate) and the PDF (pdf-lib, fontkit) are loaded by the export that needs them, not by every import of
// this module: a JSON export, and every page that imports the export's types, does without them (issue 18).
async function* zipChunks(ctx: ExportContext, meta: ExportMeta): AsyncGenerator<Uint8Array> {
  const zip = await import('./zip')
  yield* zip.zipChunks(ctx, meta)
}

async function* pdfChunks(ctx: ExportContext, meta: ExportMeta): AsyncGenerator<Uint8Array> {
  const { buildExportPdf } = await import('./pdf')
  yield await buildExportPdf(ctx, meta)
}

async function* thenNotify(chunks: AsyncGenerator<Uint8Array>, notify: () => Promise<void>) {
  yield* chunks
  await notify()
}

/** Reads a whole export stream (tests, small accounts). */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  const reader = stream.getReader()
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    parts.push(value)
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}
