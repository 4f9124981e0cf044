import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bookings, creditGrants, payments, sessionTypes, users } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { createTestDb } from '../helpers/db'
import { createUser } from '../helpers/fixtures'

let handle: DbHandle
beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})

describe('R4.4 invoice records outlive the account, detached from coaching content', () => {
  it('deleting the client keeps the payment record (ids, amount, currency, date, status) and unlinks it', async () => {
    const { db } = handle
    const coach = await createUser(db, { role: 'coach' })
    const client = await createUser(db, { role: 'client', coachId: coach.id })
    const [type] = await db
      .insert(sessionTypes)
      .values({
        coachId: coach.id,
        name: 'Coaching',
        durationMinutes: 60,
        priceRappen: 15_000,
        mode: 'video',
      })
      .returning()
    const start = new Date('2031-03-04T09:00:00Z')
    const [booking] = await db
      .insert(bookings)
      .values({
        coachId: coach.id,
        clientId: client.id,
        sessionTypeId: type!.id,
        sessionName: 'Coaching',
        mode: 'video',
        durationMinutes: 60,
        priceRappen: 15_000,
        startsAt: start,
        endsAt: new Date(start.getTime() + 3_600_000),
        blockedFrom: start,
        blockedUntil: new Date(start.getTime() + 3_600_000),
        status: 'confirmed',
      })
      .returning()
    const [payment] = await db
      .insert(payments)
      .values({
        userId: client.id,
        bookingId: booking!.id,
        kind: 'booking',
        status: 'paid',
        amountRappen: 15_000,
        currency: 'chf',
        description: 'Coaching, 60 Min.',
        stripeCustomerId: 'cus_123',
        stripeCheckoutSessionId: 'cs_test_123',
        stripePaymentIntentId: 'pi_123',
        occurredAt: new Date('2031-03-01T10:00:00Z'),
      })
      .returning()
    await db.insert(creditGrants).values({
      userId: client.id,
      sessionTypeId: type!.id,
      stripeInvoiceId: 'in_1',
      granted: 2,
      validFrom: new Date('2031-03-01T00:00:00Z'),
      validUntil: new Date('2031-04-01T00:00:00Z'),
    })

    await db.delete(users).where(eq(users.id, client.id))
    // The booking row itself belongs to the coach's calendar (anonymised by the retention job, issue 8).
    await db.delete(bookings).where(eq(bookings.id, booking!.id))

    const [kept] = await db.select().from(payments).where(eq(payments.id, payment!.id))
    expect(kept).toMatchObject({
      userId: null,
      bookingId: null,
      kind: 'booking',
      status: 'paid',
      amountRappen: 15_000,
      currency: 'chf',
      stripeCustomerId: 'cus_123',
      stripePaymentIntentId: 'pi_123',
    })
    // Account data goes with the account: the credits are gone.
    expect(await db.select().from(creditGrants).where(eq(creditGrants.userId, client.id))).toEqual([])
  })

  it('R4.2 the invoice record has no column for card data', () => {
    const columns = Object.keys(payments).filter((k) => !k.startsWith('_') && k !== 'enableRLS')
    for (const c of columns) expect(c.toLowerCase()).not.toMatch(/card|pan|cvc|iban|last4|exp_?month/)
  })

  it('R4.2 amounts that are not whole, positive or that refund more than was paid are refused', async () => {
    const { db } = handle
    const base = {
      kind: 'booking' as const,
      status: 'paid' as const,
      description: 'x',
      occurredAt: new Date(),
    }
    await expect(db.insert(payments).values({ ...base, amountRappen: -1 })).rejects.toThrow()
    await expect(
      db.insert(payments).values({ ...base, amountRappen: 100, refundedRappen: 101 }),
    ).rejects.toThrow()
  })
})
