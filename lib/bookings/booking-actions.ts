'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { action } from '@/lib/http/action'
import { bookSlot, cancelBooking, rescheduleBooking } from './booking'

const INCOMPLETE = 'bookings.incomplete'
const bookingIdSchema = z.uuid({ error: 'bookings.bookingNotFound' })
const startSchema = (error: string) => z.iso.datetime({ offset: true, error }).transform((s) => new Date(s))

const bookSchema = z.object({
  sessionTypeId: z.uuid({ error: INCOMPLETE }),
  startsAt: startSchema(INCOMPLETE),
  payWith: z.enum(['checkout', 'credit'], { error: INCOMPLETE }),
})

function revalidateBookings(bookingId: string) {
  revalidatePath('/bookings')
  revalidatePath(`/bookings/${bookingId}`)
  revalidatePath('/coach/bookings')
}

/**
 * Books the chosen slot (R3.2, R4.1). By card: the slot is held and the browser goes to the checkout (Stripe or
 * the local Testzahlung); with a plan credit: confirmed at once. Bad input or a taken slot writes nothing.
 */
export const bookAction = action(
  { name: 'bookings.book', access: 'client', schema: bookSchema },
  async ({ input, actor, db, meta }) => {
    const result = await bookSlot(db, actor, input, new Date(), meta)
    revalidateBookings(result.bookingId)
    if (result.status === 'pending') redirect(result.checkoutUrl)
    redirect(`/bookings/${result.bookingId}?booked=1`)
  },
)

/**
 * Cancels a booking (R3.3): the client their own until the cut-off, the coach any of theirs not yet started.
 * On an unpaid hold this is "Reservation freigeben". Answers how the payment was settled.
 */
export const cancelAction = action(
  {
    name: 'bookings.cancel',
    access: 'signedIn',
    schema: z.object({
      bookingId: bookingIdSchema,
      intent: z.string().transform((v) => (v === 'release' ? ('release' as const) : ('cancel' as const))),
    }),
  },
  async ({ input, actor, db, meta }) => {
    const result = await cancelBooking(db, actor, input.bookingId, new Date(), meta)
    revalidateBookings(input.bookingId)
    return { intent: input.intent, ...result }
  },
)

/** Moves a confirmed booking to another free slot (R3.3); the new confirmation e-mail updates the calendar. */
export const rescheduleAction = action(
  {
    name: 'bookings.reschedule',
    access: 'client',
    schema: z.object({
      bookingId: bookingIdSchema,
      startsAt: startSchema('bookings.slotNotOffered'),
    }),
  },
  async ({ input, actor, db, meta }) => {
    await rescheduleBooking(db, actor, input.bookingId, input.startsAt, new Date(), meta)
    revalidateBookings(input.bookingId)
    redirect(`/bookings/${input.bookingId}?moved=1`)
  },
)
