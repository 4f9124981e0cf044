'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { log } from '@/lib/log'
import { payLocalCheckout } from './local-checkout'

export type TestPaymentState = { status: 'idle' | 'error'; message?: string }

const checkoutIdSchema = z.string().regex(/^cs_local_[A-Za-z0-9_-]{1,64}$/)

/** "Bezahlen" on the local Testzahlung page: completes the checkout through the signed webhook path. */
export async function payTestCheckoutAction(
  _prev: TestPaymentState,
  form: FormData,
): Promise<TestPaymentState> {
  const actor = await requireActor()
  const id = checkoutIdSchema.safeParse(form.get('checkoutId'))
  let redirectTo: string
  try {
    if (!id.success) throw new NotFoundError('Diese Zahlung gibt es nicht.')
    ;({ redirectTo } = await payLocalCheckout(getDb(), actor, id.data, new Date()))
  } catch (error) {
    if (error instanceof ConflictError || error instanceof NotFoundError)
      return { status: 'error', message: error.message }
    log.error('payments.test_payment_failed', { error: error instanceof Error ? error.name : 'unknown' })
    return { status: 'error', message: 'Das hat nicht geklappt. Bitte versuche es noch einmal.' }
  }
  revalidatePath('/bookings', 'layout')
  redirect(redirectTo)
}
