import { afterEach, describe, expect, it, vi } from 'vitest'
import { driverForUrl } from '@/db/connect'

describe('db/connect driver choice (ARCHITECTURE: database drivers)', () => {
  it.each([
    ['postgres://u:p@ep-cool-1234.eu-central-1.aws.neon.tech/mialma?sslmode=require', 'neon'],
    ['postgresql://u:p@ep-x.c-2.eu-central-1.aws.neon.build/db', 'neon'],
    ['postgres://postgres@127.0.0.1:5432/test', 'pg'],
    ['postgres://postgres@localhost:54329/postgres?sslmode=disable', 'pg'],
    ['postgres://u@db.example.ch/neon.tech', 'pg'],
  ])('%s → %s', (url, driver) => {
    expect(driverForUrl(url)).toBe(driver)
  })
})

describe('lib/env: bad configuration gets a clear message without values', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
    vi.resetModules()
  })

  it('a malformed DATABASE_URL and a short master key are named, their values are not echoed', async () => {
    process.env.DATABASE_URL = 'nicht-eine-url-geheim'
    process.env.DATA_ENCRYPTION_KEY = 'zu-kurz-geheim'
    vi.resetModules()
    const error = await import('@/lib/env').then(
      () => null,
      (e: unknown) => e as Error,
    )
    expect(error).toBeInstanceOf(Error)
    expect(error!.message).toContain('Ungültige Konfiguration')
    expect(error!.message).toContain('DATABASE_URL')
    expect(error!.message).toContain('DATA_ENCRYPTION_KEY')
    expect(error!.message).not.toContain('geheim')
  })

  it('empty strings count as unset (a blank line in .env does not switch a provider on)', async () => {
    process.env.RESEND_API_KEY = ''
    process.env.DATABASE_URL = ''
    vi.resetModules()
    const { env } = await import('@/lib/env')
    expect(env.RESEND_API_KEY).toBeUndefined()
    expect(env.DATABASE_URL).toBeUndefined()
  })
})
