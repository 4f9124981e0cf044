'use client'

import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { bookAction, rescheduleAction } from '@/lib/bookings/booking-actions'
import { type ActionState, failed, idle } from '@/lib/http/action-state'

/** The chosen time is gone (or the form did not name one): the form offers to choose another. */
const GONE = ['bookings.slotTaken', 'bookings.slotNotOffered']
const pickAgain = (state: ActionState<unknown>) =>
  state.status === 'invalid' || GONE.includes(state.code ?? '')

function Failure({ state, pickAgainHref }: { state: ActionState<unknown>; pickAgainHref: string }) {
  const t = useTranslations('clientBookings.book')
  if (!failed(state)) return null
  return (
    <Alert tone="error">
      <p>{state.message}</p>
      {pickAgain(state) && (
        <p className="mt-2">
          <Link href={pickAgainHref} className="font-medium underline">
            {t('pickAgain')}
          </Link>
        </p>
      )}
    </Alert>
  )
}

const radio = 'mt-1 size-5 shrink-0 accent-brand-600'

/**
 * Step 3 of booking: how to pay, then "Verbindlich buchen". By card the browser goes on to the checkout; the
 * plan credit is offered only when the client has one left for this session type.
 */
export function BookForm({
  sessionTypeId,
  startsAt,
  price,
  creditsLeft,
  holdMinutes,
  pickAgainHref,
}: {
  sessionTypeId: string
  startsAt: string
  price: string
  creditsLeft: number
  holdMinutes: number
  pickAgainHref: string
}) {
  const t = useTranslations('clientBookings.book')
  const [state, action, pending] = useActionState(bookAction, idle)
  const chosen = state.values?.payWith ?? (creditsLeft > 0 ? 'credit' : 'checkout')
  return (
    <form action={action} className="space-y-5">
      <Failure state={state} pickAgainHref={pickAgainHref} />
      <input type="hidden" name="sessionTypeId" value={sessionTypeId} />
      <input type="hidden" name="startsAt" value={startsAt} />
      {creditsLeft > 0 ? (
        <fieldset className="space-y-3">
          <legend className="mb-2 font-semibold">{t('payLegend')}</legend>
          <label className="flex items-start gap-3">
            <input
              type="radio"
              name="payWith"
              value="credit"
              defaultChecked={chosen === 'credit'}
              className={radio}
              aria-describedby="pay-credit-hint"
            />
            <span>
              <span className="font-medium">{t('payCredit', { count: creditsLeft })}</span>
              <span id="pay-credit-hint" className="block text-sm text-muted">
                {t('payCreditHint')}
              </span>
            </span>
          </label>
          <label className="flex items-start gap-3">
            <input
              type="radio"
              name="payWith"
              value="checkout"
              defaultChecked={chosen === 'checkout'}
              className={radio}
              aria-describedby="pay-card-hint"
            />
            <span>
              <span className="font-medium">{t('payCard', { price })}</span>
              <span id="pay-card-hint" className="block text-sm text-muted">
                {t('payCardHint', { minutes: holdMinutes })}
              </span>
            </span>
          </label>
        </fieldset>
      ) : (
        <div>
          <input type="hidden" name="payWith" value="checkout" />
          <p className="font-medium">{t('payCard', { price })}</p>
          <p className="text-sm text-muted">{t('payCardHint', { minutes: holdMinutes })}</p>
        </div>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t('working') : t('submit')}
      </Button>
    </form>
  )
}

/** Confirms moving a booking to the chosen new time. */
export function RescheduleForm({
  bookingId,
  startsAt,
  pickAgainHref,
}: {
  bookingId: string
  startsAt: string
  pickAgainHref: string
}) {
  const t = useTranslations('clientBookings.reschedule')
  const [state, action, pending] = useActionState(rescheduleAction, idle)
  return (
    <form action={action} className="space-y-4">
      <Failure state={state} pickAgainHref={pickAgainHref} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="startsAt" value={startsAt} />
      <Button type="submit" disabled={pending}>
        {pending ? t('working') : t('submit')}
      </Button>
    </form>
  )
}
