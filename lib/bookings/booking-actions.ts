'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { RateLimitedError } from '@/lib/http/rate-limit'
import { getDb } from '@/db/client'
import { requireActor, requireRole } from '@/lib/auth'
import { AuthorizationError } from '@/lib/auth/types'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { getRequestMeta } from '@/lib/http/request-meta'
import { log } from '@/lib/log'
import { PaymentUnavailableError } from '@/lib/payments/checkout'
import { bookSlot, type CancelResult, cancelBooking, rescheduleBooking, SlotNotOfferedError } from './booking'
import { SlotTakenError } from './hold'
import { formText } from '@/lib/http/form'

/** A failed booking or move; `pickAgain`: the chosen time is gone, so the form offers to choose another. */
export type BookFormState = {
  status: 'idle' | 'error'
  message?: string
  pickAgain?: boolean
  values?: { payWith?: string }
}

/** Cancel (a confirmed booking) or release (an unpaid hold); the component words the result. */
export type CancelState =
  | { status: 'idle' }
  | { status: 'error'; message: string }
  | ({ status: 'cancelled'; intent: 'cancel' | 'release' } & CancelResult)

const bookingIdSchema = z.uuid()
const startSchema = z.iso.datetime({ offset: true }).transform((s) => new Date(s))
const bookSchema = z.object({
  sessionTypeId: z.uuid(),
  startsAt: startSchema,
  payWith: z.enum(['checkout', 'credit']),
})

const GENERIC = 'Das hat nicht geklappt. Bitte versuche es noch einmal.'

/** The domain errors already carry a German sentence for the person; anything else is logged by class only. */
function messageFor(error: unknown): string {
  if (
    error instanceof ConflictError ||
    error instanceof SlotTakenError ||
    error instanceof NotFoundError ||
    error instanceof PaymentUnavailableError ||
    error instanceof AuthorizationError ||
    error instanceof RateLimitedError
  )
    return error.message
  log.error('bookings.action_failed', { error: error instanceof Error ? error.name : 'unknown' })
  return GENERIC
}

const isGone = (error: unknown) => error instanceof SlotTakenError || error instanceof SlotNotOfferedError

function revalidateBookings(bookingId: string) {
  revalidatePath('/bookings')
  revalidatePath(`/bookings/${bookingId}`)
  revalidatePath('/coach/bookings')
}

/**
 * Books the chosen slot (R3.2, R4.1). By card: the slot is held and the browser goes to the checkout (Stripe or
 * the local Testzahlung); with a plan credit: confirmed at once. Bad input or a taken slot writes nothing.
 */
export async function bookAction(_prev: BookFormState, form: FormData): Promise<BookFormState> {
  const actor = await requireRole('client')
  const values = { payWith: formText(form, 'payWith') }
  const parsed = bookSchema.safeParse({
    sessionTypeId: formText(form, 'sessionTypeId'),
    startsAt: formText(form, 'startsAt'),
    payWith: values.payWith,
  })
  if (!parsed.success)
    return {
      status: 'error',
      message: 'Diese Angaben sind unvollständig. Bitte wähle Angebot und Zeit noch einmal.',
      pickAgain: true,
      values,
    }
  let result: Awaited<ReturnType<typeof bookSlot>>
  try {
    result = await bookSlot(getDb(), actor, parsed.data, new Date(), await getRequestMeta())
  } catch (error) {
    return { status: 'error', message: messageFor(error), pickAgain: isGone(error), values }
  }
  revalidateBookings(result.bookingId)
  if (result.status === 'pending') redirect(result.checkoutUrl)
  redirect(`/bookings/${result.bookingId}?booked=1`)
}

/**
 * Cancels a booking (R3.3): the client their own until the cut-off, the coach any of theirs not yet started.
 * On an unpaid hold this is "Reservation freigeben". Returns how the payment was settled.
 */
export async function cancelAction(_prev: CancelState, form: FormData): Promise<CancelState> {
  const actor = await requireActor()
  const intent = formText(form, 'intent') === 'release' ? 'release' : 'cancel'
  const id = bookingIdSchema.safeParse(formText(form, 'bookingId'))
  let result: CancelResult
  try {
    if (!id.success) throw new NotFoundError('Diesen Termin gibt es nicht.')
    result = await cancelBooking(getDb(), actor, id.data, new Date(), await getRequestMeta())
  } catch (error) {
    return { status: 'error', message: messageFor(error) }
  }
  revalidateBookings(id.data)
  return { status: 'cancelled', intent, ...result }
}

/** Moves a confirmed booking to another free slot (R3.3); the new confirmation e-mail updates the calendar. */
export async function rescheduleAction(_prev: BookFormState, form: FormData): Promise<BookFormState> {
  const actor = await requireRole('client')
  const id = bookingIdSchema.safeParse(formText(form, 'bookingId'))
  const start = startSchema.safeParse(formText(form, 'startsAt'))
  try {
    if (!id.success) throw new NotFoundError('Diesen Termin gibt es nicht.')
    if (!start.success) throw new SlotNotOfferedError()
    await rescheduleBooking(getDb(), actor, id.data, start.data, new Date(), await getRequestMeta())
  } catch (error) {
    return { status: 'error', message: messageFor(error), pickAgain: isGone(error) }
  }
  revalidateBookings(id.data)
  redirect(`/bookings/${id.data}?moved=1`)
}
