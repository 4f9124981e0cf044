import { describe, expect, it } from 'vitest'
import { retentionPolicy } from '@/cron/retention/policy'

describe('R11.1 the retention table exists once, as data', () => {
  const byId = Object.fromEntries(retentionPolicy.map((r) => [r.id, r]))

  it('holds every class of the policy with its period and action', () => {
    expect(byId['video-recordings']).toMatchObject({ keep: { days: 90 }, action: 'delete' })
    expect(byId['transcripts']).toMatchObject({ keep: { years: 2 }, action: 'delete' })
    expect(byId['session-summaries']).toMatchObject({ keep: { years: 2 }, action: 'delete' })
    expect(byId['session-metadata']).toMatchObject({ keep: { years: 5 }, action: 'anonymise' })
    expect(byId['account-data']).toMatchObject({ keep: null, afterAccountDeletionDays: 30 })
    expect(byId['invoice-records']).toMatchObject({ keep: { years: 10 }, action: 'delete' })
    expect(byId['webhook-events']).toMatchObject({ keep: { days: 90 }, action: 'delete' })
    expect(byId['audit-logs']).toMatchObject({ keep: { years: 3 }, action: 'delete' })
    expect(byId['technical-logs']).toMatchObject({ keep: { days: 90 }, action: 'delete' })
  })

  it('has unique ids and Swiss spelling in every German text', () => {
    expect(new Set(retentionPolicy.map((r) => r.id)).size).toBe(retentionPolicy.length)
    for (const r of retentionPolicy) {
      expect(r.label.de + r.note.de).not.toContain('ß')
    }
  })
})
