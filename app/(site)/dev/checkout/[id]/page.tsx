import type { Metadata } from 'next'
import Link from 'next/link'
import { BackLink } from '@/components/ui/back-link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { TestPaymentForm } from '@/components/bookings/client/test-payment-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireActor } from '@/lib/auth'
import { formatChf } from '@/lib/money'
import { orNotFound } from '@/lib/http/or-not-found'
import { getLocalCheckout, localPaymentsEnabled } from '@/lib/payments/local-checkout'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('clientBookings.testPayment'))('title') }
}

/**
 * "Testzahlung" (ARCHITECTURE must 4): what Stripe Checkout would show, without money. "Bezahlen" sends the
 * signed event Stripe would send to our webhook; "Abbrechen" goes back like Stripe's cancel_url.
 */
export default async function TestPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  if (!localPaymentsEnabled()) notFound()
  const actor = await requireActor()
  const { id } = await params
  if (!/^cs_local_[A-Za-z0-9_-]{1,64}$/.test(id)) notFound()
  const { checkout, booking, planName } = await orNotFound(getLocalCheckout(getDb(), actor, id))
  const t = await getTranslations('clientBookings.testPayment')
  const format = await getBookingFormat(actor.timeZone)
  const back = checkout.kind === 'booking' ? `/bookings/${checkout.bookingId}` : '/bookings/plan'
  const open = checkout.status === 'open' && checkout.expiresAt > new Date()

  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <Alert tone="warning">{t('noMoney')}</Alert>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{t('what')}</h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {checkout.kind === 'booking' && booking ? (
            <>
              <dt className="font-medium text-muted">{t('session')}</dt>
              <dd>
                {booking.sessionName}, {t('minutes', { minutes: booking.durationMinutes })}
              </dd>
              <dt className="font-medium text-muted">{t('when')}</dt>
              <dd>{format.when(booking.startsAt)}</dd>
            </>
          ) : (
            <>
              <dt className="font-medium text-muted">{t('plan')}</dt>
              <dd>{t('planMonthly', { name: planName ?? '—' })}</dd>
            </>
          )}
          <dt className="font-medium text-muted">{t('amount')}</dt>
          <dd className="font-semibold">{formatChf(checkout.amountRappen)}</dd>
          <dt className="font-medium text-muted">{t('validUntil')}</dt>
          <dd>{format.when(checkout.expiresAt)}</dd>
        </dl>
      </Card>
      {open ? (
        <div className="flex flex-wrap items-start gap-3">
          <TestPaymentForm checkoutId={checkout.stripeSessionId} />
          <Button asChild variant="ghost">
            <Link href={`${back}?checkout=cancelled`}>{t('cancel')}</Link>
          </Button>
        </div>
      ) : (
        <div className="space-y-3">
          <Alert tone="info">{checkout.status === 'complete' ? t('completed') : t('expired')}</Alert>
          <BackLink href={back}>
            {checkout.kind === 'booking' ? t('backToBooking') : t('backToPlan')}
          </BackLink>
        </div>
      )}
    </div>
  )
}
