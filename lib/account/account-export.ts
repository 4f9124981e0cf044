import { eq } from 'drizzle-orm'
import { users } from '@/db/schema'
import type { ExportSection } from '@/lib/export/section'

/** The account's part of the data export (R10.1): the one row of account data and settings. */
export const accountExport: ExportSection = {
  key: 'account',
  kind: 'object',
  title: { de: 'Konto', en: 'Account' },
  description: 'Deine Kontodaten und Einstellungen.',
  fields: {
    id: 'Kennung deines Kontos bei Mi Alma.',
    role: 'Rolle: client (Klientin/Klient).',
    name: 'Dein Name.',
    email: 'Deine E-Mail-Adresse.',
    phone: 'Deine Telefonnummer (falls angegeben).',
    locale: 'Sprache der Oberfläche und der E-Mails (de oder en).',
    time_zone: 'Deine Zeitzone für Termine.',
    coach_name: 'Name deines Coachs.',
    processing_restricted_at: 'Seit wann du die Verarbeitung eingeschränkt hast (leer: nicht eingeschränkt).',
    created_at: 'Konto erstellt am.',
    updated_at: 'Zuletzt geändert am.',
  },
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
