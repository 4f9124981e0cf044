import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createTranslator } from 'next-intl'
import { describe, expect, it } from 'vitest'

/**
 * Errors carry codes and the edge translates them (lib/i18n/error-text.ts): every code an error or a zod schema
 * in lib/ uses must have a German and an English message in lib/i18n/messages/<locale>.errors.json, and no
 * sentence may hide where a code belongs — the English interface would show German.
 */

const root = process.cwd()
const CODE = /^[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9]*)*$/
/** Namespaces of errors.<…>: a literal like `bookings.slotTaken` anywhere in lib is a code. */
const NAMESPACES = [
  'journal',
  'bookings',
  'payments',
  'consent',
  'account',
  'auth',
  'sessions',
  'video',
  'questionnaires',
  'ai',
]
/**
 * Errors that never reach a person: operator and start-up messages, provider protocol failures (logged by class,
 * worded by their ProviderError code), internal invariants.
 */
const NOT_FOR_PEOPLE = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'ConfigurationError',
  'DecryptionError',
  'MasterKeyMismatchError',
  'EmailSendError',
  'DailyError',
  'GladiaError',
  'AcuityError',
  'AiCallError',
  'PseudonymizationLeakError',
  'ClerkEmailConflictError',
  'TooLargeError',
])

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, out)
    else if (/\.tsx?$/.test(name)) out.push(path)
  }
  return out
}

/** The source without comments (line numbers kept). */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1')
}

/** Not scanned: provider protocol code (its schemas and answers speak to machines). */
// lib/i18n/client-messages.ts lists message namespaces per area of the app, not error codes.
const SKIP = [/^lib\/integrations\//, /^lib\/i18n\/messages\//, /^lib\/i18n\/client-messages\.ts$/]
const files = walk(join(root, 'lib'))
  .map((path) => ({ path: relative(root, path), src: code(path) }))
  .filter((f) => !SKIP.some((re) => re.test(f.path)))
const STRING = String.raw`(?:'((?:[^'\\\n]|\\.)*)'|\x60((?:[^\x60\\]|\\.)*)\x60)`

/** Error classes meant for people: AppError and everything that extends it. */
function appErrorClasses(): Set<string> {
  const parents = new Map<string, string>()
  for (const { src } of files)
    for (const m of src.matchAll(/class (\w+) extends (\w+)/g)) parents.set(m[1]!, m[2]!)
  const family = new Set(['AppError'])
  let grew = true
  while (grew) {
    grew = false
    for (const [child, parent] of parents)
      if (family.has(parent) && !family.has(child)) {
        family.add(child)
        grew = true
      }
  }
  return family
}

/** The audit log's actions (`ai.shared` …) look like codes but are not. */
const auditActions = new Set(
  [...readFileSync(join(root, 'lib/audit/service.ts'), 'utf8').matchAll(/\|\s*'([a-z]+\.[a-zA-Z_]+)'/g)].map(
    (m) => m[1],
  ),
)

type Use = { file: string; line: number; text: string }

/** Every string in a place where a code belongs. */
function codeUses(): Use[] {
  const family = appErrorClasses()
  const uses: Use[] = []
  for (const { path, src } of files) {
    const at = (index: number) => src.slice(0, index).split('\n').length
    const push = (m: RegExpMatchArray, offset = 0) =>
      uses.push({ file: path, line: at(m.index! + offset), text: m[1] ?? m[2] ?? '' })
    // new XError('…'): the first argument of a person-facing error.
    for (const m of src.matchAll(new RegExp(String.raw`new (\w+)\(\s*${STRING}`, 'g'))) {
      if (!NOT_FOR_PEOPLE.has(m[1]!) && family.has(m[1]!))
        uses.push({ file: path, line: at(m.index!), text: m[2] ?? m[3] ?? '' })
    }
    // super('…') inside a class of the family.
    for (const m of src.matchAll(new RegExp(String.raw`super\(\s*${STRING}`, 'g'))) {
      const owner = [...src.slice(0, m.index).matchAll(/class (\w+) extends (\w+)/g)].at(-1)
      if (owner && family.has(owner[1]!)) push(m)
    }
    // zod: { error: '…' }, addIssue({ message: '…' }); services: assertRole(…, '…'), requireClientCoach(…, '…').
    for (const re of [
      // (not a JSON answer to a webhook or cron call: `Response.json({ error: … })`, `{ status, error: … }`)
      String.raw`(?<!json\(\s*\{\s*)(?<![\w'"]\s*,\s*)\berror:\s*${STRING}`,
      String.raw`\bmessage:\s*${STRING}`,
      String.raw`assertRole\([^)]*?,\s*'(?:client|coach)',\s*${STRING}`,
      String.raw`requireClientCoach\([^)]*?,\s*${STRING}`,
      // a default code (`constructor(code = 'forbidden')`)
      String.raw`\bcode = ${STRING}`,
    ])
      for (const m of src.matchAll(new RegExp(re, 'g'))) push(m)
    // Codes kept in constants or maps (`const UNKNOWN_OPTION = 'questionnaires.unknownOption'`).
    for (const m of src.matchAll(new RegExp(STRING, 'g'))) {
      const text = m[1] ?? m[2] ?? ''
      const before = src.slice(Math.max(0, m.index! - 40), m.index)
      // Not codes: action names, log events, audit actions and their type.
      if (/(?:name:|action:|\||log\.\w+\(|revalidatePath\()\s*$/.test(before)) continue
      if (auditActions.has(text)) continue
      if (CODE.test(text) && NAMESPACES.includes(text.split('.')[0]!) && text.includes('.')) push(m)
    }
  }
  return uses
}

const catalogue = (locale: 'de' | 'en') =>
  createTranslator({
    locale,
    messages: JSON.parse(
      readFileSync(join(root, `lib/i18n/messages/${locale}.errors.json`), 'utf8'),
    ) as object,
    namespace: 'errors' as never,
  })

describe('R1.3 errors carry codes with German and English words', () => {
  const uses = codeUses()

  it('R1.3 finds the codes (the scan itself works)', () => {
    const texts = new Set(uses.map((u) => u.text))
    for (const known of [
      'journal.entryNotFound',
      'bookings.slotTaken',
      'questionnaires.unknownOption',
      'forbidden',
    ])
      expect(texts, known).toContain(known)
  })

  it('R1.3 no sentence where a code belongs (errors and zod messages in lib/)', () => {
    const sentences = uses.filter((u) => !CODE.test(u.text)).map((u) => `${u.file}:${u.line} ${u.text}`)
    expect(sentences).toEqual([])
  })

  it.each(['de', 'en'] as const)('R1.3 every code used in lib/ has a %s message', (locale) => {
    const t = catalogue(locale)
    const missing = [
      ...new Set(uses.filter((u) => CODE.test(u.text) && !t.has(u.text as never)).map((u) => u.text)),
    ]
    expect(missing).toEqual([])
  })

  it('R1.3 the English catalogue has no German words in it and the German one no ß', () => {
    const strings = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : typeof value === 'object' && value
          ? Object.values(value).flatMap(strings)
          : []
    const load = (locale: string) =>
      strings(JSON.parse(readFileSync(join(root, `lib/i18n/messages/${locale}.errors.json`), 'utf8')))
    expect(load('en').filter((s) => /[äöüÄÖÜ]|\b(?:Bitte|nicht|wurde|Dieser|Diese)\b/.test(s))).toEqual([])
    expect(load('de').filter((s) => s.includes('ß'))).toEqual([])
  })
})
