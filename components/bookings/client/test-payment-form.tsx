'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { failed, idle } from '@/lib/http/action-state'
import { payTestCheckoutAction } from '@/lib/payments/local-checkout-actions'

/** The "Bezahlen" button of the local Testzahlung page. */
export function TestPaymentForm({ checkoutId }: { checkoutId: string }) {
  const t = useTranslations('clientBookings.testPayment')
  const [state, action, pending] = useActionState(payTestCheckoutAction, idle)
  return (
    <form action={action} className="space-y-3">
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="checkoutId" value={checkoutId} />
      <Button type="submit" disabled={pending}>
        {pending ? t('paying') : t('pay')}
      </Button>
    </form>
  )
}
