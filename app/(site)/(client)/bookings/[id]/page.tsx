import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { BookingFacts } from '@/components/bookings/client/booking-facts'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { bookingStatus } from '@/components/bookings/client/booking-list'
import { CancelArea, CancelBooking } from '@/components/bookings/client/cancel'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { getBooking } from '@/lib/bookings/booking'
import { formatChf } from '@/lib/money'
import { orNotFound } from '@/lib/http/or-not-found'
import { openCheckoutOfBooking } from '@/lib/payments/checkout'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('clientBookings.detail'))('title') }
}

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

/**
 * One booking (R3.3, R4.1): facts, payment, and what can still be done. The checkout's success address is no
 * proof of payment: only the webhook confirms, so a pending booking says it is waiting for that.
 */
export default async function BookingPage({ params, searchParams }: Props) {
  const actor = await requireRole('client')
  const { id } = await params
  if (!z.uuid().safeParse(id).success) notFound()
  const flags = await searchParams
  const db = getDb()
  const now = new Date()
  const { booking, payment, window } = await orNotFound(getBooking(db, actor, id, now))
  const t = await getTranslations('clientBookings')
  const tVideo = await getTranslations('video')
  const format = await getBookingFormat(actor.timeZone)

  const holding =
    booking.status === 'pending' && booking.holdExpiresAt !== null && booking.holdExpiresAt > now
  const checkout = holding ? await openCheckoutOfBooking(db, actor, booking.id, now) : null
  const started = booking.startsAt <= now
  const status = await bookingStatus(booking, format, booking.endsAt <= now)
  const paymentText = payment
    ? `${formatChf(payment.amountRappen)} · ${t(`payment.${payment.status}`)}`
    : booking.paymentMethod === 'credit'
      ? t('payment.credit')
      : booking.status === 'pending'
        ? `${formatChf(booking.priceRappen)} · ${t('payment.open')}`
        : t('payment.none')

  return (
    <div className="space-y-6">
      <BackLink href="/bookings">{t('detail.back')}</BackLink>
      <PageTitle>{booking.sessionName}</PageTitle>

      {flags.booked === '1' && booking.status === 'confirmed' && (
        <Alert tone="success">{t('detail.booked')}</Alert>
      )}
      {flags.moved === '1' && booking.status === 'confirmed' && (
        <Alert tone="success">{t('detail.moved')}</Alert>
      )}
      {flags.checkout === 'success' &&
        (booking.status === 'confirmed' ? (
          <Alert tone="success">{t('detail.paid')}</Alert>
        ) : booking.status === 'pending' ? (
          <Alert tone="info">
            {t('detail.paymentConfirming')}{' '}
            <Link href={`/bookings/${booking.id}?checkout=success`} className="font-medium underline">
              {t('detail.reload')}
            </Link>
          </Alert>
        ) : null)}

      <CancelArea audience="client">
        <Card className="space-y-4">
          <div>
            <Badge className={status.tone}>{status.text}</Badge>
          </div>
          <BookingFacts
            when={format.when(booking.startsAt)}
            durationMinutes={booking.durationMinutes}
            sessionName={booking.sessionName}
            mode={booking.mode}
            extra={[{ label: t('facts.payment'), value: paymentText }]}
          />
          {booking.status === 'confirmed' && (
            <Link
              href={`/sessions/${booking.id}`}
              className="inline-block font-medium text-brand-700 underline"
            >
              {booking.mode === 'video' ? tVideo('link') : tVideo('transcriptionLink')}
            </Link>
          )}
        </Card>

        {holding && booking.holdExpiresAt && (
          <Card aria-labelledby="hold-title" className="space-y-3">
            <h2 id="hold-title" className="text-lg font-semibold">
              {flags.checkout === 'cancelled' ? t('detail.checkoutCancelled') : t('detail.paymentOpen')}
            </h2>
            <p>{t('detail.heldUntil', { time: format.time(booking.holdExpiresAt) })}</p>
            <div className="flex flex-wrap items-start gap-3">
              {checkout && (
                <Button asChild>
                  <a href={checkout.url}>{t('detail.continuePayment')}</a>
                </Button>
              )}
              <CancelBooking
                bookingId={booking.id}
                intent="release"
                label={t('detail.release')}
                question={t('detail.releaseQuestion')}
              />
            </div>
          </Card>
        )}
        {booking.status === 'pending' && !holding && (
          <Alert tone="warning">
            {t('detail.holdExpired')}{' '}
            <Link href="/bookings/new" className="font-medium underline">
              {t('bookNew')}
            </Link>
          </Alert>
        )}

        {booking.status === 'confirmed' && !started && (
          <Card aria-labelledby="change-title" className="space-y-3">
            <h2 id="change-title" className="text-lg font-semibold">
              {t('detail.changeTitle')}
            </h2>
            {window.open ? (
              <>
                <p>
                  {t('detail.changeUntil', { until: format.when(window.until) })}{' '}
                  {booking.paymentMethod === 'credit' ? t('detail.settleCredit') : t('detail.settleRefund')}
                </p>
                <div className="flex flex-wrap items-start gap-3">
                  <Button asChild variant="secondary">
                    <Link href={`/bookings/${booking.id}/reschedule`}>{t('detail.reschedule')}</Link>
                  </Button>
                  <CancelBooking
                    bookingId={booking.id}
                    intent="cancel"
                    label={t('detail.cancel')}
                    question={t('detail.cancelQuestion', { when: format.when(booking.startsAt) })}
                  />
                </div>
              </>
            ) : (
              <p>{t('detail.cutoffPassed', { hours: window.cutoffHours })}</p>
            )}
          </Card>
        )}
      </CancelArea>
    </div>
  )
}
