/**
 * Writes journal entries for one seeded account through the app's own service (distinct ciphertexts under the
 * user's key, tag set maintained), for bench/pages.ts. Run with the app's environment (DATABASE_URL, DATA_DIR):
 * `tsx --conditions=react-server bench/seed-journal.ts <email> <count>`.
 */
import { eq } from 'drizzle-orm'
import { connectDatabase } from '@/db/connect'
import { users } from '@/db/schema'
import { toActor } from '@/lib/auth/actor'
import { env } from '@/lib/env'
import { entryInputSchema } from '@/lib/journal/schemas'
import { createEntry } from '@/lib/journal/service'

const [email, countText] = process.argv.slice(2)
const count = Number(countText)
const TAGS = ['schlaf', 'arbeit', 'familie', 'bewegung', 'ruhe', 'ziele', 'stress', 'freude']

async function main() {
  if (!email || !Number.isInteger(count) || count < 0)
    throw new Error('usage: seed-journal.ts <email> <count>')
  const handle = connectDatabase(env.DATABASE_URL!)
  try {
    const [user] = await handle.db.select().from(users).where(eq(users.email, email))
    if (!user) throw new Error(`no account ${email}`)
    const actor = toActor(user)
    for (let i = 0; i < count; i++) {
      const tags = [TAGS[i % TAGS.length], TAGS[(i * 3 + 1) % TAGS.length]].join(', ')
      const body =
        `Eintrag ${i}: heute war ein gewöhnlicher Tag mit ein paar Gedanken zu Schlaf und Arbeit. `.repeat(4)
      await createEntry(
        handle.db,
        actor,
        entryInputSchema.parse({ kind: 'journal', title: `Tag ${i}`, body, tags }),
      )
    }
  } finally {
    await handle.close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
