import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { BookForm } from '@/components/bookings/client/book-form'
import { BookingFacts } from '@/components/bookings/client/booking-facts'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { Problem } from '@/components/bookings/client/problem'
import { parseFromDate, SlotPicker } from '@/components/bookings/client/slot-picker'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { getDb } from '@/db/client'
import { type Actor, requireRole } from '@/lib/auth'
import { freeSlotsFor, HOLD_MINUTES, listBookableTypes } from '@/lib/bookings/booking'
import { formatChf } from '@/lib/money'
import { groupSlotsByDay } from '@/lib/bookings/slots'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { errorMessage } from '@/lib/i18n/error-text'
import { creditBalances } from '@/lib/payments/credits'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('clientBookings.new'))('title') }
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined)
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s))

/**
 * Booking in three steps on one address (R3.2): choose the offer, then a free slot (client's zone), then how to
 * pay. A forged or outdated `type`/`start` gets a message and a way back; nothing is written before the button.
 */
export default async function NewBookingPage({ searchParams }: Props) {
  const actor = await requireRole('client')
  const q = await searchParams
  const t = await getTranslations('clientBookings.new')
  const typeId = one(q.type)
  const start = one(q.start)
  return (
    <div className="space-y-6">
      <BackLink href="/bookings">{t('back')}</BackLink>
      <PageTitle>{t('title')}</PageTitle>
      {typeId === undefined ? (
        <ChooseType actor={actor} />
      ) : (
        <ChooseSlot actor={actor} typeId={typeId} start={start} from={parseFromDate(one(q.from))} />
      )}
    </div>
  )
}

async function ChooseType({ actor }: { actor: Actor }) {
  const t = await getTranslations('clientBookings')
  let types: Awaited<ReturnType<typeof listBookableTypes>>
  try {
    types = await listBookableTypes(getDb(), actor)
  } catch (error) {
    if (error instanceof ConflictError) return <Alert tone="warning">{await errorMessage(error)}</Alert>
    throw error
  }
  return (
    <section aria-labelledby="step-title" className="space-y-4">
      <p className="text-sm text-muted">{t('new.step', { step: 1 })}</p>
      <h2 id="step-title" className="text-xl font-semibold">
        {t('new.chooseType')}
      </h2>
      {types.length === 0 ? (
        <EmptyState title={t('new.noTypesTitle')} body={t('new.noTypes')} />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {types.map((type) => (
            <li key={type.id}>
              <Card className="flex h-full flex-col gap-3">
                <h3 className="text-lg font-semibold">{type.name}</h3>
                <p className="text-sm text-muted">
                  {t('minutes', { minutes: type.durationMinutes })} ·{' '}
                  {type.mode === 'video' ? t('modeVideo') : t('modeInPerson')} · {formatChf(type.priceRappen)}
                </p>
                <Button asChild className="mt-auto self-start">
                  <Link
                    href={`/bookings/new?type=${type.id}`}
                    aria-label={`${type.name}: ${t('new.pickTime')}`}
                  >
                    {t('new.pickTime')}
                  </Link>
                </Button>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

async function ChooseSlot({
  actor,
  typeId,
  start,
  from,
}: {
  actor: Actor
  typeId: string
  start?: string
  from?: string
}) {
  const t = await getTranslations('clientBookings')
  const db = getDb()
  const now = new Date()
  const badType = (
    <Problem message={t('new.badType')} backHref="/bookings/new" backLabel={t('new.backToTypes')} />
  )
  if (!z.uuid().safeParse(typeId).success) return badType
  let offer: Awaited<ReturnType<typeof freeSlotsFor>>
  try {
    offer = await freeSlotsFor(db, actor, typeId, now)
  } catch (error) {
    if (error instanceof NotFoundError) return badType
    if (error instanceof ConflictError) return <Alert tone="warning">{await errorMessage(error)}</Alert>
    throw error
  }
  const { type, slots } = offer
  const format = await getBookingFormat(actor.timeZone)
  const typeHref = `/bookings/new?type=${type.id}`
  const summary = `${type.name} · ${t('minutes', { minutes: type.durationMinutes })} · ${
    type.mode === 'video' ? t('modeVideo') : t('modeInPerson')
  } · ${formatChf(type.priceRappen)}`

  if (start === undefined) {
    return (
      <section aria-labelledby="step-title" className="space-y-4">
        <p className="text-sm text-muted">{t('new.step', { step: 2 })}</p>
        <h2 id="step-title" className="text-xl font-semibold">
          {t('new.chooseSlot')}
        </h2>
        <p>
          {summary}{' '}
          <Link href="/bookings/new" className="text-brand-700 underline">
            {t('new.otherType')}
          </Link>
        </p>
        {slots.length === 0 ? (
          <EmptyState title={t('new.noSlotsTitle')} body={t('new.noSlots')} />
        ) : (
          <SlotPicker
            groups={groupSlotsByDay(slots, actor.timeZone)}
            format={format}
            from={from}
            slotHref={(s) => `${typeHref}&start=${encodeURIComponent(s.start.toISOString())}`}
            pageHref={(f) => (f ? `${typeHref}&from=${f}` : typeHref)}
          />
        )}
      </section>
    )
  }

  const parsed = instant.safeParse(start)
  const chosen = parsed.success ? slots.find((s) => s.start.getTime() === parsed.data.getTime()) : undefined
  if (!chosen)
    return <Problem message={t('new.badStart')} backHref={typeHref} backLabel={t('new.backToSlots')} />
  const credit = (await creditBalances(db, actor.userId, now)).find((c) => c.sessionTypeId === type.id)

  return (
    <section aria-labelledby="step-title" className="space-y-4">
      <p className="text-sm text-muted">{t('new.step', { step: 3 })}</p>
      <h2 id="step-title" className="text-xl font-semibold">
        {t('new.confirm')}
      </h2>
      <Card className="space-y-5">
        <BookingFacts
          when={format.when(chosen.start)}
          durationMinutes={type.durationMinutes}
          sessionName={type.name}
          mode={type.mode}
          extra={[{ label: t('facts.price'), value: formatChf(type.priceRappen) }]}
        />
        <p className="text-sm text-muted">
          {t('new.cutoffNote', { hours: offer.settings.cancelCutoffHours })}
        </p>
        <BookForm
          sessionTypeId={type.id}
          startsAt={chosen.start.toISOString()}
          price={formatChf(type.priceRappen)}
          creditsLeft={credit?.remaining ?? 0}
          holdMinutes={HOLD_MINUTES}
          pickAgainHref={typeHref}
        />
      </Card>
      <Link href={typeHref} className="inline-block text-brand-700 underline">
        {t('new.otherTime')}
      </Link>
    </section>
  )
}
