import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { consentEvents, emailOutbox, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { runDaily } from '@/lib/cron/daily'
import { consentExpiresAt, sendConsentRenewalReminders } from '@/lib/consent/expiry'
import { consentChangeSchema } from '@/lib/consent/schemas'
import { consentEvidence, consentOverview, hasConsent, setConsent } from '@/lib/consent/service'
import { consentTexts } from '@/lib/consent/texts'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser } from '../helpers/fixtures'

// Issue 15.5 (R9.2, R11): a consent is in force for 3 years; from 30 days before, the client is asked to confirm
// again (banner data and one e-mail from the daily cron); an expired grant counts as withdrawn wherever consent
// is checked. (The retention job deleting the ledger rows is in retention-classes.test.ts.)

const DAY = 86_400_000
const meta = { ip: '203.0.113.9', userAgent: 'vitest' }
let handle: DbHandle

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})
beforeEach(() => {
  vi.spyOn(console, 'info').mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

const yearsAgo = (years: number, plusDays = 0, from = new Date()) => {
  const at = new Date(from)
  at.setUTCFullYear(at.getUTCFullYear() - years)
  return new Date(at.getTime() + plusDays * DAY)
}

async function grantAt(
  userId: string,
  createdAt: Date,
  purpose: 'ai_transcripts' | 'ai_questionnaires' = 'ai_transcripts',
  granted = true,
) {
  const [row] = await handle.db
    .insert(consentEvents)
    .values({
      userId,
      purpose,
      granted,
      textVersion: consentTexts[purpose].version,
      textSha256: 'x',
      locale: 'de',
      ip: meta.ip,
      userAgent: meta.userAgent,
      createdAt,
    })
    .returning()
  return row!
}

const change = (granted: boolean) =>
  consentChangeSchema.parse({
    purpose: 'ai_transcripts',
    granted: String(granted),
    textVersion: consentTexts.ai_transcripts.version,
    locale: 'de',
  })

describe('R9.2 a grant expires after 3 years and then counts as withdrawn', () => {
  it('3 years and a day old → no consent (evidence, hasConsent, overview); a day younger → in force', async () => {
    const old = await createUser(handle.db)
    await grantAt(old.id, yearsAgo(3, -1))
    expect(await hasConsent(handle.db, old.id, ['ai_transcripts'])).toBe(false)
    expect(await consentEvidence(handle.db, old.id, ['ai_transcripts'])).toEqual({
      ok: false,
      missing: ['ai_transcripts'],
      eventIds: [],
    })
    const [overview] = await consentOverview(handle.db, actorOf(old))
    expect(overview).toMatchObject({
      purpose: 'ai_transcripts',
      granted: false,
      state: 'expired',
      since: null,
    })

    const young = await createUser(handle.db)
    const grant = await grantAt(young.id, yearsAgo(3, 1))
    expect(await consentEvidence(handle.db, young.id, ['ai_transcripts'])).toEqual({
      ok: true,
      missing: [],
      eventIds: [grant.id],
    })
    // `at` in the past judges expiry at that moment: two days later the same grant is gone.
    expect(await hasConsent(handle.db, young.id, ['ai_transcripts'], new Date(Date.now() + 2 * DAY))).toBe(
      false,
    )
  })

  it('within 30 days of expiry the overview asks to confirm again; confirming writes a new grant with proof', async () => {
    const user = await createUser(handle.db)
    const actor = actorOf(user)
    const grant = await grantAt(user.id, yearsAgo(3, 10))
    const [before] = await consentOverview(handle.db, actor)
    expect(before).toMatchObject({
      granted: true,
      state: 'expiring',
      expiresAt: consentExpiresAt(grant.createdAt),
    })

    const renewed = await setConsent(handle.db, actor, change(true), meta)
    expect(renewed.changed).toBe(true)
    const [after] = await consentOverview(handle.db, actor)
    expect(after).toMatchObject({ granted: true, state: 'active' })
    expect(after!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3 * 360 * DAY)
    // Confirming again right away writes nothing more (it is active now).
    expect((await setConsent(handle.db, actor, change(true), meta)).changed).toBe(false)
  })

  it('an expired grant can be granted anew; withdrawing an expiring one still works', async () => {
    const expired = await createUser(handle.db)
    await grantAt(expired.id, yearsAgo(4))
    expect((await setConsent(handle.db, actorOf(expired), change(true), meta)).changed).toBe(true)
    expect(await hasConsent(handle.db, expired.id, ['ai_transcripts'])).toBe(true)

    const expiring = await createUser(handle.db)
    await grantAt(expiring.id, yearsAgo(3, 5))
    expect((await setConsent(handle.db, actorOf(expiring), change(false), meta)).changed).toBe(true)
    expect(await hasConsent(handle.db, expiring.id, ['ai_transcripts'])).toBe(false)
  })
})

describe('R9.2 the renewal e-mail, 30 days before, sent once by the daily cron', () => {
  it('goes once per expiring grant; not for grants further off, expired, withdrawn or of deleted accounts', async () => {
    const now = new Date()
    const due = await createUser(handle.db, { name: 'Erneuerung Test' })
    const dueGrant = await grantAt(due.id, yearsAgo(3, 20, now))
    const later = await createUser(handle.db)
    await grantAt(later.id, yearsAgo(3, 40, now))
    const expired = await createUser(handle.db)
    await grantAt(expired.id, yearsAgo(3, -2, now))
    const withdrawn = await createUser(handle.db)
    await grantAt(withdrawn.id, yearsAgo(3, 20, now))
    await grantAt(withdrawn.id, yearsAgo(1, 0, now), 'ai_transcripts', false)
    const deleted = await createUser(handle.db)
    await grantAt(deleted.id, yearsAgo(3, 20, now))
    await handle.db.update(users).set({ deletionRequestedAt: now }).where(eq(users.id, deleted.id))

    const report = await runDaily(handle.db, now, { clerk: null, stripe: null, acuity: null, daily: null })
    // (Clients of the tests above whose grants are in the window get theirs too.)
    expect(report.consentReminders).toBeGreaterThanOrEqual(1)
    const ours = [due, later, expired, withdrawn, deleted].map((u) => u.id)
    const mails = (
      await handle.db
        .select()
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.template, 'consent-renewal'),
            like(emailOutbox.idempotencyKey, 'consent-renewal/%'),
          ),
        )
    ).filter((m) => ours.includes(m.userId!))
    expect(mails.map((m) => [m.toAddress, m.idempotencyKey])).toEqual([
      [due.email, `consent-renewal/${dueGrant.id}`],
    ])
    expect(mails[0]!.subject).toBe('Bitte bestätige deine Einwilligung')
    expect(mails[0]!.textBody).toContain('KI-Auswertung von Transkripten')

    // The next days: nothing again for the same grant.
    expect(await sendConsentRenewalReminders(handle.db, new Date(now.getTime() + DAY))).toBe(0)
    expect(await sendConsentRenewalReminders(handle.db, new Date(now.getTime() + 2 * DAY))).toBe(0)
  })
})
