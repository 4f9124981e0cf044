import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, demoAccounts, seedDemoData } from '@/db/seed'
import { localCredentials, plans, sessionTypes, userKeys, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { verifyPassword } from '@/lib/auth/password'
import { decryptForUser, encryptForUser } from '@/lib/crypto'
import { createTestDb } from '../helpers/db'
import { countRows } from '../helpers/fixtures'

let handle: DbHandle

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

const emails = demoAccounts.map((a) => a.email)

async function demoUsers() {
  return handle.db.select().from(users).where(inArray(users.email, emails))
}

describe('R1.2 migrations and demo seed', () => {
  it('R1.2 migrations create an empty schema; the first seed creates the three demo accounts', async () => {
    expect(await countRows(handle.db, users)).toBe(0)
    expect(await seedDemoData(handle.db)).toEqual({ created: 3 })
    const rows = await demoUsers()
    expect(rows.map((r) => [r.email, r.role, r.name]).sort()).toEqual(
      demoAccounts.map((a) => [a.email, a.role, a.name]).sort(),
    )
  })

  it('R1.2 seeding is idempotent: a second run creates 0 and keeps a changed profile', async () => {
    const [coach] = await handle.db.select().from(users).where(eq(users.email, 'coach@mialma.test'))
    await handle.db.update(users).set({ name: 'Andrea B.' }).where(eq(users.id, coach!.id))
    const before = { users: await countRows(handle.db, users), keys: await countRows(handle.db, userKeys) }
    expect(await seedDemoData(handle.db)).toEqual({ created: 0 })
    expect({ users: await countRows(handle.db, users), keys: await countRows(handle.db, userKeys) }).toEqual(
      before,
    )
    const [after] = await handle.db.select().from(users).where(eq(users.id, coach!.id))
    expect(after!.name).toBe('Andrea B.')
  })

  it('R1.2 the demo clients belong to the demo coach', async () => {
    const rows = await demoUsers()
    const coach = rows.find((r) => r.role === 'coach')!
    expect(coach.coachId).toBeNull()
    for (const client of rows.filter((r) => r.role === 'client')) expect(client.coachId).toBe(coach.id)
  })

  it('R1.2 every demo account has an argon2id hash of the demo password (never the password itself)', async () => {
    const rows = await demoUsers()
    const creds = await handle.db
      .select()
      .from(localCredentials)
      .where(
        inArray(
          localCredentials.userId,
          rows.map((r) => r.id),
        ),
      )
    expect(creds).toHaveLength(3)
    for (const c of creds) {
      expect(c.passwordHash.startsWith('$argon2id$')).toBe(true)
      expect(c.passwordHash).toContain('m=19456,t=2,p=1')
      expect(c.passwordHash).not.toContain(DEMO_PASSWORD)
      expect(await verifyPassword(c.passwordHash, DEMO_PASSWORD)).toBe(true)
      expect(await verifyPassword(c.passwordHash, 'falsch')).toBe(false)
    }
  })

  it('R14.3 every demo account has a data key (user_keys version 1) that works', async () => {
    for (const user of await demoUsers()) {
      const keys = await handle.db.select().from(userKeys).where(eq(userKeys.userId, user.id))
      expect(keys.map((k) => k.version)).toEqual([1])
      const payload = await encryptForUser(handle.db, user.id, 'Demo')
      expect(payload.startsWith('enc1.1.')).toBe(true)
      expect(await decryptForUser(handle.db, user.id, payload)).toBe('Demo')
    }
  })

  it('R4.1 the demo coach offers one plan: "Monatsbegleitung", 2 × 60-minute Coaching-Sitzung, CHF 280.00', async () => {
    const [coach] = await handle.db.select().from(users).where(eq(users.email, 'coach@mialma.test'))
    const rows = await handle.db
      .select({
        name: plans.name,
        sessionsPerMonth: plans.sessionsPerMonth,
        priceRappen: plans.priceRappen,
        active: plans.active,
        sessionType: sessionTypes.name,
        durationMinutes: sessionTypes.durationMinutes,
      })
      .from(plans)
      .innerJoin(sessionTypes, eq(sessionTypes.id, plans.sessionTypeId))
      .where(eq(plans.coachId, coach!.id))
    expect(rows).toEqual([
      {
        name: 'Monatsbegleitung',
        sessionsPerMonth: 2,
        priceRappen: 28_000,
        active: true,
        sessionType: 'Coaching-Sitzung',
        durationMinutes: 60,
      },
    ])
    // Seeding again adds no second plan, and a renamed plan survives.
    await handle.db.update(plans).set({ name: 'Mein Abo' }).where(eq(plans.coachId, coach!.id))
    await seedDemoData(handle.db)
    const after = await handle.db.select().from(plans).where(eq(plans.coachId, coach!.id))
    expect(after.map((p) => p.name)).toEqual(['Mein Abo'])
  })
})
