'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { payTestCheckoutAction, type TestPaymentState } from '@/lib/payments/local-checkout-actions'

const idle: TestPaymentState = { status: 'idle' }

/** The "Bezahlen" button of the local Testzahlung page. */
export function TestPaymentForm({ checkoutId }: { checkoutId: string }) {
  const t = useTranslations('clientBookings.testPayment')
  const [state, action, pending] = useActionState(payTestCheckoutAction, idle)
  return (
    <form action={action} className="space-y-3">
      {state.status === 'error' && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="checkoutId" value={checkoutId} />
      <Button type="submit" disabled={pending}>
        {pending ? t('paying') : t('pay')}
      </Button>
    </form>
  )
}
