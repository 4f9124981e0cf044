import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  aiAnalyses,
  auditLog,
  bookings,
  emailOutbox,
  journalEntries,
  journalPrompts,
  localCredentials,
  localSessions,
  payments,
  questionnaireAssignments,
  transcripts,
  userKeys,
  users,
} from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { ConfirmationMismatchError, DELETED_NAME, deleteAccount, deletedEmail } from '@/lib/account/deletion'
import { openExport } from '@/lib/account/export/service'
import { listClientsOfCoach } from '@/lib/account/service'
import { getAnalysisForCoach } from '@/lib/ai/service'
import { actorForSession, signInWithPassword } from '@/lib/auth/local-sessions'
import { hashPassword } from '@/lib/auth/password'
import type { Actor } from '@/lib/auth/types'
import { AuthorizationError } from '@/lib/auth/types'
import { DecryptionError, KeyShreddedError, userCipher } from '@/lib/crypto'
import { ConflictError } from '@/lib/errors'
import { pseudonymize } from '@/lib/privacy/pseudonymize'
import { heldEntries } from '@/lib/privacy/pseudonymize/memo'
import { runDaily } from '@/lib/cron/daily'
import { buildClerkBackend } from '@/lib/integrations/clerk'
import {
  getClientForCoach,
  listPromptsForCoach,
  listSharedEntries,
  viewSharedEntry,
} from '@/lib/journal/coach'
import { setEntrySharing } from '@/lib/journal/entries'
import { viewSubmittedAnswers } from '@/lib/questionnaires/service'
import { readTranscript } from '@/lib/sessions/sessions'
import { type FakeClerk, startFakeClerk } from '../fakes/clerk'
import { seedClientWithEverything, type SeededClient } from '../helpers/data-rights'
import { createTestDb } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { actorOf, createUser, rejection } from '../helpers/fixtures'

// R10.2: typed confirmation; at once the key is shredded (no content readable anywhere), the account row wiped,
// sessions ended, the Clerk user deleted, upcoming bookings cancelled, a content-free confirmation to the captured
// address and a pseudonymous audit record. Invoice records stay (R4.4). A wrong confirmation changes nothing.

const NOW = new Date()
const meta = { ip: '203.0.113.5', userAgent: 'vitest' }
let handle: DbHandle
let db: Db
let clerk: FakeClerk
let coach: Actor
let a: SeededClient
let b: SeededClient

const unreadable = (e: unknown) => e instanceof KeyShreddedError || e instanceof DecryptionError

beforeAll(async () => {
  ;[handle, clerk] = await Promise.all([createTestDb(), startFakeClerk()])
  db = handle.db
  coach = actorOf(await createUser(db, { role: 'coach' }))
  a = await seedClientWithEverything(db, coach, 'KANARIE-A', NOW)
  b = await seedClientWithEverything(db, coach, 'KANARIE-B', NOW)
  await setEntrySharing(db, a.actor, a.entryId, true, meta)
  await db.update(users).set({ clerkId: 'user_kanarie_a' }).where(eq(users.id, a.actor.userId))
  clerk.users.add('user_kanarie_a')
  await db
    .insert(localCredentials)
    .values({ userId: a.actor.userId, passwordHash: await hashPassword('geheim-passwort') })
})
afterAll(async () => {
  await Promise.all([handle?.close(), clerk?.close()])
})

async function encryptedValuesOf(clientId: string): Promise<string[]> {
  const [entries, prompts, analyses, assignments, transcriptRows] = await Promise.all([
    db.select().from(journalEntries).where(eq(journalEntries.userId, clientId)),
    db.select().from(journalPrompts).where(eq(journalPrompts.clientId, clientId)),
    db.select().from(aiAnalyses).where(eq(aiAnalyses.clientId, clientId)),
    db.select().from(questionnaireAssignments).where(eq(questionnaireAssignments.clientId, clientId)),
    db
      .select({ enc: transcripts.segmentsEnc })
      .from(transcripts)
      .innerJoin(bookings, eq(bookings.id, transcripts.bookingId))
      .where(eq(bookings.clientId, clientId)),
  ])
  return [
    ...entries.flatMap((e) => [e.titleEnc, e.bodyEnc, e.tagsEnc]),
    ...prompts.map((p) => p.textEnc),
    ...analyses.flatMap((x) => [x.approvedEnc, x.draftEnc]),
    ...assignments.map((x) => x.answersEnc),
    ...transcriptRows.map((t) => t.enc),
  ].filter((v): v is string => v !== null)
}

describe('R10.2 a wrong confirmation changes nothing', () => {
  it.each(['', 'loeschen', 'LÖSCH', 'JA'])('"%s" → refused, nothing deleted', async (typed) => {
    const before = await db.select().from(users).where(eq(users.id, a.actor.userId))
    const error = await rejection(deleteAccount(db, a.actor, { confirmation: typed }, NOW, { clerk: null }))
    expect(error).toBeInstanceOf(ConfirmationMismatchError)
    expect(messageOf(error)).toMatch(/Es wurde nichts gelöscht/)
    expect(await db.select().from(users).where(eq(users.id, a.actor.userId))).toEqual(before)
    expect((await db.select().from(userKeys).where(eq(userKeys.userId, a.actor.userId))).length).toBe(1)
    expect(clerk.requests).toEqual([])
  })

  it('a coach cannot delete a client through this path', async () => {
    expect(await rejection(deleteAccount(db, coach, { confirmation: 'LÖSCHEN' }, NOW))).toBeInstanceOf(
      AuthorizationError,
    )
  })
})

describe('R10.2 deletion', () => {
  let sessionId: string
  let report: Awaited<ReturnType<typeof deleteAccount>>
  let heldBefore = 0

  beforeAll(async () => {
    // An analysis of the client's text fills the pseudonymiser's caches with the client's name.
    const sent = pseudonymize(`${a.canaries.name} schreibt: Heute war ich mit Imhof in Wilen.`, {
      client: { name: a.canaries.name },
    })
    expect(sent.text).not.toContain(a.canaries.name)
    heldBefore = heldEntries()
    const signedIn = await signInWithPassword(
      db,
      { email: a.canaries.email, password: 'geheim-passwort' },
      meta,
      NOW,
    )
    if (!signedIn.ok) throw new Error('sign-in failed')
    sessionId = signedIn.sessionId
    expect(await actorForSession(db, sessionId)).not.toBeNull()
    expect((await encryptedValuesOf(a.actor.userId)).length).toBeGreaterThanOrEqual(6)

    report = await deleteAccount(db, a.actor, { confirmation: ' löschen ' }, NOW, {
      clerk: buildClerkBackend(clerk.secretKey, clerk.url),
    })
  })

  it('no canary is readable by decrypting the raw rows (key shredded)', async () => {
    const cipher = userCipher(db, a.actor.userId)
    const values = await encryptedValuesOf(a.actor.userId)
    expect(values.length).toBeGreaterThanOrEqual(6)
    for (const value of values) {
      expect(value.startsWith('enc1.')).toBe(true)
      expect(unreadable(await rejection(cipher.decrypt(value)))).toBe(true)
    }
    // Nor can new content be written under a fresh key.
    expect(await rejection(cipher.encrypt('neu'))).toBeInstanceOf(KeyShreddedError)
    const dump = JSON.stringify(
      await db.execute(sql`select * from journal_entries where user_id = ${a.actor.userId}`),
    )
    for (const canary of [a.canaries.journalBody, a.canaries.journalTitle]) expect(dump).not.toContain(canary)
  })

  it('the pseudonymiser of this process forgot what it held (its caches are copies too)', () => {
    expect(heldBefore).toBeGreaterThan(0)
    expect(heldEntries()).toBe(0)
  })

  it('no canary is readable through the service code paths; coach views do not crash', async () => {
    expect(await listSharedEntries(db, coach, a.actor.userId)).toEqual([])
    expect(await listPromptsForCoach(db, coach, a.actor.userId)).toEqual([])
    expect(
      unreadable(
        await rejection(viewSharedEntry(db, coach, { clientId: a.actor.userId, entryId: a.entryId }, meta)),
      ),
    ).toBe(true)
    expect(unreadable(await rejection(readTranscript(db, coach, a.pastBookingId, meta)))).toBe(true)
    expect(
      unreadable(
        await rejection(viewSubmittedAnswers(db, coach, { assignmentId: a.assignmentId }, NOW, meta)),
      ),
    ).toBe(true)
    expect(
      unreadable(
        await rejection(getAnalysisForCoach(db, coach, { kind: 'transcript', bookingId: a.pastBookingId })),
      ),
    ).toBe(true)
    expect(await rejection(openExport(db, a.actor, 'json', { now: NOW }))).toBeInstanceOf(AuthorizationError)
  })

  it('the account row keeps no name, e-mail or phone; the coach sees "deleted" with the date', async () => {
    const [row] = await db.select().from(users).where(eq(users.id, a.actor.userId))
    expect(row).toMatchObject({
      name: DELETED_NAME,
      email: deletedEmail(a.actor.userId),
      phone: null,
      clerkId: null,
    })
    expect(row!.deletionRequestedAt).toEqual(NOW)
    expect(row!.keysShreddedAt).not.toBeNull()
    expect(JSON.stringify(row)).not.toMatch(/KANARIE|beispiel\.ch|555 01 23/)
    const listed = (await listClientsOfCoach(db, coach)).find((c) => c.id === a.actor.userId)
    expect(listed?.deletedAt).toEqual(NOW)
    expect((await getClientForCoach(db, coach, a.actor.userId)).deletedAt).toEqual(NOW)
  })

  it('sessions are gone, the password too; the Clerk fake received the DELETE', async () => {
    expect(await db.select().from(localSessions).where(eq(localSessions.userId, a.actor.userId))).toEqual([])
    expect(await actorForSession(db, sessionId)).toBeNull()
    expect(
      await db.select().from(localCredentials).where(eq(localCredentials.userId, a.actor.userId)),
    ).toEqual([])
    const again = await signInWithPassword(db, { email: a.canaries.email, password: 'geheim-passwort' }, meta)
    expect(again.ok).toBe(false)
    expect(clerk.requests).toEqual([
      { method: 'DELETE', path: '/v1/users/user_kanarie_a', authorization: `Bearer ${clerk.secretKey}` },
    ])
    expect(clerk.users.has('user_kanarie_a')).toBe(false)
    expect(report.steps.clerk.doneAt).toBe(NOW.toISOString())
  })

  it('upcoming bookings are cancelled (the coach’s time is free), past ones stay', async () => {
    const [future] = await db.select().from(bookings).where(eq(bookings.id, a.futureBookingId))
    expect(future).toMatchObject({ status: 'cancelled', cancelledBy: 'client' })
    const [past] = await db.select().from(bookings).where(eq(bookings.id, a.pastBookingId))
    expect(past!.status).toBe('confirmed')
  })

  it('the invoice record survives (R4.4)', async () => {
    const [payment] = await db.select().from(payments).where(eq(payments.id, a.paymentId))
    expect(payment).toMatchObject({ amountRappen: 15_000, status: 'paid' })
  })

  it('the audit record is pseudonymous: the user id, no name, e-mail or IP', async () => {
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.deleted'), eq(auditLog.targetId, a.actor.userId)))
    expect(entry).toMatchObject({
      actorId: a.actor.userId,
      targetType: 'user',
      ipTruncated: null,
      userAgent: null,
    })
    expect(JSON.stringify(entry)).not.toMatch(/KANARIE|beispiel\.ch|@/)
  })

  it('another client is untouched, and a second deletion is refused', async () => {
    const cipher = userCipher(db, b.actor.userId)
    const [entry] = await db.select().from(journalEntries).where(eq(journalEntries.userId, b.actor.userId))
    expect(await cipher.decrypt(entry!.bodyEnc)).toBe(b.canaries.journalBody)
    expect(await rejection(deleteAccount(db, a.actor, { confirmation: 'LÖSCHEN' }, NOW))).toBeInstanceOf(
      ConflictError,
    )
  })

  // Changed with issue 15: the confirmation is now the receipt, sent once every place is done (after the daily
  // run purged the remaining rows), not at the moment of the request.
  it('the confirmation e-mail went to the captured address once all was done, and carries no content (R12.2)', async () => {
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'account-deleted'))).toEqual([])
    await runDaily(db, new Date(NOW.getTime() + 86_400_000), {
      clerk: buildClerkBackend(clerk.secretKey, clerk.url),
    })
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'account-deleted'))
    expect(mails.map((m) => m.toAddress)).toEqual([a.canaries.email])
    const body = `${mails[0]!.subject}${mails[0]!.html}${mails[0]!.textBody}`
    expect(mails[0]!.subject).toBe('Dein Konto wurde gelöscht')
    for (const [what, canary] of Object.entries(a.canaries))
      if (what !== 'email') expect(body, what).not.toContain(canary)
    expect(mails[0]!.userId).toBeNull()
  })
})
