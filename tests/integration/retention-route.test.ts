import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cronRuns, webhookEvents } from '@/db/schema'
import type { Db, DbHandle } from '@/db/types'
import { retentionCutoff } from '@/cron/retention/policy'
import type { RetentionReport } from '@/cron/retention/run'
import { handleRetentionCron } from '@/lib/cron/retention'
import { createTestDb } from '../helpers/db'
import { countRows } from '../helpers/fixtures'
import { MINUTE } from '../helpers/retention'

const SECRET = 'retention-cron-secret-0123456789'
const now = new Date()

let handle: DbHandle
let db: Db
beforeAll(async () => {
  handle = await createTestDb()
  db = handle.db
})
afterAll(async () => {
  await handle?.close()
})
beforeEach(async () => {
  await db.delete(webhookEvents)
  await db.insert(webhookEvents).values({
    provider: 'stripe',
    eventId: 'evt_route',
    type: 'x',
    receivedAt: new Date(retentionCutoff('webhook-events', now)!.getTime() - MINUTE),
  })
})

const call = (authorization: string | undefined, secret: string | undefined) =>
  handleRetentionCron(
    new Request('http://localhost/api/cron/retention', {
      headers: authorization === undefined ? {} : { authorization },
    }),
    { db, secret, now, daily: null },
  )

describe('R11.2 GET /api/cron/retention: Bearer $CRON_SECRET, fails closed', () => {
  it.each([
    ['no header', undefined, SECRET, 401],
    ['a wrong secret', `Bearer ${SECRET}x`, SECRET, 401],
    ['"Bearer undefined" with the secret unset', 'Bearer undefined', undefined, 503],
    ['the right header but the secret unset', `Bearer ${SECRET}`, undefined, 503],
  ])('%s → %i and nothing runs', async (_label, header, secret, status) => {
    const response = await call(header, secret)
    expect(response.status).toBe(status)
    expect(await countRows(db, cronRuns)).toBe(0)
    expect(await countRows(db, webhookEvents)).toBe(1)
  })

  it('a valid call runs the job and answers its report', async () => {
    const response = await call(`Bearer ${SECRET}`, SECRET)
    expect(response.status).toBe(200)
    const report = (await response.json()) as RetentionReport
    expect(report).toMatchObject({ status: 'done', dryRun: false, complete: true })
    expect(report.classes['webhook-events']).toBe(1)
    expect(await countRows(db, webhookEvents)).toBe(0)
    expect(await countRows(db, cronRuns)).toBe(1)
  })

  it('the route allows Vercel 300 s and is never cached', async () => {
    const route = await import('@/app/api/cron/retention/route')
    expect(route.maxDuration).toBe(300)
    expect(route.dynamic).toBe('force-dynamic')
    expect(typeof route.GET).toBe('function')
  })
})
