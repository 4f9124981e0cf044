import { pathToFileURL } from 'node:url'
import { eq, sql } from 'drizzle-orm'
import { toActor } from '@/lib/auth/actor'
import { hashPassword } from '@/lib/auth/password'
import { ensureUserKey } from '@/lib/crypto'
import { DEMO_PASSWORD, demoAccounts } from './demo-accounts'
import { seedDemoJournal } from './seed-journal'
import { seedDemoOffering } from './seed-offering'
import { seedDemoQuestionnaire } from './seed-questionnaires'
import { localCredentials, users } from './schema'
import type { Db } from './types'

export { DEMO_PASSWORD, demoAccounts } from './demo-accounts'

/**
 * Demo data for the local mode. Idempotent: existing accounts are left as they are (a changed profile
 * survives a restart), missing ones are created. Later features add their demo content here.
 */
export async function seedDemoData(db: Db): Promise<{ created: number }> {
  let created = 0
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const [coachSpec, ...clientSpecs] = demoAccounts
  const coachId = await ensureAccount(db, coachSpec, null, passwordHash, () => created++)
  await seedDemoOffering(db, coachId)
  for (const spec of clientSpecs) {
    let isNew = false
    const id = await ensureAccount(db, spec, coachId, passwordHash, () => {
      created++
      isNew = true
    })
    // Demo content only for accounts created now, so a developer's own changes survive restarts.
    if (isNew) {
      const [client, coach] = [await actorFor(db, id), await actorFor(db, coachId)]
      await seedDemoJournal(db, client, coach)
      if (spec.email === 'klientin@mialma.test') await seedDemoQuestionnaire(db, coach, client)
    }
  }
  return { created }
}

async function actorFor(db: Db, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId))
  return toActor(row!)
}

async function ensureAccount(
  db: Db,
  spec: (typeof demoAccounts)[number],
  coachId: string | null,
  passwordHash: string,
  onCreate: () => void,
): Promise<string> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, spec.email))
  if (existing) return existing.id
  const [row] = await db
    .insert(users)
    .values({ email: spec.email, name: spec.name, role: spec.role, coachId })
    .returning({ id: users.id })
  await db.insert(localCredentials).values({ userId: row!.id, passwordHash })
  await ensureUserKey(db, row!.id)
  onCreate()
  return row!.id
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ;(async () => {
    const { env } = await import('@/lib/env')
    if (!env.DATABASE_URL) {
      console.error(
        'npm run db:seed braucht DATABASE_URL; die eingebettete Datenbank wird von npm run dev geseedet.',
      )
      process.exit(1)
    }
    const { connectDatabase } = await import('./connect')
    const handle = connectDatabase(env.DATABASE_URL)
    const { created } = await seedDemoData(handle.db)
    await handle.close()
    console.info(`Demo-Daten: ${created} Konten angelegt.`)
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
