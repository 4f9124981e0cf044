import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '@/db/seed'
import { auditLog, journalEntries, journalPrompts, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { listFilterSchema } from '@/lib/journal/schemas'
import {
  listEntries,
  listOpenPrompts,
  listPromptsForCoach,
  listSharedEntries,
  viewSharedEntry,
} from '@/lib/journal/service'
import { createTestDb } from '../helpers/db'
import { actorOf, countRows } from '../helpers/fixtures'

let handle: DbHandle

beforeAll(async () => {
  handle = await createTestDb()
  expect(await seedDemoData(handle.db)).toEqual({ created: 3 })
})
afterAll(async () => {
  await handle?.close()
})

async function demoActor(email: string) {
  const [row] = await handle.db.select().from(users).where(eq(users.email, email))
  return actorOf(row!)
}

describe('R2 demo journal seed', () => {
  it('R2.1 R2.2 klientin@mialma.test gets three entries (one shared with the coach) and one open prompt', async () => {
    const lea = await demoActor('klientin@mialma.test')
    const coach = await demoActor('coach@mialma.test')
    const page = await listEntries(handle.db, lea, listFilterSchema.parse({}))
    expect(page.total).toBe(3)
    expect(page.items.map((e) => e.kind).sort()).toEqual(['journal', 'note', 'reflection'])
    expect(page.items.filter((e) => e.sharedAt !== null).map((e) => e.title)).toEqual(['Ein ruhiger Sonntag'])

    const shared = await listSharedEntries(handle.db, coach, lea.userId)
    expect(shared.map((e) => e.title)).toEqual(['Ein ruhiger Sonntag'])
    const view = await viewSharedEntry(
      handle.db,
      coach,
      { clientId: lea.userId, entryId: shared[0]!.id },
      { ip: null, userAgent: 'Vitest' },
    )
    expect(view.body).toContain('am See spazieren')

    const open = await listOpenPrompts(handle.db, lea)
    expect(open.map((p) => p.text)).toEqual(['Was hat dir diese Woche Kraft gegeben?'])
    expect(await listPromptsForCoach(handle.db, coach, lea.userId)).toEqual([
      expect.objectContaining({ id: open[0]!.id, answeredShared: false }),
    ])
  })

  it('R2.1 R2.2 klient@mialma.test gets a private entry and one open prompt; nothing shared', async () => {
    const marco = await demoActor('klient@mialma.test')
    const coach = await demoActor('coach@mialma.test')
    const page = await listEntries(handle.db, marco, listFilterSchema.parse({}))
    expect(page.items.map((e) => [e.title, e.sharedAt])).toEqual([['Neuer Anfang', null]])
    expect(await listSharedEntries(handle.db, coach, marco.userId)).toEqual([])
    expect(await listOpenPrompts(handle.db, marco)).toHaveLength(1)
  })

  it('R2.3 R14.3 the demo entries are stored encrypted; the share is audited once', async () => {
    const stored = JSON.stringify(await handle.db.select().from(journalEntries))
    for (const plain of ['Ein ruhiger Sonntag', 'am See', 'Neuer Anfang', 'erholung', 'arbeit'])
      expect(stored).not.toContain(plain)
    expect(JSON.stringify(await handle.db.select().from(journalPrompts))).not.toContain('Kraft')
    expect(
      await handle.db.select().from(auditLog).where(eq(auditLog.action, 'journal.entry_shared')),
    ).toHaveLength(1)
  })

  it('R2 a second seed run adds no entries, prompts or audit rows', async () => {
    const before = {
      entries: await countRows(handle.db, journalEntries),
      prompts: await countRows(handle.db, journalPrompts),
      audit: await countRows(handle.db, auditLog),
    }
    expect(before.entries).toBe(4)
    expect(before.prompts).toBe(2)
    expect(await seedDemoData(handle.db)).toEqual({ created: 0 })
    expect({
      entries: await countRows(handle.db, journalEntries),
      prompts: await countRows(handle.db, journalPrompts),
      audit: await countRows(handle.db, auditLog),
    }).toEqual(before)
  })
})
