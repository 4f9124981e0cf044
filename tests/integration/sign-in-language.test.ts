import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO_PASSWORD, seedDemoData } from '@/db/seed'
import type { DbHandle } from '@/db/types'
import { signInAction } from '@/lib/auth/actions'
import { LOCALE_COOKIE } from '@/lib/i18n/locale'
import { ControlFlow, harness } from '../helpers/action-harness'
import { createTestDb } from '../helpers/db'

// The real sign-in action runs on a real database; only the edges Next.js provides at request time are replaced.
vi.mock('@/db/client', async () => ({ getDb: (await import('../helpers/action-harness')).currentDb }))
vi.mock('next/headers', async () => (await import('../helpers/action-harness')).nextHeadersMock)
vi.mock('next/navigation', async () => (await import('../helpers/action-harness')).nextNavigationMock)
vi.mock('next/cache', async () => (await import('../helpers/action-harness')).nextCacheMock)
vi.mock('next-intl/server', () => ({ getTranslations: async () => (key: string) => key }))

let handle: DbHandle

beforeAll(async () => {
  handle = await createTestDb()
  harness.db = handle.db
  await seedDemoData(handle.db)
})
afterAll(async () => {
  harness.db = null
  await handle?.close()
})

async function signIn(cookieBefore: string | undefined) {
  harness.cookies = new Map(cookieBefore ? [[LOCALE_COOKIE, cookieBefore]] : [])
  const form = new FormData()
  form.set('email', 'klientin@mialma.test')
  form.set('password', DEMO_PASSWORD)
  const outcome = await signInAction({ status: 'idle' }, form).catch((e: unknown) => e)
  expect(outcome).toBeInstanceOf(ControlFlow)
  expect((outcome as ControlFlow).target).toBe('/journal')
  return harness.cookies.get(LOCALE_COOKIE)
}

describe('R1.3 R15.1 the language chosen before sign-in is kept after it', () => {
  it('R1.3 a language chosen with the switch on the sign-in page (cookie "en") survives the sign-in', async () => {
    expect(await signIn('en')).toBe('en')
  })

  it('R1.3 without a choice on this browser, the sign-in sets the profile language (de)', async () => {
    expect(await signIn(undefined)).toBe('de')
  })
})
