import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { RescheduleForm } from '@/components/bookings/client/book-form'
import { BookingFacts } from '@/components/bookings/client/booking-facts'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { Problem } from '@/components/bookings/client/problem'
import { parseFromDate, SlotPicker } from '@/components/bookings/client/slot-picker'
import { Alert } from '@/components/ui/alert'
import { Card, PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { rescheduleSlotsFor } from '@/lib/bookings/booking'
import { groupSlotsByDay } from '@/lib/bookings/slots'
import { orNotFound } from '@/lib/http/or-not-found'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('clientBookings.reschedule'))('title') }
}

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined)
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s))

/** Moving a confirmed booking (R3.3): choose a new free slot of the same length, then confirm. */
export default async function ReschedulePage({ params, searchParams }: Props) {
  const actor = await requireRole('client')
  const { id } = await params
  if (!z.uuid().safeParse(id).success) notFound()
  const q = await searchParams
  const { booking, slots, window, movable } = await orNotFound(
    rescheduleSlotsFor(getDb(), actor, id, new Date()),
  )
  const t = await getTranslations('clientBookings')
  const format = await getBookingFormat(actor.timeZone)
  const base = `/bookings/${booking.id}/reschedule`
  const start = one(q.start)

  let body
  if (!movable) {
    body = (
      <Alert tone="warning">
        {booking.status === 'confirmed'
          ? t('detail.cutoffPassed', { hours: window.cutoffHours })
          : t('reschedule.notMovable')}
      </Alert>
    )
  } else if (start === undefined) {
    body = (
      <section aria-labelledby="step-title" className="space-y-4">
        <h2 id="step-title" className="text-xl font-semibold">
          {t('reschedule.chooseSlot')}
        </h2>
        {slots.length === 0 ? (
          <EmptyState title={t('new.noSlotsTitle')} body={t('new.noSlots')} />
        ) : (
          <SlotPicker
            groups={groupSlotsByDay(slots, actor.timeZone)}
            format={format}
            from={parseFromDate(one(q.from))}
            slotHref={(s) => `${base}?start=${encodeURIComponent(s.start.toISOString())}`}
            pageHref={(f) => (f ? `${base}?from=${f}` : base)}
          />
        )}
      </section>
    )
  } else {
    const parsed = instant.safeParse(start)
    const chosen = parsed.success ? slots.find((s) => s.start.getTime() === parsed.data.getTime()) : undefined
    body = chosen ? (
      <section aria-labelledby="step-title" className="space-y-4">
        <h2 id="step-title" className="text-xl font-semibold">
          {t('reschedule.confirm')}
        </h2>
        <Card className="space-y-4">
          <p>
            {t('reschedule.from')} <s>{format.when(booking.startsAt)}</s>
          </p>
          <p className="text-lg font-semibold">
            {t('reschedule.to')} {format.when(chosen.start)}
          </p>
          <p className="text-sm text-muted">{t('reschedule.note')}</p>
          <RescheduleForm bookingId={booking.id} startsAt={chosen.start.toISOString()} pickAgainHref={base} />
        </Card>
        <Link href={base} className="inline-block text-brand-700 underline">
          {t('new.otherTime')}
        </Link>
      </section>
    ) : (
      <Problem message={t('new.badStart')} backHref={base} backLabel={t('new.backToSlots')} />
    )
  }

  return (
    <div className="space-y-6">
      <BackLink href={`/bookings/${booking.id}`}>{t('reschedule.back')}</BackLink>
      <PageTitle>{t('reschedule.title')}</PageTitle>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t('reschedule.current')}</h2>
        <BookingFacts
          when={format.when(booking.startsAt)}
          durationMinutes={booking.durationMinutes}
          sessionName={booking.sessionName}
          mode={booking.mode}
        />
      </Card>
      {body}
    </div>
  )
}
