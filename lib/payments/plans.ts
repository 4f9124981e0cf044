import { and, asc, eq } from 'drizzle-orm'
import { plans, sessionTypes, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { type Actor, assertRole } from '@/lib/auth/types'
import { AppError, NotFoundError } from '@/lib/errors'
import type { PlanInput } from './schemas'

/**
 * The coach's monthly plans (R4.1): a Stripe subscription that grants `sessionsPerMonth` credits for one of the
 * coach's session types. The coach manages only their own plans; a client sees the active plans of their coach.
 */
const notFound = () => new NotFoundError('payments.planNotFound')

/** The chosen session type is not one of the coach's own (bad input: the form names the field). */
export class PlanSessionTypeError extends AppError {
  override name = 'PlanSessionTypeError'
  constructor() {
    super('payments.foreignSessionType', { field: 'sessionTypeId' })
  }
}

async function requireOwnSessionType(db: Db, actor: Actor, sessionTypeId: string): Promise<void> {
  const [row] = await db
    .select({ id: sessionTypes.id })
    .from(sessionTypes)
    .where(and(eq(sessionTypes.id, sessionTypeId), eq(sessionTypes.coachId, actor.userId)))
  if (!row) throw new PlanSessionTypeError()
}

/** A coach's plans with the name, duration and state of the session type each one grants. */
export async function listPlans(db: Db, coachId: string, options: { activeOnly?: boolean } = {}) {
  return db
    .select({
      id: plans.id,
      coachId: plans.coachId,
      sessionTypeId: plans.sessionTypeId,
      name: plans.name,
      sessionsPerMonth: plans.sessionsPerMonth,
      priceRappen: plans.priceRappen,
      active: plans.active,
      createdAt: plans.createdAt,
      updatedAt: plans.updatedAt,
      sessionTypeName: sessionTypes.name,
      durationMinutes: sessionTypes.durationMinutes,
      sessionTypeActive: sessionTypes.active,
    })
    .from(plans)
    .innerJoin(sessionTypes, eq(sessionTypes.id, plans.sessionTypeId))
    .where(and(eq(plans.coachId, coachId), options.activeOnly ? eq(plans.active, true) : undefined))
    .orderBy(asc(plans.name))
}

export type PlanListItem = Awaited<ReturnType<typeof listPlans>>[number]

/**
 * For a client: the plans they can take out — active plans of their own coach whose session type is bookable
 * (credits for a paused offer could not be used). No coach: none.
 */
export async function listPlansForClient(db: Db, actor: Actor): Promise<PlanListItem[]> {
  assertRole(actor, 'client')
  const [me] = await db.select({ coachId: users.coachId }).from(users).where(eq(users.id, actor.userId))
  if (!me?.coachId) return []
  const active = await listPlans(db, me.coachId, { activeOnly: true })
  return active.filter((p) => p.sessionTypeActive)
}

export async function createPlan(db: Db, actor: Actor, input: PlanInput) {
  assertRole(actor, 'coach', 'payments.coachOnly')
  await requireOwnSessionType(db, actor, input.sessionTypeId)
  const [row] = await db
    .insert(plans)
    .values({
      coachId: actor.userId,
      sessionTypeId: input.sessionTypeId,
      name: input.name,
      sessionsPerMonth: input.sessionsPerMonth,
      priceRappen: input.price,
    })
    .returning({ id: plans.id })
  return { id: row!.id }
}

export async function updatePlan(db: Db, actor: Actor, id: string, input: PlanInput) {
  assertRole(actor, 'coach', 'payments.coachOnly')
  await requireOwnSessionType(db, actor, input.sessionTypeId)
  const updated = await db
    .update(plans)
    .set({
      sessionTypeId: input.sessionTypeId,
      name: input.name,
      sessionsPerMonth: input.sessionsPerMonth,
      priceRappen: input.price,
      updatedAt: new Date(),
    })
    .where(and(eq(plans.id, id), eq(plans.coachId, actor.userId)))
    .returning({ id: plans.id })
  if (updated.length === 0) throw notFound()
}

/** Pause (no new subscriptions) or activate a plan. */
export async function setPlanActive(db: Db, actor: Actor, id: string, active: boolean) {
  assertRole(actor, 'coach', 'payments.coachOnly')
  const updated = await db
    .update(plans)
    .set({ active, updatedAt: new Date() })
    .where(and(eq(plans.id, id), eq(plans.coachId, actor.userId)))
    .returning({ id: plans.id })
  if (updated.length === 0) throw notFound()
}

export async function getPlan(db: Db, actor: Actor, id: string) {
  assertRole(actor, 'coach', 'payments.coachOnly')
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.id, id), eq(plans.coachId, actor.userId)))
  if (!row) throw notFound()
  return row
}
