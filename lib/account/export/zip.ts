import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { type ExportMeta, exportReadme } from './formats'
import { type ExportContext, exportWords, sectionsIn } from './sections'

/** The zip of CSV files (R10.1); service.ts loads this module only for a zip export. */

/** One CSV cell (RFC 4180): dates as ISO text, lists and objects as JSON, quoted when needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  // A leading =, +, - or @ would run as a formula in a spreadsheet: prefix it (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`

function readmeText(meta: ExportMeta): string {
  const readme = exportReadme(meta)
  const first = meta.locale === 'en' ? readme.en : readme.de
  const second = meta.locale === 'en' ? readme.de : readme.en
  const lines = [
    first,
    '',
    second,
    '',
    exportWords(meta.locale)('generated', { at: readme.generated_at }),
    '',
  ]
  for (const s of sectionsIn(meta.locale)) {
    lines.push(`${s.key}.csv — ${s.title}`, s.description)
    for (const [name, meaning] of Object.entries(s.fields)) lines.push(`  ${name}: ${meaning}`)
    lines.push('')
  }
  return lines.join('\n')
}

/** The CSV bundle as a zip: README.txt and one CSV per section (UTF-8 with BOM, so spreadsheets get the umlauts). */
export async function* zipChunks(ctx: ExportContext, meta: ExportMeta): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = []
  let failed: Error | null = null
  const zip = new Zip((error, data) => {
    if (error) failed = error
    else out.push(data)
  })
  const drain = function* () {
    if (failed) throw failed
    while (out.length > 0) yield out.shift()!
  }
  const readme = new ZipDeflate('README.txt', { level: 6 })
  zip.add(readme)
  readme.push(strToU8(readmeText(meta)), true)
  yield* drain()
  for (const section of sectionsIn(meta.locale)) {
    const file = new ZipDeflate(`${section.key}.csv`, { level: 6 })
    zip.add(file)
    const columns = Object.keys(section.fields)
    file.push(strToU8(`\uFEFF${csvLine(columns)}`))
    for await (const row of section.rows(ctx)) {
      file.push(strToU8(csvLine(columns.map((c) => row[c]))))
      yield* drain()
    }
    file.push(new Uint8Array(0), true)
    yield* drain()
  }
  // Files beside the CSVs (a recording's audio): stored as they are (audio is compressed already), chunk by chunk.
  for (const section of sectionsIn(meta.locale)) {
    if (!section.files) continue
    for await (const attachment of section.files(ctx)) {
      const chunks = await attachment.open()
      if (!chunks) continue
      const file = new ZipPassThrough(attachment.path)
      zip.add(file)
      for await (const chunk of chunks) {
        file.push(chunk)
        yield* drain()
      }
      file.push(new Uint8Array(0), true)
      yield* drain()
    }
  }
  zip.end()
  yield* drain()
}
