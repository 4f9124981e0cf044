import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { plans } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { AuthorizationError } from '@/lib/auth/types'
import { createSessionType, setSessionTypeActive } from '@/lib/bookings/offering'
import { sessionTypeSchema } from '@/lib/bookings/schemas'
import { NotFoundError } from '@/lib/errors'
import {
  createPlan,
  getPlan,
  listPlans,
  listPlansForClient,
  PlanSessionTypeError,
  setPlanActive,
  updatePlan,
} from '@/lib/payments/plans'
import { planSchema } from '@/lib/payments/schemas'
import { createTestDb } from '../helpers/db'
import { issueText, messageOf } from '../helpers/error-text'
import { actorOf, createUser } from '../helpers/fixtures'

let handle: DbHandle
beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

type Actor = ReturnType<typeof actorOf>

async function newCoach(): Promise<{ coach: Actor; typeId: string }> {
  const coach = actorOf(await createUser(handle.db, { role: 'coach' }))
  const { id } = await createSessionType(
    handle.db,
    coach,
    sessionTypeSchema.parse({ name: 'Coaching-Sitzung', durationMinutes: '60', price: '150', mode: 'video' }),
  )
  return { coach, typeId: id }
}

const planInput = (sessionTypeId: string, over: Partial<Record<string, string>> = {}) =>
  planSchema.parse({ name: 'Monatsbegleitung', sessionTypeId, sessionsPerMonth: '2', price: '280', ...over })

const plansOf = (coachId: string) => handle.db.select().from(plans).where(eq(plans.coachId, coachId))

describe('R4.1 the coach offers monthly plans (N sessions of one session type per month)', () => {
  it('create, edit, pause and activate; listed with the session type; prices in Rappen', async () => {
    const { coach, typeId } = await newCoach()
    const { id: otherTypeId } = await createSessionType(
      handle.db,
      coach,
      sessionTypeSchema.parse({ name: 'Vertiefung', durationMinutes: '90', price: '200', mode: 'video' }),
    )
    const { id } = await createPlan(handle.db, coach, planInput(typeId, { price: '280.50' }))
    expect(await listPlans(handle.db, coach.userId)).toEqual([
      expect.objectContaining({
        id,
        coachId: coach.userId,
        name: 'Monatsbegleitung',
        sessionTypeId: typeId,
        sessionTypeName: 'Coaching-Sitzung',
        durationMinutes: 60,
        sessionsPerMonth: 2,
        priceRappen: 28_050,
        active: true,
      }),
    ])

    await updatePlan(
      handle.db,
      coach,
      id,
      planInput(otherTypeId, { name: '  Intensiv  ', sessionsPerMonth: '4', price: '720,00' }),
    )
    expect(await getPlan(handle.db, coach, id)).toMatchObject({
      name: 'Intensiv',
      sessionTypeId: otherTypeId,
      sessionsPerMonth: 4,
      priceRappen: 72_000,
    })
    expect((await listPlans(handle.db, coach.userId))[0]).toMatchObject({
      sessionTypeName: 'Vertiefung',
      durationMinutes: 90,
    })

    await setPlanActive(handle.db, coach, id, false)
    expect(await listPlans(handle.db, coach.userId, { activeOnly: true })).toEqual([])
    expect((await listPlans(handle.db, coach.userId))[0]).toMatchObject({ active: false })
    await setPlanActive(handle.db, coach, id, true)
    expect(await listPlans(handle.db, coach.userId, { activeOnly: true })).toHaveLength(1)
  })

  it('the schema refuses price 0 or negative, 0 or 32 sessions, an empty or too long name (German messages)', () => {
    const base = {
      name: 'Abo',
      sessionTypeId: '00000000-0000-4000-8000-000000000000',
      sessionsPerMonth: '2',
      price: '280',
    }
    const issue = (over: Record<string, string>) => {
      const r = planSchema.safeParse({ ...base, ...over })
      return r.success ? null : issueText(r.error.issues[0]!)
    }
    expect(issue({})).toBeNull()
    expect(issue({ price: '0' })).toBe('Der Preis muss grösser als 0 sein.')
    expect(issue({ price: '0.00' })).toBe('Der Preis muss grösser als 0 sein.')
    expect(issue({ price: '-5' })).toBe('Bitte einen Preis in CHF angeben, z. B. 150 oder 150.50.')
    expect(issue({ price: '' })).toBe('Bitte einen Preis in CHF angeben, z. B. 150 oder 150.50.')
    expect(issue({ sessionsPerMonth: '0' })).toBe('Ein Abo enthält mindestens 1 Sitzung pro Monat.')
    expect(issue({ sessionsPerMonth: '32' })).toBe('Ein Abo enthält höchstens 31 Sitzungen pro Monat.')
    expect(issue({ sessionsPerMonth: '1.5' })).toBe('Bitte eine ganze Zahl von Sitzungen angeben.')
    expect(issue({ name: '   ' })).toBe('Bitte einen Namen angeben.')
    expect(issue({ name: 'x'.repeat(81) })).toBe('Der Name ist zu lang (höchstens 80 Zeichen).')
    expect(issue({ name: 'x'.repeat(80) })).toBeNull()
    expect(issue({ sessionTypeId: 'nicht-eine-id' })).toBe('Bitte ein Angebot wählen.')
  })

  it('bad input writes nothing: the database refuses price ≤ 0 and 0 or 32 sessions too', async () => {
    const { coach, typeId } = await newCoach()
    const row = {
      coachId: coach.userId,
      sessionTypeId: typeId,
      name: 'Abo',
      sessionsPerMonth: 2,
      priceRappen: 1,
    }
    for (const bad of [
      { priceRappen: 0 },
      { priceRappen: -100 },
      { sessionsPerMonth: 0 },
      { sessionsPerMonth: 32 },
    ])
      await expect(handle.db.insert(plans).values({ ...row, ...bad })).rejects.toThrow()
    expect(await plansOf(coach.userId)).toEqual([])
  })

  it("another coach's session type is refused with a clear message; nothing is written", async () => {
    const { coach, typeId } = await newCoach()
    const { typeId: foreignTypeId } = await newCoach()
    const error = await createPlan(handle.db, coach, planInput(foreignTypeId)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlanSessionTypeError)
    expect(messageOf(error)).toBe('Dieses Angebot gibt es bei dir nicht. Bitte wähle eines deiner Angebote.')
    expect(await plansOf(coach.userId)).toEqual([])

    const { id } = await createPlan(handle.db, coach, planInput(typeId))
    await expect(
      updatePlan(handle.db, coach, id, planInput(foreignTypeId, { name: 'Umgehängt' })),
    ).rejects.toThrow(PlanSessionTypeError)
    expect(await plansOf(coach.userId)).toEqual([
      expect.objectContaining({ id, name: 'Monatsbegleitung', sessionTypeId: typeId }),
    ])
  })

  it('a forged plan id of another coach is NotFound for every function and changes nothing', async () => {
    const { coach, typeId } = await newCoach()
    const { coach: other, typeId: otherTypeId } = await newCoach()
    const { id } = await createPlan(handle.db, coach, planInput(typeId))
    const before = await plansOf(coach.userId)
    await expect(getPlan(handle.db, other, id)).rejects.toThrow(NotFoundError)
    await expect(updatePlan(handle.db, other, id, planInput(otherTypeId, { name: 'Fremd' }))).rejects.toThrow(
      NotFoundError,
    )
    await expect(setPlanActive(handle.db, other, id, false)).rejects.toThrow(NotFoundError)
    const unknown = '00000000-0000-4000-8000-000000000000'
    await expect(getPlan(handle.db, coach, unknown)).rejects.toThrow(NotFoundError)
    await expect(setPlanActive(handle.db, coach, unknown, false)).rejects.toThrow(NotFoundError)
    expect(await plansOf(coach.userId)).toEqual(before)
    expect(await plansOf(other.userId)).toEqual([])
  })

  it('a client cannot create, edit, pause or read plans as a coach', async () => {
    const { coach, typeId } = await newCoach()
    const { id } = await createPlan(handle.db, coach, planInput(typeId))
    const client = actorOf(await createUser(handle.db, { role: 'client', coachId: coach.userId }))
    await expect(createPlan(handle.db, client, planInput(typeId))).rejects.toThrow(AuthorizationError)
    await expect(updatePlan(handle.db, client, id, planInput(typeId, { price: '1' }))).rejects.toThrow(
      AuthorizationError,
    )
    await expect(setPlanActive(handle.db, client, id, false)).rejects.toThrow(AuthorizationError)
    await expect(getPlan(handle.db, client, id)).rejects.toThrow(AuthorizationError)
    expect(await plansOf(coach.userId)).toEqual([
      expect.objectContaining({ id, priceRappen: 28_000, active: true }),
    ])
  })

  it('a client sees only the active plans of their own coach (whose offer is bookable)', async () => {
    const { coach, typeId } = await newCoach()
    const { coach: other, typeId: otherTypeId } = await newCoach()
    const client = actorOf(await createUser(handle.db, { role: 'client', coachId: coach.userId }))
    const { id: shown } = await createPlan(handle.db, coach, planInput(typeId, { name: 'Monatsbegleitung' }))
    const { id: paused } = await createPlan(handle.db, coach, planInput(typeId, { name: 'Pausiert' }))
    await setPlanActive(handle.db, coach, paused, false)
    await createPlan(handle.db, other, planInput(otherTypeId, { name: 'Fremdes Abo' }))
    const { id: pausedTypeId } = await createSessionType(
      handle.db,
      coach,
      sessionTypeSchema.parse({ name: 'Alt', durationMinutes: '45', price: '100', mode: 'video' }),
    )
    await createPlan(handle.db, coach, planInput(pausedTypeId, { name: 'Altes Angebot' }))
    await setSessionTypeActive(handle.db, coach, pausedTypeId, false)

    expect(
      (await listPlansForClient(handle.db, client)).map((p) => [p.id, p.name, p.sessionTypeName]),
    ).toEqual([[shown, 'Monatsbegleitung', 'Coaching-Sitzung']])
    const lonely = actorOf(await createUser(handle.db, { role: 'client' }))
    expect(await listPlansForClient(handle.db, lonely)).toEqual([])
    await expect(listPlansForClient(handle.db, coach)).rejects.toThrow(AuthorizationError)
  })
})
