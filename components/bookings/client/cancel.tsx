'use client'

import { useTranslations } from 'next-intl'
import { createContext, type ReactNode, use, useActionState, useEffect, useRef, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { cancelAction } from '@/lib/bookings/booking-actions'
import { failed, idle } from '@/lib/http/action-state'

type Audience = 'client' | 'coach'
type CancelContextValue = { action: (form: FormData) => void; pending: boolean }

const CancelContext = createContext<CancelContextValue | null>(null)

/**
 * Holds the result of a cancellation above the list or details it wraps: the cancelled booking's own controls
 * disappear once the page is refreshed, the message about refund or credit must not disappear with them.
 */
export function CancelArea({ audience, children }: { audience: Audience; children: ReactNode }) {
  const [state, action, pending] = useActionState(cancelAction, idle)
  return (
    <CancelContext value={{ action, pending }}>
      <div className="space-y-6">
        <CancelOutcome state={state} audience={audience} />
        {children}
      </div>
    </CancelContext>
  )
}

type Cancelled = Awaited<ReturnType<typeof cancelAction>>

function CancelOutcome({ state, audience }: { state: Cancelled; audience: Audience }) {
  const t = useTranslations(`clientBookings.cancel.${audience}`)
  if (failed(state)) return <Alert tone="error">{state.message}</Alert>
  const done = state.data
  if (state.status !== 'ok' || !done) return null
  if (done.intent === 'release') return <Alert tone="success">{t('released')}</Alert>
  if (done.refundFailed)
    return (
      <div className="space-y-2">
        <Alert tone="success">{t('none')}</Alert>
        <Alert tone="error">{t('refundFailed')}</Alert>
      </div>
    )
  return <Alert tone="success">{t(done.settlement)}</Alert>
}

/**
 * "Absagen" (or "Reservation freigeben") that asks once more before anything happens; must sit inside a
 * CancelArea. `name` tells rows apart for screen readers ("Absagen: Do, 10. Dezember 2026, 14:00").
 */
export function CancelBooking({
  bookingId,
  intent,
  label,
  question,
  name,
}: {
  bookingId: string
  intent: 'cancel' | 'release'
  label: string
  question: string
  name?: string
}) {
  const t = useTranslations('clientBookings.cancel')
  const context = use(CancelContext)
  const [confirming, setConfirming] = useState(false)
  const yes = useRef<HTMLButtonElement>(null)
  const trigger = useRef<HTMLButtonElement>(null)
  const backFromQuestion = useRef(false)
  // Keyboard users keep their place: into the question, and back to the button after "Nein".
  useEffect(() => {
    if (confirming) yes.current?.focus()
    else if (backFromQuestion.current) trigger.current?.focus()
  }, [confirming])
  if (!context) throw new Error('CancelBooking needs a CancelArea')
  const { action, pending } = context

  if (!confirming)
    return (
      <Button
        ref={trigger}
        type="button"
        variant={intent === 'cancel' ? 'secondary' : 'ghost'}
        onClick={() => setConfirming(true)}
        aria-label={name ? `${label}: ${name}` : undefined}
      >
        {label}
      </Button>
    )
  return (
    <form action={action} className="space-y-3" role="group" aria-label={name ? `${label}: ${name}` : label}>
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="intent" value={intent} />
      <p className="max-w-prose text-sm">{question}</p>
      <div className="flex flex-wrap gap-2">
        <Button ref={yes} type="submit" variant="danger" disabled={pending}>
          {pending ? t('working') : intent === 'cancel' ? t('confirmYes') : t('releaseYes')}
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={pending}
          onClick={() => {
            backFromQuestion.current = true
            setConfirming(false)
          }}
        >
          {t('confirmNo')}
        </Button>
      </div>
    </form>
  )
}
