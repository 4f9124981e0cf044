import { and, asc, eq, gte } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { availabilityExceptions, availabilityRules, schedulingSettings, sessionTypes } from '@/db/schema'
import { type Actor, assertRole } from '@/lib/auth/types'
import { AppError, ConflictError, NotFoundError } from '@/lib/errors'
import type { ExceptionInput, MinuteRange, SessionTypeInput, SettingsInput } from './schemas'
import { findOverlappingRules, type Weekday, type WeeklyRule } from './slots'

/**
 * The coach's offer (R3.1): session types, weekly hours, exceptions and booking rules. Every function acts on
 * the signed-in coach's own rows only.
 */
/** Two ranges on one weekday overlap (bad input: the form names the day). */
export class OverlappingRangesError extends AppError {
  override name = 'OverlappingRangesError'
  constructor(readonly weekday: Weekday) {
    super('bookings.rangesOverlap', { field: `day${weekday}` })
  }
}

export const defaultSettings = {
  timeZone: 'Europe/Zurich',
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 15,
  minNoticeMinutes: 720,
  horizonDays: 60,
  slotStepMinutes: 30,
  cancelCutoffHours: 24,
}

export type Settings = typeof defaultSettings

export async function getSettings(db: Db, coachId: string): Promise<Settings> {
  const [row] = await db.select().from(schedulingSettings).where(eq(schedulingSettings.coachId, coachId))
  if (!row) return defaultSettings
  const { coachId: _c, updatedAt: _u, ...settings } = row
  return settings
}

export async function updateSettings(db: Db, actor: Actor, input: SettingsInput): Promise<void> {
  assertRole(actor, 'coach', 'bookings.coachOnly')
  const values = {
    bufferBeforeMinutes: input.bufferBeforeMinutes,
    bufferAfterMinutes: input.bufferAfterMinutes,
    minNoticeMinutes: input.minNoticeHours * 60,
    horizonDays: input.horizonDays,
    slotStepMinutes: input.slotStepMinutes,
    cancelCutoffHours: input.cancelCutoffHours,
    updatedAt: new Date(),
  }
  await db
    .insert(schedulingSettings)
    .values({ coachId: actor.userId, ...values })
    .onConflictDoUpdate({ target: schedulingSettings.coachId, set: values })
}

export async function listSessionTypes(db: Db, coachId: string, options: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(sessionTypes)
    .where(
      and(eq(sessionTypes.coachId, coachId), options.activeOnly ? eq(sessionTypes.active, true) : undefined),
    )
    .orderBy(asc(sessionTypes.name))
}

export async function createSessionType(db: Db, actor: Actor, input: SessionTypeInput) {
  assertRole(actor, 'coach', 'bookings.coachOnly')
  const [row] = await db
    .insert(sessionTypes)
    .values({
      coachId: actor.userId,
      name: input.name,
      durationMinutes: input.durationMinutes,
      priceRappen: input.price,
      mode: input.mode,
    })
    .returning({ id: sessionTypes.id })
  return { id: row!.id }
}

export async function updateSessionType(db: Db, actor: Actor, id: string, input: SessionTypeInput) {
  assertRole(actor, 'coach', 'bookings.coachOnly')
  const updated = await db
    .update(sessionTypes)
    .set({
      name: input.name,
      durationMinutes: input.durationMinutes,
      priceRappen: input.price,
      mode: input.mode,
      updatedAt: new Date(),
    })
    .where(and(eq(sessionTypes.id, id), eq(sessionTypes.coachId, actor.userId)))
    .returning({ id: sessionTypes.id })
  if (updated.length === 0) throw new NotFoundError('bookings.sessionTypeNotFound')
}

export async function setSessionTypeActive(db: Db, actor: Actor, id: string, active: boolean) {
  assertRole(actor, 'coach', 'bookings.coachOnly')
  const updated = await db
    .update(sessionTypes)
    .set({ active, updatedAt: new Date() })
    .where(and(eq(sessionTypes.id, id), eq(sessionTypes.coachId, actor.userId)))
    .returning({ id: sessionTypes.id })
  if (updated.length === 0) throw new NotFoundError('bookings.sessionTypeNotFound')
}

export async function getSessionType(db: Db, actor: Actor, id: string) {
  assertRole(actor, 'coach', 'bookings.coachOnly')
  const [row] = await db
    .select()
    .from(sessionTypes)
    .where(and(eq(sessionTypes.id, id), eq(sessionTypes.coachId, actor.userId)))
  if (!row) throw new NotFoundError('bookings.sessionTypeNotFound')
  return row
}

export async function listWeeklyRules(db: Db, coachId: string): Promise<WeeklyRule[]> {
  const rows = await db
    .select()
    .from(availabilityRules)
    .where(eq(availabilityRules.coachId, coachId))
    .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startMinute))
  return rows.map((r) => ({
    weekday: r.weekday as Weekday,
    startMinute: r.startMinute,
    endMinute: r.endMinute,
  }))
}

/**
 * Replaces the whole week at once (the form edits all seven days together). Overlapping ranges on one day
 * are refused with the day named; nothing is written then.
 */
export async function replaceWeeklyRules(db: Db, actor: Actor, week: Record<Weekday, MinuteRange[]>) {
  assertRole(actor, 'coach', 'bookings.coachOnly')
  const rules: WeeklyRule[] = (Object.entries(week) as [string, MinuteRange[]][]).flatMap(([day, ranges]) =>
    ranges.map((r) => ({ weekday: Number(day) as Weekday, ...r })),
  )
  const [overlap] = findOverlappingRules(rules)
  if (overlap) throw new OverlappingRangesError(overlap[0].weekday)
  await db.transaction(async (tx) => {
    await tx.delete(availabilityRules).where(eq(availabilityRules.coachId, actor.userId))
    if (rules.length > 0)
      await tx.insert(availabilityRules).values(rules.map((r) => ({ ...r, coachId: actor.userId })))
  })
}

/** Exceptions from `fromDate` (practice-local 'YYYY-MM-DD') on, in date order. */
export async function listExceptions(db: Db, coachId: string, fromDate: string) {
  return db
    .select()
    .from(availabilityExceptions)
    .where(and(eq(availabilityExceptions.coachId, coachId), gte(availabilityExceptions.date, fromDate)))
    .orderBy(asc(availabilityExceptions.date), asc(availabilityExceptions.startMinute))
}

export async function addException(db: Db, actor: Actor, input: ExceptionInput) {
  assertRole(actor, 'coach', 'bookings.coachOnly')
  const [row] = await db
    .insert(availabilityExceptions)
    .values({ coachId: actor.userId, ...input })
    // availability_exception_unique: the same exception again is refused, not stored twice.
    .onConflictDoNothing()
    .returning({ id: availabilityExceptions.id })
  if (!row) throw new ConflictError('bookings.exceptionExists')
  return { id: row.id }
}

export async function deleteException(db: Db, actor: Actor, id: string) {
  assertRole(actor, 'coach', 'bookings.coachOnly')
  const deleted = await db
    .delete(availabilityExceptions)
    .where(and(eq(availabilityExceptions.id, id), eq(availabilityExceptions.coachId, actor.userId)))
    .returning({ id: availabilityExceptions.id })
  if (deleted.length === 0) throw new NotFoundError('bookings.exceptionNotFound')
}
