'use client'

import { useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { failed, idle } from '@/lib/http/action-state'
import { localPortalAction, manageAction, subscribeAction } from '@/lib/payments/checkout-actions'

/** "Abo abschliessen" on a plan card; `describedBy` names the card's heading so the button says which plan. */
export function SubscribeButton({ planId, describedBy }: { planId: string; describedBy: string }) {
  const t = useTranslations('payments.offers')
  const [state, action, pending] = useActionState(subscribeAction, idle)
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="planId" value={planId} />
      <Button type="submit" disabled={pending} aria-describedby={describedBy}>
        {pending ? t('subscribing') : t('subscribe')}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}

/** "Abo verwalten": on to the Stripe customer portal (locally the test portal). */
export function ManagePlanButton() {
  const t = useTranslations('payments.current')
  const [state, action, pending] = useActionState(manageAction, idle)
  return (
    <form action={action} className="space-y-2">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t('managing') : t('manage')}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}

type LocalPortalChoice = 'cancel_at_period_end' | 'resume' | 'renew'
const doneText = { cancel_at_period_end: 'doneCancel', resume: 'doneResume', renew: 'doneRenew' } as const

/**
 * The local test portal's choices in one form, so the outcome stays visible after the page re-renders with the
 * other cancel/resume button. The pressed button says it is working.
 */
export function LocalPortalActions({ cancelAtPeriodEnd }: { cancelAtPeriodEnd: boolean }) {
  const t = useTranslations('payments.portal')
  const [state, action, pending] = useActionState(localPortalAction, idle)
  const [pressed, setPressed] = useState<LocalPortalChoice | null>(null)
  const button = (choice: LocalPortalChoice, label: string, variant: 'primary' | 'secondary') => (
    <Button
      type="submit"
      name="choice"
      value={choice}
      variant={variant}
      disabled={pending}
      onClick={() => setPressed(choice)}
    >
      {pending && pressed === choice ? t('working') : label}
    </Button>
  )
  return (
    <form action={action} className="space-y-4">
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
      {state.data && <Alert tone="success">{t(doneText[state.data])}</Alert>}
      <div className="flex flex-wrap gap-3">
        {cancelAtPeriodEnd
          ? button('resume', t('resume'), 'primary')
          : button('cancel_at_period_end', t('cancel'), 'primary')}
        {button('renew', t('renew'), 'secondary')}
      </div>
      <p className="max-w-prose text-sm text-muted">{t('renewHint')}</p>
    </form>
  )
}
