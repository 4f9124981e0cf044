import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DbHandle } from '@/db/types'
import { ownActivityPage } from '@/lib/audit/activity'
import { recordAudit } from '@/lib/audit/service'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser } from '../helpers/fixtures'

let handle: DbHandle

beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

describe('R13.2 R14.1 the client’s own activity log', () => {
  it('R13.2 lists entries by or about the client, newest first, in pages; never anyone else’s', async () => {
    const user = await createUser(handle.db)
    const other = await createUser(handle.db)
    const me = actorOf(user)
    for (let i = 0; i < 5; i++)
      await recordAudit(handle.db, {
        actor: { userId: user.id, role: 'client' },
        action: 'auth.sign_in',
        target: { type: 'user', id: user.id },
        details: { i },
        meta: { ip: '198.51.100.7', userAgent: 'Firefox/135.0' },
      })
    await recordAudit(handle.db, {
      actor: { userId: other.id, role: 'client' },
      action: 'auth.sign_in',
      target: { type: 'user', id: other.id },
    })

    const first = await ownActivityPage(handle.db, me, 1, 2)
    expect(first).toMatchObject({ page: 1, pageCount: 3, total: 5 })
    expect(first.entries.map((e) => e.details?.i)).toEqual([4, 3])
    expect((await ownActivityPage(handle.db, me, 3, 2)).entries.map((e) => e.details?.i)).toEqual([0])
    // Out-of-range pages are clamped rather than empty or an error.
    expect((await ownActivityPage(handle.db, me, 99, 2)).page).toBe(3)
    expect((await ownActivityPage(handle.db, me, -1, 2)).page).toBe(1)
    expect((await ownActivityPage(handle.db, me, Number.NaN, 2)).page).toBe(1)
    const all = await ownActivityPage(handle.db, me, 1)
    expect(all.entries).toHaveLength(5)
    expect(all.entries.every((e) => e.byMe && e.ipTruncated === '198.51.100.0')).toBe(true)
  })

  it('R14.1 entries about the client by someone else show who (role) but not their IP or device', async () => {
    const user = await createUser(handle.db)
    await recordAudit(handle.db, {
      actor: { userId: randomUUID(), role: 'coach' },
      action: 'account.updated',
      target: { type: 'user', id: user.id },
      meta: { ip: '192.0.2.44', userAgent: 'CoachBrowser' },
    })
    const { entries } = await ownActivityPage(handle.db, actorOf(user), 1)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      byMe: false,
      actorRole: 'coach',
      ipTruncated: null,
      userAgent: null,
    })
  })

  it('R13.2 a new account has an empty log with one page', async () => {
    const user = await createUser(handle.db)
    expect(await ownActivityPage(handle.db, actorOf(user), 1)).toEqual({
      entries: [],
      page: 1,
      pageCount: 1,
      total: 0,
    })
  })
})
