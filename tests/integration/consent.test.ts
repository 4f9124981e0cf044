import { createHash, randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, consentEvents, recordingConsents, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { AuthorizationError } from '@/lib/auth/types'
import { consentChangeSchema } from '@/lib/consent/schemas'
import {
  consentEvidence,
  consentHistory,
  consentOverview,
  hasConsent,
  hasRecordingConsent,
  OUTDATED_TEXT,
  purposes,
  recordRecordingConsent,
  setConsent,
} from '@/lib/consent/service'
import { consentTexts, recordingConsentText } from '@/lib/consent/texts'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { createTestDb } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { actorOf, countRows, createUser, errorText, insertBooking, rejection } from '../helpers/fixtures'

let handle: DbHandle
const meta = { ip: '203.0.113.77', userAgent: 'Mozilla/5.0 (Macintosh) Firefox/135.0' }

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What the form posts: the purpose, the desired state, and the version and language of the text shown. */
function change(purpose: (typeof purposes)[number], granted: boolean, locale: 'de' | 'en' = 'de') {
  return consentChangeSchema.parse({
    purpose,
    granted: String(granted),
    textVersion: consentTexts[purpose].version,
    locale,
  })
}

async function client() {
  const user = await createUser(handle.db)
  return { user, actor: actorOf(user) }
}

/** A confirmed video booking of this client with a coach of its own; returns its id. */
async function bookingOf(clientId: string) {
  const coach = await createUser(handle.db, { role: 'coach' })
  const startsAt = new Date(Date.now() + 86_400_000)
  return (await insertBooking(handle.db, { coachId: coach.id, clientId, startsAt })).id
}

async function ledger(userId: string) {
  return handle.db.select().from(consentEvents).where(eq(consentEvents.userId, userId))
}

describe('R9.1 R7.1 consents: off by default, granted and withdrawn independently', () => {
  it('R9.1 all three consents are off for a new client', async () => {
    const { user, actor } = await client()
    for (const p of purposes) expect(await hasConsent(handle.db, user.id, [p])).toBe(false)
    expect(await consentEvidence(handle.db, user.id, purposes)).toEqual({
      ok: false,
      missing: [...purposes],
      eventIds: [],
    })
    expect(await consentOverview(handle.db, actor)).toEqual(
      purposes.map((purpose) => ({
        purpose,
        granted: false,
        state: 'none',
        since: null,
        expiresAt: null,
        renew: false,
      })),
    )
    expect(await consentHistory(handle.db, actor)).toEqual([])
  })

  it('R9.1 granting makes hasConsent true; withdrawing makes it false immediately', async () => {
    const { user, actor } = await client()
    const granted = await setConsent(handle.db, actor, change('ai_transcripts', true), meta)
    expect(granted.changed).toBe(true)
    expect(await hasConsent(handle.db, user.id, ['ai_transcripts'])).toBe(true)
    const overview = await consentOverview(handle.db, actor)
    expect(overview[0]).toMatchObject({ purpose: 'ai_transcripts', granted: true })
    expect(overview[0]!.since).toBeInstanceOf(Date)

    const withdrawn = await setConsent(handle.db, actor, change('ai_transcripts', false), meta)
    expect(withdrawn.changed).toBe(true)
    expect(await hasConsent(handle.db, user.id, ['ai_transcripts'])).toBe(false)
    expect((await consentOverview(handle.db, actor))[0]).toEqual({
      purpose: 'ai_transcripts',
      granted: false,
      state: 'none',
      since: null,
      expiresAt: null,
      renew: false,
    })
  })

  it('R9.2 R7.1 `at` in the past sees the state at that moment', async () => {
    const { user, actor } = await client()
    const beforeGrant = new Date()
    await sleep(5)
    const grant = await setConsent(handle.db, actor, change('ai_questionnaires', true), meta)
    await sleep(5)
    const whileGranted = new Date()
    await sleep(5)
    const withdraw = await setConsent(handle.db, actor, change('ai_questionnaires', false), meta)
    await sleep(5)
    expect(await hasConsent(handle.db, user.id, ['ai_questionnaires'], beforeGrant)).toBe(false)
    expect(await hasConsent(handle.db, user.id, ['ai_questionnaires'], whileGranted)).toBe(true)
    expect(await hasConsent(handle.db, user.id, ['ai_questionnaires'])).toBe(false)
    // The exact instants of the ledger rows, as JavaScript sees them, belong to the new state.
    if (!grant.changed || !withdraw.changed) throw new Error('expected both changes to be written')
    expect(await hasConsent(handle.db, user.id, ['ai_questionnaires'], grant.event.createdAt)).toBe(true)
    expect(await hasConsent(handle.db, user.id, ['ai_questionnaires'], withdraw.event.createdAt)).toBe(false)
  })

  it('R7.1 R9.1 C1 alone is not C1 + C3; evidence names what is missing and cites the grants relied on', async () => {
    const { user, actor } = await client()
    const c1 = await setConsent(handle.db, actor, change('ai_transcripts', true), meta)
    expect(await hasConsent(handle.db, user.id, ['ai_transcripts', 'ai_external_provider'])).toBe(false)
    expect(await consentEvidence(handle.db, user.id, ['ai_transcripts', 'ai_external_provider'])).toEqual({
      ok: false,
      missing: ['ai_external_provider'],
      eventIds: [c1.changed && c1.event.id],
    })
    // C3 without C2 does not cover questionnaires either.
    const c3 = await setConsent(handle.db, actor, change('ai_external_provider', true), meta)
    expect(await hasConsent(handle.db, user.id, ['ai_questionnaires', 'ai_external_provider'])).toBe(false)
    expect(await hasConsent(handle.db, user.id, ['ai_transcripts', 'ai_external_provider'])).toBe(true)
    expect(await consentEvidence(handle.db, user.id, ['ai_transcripts', 'ai_external_provider'])).toEqual({
      ok: true,
      missing: [],
      eventIds: [c1.changed && c1.event.id, c3.changed && c3.event.id],
    })
    // Withdrawing C3 stops everything that leaves for Mistral at once.
    await setConsent(handle.db, actor, change('ai_external_provider', false), meta)
    expect(await hasConsent(handle.db, user.id, ['ai_transcripts', 'ai_external_provider'])).toBe(false)
    expect(await hasConsent(handle.db, user.id, ['ai_transcripts'])).toBe(true)
  })

  it('R9.1 one person’s consent is not another’s', async () => {
    const a = await client()
    const b = await client()
    await setConsent(handle.db, a.actor, change('ai_transcripts', true), meta)
    expect(await hasConsent(handle.db, b.user.id, ['ai_transcripts'])).toBe(false)
    expect(await consentHistory(handle.db, b.actor)).toEqual([])
  })

  it('R7.1 fails closed: no purposes is a programming error; unknown or shredded accounts have no consent', async () => {
    const { user, actor } = await client()
    await setConsent(handle.db, actor, change('ai_transcripts', true), meta)
    await expect(hasConsent(handle.db, user.id, [])).rejects.toThrow('at least one purpose')
    expect(await hasConsent(handle.db, randomUUID(), ['ai_transcripts'])).toBe(false)
    await handle.db.update(users).set({ keysShreddedAt: new Date() }).where(eq(users.id, user.id))
    expect(await hasConsent(handle.db, user.id, ['ai_transcripts'])).toBe(false)
  })
})

describe('R9.2 the consent ledger records proof', () => {
  it('R9.2 a row keeps the full IP, user agent, text version, sha256 of the rendered text and the language', async () => {
    const { user, actor } = await client()
    await setConsent(handle.db, actor, change('ai_external_provider', true, 'en'), meta)
    const [row] = await ledger(user.id)
    const shown = consentTexts.ai_external_provider.en
    // Recomputed here from the three strings the page renders, independently of the service's helper.
    const expectedSha = createHash('sha256')
      .update(JSON.stringify([shown.title, shown.allows, shown.without]))
      .digest('hex')
    expect(row).toMatchObject({
      userId: user.id,
      purpose: 'ai_external_provider',
      granted: true,
      ip: '203.0.113.77',
      userAgent: meta.userAgent,
      textVersion: consentTexts.ai_external_provider.version,
      textSha256: expectedSha,
      locale: 'en',
    })
    expect(row!.createdAt).toBeInstanceOf(Date)
    // The German text has its own hash.
    await setConsent(handle.db, actor, change('ai_external_provider', false, 'de'), meta)
    const history = await consentHistory(handle.db, actor)
    expect(history.map((h) => [h.granted, h.locale])).toEqual([
      [false, 'de'],
      [true, 'en'],
    ])
    expect(history[0]!.textSha256).not.toBe(expectedSha)
  })

  it('R9.2 full IPv6 addresses are kept; an IPv4 address seen through an IPv6 socket is stored as IPv4', async () => {
    const { actor } = await client()
    const v6 = '2a02:1210:5e0c:b300:ad4e:1f5a:3c2b:9d10'
    await setConsent(handle.db, actor, change('ai_transcripts', true), { ...meta, ip: v6 })
    await setConsent(handle.db, actor, change('ai_transcripts', false), {
      ...meta,
      ip: '::ffff:198.51.100.9',
    })
    await setConsent(handle.db, actor, change('ai_transcripts', true), { ip: null, userAgent: null })
    const history = await consentHistory(handle.db, actor)
    expect(history.map((h) => [h.ip, h.userAgent])).toEqual([
      [null, null],
      ['198.51.100.9', meta.userAgent],
      [v6, meta.userAgent],
    ])
  })

  it('R9.2 R14.1 an outdated text version is refused with a clear message and nothing is written', async () => {
    const { user, actor } = await client()
    const auditBefore = await countRows(handle.db, auditLog)
    const error = await rejection(
      setConsent(handle.db, actor, { ...change('ai_transcripts', true), textVersion: '2020-01-01' }, meta),
    )
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).code).toBe(OUTDATED_TEXT)
    expect(messageOf(error)).toBe('Der Text hat sich geändert — bitte lade die Seite neu und prüfe ihn.')
    expect(await ledger(user.id)).toEqual([])
    expect(await countRows(handle.db, auditLog)).toBe(auditBefore)
    expect(await hasConsent(handle.db, user.id, ['ai_transcripts'])).toBe(false)
  })

  it('R14.1 the form schema rejects unknown purposes, states and languages', () => {
    const ok = { purpose: 'ai_transcripts', granted: 'true', textVersion: '2026-11-22', locale: 'de' }
    expect(consentChangeSchema.safeParse(ok).success).toBe(true)
    for (const bad of [
      { ...ok, purpose: 'ai_everything' },
      { ...ok, granted: 'yes' },
      { ...ok, locale: 'fr' },
      { ...ok, textVersion: 'latest' },
    ])
      expect(consentChangeSchema.safeParse(bad).success).toBe(false)
  })

  it('R9.2 granting an already granted (or withdrawing a never granted) consent writes nothing', async () => {
    const { user, actor } = await client()
    const auditBefore = await countRows(handle.db, auditLog)
    expect(await setConsent(handle.db, actor, change('ai_questionnaires', false), meta)).toEqual({
      changed: false,
    })
    await setConsent(handle.db, actor, change('ai_questionnaires', true), meta)
    expect(await setConsent(handle.db, actor, change('ai_questionnaires', true), meta)).toEqual({
      changed: false,
    })
    expect(await ledger(user.id)).toHaveLength(1)
    expect(await countRows(handle.db, auditLog)).toBe(auditBefore + 1)
  })

  it('R9.2 five identical clicks at the same time write one row', async () => {
    const { user, actor } = await client()
    await Promise.all(
      Array.from({ length: 5 }, () => setConsent(handle.db, actor, change('ai_transcripts', true), meta)),
    )
    expect(await ledger(user.id)).toHaveLength(1)
  })

  it('R9.2 R11 the ledger is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const { user, actor } = await client()
    await setConsent(handle.db, actor, change('ai_transcripts', true), meta)
    const [row] = await ledger(user.id)
    const update = await rejection(
      handle.db.update(consentEvents).set({ granted: false }).where(eq(consentEvents.id, row!.id)),
    )
    expect(errorText(update)).toContain('consent_events is append-only (UPDATE refused)')
    const del = await rejection(handle.db.delete(consentEvents).where(eq(consentEvents.id, row!.id)))
    expect(errorText(del)).toContain('consent_events is append-only (DELETE refused)')
    // Even the retention job may not delete a recent row.
    const retention = await rejection(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL mialma.retention = 'on'`)
        await tx.delete(consentEvents).where(eq(consentEvents.id, row!.id))
      }),
    )
    expect(errorText(retention)).toContain('consent_events is append-only (DELETE refused)')
    const truncate = await rejection(handle.db.execute(sql`TRUNCATE consent_events`))
    expect(errorText(truncate)).toContain('consent_events is append-only (TRUNCATE refused)')
    expect(await ledger(user.id)).toEqual([row])
    expect(await hasConsent(handle.db, user.id, ['ai_transcripts'])).toBe(true)
  })

  it('R11 the retention job may delete ledger rows older than 3 years', async () => {
    const userId = randomUUID()
    const old = new Date(Date.now() - (3 * 365 + 2) * 24 * 60 * 60 * 1000)
    await handle.db.insert(consentEvents).values({
      userId,
      purpose: 'ai_transcripts',
      granted: true,
      textVersion: '2023-01-01',
      textSha256: 'x',
      locale: 'de',
      createdAt: old,
    })
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL mialma.retention = 'on'`)
      await tx.delete(consentEvents).where(eq(consentEvents.userId, userId))
    })
    expect(await ledger(userId)).toEqual([])
  })

  it('R9.2 R13.2 R13.1 a consent change is audited (consent.granted / consent.withdrawn, purpose, truncated IP)', async () => {
    const { user, actor } = await client()
    await setConsent(handle.db, actor, change('ai_external_provider', true), meta)
    await setConsent(handle.db, actor, change('ai_external_provider', false), meta)
    const entries = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorId, user.id))
      .orderBy(auditLog.chainSeq)
    expect(entries.map((e) => [e.action, e.details])).toEqual([
      ['consent.granted', { purpose: 'ai_external_provider' }],
      ['consent.withdrawn', { purpose: 'ai_external_provider' }],
    ])
    for (const e of entries) {
      expect(e).toMatchObject({ actorRole: 'client', targetType: 'user', targetId: user.id })
      expect(e.ipTruncated).toBe('203.0.113.0')
      expect(JSON.stringify(e)).not.toContain('203.0.113.77')
    }
  })

  it('R14.1 a coach cannot give or read consents (AuthorizationError, nothing written)', async () => {
    const coach = await createUser(handle.db, { role: 'coach' })
    const actor = actorOf(coach)
    await expect(setConsent(handle.db, actor, change('ai_transcripts', true), meta)).rejects.toThrow(
      AuthorizationError,
    )
    await expect(consentOverview(handle.db, actor)).rejects.toThrow(AuthorizationError)
    await expect(consentHistory(handle.db, actor)).rejects.toThrow(AuthorizationError)
    await expect(
      recordRecordingConsent(
        handle.db,
        actor,
        { bookingId: randomUUID(), granted: true, textVersion: recordingConsentText.version, locale: 'de' },
        meta,
      ),
    ).rejects.toThrow(AuthorizationError)
    expect(await ledger(coach.id)).toEqual([])
    expect(
      await handle.db.select().from(recordingConsents).where(eq(recordingConsents.userId, coach.id)),
    ).toEqual([])
  })
})

describe('R9.3 R5.3 recording consent per session', () => {
  it('R9.3 is off by default, recorded with proof, withdrawable, and per booking', async () => {
    const { user, actor } = await client()
    const bookingId = await bookingOf(user.id)
    const otherBooking = randomUUID()
    const input = {
      bookingId,
      granted: true,
      textVersion: recordingConsentText.version,
      locale: 'de' as const,
    }
    expect(await hasRecordingConsent(handle.db, bookingId, user.id)).toBe(false)

    const granted = await recordRecordingConsent(handle.db, actor, input, meta)
    expect(granted.changed).toBe(true)
    expect(await hasRecordingConsent(handle.db, bookingId, user.id)).toBe(true)
    expect(await hasRecordingConsent(handle.db, otherBooking, user.id)).toBe(false)
    expect(await hasRecordingConsent(handle.db, bookingId, randomUUID())).toBe(false)
    // Same state again: nothing written.
    expect(await recordRecordingConsent(handle.db, actor, input, meta)).toEqual({ changed: false })

    const rows = await handle.db
      .select()
      .from(recordingConsents)
      .where(and(eq(recordingConsents.bookingId, bookingId), eq(recordingConsents.userId, user.id)))
    const shown = recordingConsentText.de
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      granted: true,
      ip: '203.0.113.77',
      userAgent: meta.userAgent,
      textVersion: recordingConsentText.version,
      textSha256: createHash('sha256')
        .update(JSON.stringify([shown.title, shown.allows, shown.without]))
        .digest('hex'),
      locale: 'de',
    })
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'booking'), eq(auditLog.targetId, bookingId)))
    expect(audit).toMatchObject({
      action: 'consent.granted',
      actorId: user.id,
      details: { purpose: 'session_recording' },
      ipTruncated: '203.0.113.0',
    })

    await sleep(5)
    const whileGranted = new Date()
    await sleep(5)
    await recordRecordingConsent(handle.db, actor, { ...input, granted: false }, meta)
    expect(await hasRecordingConsent(handle.db, bookingId, user.id)).toBe(false)
    expect(await hasRecordingConsent(handle.db, bookingId, user.id, whileGranted)).toBe(true)
  })

  it('R9.3 a first "no" is an answer too: recorded with proof and audited as declined; a second "no" writes nothing', async () => {
    const { user, actor } = await client()
    const bookingId = await bookingOf(user.id)
    const input = {
      bookingId,
      granted: false,
      textVersion: recordingConsentText.version,
      locale: 'de' as const,
    }
    expect((await recordRecordingConsent(handle.db, actor, input, meta)).changed).toBe(true)
    expect(await recordRecordingConsent(handle.db, actor, input, meta)).toEqual({ changed: false })
    const rows = await handle.db
      .select()
      .from(recordingConsents)
      .where(eq(recordingConsents.bookingId, bookingId))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      granted: false,
      ip: '203.0.113.77',
      textVersion: recordingConsentText.version,
    })
    const audits = await handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'booking'), eq(auditLog.targetId, bookingId)))
    expect(audits).toEqual([{ action: 'consent.declined' }])
    expect(await hasRecordingConsent(handle.db, bookingId, user.id)).toBe(false)
  })

  it("R14.1 R9.3 consent for someone else's booking (or an unknown id) is refused, nothing written", async () => {
    const { user, actor } = await client()
    const other = await client()
    const theirs = await bookingOf(other.user.id)
    for (const bookingId of [theirs, randomUUID()]) {
      const input = {
        bookingId,
        granted: true,
        textVersion: recordingConsentText.version,
        locale: 'de' as const,
      }
      await expect(recordRecordingConsent(handle.db, actor, input, meta)).rejects.toThrow(NotFoundError)
    }
    expect(
      await handle.db.select().from(recordingConsents).where(eq(recordingConsents.userId, user.id)),
    ).toEqual([])
    expect(await hasRecordingConsent(handle.db, theirs, user.id)).toBe(false)
  })

  it('R9.3 an outdated recording text is refused; the recording ledger is append-only', async () => {
    const { user, actor } = await client()
    const bookingId = await bookingOf(user.id)
    const input = { bookingId, granted: true, textVersion: '2020-01-01', locale: 'en' as const }
    await expect(recordRecordingConsent(handle.db, actor, input, meta)).rejects.toThrow(OUTDATED_TEXT)
    await recordRecordingConsent(
      handle.db,
      actor,
      { ...input, textVersion: recordingConsentText.version },
      meta,
    )
    const [row] = await handle.db
      .select()
      .from(recordingConsents)
      .where(eq(recordingConsents.userId, user.id))
    expect(row!.locale).toBe('en')
    expect(
      errorText(
        await rejection(
          handle.db
            .update(recordingConsents)
            .set({ granted: false })
            .where(eq(recordingConsents.id, row!.id)),
        ),
      ),
    ).toContain('recording_consents is append-only (UPDATE refused)')
    expect(
      errorText(
        await rejection(handle.db.delete(recordingConsents).where(eq(recordingConsents.id, row!.id))),
      ),
    ).toContain('recording_consents is append-only (DELETE refused)')
    expect(errorText(await rejection(handle.db.execute(sql`TRUNCATE recording_consents`)))).toContain(
      'recording_consents is append-only (TRUNCATE refused)',
    )
    expect(await hasRecordingConsent(handle.db, bookingId, user.id)).toBe(true)
  })
})
