import { type ExportContext, type ExportLocale, type ExportRow, exportWords, sectionsIn } from './sections'

/**
 * The three shapes of the export (R10.1): JSON (here: the complete, documented file), a zip of CSV files (one per
 * section, zip.ts) and a readable PDF (pdf.ts). JSON and zip are produced as pull streams: a page of rows is read
 * from the database only when the consumer asks for more, so a large account never sits in memory as a whole.
 * zip.ts and pdf.ts are loaded only by the format that needs them (service.ts), so a JSON export never loads
 * fflate or pdf-lib.
 */

export const EXPORT_FORMAT_VERSION = 1

/** `locale`: the client's language, for the words of the README, the section titles and the field meanings. */
export type ExportMeta = { userId: string; generatedAt: Date; locale: ExportLocale }

/** The documentation part of every export: what the file is and what every field means. */
export function exportReadme(meta: ExportMeta) {
  return {
    de: exportWords('de')('readme'),
    en: exportWords('en')('readme'),
    format: 'mialma-data-export',
    format_version: EXPORT_FORMAT_VERSION,
    generated_at: meta.generatedAt.toISOString(),
    account_id: meta.userId,
    language: meta.locale,
    sections: Object.fromEntries(
      sectionsIn(meta.locale).map((s) => [
        s.key,
        { title: s.title, kind: s.kind, description: s.description, fields: s.fields },
      ]),
    ),
  }
}

/** A pull stream over an async generator of chunks; cancelling the stream stops the generator (and the reads). */
export function streamOf(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next()
        if (done) controller.close()
        else controller.enqueue(value)
      } catch (error) {
        controller.error(error)
      }
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
}

const encoder = new TextEncoder()

/** The JSON document, section by section and row by row: `{ "README": …, "account": {…}, "bookings": [ … ], … }`. */
export async function* jsonChunks(ctx: ExportContext, meta: ExportMeta): AsyncGenerator<Uint8Array> {
  yield encoder.encode(`{\n"README": ${JSON.stringify(exportReadme(meta), null, 2)}`)
  for (const section of sectionsIn(meta.locale)) {
    if (section.kind === 'object') {
      let row: ExportRow | null = null
      for await (const r of section.rows(ctx)) row = r
      yield encoder.encode(`,\n${JSON.stringify(section.key)}: ${JSON.stringify(row, null, 2)}`)
      continue
    }
    yield encoder.encode(`,\n${JSON.stringify(section.key)}: [`)
    let first = true
    for await (const row of section.rows(ctx)) {
      yield encoder.encode(`${first ? '\n' : ',\n'}${JSON.stringify(row)}`)
      first = false
    }
    yield encoder.encode(first ? ']' : '\n]')
  }
  yield encoder.encode('\n}\n')
}
