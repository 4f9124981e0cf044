'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { action } from '@/lib/http/action'
import { payLocalCheckout } from './local-checkout'

const checkoutIdSchema = z
  .string()
  .regex(/^cs_local_[A-Za-z0-9_-]{1,64}$/, { error: 'payments.paymentNotFound' })

/** "Bezahlen" on the local Testzahlung page: completes the checkout through the signed webhook path. */
export const payTestCheckoutAction = action(
  {
    name: 'payments.payTestCheckout',
    access: 'signedIn',
    schema: z.object({ checkoutId: checkoutIdSchema }),
  },
  async ({ input, actor, db }) => {
    const { redirectTo } = await payLocalCheckout(db, actor, input.checkoutId, new Date())
    revalidatePath('/bookings', 'layout')
    redirect(redirectTo)
  },
)
