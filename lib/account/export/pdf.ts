import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import type { ExportMeta } from './formats'
import { type ExportContext, type ExportRow, exportWords, sectionsIn } from './sections'

/**
 * The readable PDF of the export (R10.1): every section with its rows as "field: value" lines. It embeds DejaVu Sans
 * (npm `dejavu-fonts-ttf`, Bitstream Vera licence, see README "Versions and pins"), subset to the characters used,
 * so names like Todorović, Şahin, Łukasz or Erdős print as written — the PDF standard fonts cover Latin-1 only. A
 * character the font lacks (most emoji) is printed as "?" here only; the JSON and CSV keep it exactly.
 * pdf-lib writes the document in memory, so unlike JSON and CSV the PDF is built whole before it is sent; it is
 * meant for reading, the JSON is the complete, machine-readable export.
 */

/** The font files, read once per process from the package (the deployment's file tracing ships them). */
let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null
function fontFiles() {
  fonts ??= (async () => {
    const require = createRequire(join(process.cwd(), 'package.json'))
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
    const [regular, bold] = await Promise.all([
      readFile(join(dir, 'DejaVuSans.ttf')),
      readFile(join(dir, 'DejaVuSans-Bold.ttf')),
    ])
    return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) }
  })().catch((error: unknown) => {
    fonts = null
    throw error
  })
  return fonts
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 }
const SIZE = { title: 18, heading: 13, text: 9.5 }
const LINE = 1.35

class PdfWriter {
  private page!: PDFPage
  private y = 0
  private readonly supported: Set<number>

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.supported = new Set(font.getCharacterSet())
    this.newPage()
  }

  private newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height])
    this.y = PAGE.height - PAGE.margin
  }

  /** Only what the font has a glyph for; anything else becomes "?" (see the file comment). */
  clean(text: string): string {
    let out = ''
    for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ')) {
      const code = ch.codePointAt(0)!
      out += ch === '\n' || this.supported.has(code) ? ch : '?'
    }
    return out
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = []
    for (const paragraph of text.split('\n')) {
      let line = ''
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word
        if (font.widthOfTextAtSize(candidate, size) <= width) {
          line = candidate
          continue
        }
        if (line) lines.push(line)
        // A single word wider than the line is cut into pieces.
        let rest = word
        while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
          let cut = rest.length - 1
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--
          lines.push(rest.slice(0, cut))
          rest = rest.slice(cut)
        }
        line = rest
      }
      lines.push(line)
    }
    return lines
  }

  write(text: string, options: { size?: number; bold?: boolean; indent?: number; gapBefore?: number } = {}) {
    const size = options.size ?? SIZE.text
    const font = options.bold ? this.bold : this.font
    const indent = options.indent ?? 0
    const width = PAGE.width - 2 * PAGE.margin - indent
    this.y -= options.gapBefore ?? 0
    for (const line of this.wrap(this.clean(text), font, size, width)) {
      if (this.y - size * LINE < PAGE.margin) this.newPage()
      this.y -= size * LINE
      this.page.drawText(line, {
        x: PAGE.margin + indent,
        y: this.y,
        size,
        font,
        color: rgb(0.12, 0.16, 0.2),
      })
    }
  }
}

type Yes = { yes: string; no: string }

function valueText(value: unknown, words: Yes): string {
  if (value === null || value === undefined || value === '') return '—'
  if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
  if (typeof value === 'boolean') return value ? words.yes : words.no
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => valueText(v, words)).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Nested lists (answers, transcript segments, AI sections) get their own readable lines. */
function writeRow(w: PdfWriter, row: ExportRow, words: Yes) {
  for (const [field, value] of Object.entries(row)) {
    if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
      w.write(`${field}:`, { bold: true, indent: 8 })
      for (const item of value as Record<string, unknown>[]) {
        w.write(
          Object.entries(item)
            .map(([k, v]) => `${k}: ${valueText(v, words)}`)
            .join(' · '),
          { indent: 20 },
        )
      }
      continue
    }
    if (value && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) {
      w.write(`${field}:`, { bold: true, indent: 8 })
      for (const [k, v] of Object.entries(value)) w.write(`${k}: ${valueText(v, words)}`, { indent: 20 })
      continue
    }
    w.write(`${field}: ${valueText(value, words)}`, { indent: 8 })
  }
}

export async function buildExportPdf(ctx: ExportContext, meta: ExportMeta): Promise<Uint8Array> {
  const t = exportWords(meta.locale)
  const words: Yes = { yes: t('pdf.yes'), no: t('pdf.no') }
  const doc = await PDFDocument.create()
  doc.setTitle(t('pdf.title'))
  doc.setLanguage(meta.locale === 'en' ? 'en-GB' : 'de-CH')
  doc.setCreator('Mi Alma')
  doc.setCreationDate(meta.generatedAt)
  doc.registerFontkit(fontkit)
  const files = await fontFiles()
  const w = new PdfWriter(
    doc,
    await doc.embedFont(files.regular, { subset: true }),
    await doc.embedFont(files.bold, { subset: true }),
  )
  w.write(t('pdf.title'), { size: SIZE.title, bold: true })
  w.write(t('pdf.generated', { at: valueText(meta.generatedAt, words), account: meta.userId }), {
    gapBefore: 4,
  })
  w.write(t('readme'), { gapBefore: 8 })
  w.write(t('pdf.note'), { gapBefore: 4 })
  for (const section of sectionsIn(meta.locale)) {
    w.write(section.title, { size: SIZE.heading, bold: true, gapBefore: 16 })
    w.write(section.description, { gapBefore: 2 })
    let n = 0
    for await (const row of section.rows(ctx)) {
      n++
      if (section.kind === 'list') w.write(`${n}.`, { bold: true, gapBefore: 6 })
      writeRow(w, row, words)
    }
    if (n === 0) w.write(t('pdf.none'), { gapBefore: 4 })
  }
  return doc.save()
}
