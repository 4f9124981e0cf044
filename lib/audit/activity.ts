import { and, count, desc, eq, or } from 'drizzle-orm'
import type { Db } from '@/db/types'
import { auditLog } from '@/db/schema'

export const ACTIVITY_PAGE_SIZE = 50

export type ActivityEntry = {
  id: number
  action: string
  createdAt: Date
  details: Record<string, string | number | boolean | null> | null
  /** Who did it: the person themself, or someone/something else (e.g. the Clerk webhook, later the coach). */
  byMe: boolean
  actorRole: string | null
  /** Truncated IP and user agent, only for the person's own actions: another actor's are not theirs to see. */
  ipTruncated: string | null
  userAgent: string | null
}

/**
 * The actor's own audit entries (R13.2, R10.1) — by them or about their account — newest first, one page at
 * a time. Only ever the actor's own: the filter is the actor's id, not a parameter.
 */
// Only the person's id: the audit log sits below the auth domain and takes any actor-shaped value.
export async function ownActivityPage(
  db: Db,
  actor: { userId: string },
  page: number,
  pageSize = ACTIVITY_PAGE_SIZE,
) {
  const mine = or(
    eq(auditLog.actorId, actor.userId),
    and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, actor.userId)),
  )
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(auditLog).where(mine)
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount)
  const rows = await db
    .select()
    .from(auditLog)
    .where(mine)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize)
  const entries: ActivityEntry[] = rows.map((r) => {
    const byMe = r.actorId === actor.userId
    return {
      id: r.id,
      action: r.action,
      createdAt: r.createdAt,
      details: r.details,
      byMe,
      actorRole: r.actorRole,
      ipTruncated: byMe ? r.ipTruncated : null,
      userAgent: byMe ? r.userAgent : null,
    }
  })
  return { entries, page: current, pageCount, total }
}
