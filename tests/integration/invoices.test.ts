import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payments } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { AuthorizationError } from '@/lib/auth/types'
import { listInvoiceRecords } from '@/lib/payments/invoices'
import { createTestDb } from '../helpers/db'
import { actorOf, createUser, rejection } from '../helpers/fixtures'

let handle: DbHandle
beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

const record = (userId: string, over: Partial<typeof payments.$inferInsert> = {}) =>
  ({
    userId,
    kind: 'subscription',
    status: 'paid',
    amountRappen: 28_000,
    currency: 'chf',
    description: 'Monatsbegleitung',
    stripeCustomerId: 'cus_x',
    stripeInvoiceId: `in_${Math.random().toString(36).slice(2)}`,
    occurredAt: new Date('2031-01-01T10:00:00Z'),
    ...over,
  }) satisfies typeof payments.$inferInsert

describe('R4.2 the client sees their own invoice records', () => {
  it('lists only the own rows, newest first, with what, when, amount and state (no Stripe ids)', async () => {
    const { db } = handle
    const coach = await createUser(db, { role: 'coach' })
    const client = await createUser(db, { role: 'client', coachId: coach.id })
    const other = await createUser(db, { role: 'client', coachId: coach.id })
    await db.insert(payments).values([
      record(client.id, { occurredAt: new Date('2031-01-01T10:00:00Z') }),
      record(client.id, {
        kind: 'booking',
        description: 'Coaching-Sitzung, 60 Min.',
        amountRappen: 15_000,
        refundedRappen: 5_000,
        status: 'partially_refunded',
        stripeInvoiceId: null,
        stripeCheckoutSessionId: 'cs_test_invoices_1',
        occurredAt: new Date('2031-02-15T09:00:00Z'),
      }),
      record(client.id, { status: 'failed', occurredAt: new Date('2031-03-01T10:00:00Z') }),
      record(other.id, { description: 'Fremdes Abo', occurredAt: new Date('2031-04-01T10:00:00Z') }),
      // A record whose account was deleted (user link set null) belongs to nobody here.
      record(client.id, {
        userId: null,
        description: 'Ohne Konto',
        occurredAt: new Date('2031-05-01T10:00:00Z'),
      }),
    ])

    const rows = await listInvoiceRecords(db, actorOf(client), 50)
    expect(rows.map((r) => [r.description, r.status])).toEqual([
      ['Monatsbegleitung', 'failed'],
      ['Coaching-Sitzung, 60 Min.', 'partially_refunded'],
      ['Monatsbegleitung', 'paid'],
    ])
    expect(rows[1]).toEqual({
      id: expect.any(String),
      kind: 'booking',
      occurredAt: new Date('2031-02-15T09:00:00Z'),
      description: 'Coaching-Sitzung, 60 Min.',
      amountRappen: 15_000,
      refundedRappen: 5_000,
      currency: 'chf',
      status: 'partially_refunded',
    })
    expect(JSON.stringify(rows)).not.toMatch(/cus_|cs_test|in_/)

    // The limit keeps the newest.
    expect((await listInvoiceRecords(db, actorOf(client), 1)).map((r) => r.status)).toEqual(['failed'])
    expect(await listInvoiceRecords(db, actorOf(other), 50)).toHaveLength(1)
  })

  it('a coach is refused (payment records are the client’s own business)', async () => {
    const { db } = handle
    const coach = await createUser(db, { role: 'coach' })
    const client = await createUser(db, { role: 'client', coachId: coach.id })
    await db.insert(payments).values(record(client.id))
    expect(await rejection(listInvoiceRecords(db, actorOf(coach), 50))).toBeInstanceOf(AuthorizationError)
  })

  it('a client without payments gets an empty list', async () => {
    const client = await createUser(handle.db, { role: 'client' })
    expect(await listInvoiceRecords(handle.db, actorOf(client), 50)).toEqual([])
  })
})
