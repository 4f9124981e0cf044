import { and, eq } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { extractText, getDocumentProxy } from 'unpdf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, emailOutbox } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { exportSections } from '@/lib/account/export/sections'
import { openExport, readAll } from '@/lib/account/export/service'
import type { Actor } from '@/lib/auth/types'
import { AuthorizationError } from '@/lib/auth/types'
import { createEntry } from '@/lib/journal/entries'
import { seedClientWithEverything, type SeededClient } from '../helpers/data-rights'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, rejection } from '../helpers/fixtures'

// R10.1: the export holds every category for the signed-in client, decrypted and documented, and nothing of
// anybody else; JSON, a zip of CSVs and a PDF; large accounts stream page by page. R13.2, R12.2: audited, and the
// "ready" e-mail carries no content.

const NOW = new Date('2030-03-02T10:00:00Z')
// The export is rate limited per hour (R14): each export in this file runs in its own hour.
let hour = 0
const nextHour = () => new Date(NOW.getTime() + hour++ * 3_600_000)

let handle: DbHandle
let db: Db
let coach: Actor
let a: SeededClient
let b: SeededClient

const text = async (format: 'json' | 'zip' | 'pdf', who: Actor = a.actor, pageSize?: number) =>
  readAll((await openExport(db, who, format, { now: nextHour(), pageSize })).stream)

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  coach = actorOf(await createUser(db, { role: 'coach', name: 'Andrea Coach' }))
  a = await seedClientWithEverything(db, coach, 'KANARIE-A', NOW)
  b = await seedClientWithEverything(db, coach, 'KANARIE-B', NOW)
})
afterAll(async () => {
  await handle?.close()
})

describe('R10.1 JSON export', () => {
  it('contains every category for the client, decrypted, and nothing of another client', async () => {
    const raw = strFromU8(await text('json'))
    const doc = JSON.parse(raw) as Record<string, unknown>
    for (const section of exportSections) expect(doc, section.key).toHaveProperty(section.key)
    for (const [what, canary] of Object.entries(a.canaries)) expect(raw, what).toContain(canary)
    expect(raw).not.toContain('KANARIE-B')
    expect(raw).not.toContain(b.canaries.email)

    const list = (key: string) => doc[key] as Record<string, unknown>[]
    expect(doc.account).toMatchObject({ id: a.actor.userId, name: a.canaries.name, email: a.canaries.email })
    expect(list('bookings').map((r) => r.id)).toEqual(
      expect.arrayContaining([a.pastBookingId, a.futureBookingId]),
    )
    expect(list('journal_entries')[0]).toMatchObject({
      title: a.canaries.journalTitle,
      body: a.canaries.journalBody,
      tags: [a.canaries.journalTag],
    })
    expect(list('transcripts')[0]!.segments).toEqual([
      { speaker: 'Klientin', start: 0, end: 5, text: a.canaries.transcript },
    ])
    expect(list('ai_analyses')[0]).toMatchObject({
      id: a.analysisId,
      kind: 'session_summary',
      content: expect.objectContaining({ summary: a.canaries.summary }),
    })
    expect(list('questionnaires')[0]).toMatchObject({
      id: a.assignmentId,
      answers: [expect.objectContaining({ question_id: 'q1', answer: a.canaries.answer })],
    })
    expect(list('payments')[0]).toMatchObject({ id: a.paymentId, amount_rappen: 15_000 })
    expect(JSON.stringify(list('payments'))).not.toMatch(/card|last4|brand/i)
    expect(list('consent_history')[0]).toMatchObject({ purpose: 'ai_transcripts', granted: true })
    expect(list('ai_transmissions')[0]).toMatchObject({ model: 'KANARIE-A-model', chars_sent: 123 })
    expect(list('audit_log').map((r) => r.action)).toEqual(
      expect.arrayContaining(['profile.updated', 'consent.granted']),
    )
    expect(list('journal_prompts')[0]).toMatchObject({ text: a.canaries.prompt })
  })

  it('is documented: a README with every section and the meaning of every field, and rows use exactly those names', async () => {
    const doc = JSON.parse(strFromU8(await text('json'))) as Record<string, unknown>
    const readme = doc.README as {
      de: string
      en: string
      format_version: number
      sections: Record<string, { fields: Record<string, string>; description: string }>
    }
    expect(readme.de).toMatch(/Datenexport/)
    expect(readme.en).toMatch(/export/)
    expect(readme.format_version).toBe(1)
    for (const section of exportSections) {
      const documented = readme.sections[section.key]!
      expect(documented.description.length).toBeGreaterThan(10)
      const fields = Object.keys(documented.fields)
      const value = doc[section.key]
      const rows = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[]
      for (const row of rows) expect(Object.keys(row).sort(), section.key).toEqual([...fields].sort())
      for (const meaning of Object.values(documented.fields)) expect(meaning.length).toBeGreaterThan(3)
    }
  })

  it('is written to the audit log with its format, and the e-mail says it is ready without any content', async () => {
    await text('json')
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, a.actor.userId), eq(auditLog.action, 'account.exported')))
    expect(entries.map((e) => e.details?.format)).toContain('json')
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, 'data-export-ready'), eq(emailOutbox.toAddress, a.canaries.email)))
    expect(mails.length).toBeGreaterThan(0)
    for (const mail of mails) {
      expect(mail.subject).toBe('Dein Datenexport ist bereit')
      const body = `${mail.subject}${mail.html}${mail.textBody}`
      for (const [what, canary] of Object.entries(a.canaries))
        if (what !== 'name' && what !== 'email') expect(body, what).not.toContain(canary)
    }
  })

  it('is for clients only: a coach is refused', async () => {
    expect(await rejection(openExport(db, coach, 'json', { now: nextHour() }))).toBeInstanceOf(
      AuthorizationError,
    )
  })
})

describe('R10.1 CSV bundle and PDF', () => {
  it('the zip holds a README and one CSV per section with documented columns, the client’s rows only', async () => {
    const files = unzipSync(await text('zip'))
    expect(Object.keys(files).sort()).toEqual(
      ['README.txt', ...exportSections.map((s) => `${s.key}.csv`)].sort(),
    )
    const journal = strFromU8(files['journal_entries.csv']!)
    expect(journal.replace('\uFEFF', '').split('\r\n')[0]).toBe(
      Object.keys(exportSections.find((s) => s.key === 'journal_entries')!.fields).join(','),
    )
    expect(journal).toContain(a.canaries.journalBody)
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n')
    expect(all).toContain(a.canaries.transcript)
    expect(all).not.toContain('KANARIE-B')
    expect(strFromU8(files['README.txt']!)).toContain('journal_entries.csv')
  })

  it('the PDF is a PDF (umlauts render, nothing of another client)', async () => {
    const bytes = await text('pdf')
    expect(strFromU8(bytes.slice(0, 5))).toBe('%PDF-')
    expect(bytes.length).toBeGreaterThan(1000)
    const { text: printed } = await extractText(await getDocumentProxy(bytes), { mergePages: true })
    expect(printed).toContain(a.canaries.journalBody)
    expect(printed).toContain(a.canaries.name)
    expect(printed).not.toContain('KANARIE-B')
  })
})

describe('R10.1 large accounts stream page by page', () => {
  it('the export is a ReadableStream that reads rows in pages only as far as it is consumed', async () => {
    const many = actorOf(await createUser(db, { coachId: coach.userId }))
    for (let i = 0; i < 7; i++)
      await createEntry(db, many, {
        kind: 'note',
        title: null,
        body: `Notiz ${i}`,
        mood: null,
        tags: [],
        promptId: null,
      })
    const pages: [string, number][] = []
    const download = await openExport(db, many, 'json', {
      now: nextHour(),
      pageSize: 3,
      onPage: (section, rows) => pages.push([section, rows]),
    })
    expect(download.stream).toBeInstanceOf(ReadableStream)
    const reader = download.stream.getReader()
    // The first chunks (README, account, bookings …) are produced before any journal page is read.
    await reader.read()
    expect(pages.filter(([s]) => s === 'journal_entries')).toEqual([])
    for (;;) if ((await reader.read()).done) break
    expect(pages.filter(([s]) => s === 'journal_entries')).toEqual([
      ['journal_entries', 3],
      ['journal_entries', 3],
      ['journal_entries', 1],
    ])
  })
})
