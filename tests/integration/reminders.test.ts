import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { bookings, emailOutbox } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { sendDueReminders } from '@/lib/bookings/reminders'
import { handleBookingRemindersCron } from '@/lib/cron/booking-reminders'
import type * as emailModule from '@/lib/email'
import { sendEmail } from '@/lib/email'
import { createTestDb } from '../helpers/db'
import { createUser } from '../helpers/fixtures'

// A pass-through spy on the one e-mail entry point, so one test can make a send fail.
vi.mock('@/lib/email', async (importOriginal) => {
  const actual = await importOriginal<typeof emailModule>()
  return { ...actual, sendEmail: vi.fn(actual.sendEmail) }
})

const HOUR = 60 * 60 * 1000
const SECRET = 'reminder-cron-secret-0123456789'

let handle: DbHandle
let now: Date
let testNo = 0
let info: MockInstance<typeof console.info>
beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(async () => {
  await handle?.close()
})
beforeEach(() => {
  // Every test gets its own week, so the 24-hour windows of different tests never overlap.
  now = new Date(Date.UTC(2030, 0, 1) + ++testNo * 7 * 24 * HOUR)
  info = vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

async function addBooking(
  clientId: string,
  hoursFromNow: number,
  status: (typeof bookings.$inferInsert)['status'] = 'confirmed',
) {
  const startsAt = new Date(now.getTime() + hoursFromNow * HOUR)
  const endsAt = new Date(startsAt.getTime() + 60 * 60_000)
  // A coach per booking: the tests place bookings freely, without tripping the no-overlap constraint.
  const coach = await createUser(handle.db, { role: 'coach' })
  const [row] = await handle.db
    .insert(bookings)
    .values({
      coachId: coach.id,
      clientId,
      sessionName: 'Coaching',
      mode: 'video',
      durationMinutes: 60,
      priceRappen: 15000,
      startsAt,
      endsAt,
      blockedFrom: startsAt,
      blockedUntil: endsAt,
      status,
    })
    .returning()
  return row!
}

const reminderMails = (bookingId: string) =>
  handle.db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.idempotencyKey, `booking-reminder/${bookingId}`))

const reminderSentAt = async (bookingId: string) =>
  (await handle.db.select().from(bookings).where(eq(bookings.id, bookingId)))[0]!.reminderSentAt

describe('R3.4/R12 the reminder e-mail 24 h before a confirmed booking', () => {
  it('reminds a confirmed booking in 23 h once, to the client, in their locale; logs counts only', async () => {
    const client = await createUser(handle.db, { locale: 'en', timeZone: 'America/New_York' })
    const booking = await addBooking(client.id, 23)

    expect(await sendDueReminders(handle.db, now)).toEqual({ due: 1, sent: 1, failed: 0 })
    const mails = await reminderMails(booking.id)
    expect(mails).toHaveLength(1)
    expect(mails[0]).toMatchObject({
      template: 'booking-reminder',
      toAddress: client.email,
      locale: 'en',
      userId: client.id,
    })
    expect(vi.mocked(sendEmail)).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({
        data: expect.objectContaining({
          timeZone: 'America/New_York',
          startsAt: booking.startsAt.toISOString(),
          bookingId: booking.id,
        }),
      }),
    )
    expect(await reminderSentAt(booking.id)).toEqual(now)

    // A second run (or a duplicate cron event) sends nothing new.
    expect(await sendDueReminders(handle.db, new Date(now.getTime() + HOUR))).toEqual({
      due: 0,
      sent: 0,
      failed: 0,
    })
    expect(await reminderMails(booking.id)).toHaveLength(1)

    const logged = info.mock.calls.map((c) => String(c[0])).join('\n')
    expect(logged).toContain('cron.booking-reminders')
    expect(logged).not.toContain(client.email)
    expect(logged).not.toContain('@')
    expect(logged).not.toContain(client.name)
  })

  it('skips pending, cancelled, expired, past and later-than-24-h bookings', async () => {
    const client = await createUser(handle.db, { locale: 'de' })
    const skipped = [
      await addBooking(client.id, 23, 'pending'),
      await addBooking(client.id, 20, 'cancelled'),
      await addBooking(client.id, 18, 'expired'),
      await addBooking(client.id, 30),
      await addBooking(client.id, 24.01),
      await addBooking(client.id, -1),
      await addBooking(client.id, 0),
    ]
    const edge = await addBooking(client.id, 24)

    expect(await sendDueReminders(handle.db, now)).toEqual({ due: 1, sent: 1, failed: 0 })
    for (const b of skipped) {
      expect(await reminderMails(b.id)).toHaveLength(0)
      expect(await reminderSentAt(b.id)).toBeNull()
    }
    expect(await reminderMails(edge.id)).toHaveLength(1)
  })

  it('two concurrent runs send exactly one e-mail per booking', async () => {
    const a = await createUser(handle.db, { locale: 'de' })
    const b = await createUser(handle.db, { locale: 'en' })
    const ids = [
      (await addBooking(a.id, 2)).id,
      (await addBooking(b.id, 5)).id,
      (await addBooking(a.id, 12)).id,
    ]
    const runs = await Promise.all([sendDueReminders(handle.db, now), sendDueReminders(handle.db, now)])
    expect(runs[0]!.sent + runs[1]!.sent).toBe(3)
    expect(runs[0]!.failed + runs[1]!.failed).toBe(0)
    for (const id of ids) expect(await reminderMails(id)).toHaveLength(1)
  })

  it('respects the batch limit, earliest start first; the next run takes the rest', async () => {
    const client = await createUser(handle.db)
    const later = await addBooking(client.id, 10)
    const sooner = await addBooking(client.id, 3)
    expect(await sendDueReminders(handle.db, now, { limit: 1 })).toEqual({ due: 1, sent: 1, failed: 0 })
    expect(await reminderMails(sooner.id)).toHaveLength(1)
    expect(await reminderMails(later.id)).toHaveLength(0)
    expect(await sendDueReminders(handle.db, now, { limit: 1 })).toEqual({ due: 1, sent: 1, failed: 0 })
    expect(await reminderMails(later.id)).toHaveLength(1)
  })

  it('a failed send releases the claim, counts as failed, and the next run retries', async () => {
    const client = await createUser(handle.db)
    const booking = await addBooking(client.id, 6)
    vi.mocked(sendEmail).mockResolvedValueOnce({ ok: false, id: 'x', error: 'provider down' })

    expect(await sendDueReminders(handle.db, now)).toEqual({ due: 1, sent: 0, failed: 1 })
    expect(await reminderSentAt(booking.id)).toBeNull()
    expect(await reminderMails(booking.id)).toHaveLength(0)

    expect(await sendDueReminders(handle.db, now)).toEqual({ due: 1, sent: 1, failed: 0 })
    expect(await reminderMails(booking.id)).toHaveLength(1)
  })
})

describe('R11.2 GET /api/cron/booking-reminders', () => {
  const call = (authorization?: string) =>
    new Request('http://localhost/api/cron/booking-reminders', {
      headers: authorization === undefined ? {} : { authorization },
    })

  it('wrong, missing or unconfigured secret → nothing is sent', async () => {
    const client = await createUser(handle.db)
    const booking = await addBooking(client.id, 4)
    for (const [header, secret, status] of [
      ['Bearer wrong-secret-0123456789', SECRET, 401],
      [undefined, SECRET, 401],
      ['Bearer undefined', undefined, 503],
    ] as const) {
      const res = await handleBookingRemindersCron(call(header), { db: handle.db, secret, now })
      expect(res.status).toBe(status)
    }
    expect(await reminderMails(booking.id)).toHaveLength(0)
    expect(await reminderSentAt(booking.id)).toBeNull()
  })

  it('the right secret runs the job and returns the counts', async () => {
    const client = await createUser(handle.db)
    const booking = await addBooking(client.id, 4)
    const res = await handleBookingRemindersCron(call(`Bearer ${SECRET}`), {
      db: handle.db,
      secret: SECRET,
      now,
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ due: 1, sent: 1, failed: 0, holdsReleased: 0, refundsRetried: 0 })
    expect(await reminderMails(booking.id)).toHaveLength(1)
  })
})
