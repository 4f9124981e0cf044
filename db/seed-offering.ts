import { eq } from 'drizzle-orm'
import { availabilityRules, sessionTypes } from './schema'
import type { Db } from './types'

/**
 * The demo coach's offer: three session types and weekday hours. Only when the coach has no session types
 * yet, so a developer's own changes survive restarts.
 */
export async function seedDemoOffering(db: Db, coachId: string): Promise<void> {
  const [existing] = await db
    .select({ id: sessionTypes.id })
    .from(sessionTypes)
    .where(eq(sessionTypes.coachId, coachId))
  if (existing) return
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
