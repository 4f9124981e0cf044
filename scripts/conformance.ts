/**
 * The privacy conformance map (docs/privacy-conformance.md) and its check.
 *
 * The map has one table row per numbered requirement of the specification and per row of the retention
 * table; the last cell of a row names the tests that prove it, each as
 *   `tests/…/file.test.ts` › exact test title
 * separated by `<br>`, or says "— (gap: …)" when nothing proves it. The list of requirement ids lives in the
 * map itself, in a fenced block with the info string `conformance-index` (one line per section:
 * `R1: R1.1 R1.2 …`), so that the check needs nothing outside the repository.
 *
 * checkConformance verifies that every id of the index has exactly one row (and every row an id of the
 * index), that every row names a test or a gap, and that every named test exists: the file is there and
 * holds an `it(` / `test(` / `it.each(…)(` / `test.each(…)(` call whose title is exactly the given string.
 */

export type TestRef = { file: string; title: string; id: string; line: number }
export type Row = { id: string; line: number; code: string[]; refs: TestRef[]; gaps: string[] }
export type Problem = { line: number; message: string }
export type ConformanceReport = {
  /** Every id of the index, in order: requirement numbers (R1.1 …) first as written, then retention ids. */
  ids: string[]
  rows: Row[]
  references: TestRef[]
  problems: Problem[]
}

const INDEX_FENCE = /^```conformance-index\s*$/
const REQUIREMENT_ID = /^R\d+\.\d+$/
const RETENTION_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/
const ROW_ID = /^(R\d+\.\d+)(?![\d.])|^`([a-z][a-z0-9]*(?:-[a-z0-9]+)*)`/
const TEST_REF = /^`(tests\/[^`]+)`\s+›\s+(.+)$/
const GAP = /^—\s*\(gap:/

export const isRequirementId = (id: string) => REQUIREMENT_ID.test(id)

/** Splits a Markdown table line into its cells; `\|` stays inside a cell (as `|`). */
function tableCells(line: string): string[] {
  const cells: string[] = []
  let current = ''
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === '\\' && body[i + 1] === '|') {
      current += '|'
      i++
    } else if (c === '|') {
      cells.push(current.trim())
      current = ''
    } else current += c
  }
  cells.push(current.trim())
  return cells
}

export function parseConformanceDoc(doc: string): {
  ids: string[]
  rows: Row[]
  problems: Problem[]
} {
  const lines = doc.split(/\r?\n/)
  const ids: string[] = []
  const rows: Row[] = []
  const problems: Problem[] = []
  let inIndex = false
  let sawIndex = false
  let inFence = false

  lines.forEach((raw, i) => {
    const line = i + 1
    const text = raw.trim()
    if (inIndex) {
      if (text.startsWith('```')) {
        inIndex = false
        return
      }
      if (!text) return
      const colon = text.indexOf(':')
      if (colon < 0) {
        problems.push({ line, message: `index line without "section:" prefix: ${text}` })
        return
      }
      for (const id of text
        .slice(colon + 1)
        .split(/[\s,]+/)
        .filter(Boolean)) {
        if (!REQUIREMENT_ID.test(id) && !RETENTION_ID.test(id)) {
          problems.push({ line, message: `not a requirement or retention id in the index: ${id}` })
        } else if (ids.includes(id)) {
          problems.push({ line, message: `${id} is listed twice in the index` })
        } else ids.push(id)
      }
      return
    }
    if (INDEX_FENCE.test(text)) {
      inIndex = true
      sawIndex = true
      return
    }
    if (text.startsWith('```')) {
      inFence = !inFence
      return
    }
    if (inFence || !text.startsWith('|')) return

    const cells = tableCells(text)
    const match = ROW_ID.exec(cells[0] ?? '')
    if (!match) return // header, separator or a row of another table
    const id = (match[1] ?? match[2])!
    // Paths in the Code column (backticked, with a slash); the tests are always the last column.
    const code = cells.length >= 3 ? [...cells[1]!.matchAll(/`([^`\s]+\/[^`\s]+)`/g)].map((m) => m[1]!) : []
    const row: Row = { id, line, code, refs: [], gaps: [] }
    const entries = (cells[cells.length - 1] ?? '')
      .split(/<br\s*\/?>/i)
      .map((e) => e.trim())
      .filter(Boolean)
    for (const entry of entries) {
      const ref = TEST_REF.exec(entry)
      if (ref) row.refs.push({ file: ref[1]!, title: ref[2]!.trim(), id, line })
      else if (GAP.test(entry)) row.gaps.push(entry)
      else problems.push({ line, message: `${id}: neither a test reference nor a gap: ${entry}` })
    }
    if (cells.length < 2 || (!row.refs.length && !row.gaps.length)) {
      problems.push({ line, message: `${id}: names no test and no gap` })
    }
    rows.push(row)
  })

  if (!sawIndex) problems.push({ line: 0, message: 'no ```conformance-index block listing the ids' })
  if (inIndex) problems.push({ line: lines.length, message: 'the conformance-index block is not closed' })
  return { ids, rows, problems }
}

// --- test titles of a source file -------------------------------------------------------------------

/** Index after the string literal that starts at `i` (a quote character). */
function skipQuoted(src: string, i: number): number {
  const quote = src[i]
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\') j++
    else if (src[j] === quote) return j + 1
    else if (src[j] === '\n') return j // unterminated: stop at the line end
  }
  return src.length
}

/** Index after the template literal that starts at `i` (a backtick), nested `${…}` included. */
function skipTemplate(src: string, i: number): number {
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\') j++
    else if (src[j] === '`') return j + 1
    else if (src[j] === '$' && src[j + 1] === '{') j = skipCode(src, j + 2, '}') - 1
  }
  return src.length
}

/** Index after the `closer` that ends the code starting at `i` (strings, templates and comments skipped). */
function skipCode(src: string, i: number, closer: ')' | '}'): number {
  let depth = 0
  for (let j = i; j < src.length; j++) {
    const c = src[j]
    if (c === "'" || c === '"') j = skipQuoted(src, j) - 1
    else if (c === '`') j = skipTemplate(src, j) - 1
    else if (c === '/' && src[j + 1] === '/') j = src.indexOf('\n', j) < 0 ? src.length : src.indexOf('\n', j)
    else if (c === '/' && src[j + 1] === '*')
      j = src.indexOf('*/', j + 2) < 0 ? src.length : src.indexOf('*/', j + 2) + 1
    else if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return c === closer ? j + 1 : -1
      depth--
    }
  }
  return -1
}

function skipSpaceAndComments(src: string, i: number): number {
  for (;;) {
    while (i < src.length && /\s/.test(src[i]!)) i++
    if (src.startsWith('//', i)) i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i)
    else if (src.startsWith('/*', i))
      i = src.indexOf('*/', i + 2) < 0 ? src.length : src.indexOf('*/', i + 2) + 2
    else return i
  }
}

/** The value of the '…' or "…" literal, or the text of the `…` literal as written (`${…}` kept). */
function literalValue(src: string, start: number): string | undefined {
  const quote = src[start]
  if (quote === '`') {
    const end = skipTemplate(src, start)
    return src.slice(start + 1, end - 1).replace(/\\([`\\$])/g, '$1')
  }
  if (quote !== "'" && quote !== '"') return undefined
  const end = skipQuoted(src, start)
  if (src[end - 1] !== quote) return undefined
  return src
    .slice(start + 1, end - 1)
    .replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
      if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16))
      if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16))
      return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e
    })
}

/** Index after the type arguments `<…>` that start at `i` (`=>` inside them is not a closing bracket). */
function skipTypeArguments(src: string, i: number): number {
  let depth = 0
  for (let j = i; j < src.length; j++) {
    if (src[j] === '<') depth++
    else if (src[j] === '>' && src[j - 1] !== '=' && --depth === 0) return j + 1
  }
  return -1
}

const TEST_CALL =
  /(?<![\w$.])(?:it|test)(?:\.(?:only|skip|concurrent|sequential|fails|todo))*\s*(\.each\s*)?[(<]/g

/**
 * The titles of every it(…) / test(…) / it.each(…)(…) / test.each(…)(…) call in a test file, as written:
 * escapes of '…' and "…" resolved, template literals verbatim (`%s`, `${…}` placeholders kept).
 */
export function testTitles(source: string): Set<string> {
  const titles = new Set<string>()
  for (const match of source.matchAll(TEST_CALL)) {
    let i = match.index + match[0].length
    if (match[1]) {
      if (match[0].endsWith('<')) {
        i = skipTypeArguments(source, i - 1)
        if (i < 0) continue
        i = skipSpaceAndComments(source, i)
        if (source[i] !== '(') continue
        i++
      }
      const end = skipCode(source, i, ')')
      if (end < 0) continue
      i = skipSpaceAndComments(source, end)
      if (source[i] !== '(') continue
      i++
    } else if (match[0].endsWith('<')) continue // a comparison such as `it < x`, not a call
    const title = literalValue(source, skipSpaceAndComments(source, i))
    if (title !== undefined) titles.add(title)
  }
  return titles
}

// --- the check ---------------------------------------------------------------------------------------

export function checkConformance(
  doc: string,
  readFile: (path: string) => string | undefined,
  options: { requiredIds?: readonly string[] } = {},
): ConformanceReport {
  const { ids, rows, problems } = parseConformanceDoc(doc)

  const rowsById = new Map<string, Row[]>()
  for (const row of rows) rowsById.set(row.id, [...(rowsById.get(row.id) ?? []), row])
  for (const id of ids) {
    const found = rowsById.get(id) ?? []
    if (found.length === 0) problems.push({ line: 0, message: `${id} is in the index but has no row` })
    if (found.length > 1) {
      problems.push({
        line: found[1]!.line,
        message: `${id} has ${found.length} rows (lines ${found.map((r) => r.line).join(', ')})`,
      })
    }
  }
  for (const row of rows) {
    if (!ids.includes(row.id))
      problems.push({ line: row.line, message: `${row.id} has a row but is not in the index` })
  }
  for (const id of options.requiredIds ?? []) {
    if (!ids.includes(id)) problems.push({ line: 0, message: `${id} is required but missing from the index` })
  }

  for (const row of rows) {
    for (const path of row.code) {
      if (readFile(path) === undefined)
        problems.push({ line: row.line, message: `${row.id}: ${path} does not exist` })
    }
  }

  const references = rows.flatMap((r) => r.refs)
  const titlesByFile = new Map<string, Set<string> | undefined>()
  for (const ref of references) {
    if (!titlesByFile.has(ref.file)) {
      const source = readFile(ref.file)
      titlesByFile.set(ref.file, source === undefined ? undefined : testTitles(source))
    }
    const titles = titlesByFile.get(ref.file)
    if (!titles) problems.push({ line: ref.line, message: `${ref.id}: ${ref.file} does not exist` })
    else if (!titles.has(ref.title)) {
      problems.push({ line: ref.line, message: `${ref.id}: no test "${ref.title}" in ${ref.file}` })
    }
  }

  problems.sort((a, b) => a.line - b.line)
  return { ids, rows, references, problems }
}
