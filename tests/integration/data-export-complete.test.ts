import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { extractText, getDocumentProxy } from 'unpdf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aiAnalyses, journalEntries, questionnaireAssignments, sessionRecordings } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { openExport, readAll } from '@/lib/account/export/service'
import { recordAudit } from '@/lib/audit/service'
import type { Actor } from '@/lib/auth/types'
import { encryptForUser } from '@/lib/crypto'
import { localStorage, setStorageForTests } from '@/lib/integrations/storage'
import { storeEncryptedAudio } from '@/lib/sessions/audio'
import { createEntry } from '@/lib/journal/entries'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, insertBooking } from '../helpers/fixtures'

// R10.1 and issue 15.4: the export is complete — AI drafts and failed analyses, the recordings (listed, and as files
// in the zip), every audit entry about the client's bookings also when the coach or the system wrote it. Issue 18:
// pages are read by keyset, so rows written during the export or sharing a timestamp are exported exactly once.
// Issue 17: the PDF prints names outside Latin-1.

const NOW = new Date('2031-05-04T09:00:00Z')
let hour = 0
const nextHour = () => new Date(NOW.getTime() + hour++ * 3_600_000)

let handle: DbHandle
let db: Db
let storageDir: string
let coach: Actor
let client: Actor
let other: Actor
let bookingId: string
let otherBookingId: string
let recordingId: string
let draftId: string
let failedId: string
const AUDIO = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5, 250, 251, 252])

type Doc = Record<string, Record<string, unknown>[]>
const json = async (who: Actor = client, pageSize?: number) =>
  JSON.parse(
    strFromU8(await readAll((await openExport(db, who, 'json', { now: nextHour(), pageSize })).stream)),
  ) as Doc

beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
  storageDir = mkdtempSync(join(tmpdir(), 'mialma-export-'))
  setStorageForTests(localStorage(storageDir))

  coach = actorOf(await createUser(db, { role: 'coach', name: 'Andrea Coach' }))
  client = actorOf(await createUser(db, { name: 'Jelena Todorović', coachId: coach.userId }))
  other = actorOf(await createUser(db, { name: 'Zweite Klientin', coachId: coach.userId }))
  const booking = await insertBooking(db, {
    coachId: coach.userId,
    clientId: client.userId,
    startsAt: new Date(NOW.getTime() - 3 * 86_400_000),
  })
  const otherBooking = await insertBooking(db, {
    coachId: coach.userId,
    clientId: other.userId,
    startsAt: new Date(NOW.getTime() - 2 * 86_400_000),
  })
  bookingId = booking.id
  otherBookingId = otherBooking.id

  // A recording of each client's session, its file in storage encrypted with that client's key (R14.3).
  for (const [b, owner, bytes] of [
    [bookingId, client.userId, AUDIO],
    [otherBookingId, other.userId, new Uint8Array([9, 9, 9])],
  ] as const) {
    const key = `recordings/${b}/${b.slice(0, 8)}.webm`
    await storeEncryptedAudio(db, {
      ownerId: owner,
      key,
      source: (async function* () {
        yield bytes
      })(),
      contentType: 'audio/webm',
      maxBytes: 1_000_000,
    })
    const [row] = await db
      .insert(sessionRecordings)
      .values({
        bookingId: b,
        source: 'daily',
        status: 'stored',
        storageKey: key,
        encryptedFor: owner,
        contentType: 'audio/webm',
        sizeBytes: bytes.byteLength,
        durationSeconds: 3_000,
        startedAt: booking.startsAt,
        storedAt: booking.endsAt,
      })
      .returning()
    if (b === bookingId) recordingId = row!.id
  }

  // A draft the coach has not released, and a failed questionnaire analysis.
  const [draft] = await db
    .insert(aiAnalyses)
    .values({
      clientId: client.userId,
      coachId: coach.userId,
      sourceKind: 'transcript',
      bookingId,
      status: 'draft',
      language: 'de',
      draftEnc: await encryptForUser(
        db,
        client.userId,
        JSON.stringify({
          summary: 'ENTWURF-KANARIE',
          themes: ['Schlaf'],
          clientGoals: [],
          actionItems: [],
          openQuestions: [],
          nextFocus: '',
        }),
      ),
    })
    .returning()
  draftId = draft!.id
  const [assignment] = await db
    .insert(questionnaireAssignments)
    .values({
      coachId: coach.userId,
      clientId: client.userId,
      title: 'Wochenrückblick',
      questions: [{ id: 'q1', kind: 'text', prompt: 'Wie geht es dir?', required: true }],
      answersEnc: await encryptForUser(db, client.userId, JSON.stringify({ q1: 'Gut' })),
      submittedAt: NOW,
    })
    .returning()
  const [failed] = await db
    .insert(aiAnalyses)
    .values({
      clientId: client.userId,
      coachId: coach.userId,
      sourceKind: 'questionnaire',
      assignmentId: assignment!.id,
      status: 'failed',
      failureCode: 'provider_unavailable',
      attempts: 3,
    })
    .returning()
  failedId = failed!.id

  // What the coach and the system wrote about the client's booking, and about another client's.
  const coachMeta = { ip: '198.51.100.23', userAgent: 'Coach-Browser' }
  await recordAudit(db, {
    actor: coach,
    action: 'video.joined',
    target: { type: 'booking', id: bookingId },
    details: { owner: true },
    meta: coachMeta,
  })
  await recordAudit(db, {
    actor: null,
    action: 'recording.started',
    target: { type: 'booking', id: bookingId },
    details: { recordingId },
  })
  await recordAudit(db, {
    actor: coach,
    action: 'booking.cancelled',
    target: { type: 'booking', id: bookingId },
    details: { by: 'coach' },
    meta: coachMeta,
  })
  await recordAudit(db, {
    actor: null,
    action: 'recording.stored',
    target: { type: 'session_recording', id: recordingId },
    details: { source: 'daily' },
  })
  await recordAudit(db, {
    actor: coach,
    action: 'video.joined',
    target: { type: 'booking', id: otherBookingId },
    details: { owner: true },
    meta: coachMeta,
  })
})
afterAll(async () => {
  setStorageForTests(null)
  if (storageDir) rmSync(storageDir, { recursive: true, force: true })
  await handle?.close()
})

describe('R10.1 / issue 15.4: the export is complete', () => {
  it('holds AI drafts and failed analyses, decrypted, with their status', async () => {
    const doc = await json()
    const analyses = doc.ai_analyses!
    expect(analyses.find((a) => a.id === draftId)).toMatchObject({
      status: 'draft',
      content: null,
      draft: expect.objectContaining({ summary: 'ENTWURF-KANARIE' }),
    })
    expect(analyses.find((a) => a.id === failedId)).toMatchObject({
      kind: 'questionnaire_analysis',
      status: 'failed',
      failure_code: 'provider_unavailable',
      attempts: 3,
    })
  })

  it('lists the recordings with their metadata, only the client’s own', async () => {
    const recordings = (await json()).recordings!
    expect(recordings).toHaveLength(1)
    expect(recordings[0]).toMatchObject({
      id: recordingId,
      booking_id: bookingId,
      source: 'daily',
      status: 'stored',
      content_type: 'audio/webm',
      size_bytes: AUDIO.byteLength,
      duration_seconds: 3_000,
      file: `recordings/${recordingId}.webm`,
    })
  })

  it('holds every audit entry about the client’s bookings and recordings, also the coach’s and the system’s, without the coach’s IP', async () => {
    const log = (await json()).audit_log!
    const about = log.filter((e) => e.target_id === bookingId || e.target_id === recordingId)
    expect(about.map((e) => [e.action, e.by])).toEqual(
      expect.arrayContaining([
        ['video.joined', 'coach'],
        ['recording.started', 'system'],
        ['booking.cancelled', 'coach'],
        ['recording.stored', 'system'],
      ]),
    )
    for (const e of about) {
      expect(e.ip_truncated).toBeNull()
      expect(e.user_agent).toBeNull()
    }
    expect(log.some((e) => e.target_id === otherBookingId)).toBe(false)
  })

  it('the zip carries each recording as a file, decrypted byte for byte, and the README describes it', async () => {
    const files = unzipSync(await readAll((await openExport(db, client, 'zip', { now: nextHour() })).stream))
    // Decrypted on its way into the zip: the stored file is ciphertext, the zip holds the audio itself.
    const stored = await localStorage(storageDir).get(`recordings/${bookingId}/${bookingId.slice(0, 8)}.webm`)
    expect(stored).not.toEqual(AUDIO)
    expect(files[`recordings/${recordingId}.webm`]).toEqual(AUDIO)
    expect(Object.keys(files).filter((f) => f.startsWith('recordings/'))).toEqual([
      `recordings/${recordingId}.webm`,
    ])
    expect(strFromU8(files['recordings.csv']!)).toContain(`recordings/${recordingId}.webm`)
    const readme = strFromU8(files['README.txt']!)
    expect(readme).toContain('recordings.csv')
    expect(readme).toMatch(/Tondatei/)
    expect(readme).toMatch(/Entwürfe/)
  })
})

describe('issue 18: pages by keyset', () => {
  it('rows sharing a timestamp to the microsecond are exported exactly once, across page boundaries', async () => {
    const who = actorOf(await createUser(db, { coachId: coach.userId }))
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const { id } = await createEntry(db, who, {
        kind: 'note',
        title: null,
        body: `Gleichzeitig ${i}`,
        mood: null,
        tags: [],
        promptId: null,
      })
      ids.push(id)
    }
    await db
      .update(journalEntries)
      .set({ createdAt: sql`'2031-01-01 08:00:00.123456+00'::timestamptz` })
      .where(sql`${journalEntries.userId} = ${who.userId}`)
    const exported = (await json(who, 2)).journal_entries!.map((e) => e.id)
    expect([...exported].sort()).toEqual([...ids].sort())
  })

  it('an entry written during the export does not repeat or drop any other entry', async () => {
    const who = actorOf(await createUser(db, { coachId: coach.userId }))
    const ids: string[] = []
    for (let i = 0; i < 7; i++) {
      const { id } = await createEntry(db, who, {
        kind: 'note',
        title: null,
        body: `Notiz ${i}`,
        mood: null,
        tags: [],
        promptId: null,
      })
      ids.push(id)
      await db
        .update(journalEntries)
        .set({ createdAt: new Date(Date.UTC(2031, 0, 1 + i)) })
        .where(sql`${journalEntries.id} = ${id}`)
    }
    let inserted = false
    const download = await openExport(db, who, 'json', {
      now: nextHour(),
      pageSize: 3,
      onPage: (section) => {
        if (section !== 'journal_entries' || inserted) return
        inserted = true
        // Written while the export streams, dated before everything already read (e.g. an imported old entry).
        void createEntry(db, who, {
          kind: 'note',
          title: null,
          body: 'Nachgetragen',
          mood: null,
          tags: [],
          promptId: null,
        }).then(({ id }) =>
          db
            .update(journalEntries)
            .set({ createdAt: new Date(Date.UTC(2020, 0, 1)) })
            .where(sql`${journalEntries.id} = ${id}`),
        )
      },
    })
    const reader = download.stream.getReader()
    const parts: Uint8Array[] = []
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      parts.push(value)
      // Give the concurrent write its turn between pages.
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const doc = JSON.parse(Buffer.concat(parts).toString('utf8')) as Doc
    const exported = doc.journal_entries!.map((e) => e.id as string).filter((id) => ids.includes(id))
    expect(exported).toEqual(ids)
  })
})

describe('issue 17: the PDF prints names outside Latin-1', () => {
  it('the text of the PDF holds Todorović and Şahin (and ł, ő, ğ) as written', async () => {
    await createEntry(db, client, {
      kind: 'journal',
      title: 'Gespräch mit Ayşe Şahin',
      body: 'Łukasz und Erdős, Dağ — Grüsse.',
      mood: null,
      tags: [],
      promptId: null,
    })
    const bytes = await readAll((await openExport(db, client, 'pdf', { now: nextHour() })).stream)
    expect(strFromU8(bytes.slice(0, 5))).toBe('%PDF-')
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true })
    expect(text).toContain('Todorović')
    expect(text).toContain('Şahin')
    expect(text).toContain('Łukasz')
    expect(text).toContain('Erdős')
    expect(text).toContain('Dağ')
    expect(text).not.toContain('Todorovi?')
  })
})

describe('issue 17: the export speaks the client’s language', () => {
  it('R10.1 an English client gets the README, section titles, field meanings and PDF headings in English', async () => {
    const english = actorOf(await createUser(db, { coachId: coach.userId, locale: 'en' }))
    const doc = JSON.parse(
      strFromU8(await readAll((await openExport(db, english, 'json', { now: nextHour() })).stream)),
    ) as {
      README: {
        language: string
        sections: Record<string, { title: string; fields: Record<string, string> }>
      }
    }
    expect(doc.README.language).toBe('en')
    expect(doc.README.sections.journal_entries!.title).toBe('Journal, notes and reflections')
    expect(doc.README.sections.journal_entries!.fields.mood).toBe('Mood 1–5 (empty: not given).')

    const files = unzipSync(await readAll((await openExport(db, english, 'zip', { now: nextHour() })).stream))
    expect(strFromU8(files['README.txt']!)).toMatch(/^Mi Alma data export/)

    const pdf = await readAll((await openExport(db, english, 'pdf', { now: nextHour() })).stream)
    const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true })
    expect(text).toContain('Mi Alma – data export')
    expect(text).toContain('Appointments and bookings')
    expect(text).not.toContain('Keine Einträge')
  })
})
