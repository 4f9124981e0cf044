import { desc, eq } from 'drizzle-orm'
import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { journalEntries } from '@/db/schema'
import { requireActor } from '@/lib/auth'
import { isLocalAuth } from '@/lib/auth/mode'

/**
 * The benchmark's yardstick (bench/pages.ts, local mode only): a signed-in page of this app that does one indexed
 * SELECT of 20 rows and nothing else — no shell, no decryption. What /journal and the floor are compared with.
 */
export default async function MinimalPage() {
  if (!isLocalAuth) notFound()
  const actor = await requireActor()
  const rows = await getDb()
    .select({ id: journalEntries.id, createdAt: journalEntries.createdAt })
    .from(journalEntries)
    .where(eq(journalEntries.userId, actor.userId))
    .orderBy(desc(journalEntries.createdAt))
    .limit(20)
  return (
    <main id="main" className="p-4">
      <h1>{rows.length}</h1>
      <ul>
        {rows.map((r) => (
          <li key={r.id}>{r.createdAt.toISOString()}</li>
        ))}
      </ul>
    </main>
  )
}
