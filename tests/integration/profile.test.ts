import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { profileSchema } from '@/lib/account/schemas'
import { coachOfClient, getProfile, listClientsOfCoach, updateProfile } from '@/lib/account/service'
import { AuthorizationError } from '@/lib/auth/types'
import { createTestDb } from '../helpers/db'
import { messageOf } from '../helpers/error-text'
import { actorOf, countRows, createUser } from '../helpers/fixtures'

let handle: DbHandle
const meta = { ip: '198.51.100.200', userAgent: 'Vitest' }

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

async function profileAudit(userId: string) {
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'profile.updated'), eq(auditLog.targetId, userId)))
}

describe('R1.3 profile (right to rectification)', () => {
  it('R1.3 getProfile returns name, e-mail, phone, language and time zone (default Europe/Zurich, de)', async () => {
    const user = await createUser(handle.db, { name: 'Lea Meier' })
    expect(await getProfile(handle.db, actorOf(user))).toEqual({
      name: 'Lea Meier',
      email: user.email,
      phone: null,
      locale: 'de',
      timeZone: 'Europe/Zurich',
    })
  })

  it('R1.3 R1.4 updateProfile changes the row and audits profile.updated with changed field names only', async () => {
    const user = await createUser(handle.db, { name: 'Lea Meier', phone: '+41 79 000 00 00' })
    const bystander = await createUser(handle.db, { name: 'Marco Keller' })
    const input = profileSchema.parse({
      name: 'Lea Meier-Brunner',
      phone: '+41 79 123 45 67',
      locale: 'de',
      timeZone: 'Europe/Zurich',
    })
    const result = await updateProfile(handle.db, actorOf(user), input, meta)
    expect(result.changed).toEqual(['name', 'phone'])

    const [row] = await handle.db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ name: 'Lea Meier-Brunner', phone: '+41 79 123 45 67', email: user.email })
    expect(row!.updatedAt.getTime()).toBeGreaterThanOrEqual(user.updatedAt.getTime())
    const [other] = await handle.db.select().from(users).where(eq(users.id, bystander.id))
    expect(other).toEqual(bystander)

    const entries = await profileAudit(user.id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actorId: user.id,
      actorRole: 'client',
      targetType: 'user',
      details: { fields: 'name,phone' },
      ipTruncated: '198.51.100.0',
    })
    const stored = JSON.stringify(entries[0])
    expect(stored).not.toContain('Brunner')
    expect(stored).not.toContain('123 45 67')
  })

  it('R1.3 language, time zone and clearing the phone are audited by name', async () => {
    const user = await createUser(handle.db, { phone: '+41 44 000 00 00' })
    const input = profileSchema.parse({
      name: user.name,
      phone: '',
      locale: 'en',
      timeZone: 'America/New_York',
    })
    expect((await updateProfile(handle.db, actorOf(user), input, meta)).changed).toEqual([
      'phone',
      'locale',
      'timeZone',
    ])
    expect(await getProfile(handle.db, actorOf(user))).toMatchObject({
      phone: null,
      locale: 'en',
      timeZone: 'America/New_York',
    })
    expect((await profileAudit(user.id))[0]!.details).toEqual({ fields: 'phone,locale,timeZone' })
  })

  it('R1.3 an unchanged profile writes nothing (no audit entry)', async () => {
    const user = await createUser(handle.db)
    const before = await countRows(handle.db, auditLog)
    const input = profileSchema.parse({ name: user.name, phone: '', locale: 'de', timeZone: 'Europe/Zurich' })
    expect(await updateProfile(handle.db, actorOf(user), input, meta)).toEqual({ changed: [] })
    expect(await countRows(handle.db, auditLog)).toBe(before)
  })

  it('R14.1 getProfile / updateProfile of a non-existing account throw AuthorizationError and write nothing', async () => {
    const ghost = actorOf({ ...(await createUser(handle.db)), id: randomUUID() })
    await expect(getProfile(handle.db, ghost)).rejects.toThrow(AuthorizationError)
    expect(messageOf(await getProfile(handle.db, ghost).catch((e: unknown) => e))).toBe(
      'Dein Konto wurde nicht gefunden.',
    )
    const before = await countRows(handle.db, auditLog)
    const input = profileSchema.parse({ name: 'X', phone: '', locale: 'de', timeZone: 'UTC' })
    await expect(updateProfile(handle.db, ghost, input, meta)).rejects.toThrow(AuthorizationError)
    expect(await countRows(handle.db, auditLog)).toBe(before)
  })
})

describe('R14.1 coach sees own clients only', () => {
  it('R14.1 listClientsOfCoach returns only the coach’s own clients, sorted by name', async () => {
    const coach = await createUser(handle.db, { role: 'coach', name: 'Andrea Brunner' })
    const otherCoach = await createUser(handle.db, { role: 'coach', name: 'Beat Huber' })
    const zoe = await createUser(handle.db, { name: 'Zoë Frei', coachId: coach.id })
    const anna = await createUser(handle.db, { name: 'Anna Gerber', coachId: coach.id })
    await createUser(handle.db, { name: 'Fremde Klientin', coachId: otherCoach.id })
    await createUser(handle.db, { name: 'Ohne Coach' })
    // A coach assigned as someone's "coach" is not listed as a client.
    await createUser(handle.db, { role: 'coach', name: 'Co-Coach', coachId: coach.id })

    const list = await listClientsOfCoach(handle.db, actorOf(coach))
    expect(list.map((c) => c.id)).toEqual([anna.id, zoe.id])
    expect(list[0]).toEqual({
      id: anna.id,
      name: 'Anna Gerber',
      email: anna.email,
      createdAt: anna.createdAt,
      deletedAt: null,
    })
    expect((await listClientsOfCoach(handle.db, actorOf(otherCoach))).map((c) => c.name)).toEqual([
      'Fremde Klientin',
    ])
  })

  it('R14.1 a client actor gets AuthorizationError (German message)', async () => {
    const coach = await createUser(handle.db, { role: 'coach' })
    const client = await createUser(handle.db, { coachId: coach.id })
    const error = await listClientsOfCoach(handle.db, actorOf(client)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthorizationError)
    expect(messageOf(error)).toBe('Dafür fehlt dir die Berechtigung.')
  })

  it('R14.1 coachOfClient shows the client their coach’s name only', async () => {
    const coach = await createUser(handle.db, { role: 'coach', name: 'Andrea Brunner' })
    const client = await createUser(handle.db, { coachId: coach.id })
    const loner = await createUser(handle.db)
    expect(await coachOfClient(handle.db, actorOf(client))).toEqual({ name: 'Andrea Brunner' })
    expect(await coachOfClient(handle.db, actorOf(loner))).toBeNull()
  })
})
