import { and, eq } from 'drizzle-orm'
import { availabilityRules, plans, sessionTypes } from './schema'
import type { Db } from './types'

/**
 * The demo coach's offer: three session types, weekday hours and one monthly plan. Each part only when the
 * coach has none of it yet, so a developer's own changes survive restarts.
 */
export async function seedDemoOffering(db: Db, coachId: string): Promise<void> {
  const [existing] = await db
    .select({ id: sessionTypes.id })
    .from(sessionTypes)
    .where(eq(sessionTypes.coachId, coachId))
  if (!existing) {
    await db.insert(sessionTypes).values([
      { coachId, name: 'Coaching-Sitzung', durationMinutes: 60, priceRappen: 15_000, mode: 'video' },
      { coachId, name: 'Erstgespräch', durationMinutes: 30, priceRappen: 6_000, mode: 'video' },
      {
        coachId,
        name: 'Sitzung vor Ort in Frauenfeld',
        durationMinutes: 90,
        priceRappen: 21_000,
        mode: 'in_person',
      },
    ])
    const week = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { coachId, weekday, startMinute: 9 * 60, endMinute: 12 * 60 },
      { coachId, weekday, startMinute: 13 * 60 + 30, endMinute: 17 * 60 + 30 },
    ])
    await db.insert(availabilityRules).values(week)
  }
  await seedDemoPlan(db, coachId)
}

/** "Monatsbegleitung": two 60-minute coaching sessions a month for CHF 280.00 (R4.1). */
async function seedDemoPlan(db: Db, coachId: string): Promise<void> {
  const [existing] = await db.select({ id: plans.id }).from(plans).where(eq(plans.coachId, coachId))
  if (existing) return
  const [type] = await db
    .select({ id: sessionTypes.id })
    .from(sessionTypes)
    .where(
      and(
        eq(sessionTypes.coachId, coachId),
        eq(sessionTypes.name, 'Coaching-Sitzung'),
        eq(sessionTypes.durationMinutes, 60),
      ),
    )
  // The developer renamed or removed the demo session type: then no demo plan either.
  if (!type) return
  await db.insert(plans).values({
    coachId,
    sessionTypeId: type.id,
    name: 'Monatsbegleitung',
    sessionsPerMonth: 2,
    priceRappen: 28_000,
  })
}
