import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { localSessions } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { countingDb, createTestDb } from '../helpers/db'
import { createUser } from '../helpers/fixtures'

/**
 * One request, as the server renders it: React's request cache is on (the react-server build of React with a
 * cache dispatcher per simulated request), the layout, the page and the message loader each ask for the actor,
 * and three services each open the user's cipher. Every SQL statement is counted.
 */
const requireReact = createRequire(import.meta.url)
// The build that `react-server` resolves to in Next (package exports hide the file, so by path).
const reactServerPath = () =>
  join(dirname(requireReact.resolve('react/package.json')), 'cjs/react.react-server.development.js')
vi.mock('react', () => requireReact(reactServerPath()))

const cookieJar = new Map<string, string>()
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
    set: (name: string, value: string) => void cookieJar.set(name, value),
    delete: (name: string) => void cookieJar.delete(name),
  }),
  headers: async () => new Headers({ 'x-mialma-pathname': '/journal' }),
}))
let counted: Db
vi.mock('@/db/client', () => ({ getDb: () => counted }))

let handle: DbHandle
const statements: string[] = []

type Dispatcher = {
  getCacheForType: <T>(create: () => T) => T
  cacheSignal: () => null
  getOwner: () => null
}
const internals = (
  requireReact(reactServerPath()) as {
    __SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE: { A: Dispatcher | null }
  }
).__SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE

/** Runs `work` as one request: a fresh React request cache, and the statements it sent. */
async function request<T>(work: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const caches = new Map<unknown, unknown>()
  const dispatcher: Dispatcher = {
    getCacheForType: <C>(create: () => C) => {
      if (!caches.has(create)) caches.set(create, create())
      return caches.get(create) as C
    },
    cacheSignal: () => null,
    getOwner: () => null,
  }
  const start = statements.length
  internals.A = dispatcher
  try {
    const result = await work()
    return { result, sql: statements.slice(start) }
  } finally {
    internals.A = null
  }
}

const touching = (sql: string[], table: string) => sql.filter((s) => s.includes(`from "${table}"`)).length

beforeAll(async () => {
  handle = await createTestDb()
  counted = await countingDb(handle, (query) => void statements.push(query))
})
afterAll(async () => {
  await handle?.close()
})

describe('R13 one session lookup and one key load per request', () => {
  it('R13 R14.3 the actor is looked up once and the key loaded once, however many parts of a page ask', async () => {
    const { requireRole, getActor } = await import('@/lib/auth')
    const { setSessionCookie } = await import('@/lib/auth/local')
    const { createEntry, listEntries, listOpenPrompts, listTags } = await import('@/lib/journal/service')
    const { entryInputSchema, listFilterSchema } = await import('@/lib/journal/schemas')
    const { shredUserKey, KeyShreddedError } = await import('@/lib/crypto')

    const user = await createUser(handle.db)
    const sessionId = randomBytes(24).toString('base64url')
    const expiresAt = new Date(Date.now() + 3_600_000)
    await handle.db.insert(localSessions).values({ id: sessionId, userId: user.id, expiresAt })
    await setSessionCookie(sessionId, expiresAt)
    const seeded = await request(async () => {
      const actor = await requireRole('client')
      for (let i = 0; i < 3; i++) {
        const body = `Eintrag ${i}`
        await createEntry(
          counted,
          actor,
          entryInputSchema.parse({ kind: 'journal', body, tags: `t${i}, alle` }),
        )
      }
      return actor
    })
    const actor = seeded.result

    // The journal page: layout, page and message loader ask for the actor; four services read encrypted rows.
    const journal = () =>
      request(async () => {
        await requireRole('client')
        await requireRole('client')
        await getActor()
        return Promise.all([
          listOpenPrompts(counted, actor),
          listTags(counted, actor),
          listEntries(counted, actor, listFilterSchema.parse({})),
          listEntries(counted, actor, listFilterSchema.parse({ tag: 'alle' })),
        ])
      })
    const first = await journal()
    expect(first.result[2].items.map((e) => e.body).sort()).toEqual(['Eintrag 0', 'Eintrag 1', 'Eintrag 2'])
    expect(first.result[3].items).toHaveLength(3)
    expect(touching(first.sql, 'local_sessions')).toBe(1)
    // The key was loaded by the seeding request and is still held: this request loads it zero times.
    expect(touching(first.sql, 'user_keys')).toBe(0)

    // The next request looks the session up again (a sign-out takes effect at once) but not the key.
    const second = await journal()
    expect(touching(second.sql, 'local_sessions')).toBe(1)
    expect(touching(second.sql, 'user_keys')).toBe(0)

    // Shredding in this process drops the held key at once: the next request finds no key and is refused.
    await shredUserKey(counted, actor.userId)
    const afterShred = request(() => listEntries(counted, actor, listFilterSchema.parse({})))
    await expect(afterShred).rejects.toThrow(KeyShreddedError)
  })

  it('R13 a cold key is loaded once for many concurrent readers in one request', async () => {
    const { userCipher } = await import('@/lib/crypto')
    const user = await createUser(handle.db)
    const payload = await userCipher(handle.db, user.id).encrypt('einmal laden')
    const { forgetUserKeys } = await import('@/lib/crypto/key-cache')
    forgetUserKeys(user.id)
    const { sql, result } = await request(() =>
      Promise.all(Array.from({ length: 5 }, () => userCipher(counted, user.id).decrypt(payload))),
    )
    expect(result).toEqual(Array(5).fill('einmal laden'))
    expect(touching(sql, 'user_keys')).toBe(1)
  })

  it('R13 without a request cache (a plain call) the actor is looked up on every call, as before', async () => {
    const { getActor } = await import('@/lib/auth')
    const before = statements.length
    await getActor()
    await getActor()
    expect(touching(statements.slice(before), 'local_sessions')).toBe(2)
  })
})
