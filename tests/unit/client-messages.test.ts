import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type ClientArea, clientMessages, clientNamespaces, pickMessages } from '@/lib/i18n/client-messages'

const messagesDir = join(process.cwd(), 'lib/i18n/messages')
const catalogue = (locale: 'de' | 'en') =>
  Object.assign(
    {},
    ...readdirSync(messagesDir)
      .filter((f) => f === `${locale}.json` || (f.startsWith(`${locale}.`) && f.endsWith('.json')))
      .map((f) => JSON.parse(readFileSync(join(messagesDir, f), 'utf8')) as Record<string, unknown>),
  ) as Record<string, unknown>

/** Where each client component that translates is rendered (the ClientMessages area around it). */
const areasOf: Record<string, ClientArea[]> = {
  'app/(site)/error.tsx': ['root'],
  'components/auth/local-sign-in-form.tsx': ['signIn'],
  'components/journal/entry-form.tsx': ['journalClient'],
  'components/journal/entry-actions.tsx': ['journalClient'],
  'components/journal/prompt-forms.tsx': ['coach'],
  'components/ai/analysis-forms.tsx': ['coach'],
  'components/ai/review-forms.tsx': ['coach'],
  'components/account/profile-form.tsx': ['settings'],
  'components/account/restriction-form.tsx': ['settings'],
  'components/account/delete-account-form.tsx': ['settings', 'coach'],
  'components/account/test-account-form.tsx': ['dev'],
  'components/consent/consent-toggle-form.tsx': ['settings'],
  'components/sessions/retry-recording-form.tsx': ['coach'],
  'components/sessions/session-progress.tsx': ['coach'],
  'components/sessions/transcript-upload-form.tsx': ['coach'],
  'components/sessions/move-into-past-form.tsx': ['coach'],
  'components/sessions/transcript-share-form.tsx': ['coach'],
  'components/sessions/recording-forms.tsx': ['video'],
  'components/sessions/video-call.tsx': ['video'],
  'components/payments/plan-checkout-forms.tsx': ['bookingsClient', 'dev'],
  'components/payments/plan-forms.tsx': ['coach'],
  'components/bookings/offering-forms.tsx': ['coach'],
  'components/bookings/client/test-payment-form.tsx': ['dev'],
  'components/bookings/client/cancel.tsx': ['coach', 'bookingsClient'],
  'components/bookings/client/book-form.tsx': ['bookingsClient'],
  'components/questionnaires/answer-form.tsx': ['questionnairesClient'],
  'components/questionnaires/builder-forms.tsx': ['coach'],
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.tsx') || path.endsWith('.ts') ? [path] : []
  })
}

const translatingClientFiles = ['app', 'components']
  .flatMap((d) => sourceFiles(join(process.cwd(), d)))
  .filter((f) => {
    const text = readFileSync(f, 'utf8')
    return text.startsWith("'use client'") && text.includes('useTranslations(')
  })
  .map((f) => f.slice(process.cwd().length + 1))

function childrenOf(namespace: string): string[] {
  const node = namespace
    .split('.')
    .reduce<unknown>((n, part) => (n as Record<string, unknown> | undefined)?.[part], catalogue('de'))
  return Object.keys((node as Record<string, unknown>) ?? {}).map((child) => `${namespace}.${child}`)
}

/**
 * Literal keys a client file translates: `const t = useTranslations('ns')` … `t('key')` → `ns.key`. One file
 * may bind the same name to different namespaces in different components: each key gives its candidates.
 */
function usedKeys(file: string): string[][] {
  const text = readFileSync(join(process.cwd(), file), 'utf8')
  const namespaces = new Map<string, Set<string>>()
  for (const [, name, quoted = '', templated, choice] of text.matchAll(
    /const (\w+) = useTranslations\((?:'([^']*)'|`([^`]*)`|\w+ (?:===? '[^']*' )?\? ('[^']*' : '[^']*'))?\)/g,
  )) {
    // `a.b.${x}`: every child of a.b in the catalogue is a candidate; `c ? 'x' : 'y'`: both are.
    const spaces = templated
      ? childrenOf(templated.replace(/\.\$\{[^}]+\}$/, ''))
      : choice
        ? [...choice.matchAll(/'([^']*)'/g)].map((m) => m[1]!)
        : [quoted]
    for (const ns of spaces) namespaces.set(name!, (namespaces.get(name!) ?? new Set()).add(ns))
  }
  const keys: string[][] = []
  for (const [name, spaces] of namespaces) {
    for (const [, key] of text.matchAll(new RegExp(`\\b${name}(?:\\.rich|\\.markup)?\\('([^']+)'`, 'g'))) {
      keys.push([...spaces].map((ns) => (ns ? `${ns}.${key}` : key!)))
    }
  }
  return keys
}

const has = (messages: Record<string, unknown>, key: string) =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages) !==
  undefined

describe('R13 client components get only their message namespaces', () => {
  it('every client component that translates has a known area', () => {
    expect(translatingClientFiles.sort()).toEqual(Object.keys(areasOf).sort())
  })

  it.each(Object.entries(areasOf))('%s finds every key it uses in its area', (file, areas) => {
    const keys = usedKeys(file)
    expect(keys.length).toBeGreaterThan(0)
    for (const locale of ['de', 'en'] as const) {
      for (const area of areas) {
        const picked = pickMessages(catalogue(locale), clientNamespaces[area])
        expect(keys.filter((candidates) => !candidates.some((k) => has(picked, k)))).toEqual([])
      }
    }
  })

  it('the journal pages ship a small part of the catalogue and never the error texts', () => {
    const all = catalogue('de')
    const size = (m: unknown) => JSON.stringify(m).length
    const journal = size(clientMessages(all, 'root')) + size(clientMessages(all, 'journalClient'))
    expect(journal / size(all)).toBeLessThan(0.1)
    expect(size(clientMessages(all, 'root'))).toBeLessThan(500)
    for (const area of Object.keys(clientNamespaces) as ClientArea[]) {
      expect(Object.keys(clientMessages(all, area))).not.toContain('errors')
    }
  })

  it('picks dotted namespaces as nested sub-trees and reuses the picked object per catalogue', () => {
    const all = { a: { b: { c: 'x' }, d: 'y' }, e: 'z' }
    expect(pickMessages(all, ['a.b', 'e', 'missing.key'])).toEqual({ a: { b: { c: 'x' } }, e: 'z' })
    const catalogueDe = catalogue('de')
    expect(clientMessages(catalogueDe, 'coach')).toBe(clientMessages(catalogueDe, 'coach'))
  })
})
