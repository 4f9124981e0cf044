import { getTableName, is } from 'drizzle-orm'
import { PgTable } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { retentionCutoff, retentionPolicy, retentionTables } from '@/cron/retention/policy'
import * as schema from '@/db/schema'
import de from '@/lib/i18n/messages/de.retention.json'
import en from '@/lib/i18n/messages/en.retention.json'

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
      const words = de.retention.classes[r.id]
      expect(words.label + words.note).not.toContain('ß')
    }
  })

  it('R11.1 has a label and a period in German and English for every class, and no words for unknown ones', () => {
    for (const messages of [de, en]) {
      expect(Object.keys(messages.retention.classes).sort()).toEqual(retentionPolicy.map((r) => r.id).sort())
      for (const r of retentionPolicy) {
        expect(messages.retention.classes[r.id].label.length).toBeGreaterThan(3)
        expect(messages.retention.classes[r.id].note.length).toBeGreaterThan(3)
      }
    }
    expect(de.retention.classes['video-recordings'].label).not.toBe(
      en.retention.classes['video-recordings'].label,
    )
  })
})

describe('R11 every table belongs to a retention class or says why it has none', () => {
  const tables = Object.values(schema)
    .filter((value) => is(value, PgTable))
    .map((table) => getTableName(table as PgTable))

  it('maps each table of db/schema (a new table fails here until it is placed)', () => {
    expect(tables.filter((name) => !(name in retentionTables))).toEqual([])
    expect(Object.keys(retentionTables).filter((name) => !tables.includes(name))).toEqual([])
  })

  it('names a real class, or a reason for tables without one', () => {
    const ids = new Set<string>(retentionPolicy.map((r) => r.id))
    for (const [table, entry] of Object.entries(retentionTables)) {
      if (entry.class === null) expect(entry.why, table).toBeTruthy()
      else expect(ids.has(entry.class), table).toBe(true)
    }
  })

  it('cuts periods in days, and in calendar years (UTC)', () => {
    const now = new Date('2028-02-29T12:00:00Z')
    expect(retentionCutoff('webhook-events', now)).toEqual(new Date('2027-12-01T12:00:00Z'))
    expect(retentionCutoff('transcripts', now)).toEqual(new Date('2026-03-01T12:00:00Z'))
    expect(retentionCutoff('account-data', now)).toBeNull()
  })
})
