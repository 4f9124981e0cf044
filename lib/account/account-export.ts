import { eq } from 'drizzle-orm'
import { users } from '@/db/schema'
import type { ExportSection } from '@/lib/export/section'

/** The account's part of the data export (R10.1): the one row of account data and settings. */
export const accountExport: ExportSection = {
  key: 'account',
  kind: 'object',
  fields: [
    'id',
    'role',
    'name',
    'email',
    'phone',
    'locale',
    'time_zone',
    'coach_name',
    'processing_restricted_at',
    'created_at',
    'updated_at',
  ],
  async *rows(ctx) {
    const [me] = await ctx.db.select().from(users).where(eq(users.id, ctx.userId))
    if (!me) return
    const [coach] = me.coachId
      ? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, me.coachId))
      : []
    yield {
      id: me.id,
      role: me.role,
      name: me.name,
      email: me.email,
      phone: me.phone,
      locale: me.locale,
      time_zone: me.timeZone,
      coach_name: coach?.name ?? null,
      processing_restricted_at: me.processingRestrictedAt,
      created_at: me.createdAt,
      updated_at: me.updatedAt,
    }
  },
}
