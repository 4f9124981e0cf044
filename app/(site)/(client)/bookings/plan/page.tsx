import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { ManagePlanButton, SubscribeButton } from '@/components/payments/plan-checkout-forms'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import type { Subscription } from '@/db/schema'
import { requireRole } from '@/lib/auth'
import { formatChf } from '@/lib/money'
import { liveSubscription } from '@/lib/payments/checkout'
import { creditBalances } from '@/lib/payments/credits'
import { type InvoiceRecord, listInvoiceRecords } from '@/lib/payments/invoices'
import { listPlansForClient } from '@/lib/payments/plans'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('payments'))('title') }
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const statusKey = (s: Subscription['status']) =>
  s === 'active' || s === 'trialing'
    ? 'statusActive'
    : s === 'past_due' || s === 'unpaid'
      ? 'statusPastDue'
      : 'statusIncomplete'

const invoiceStatusTone: Record<InvoiceRecord['status'], string> = {
  paid: 'bg-green-100 text-green-900',
  failed: 'bg-red-100 text-red-900',
  refunded: 'bg-slate-100 text-slate-800',
  partially_refunded: 'bg-slate-100 text-slate-800',
}

export default async function PlanPage({ searchParams }: Props) {
  const actor = await requireRole('client')
  const { checkout } = await searchParams
  const db = getDb()
  const now = new Date()
  const [live, credits, offers, invoices] = await Promise.all([
    liveSubscription(db, actor.userId),
    creditBalances(db, actor.userId, now),
    listPlansForClient(db, actor),
    listInvoiceRecords(db, actor, 50),
  ])
  const t = await getTranslations('payments')
  const format = await getFormatter()
  const longDate = (d: Date) => format.dateTime(d, { dateStyle: 'long' })
  const sub = live?.subscription
  const active = sub?.status === 'active' || sub?.status === 'trialing'

  return (
    <div className="space-y-8">
      <div>
        <PageTitle>{t('title')}</PageTitle>
        <p className="mt-2 max-w-prose text-muted">{t('intro')}</p>
      </div>

      {/* The return URL is no proof of payment: only the webhook-fed subscription row says it is active. */}
      {checkout === 'success' && (
        <Alert tone={active ? 'success' : 'info'}>
          {active ? t('banner.successActive') : t('banner.successPending')}
        </Alert>
      )}
      {checkout === 'cancelled' && <Alert tone="warning">{t('banner.cancelled')}</Alert>}

      {live && sub ? (
        <Card aria-labelledby="current-plan" className="space-y-5">
          <div>
            <h2 id="current-plan" className="text-lg font-semibold">
              {t('current.heading')}: {live.planName ?? t('title')}
            </h2>
            <p className="mt-1">
              <span className="font-medium">{t('current.status')}:</span>{' '}
              {sub.cancelAtPeriodEnd && sub.currentPeriodEnd
                ? t('current.endsOn', { date: longDate(sub.currentPeriodEnd) })
                : t(`current.${statusKey(sub.status)}`)}
            </p>
            {active && !sub.cancelAtPeriodEnd && sub.currentPeriodEnd && (
              <p className="text-sm text-muted">
                {t('current.renewsOn', { date: longDate(sub.currentPeriodEnd) })}
              </p>
            )}
            {sub.cancelAtPeriodEnd && <p className="text-sm text-muted">{t('current.endsHint')}</p>}
            {statusKey(sub.status) === 'statusPastDue' && (
              <Alert tone="warning" className="mt-3">
                {t('current.pastDueHint')}
              </Alert>
            )}
          </div>
          <div>
            <h3 className="font-semibold">{t('current.creditsHeading')}</h3>
            {credits.length === 0 ? (
              <p className="mt-1 text-muted">{t('current.noCredits')}</p>
            ) : (
              <ul className="mt-1 space-y-1">
                {credits.map((c) => (
                  <li key={c.sessionTypeId}>
                    <span className="font-medium">
                      {t('current.credits', { count: c.remaining, name: c.sessionName })}
                    </span>
                    , {t('current.validUntil', { date: longDate(c.nextExpiry) })}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="flex flex-wrap items-start gap-3">
            {credits.length > 0 && (
              <Button asChild>
                <Link href="/bookings/new">{t('current.book')}</Link>
              </Button>
            )}
            <ManagePlanButton />
          </div>
        </Card>
      ) : offers.length === 0 ? (
        <EmptyState title={t('offers.emptyTitle')} body={t('offers.emptyBody')} />
      ) : (
        <section aria-labelledby="offers" className="space-y-4">
          <h2 id="offers" className="text-lg font-semibold">
            {t('offers.heading')}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {offers.map((p) => (
              <li key={p.id}>
                <Card className="flex h-full flex-col gap-3">
                  <h3 id={`plan-${p.id}`} className="text-lg font-semibold">
                    {p.name}
                  </h3>
                  <p>
                    {t('offers.sessions', {
                      count: p.sessionsPerMonth,
                      name: p.sessionTypeName,
                      minutes: p.durationMinutes,
                    })}
                  </p>
                  <p className="text-xl font-semibold">
                    {t('offers.price', { price: formatChf(p.priceRappen) })}
                  </p>
                  <p className="text-sm text-muted">{t('offers.terms')}</p>
                  <div className="mt-auto">
                    <SubscribeButton planId={p.id} describedBy={`plan-${p.id}`} />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="invoices" className="space-y-4">
        <h2 id="invoices" className="text-lg font-semibold">
          {t('invoices.heading')}
        </h2>
        {invoices.length === 0 ? (
          <Card>
            <p className="text-muted">{t('invoices.empty')}</p>
          </Card>
        ) : (
          <DataTable
            label={t('invoices.heading')}
            columns={[t('invoices.date'), t('invoices.what'), t('invoices.amount'), t('invoices.status')]}
          >
            {invoices.map((i) => (
              <Row key={i.id}>
                <Cell className="whitespace-nowrap">
                  {format.dateTime(i.occurredAt, { dateStyle: 'medium' })}
                </Cell>
                <Cell>{i.description}</Cell>
                <Cell className="whitespace-nowrap">{formatAmount(i.amountRappen, i.currency)}</Cell>
                <Cell>
                  <Badge className={invoiceStatusTone[i.status]}>
                    {i.status === 'partially_refunded'
                      ? t('invoices.partiallyRefunded', {
                          amount: formatAmount(i.refundedRappen, i.currency),
                        })
                      : t(`invoices.${i.status}`)}
                  </Badge>
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
        <p className="max-w-prose text-sm text-muted">{t('cardNote')}</p>
      </section>
    </div>
  )
}

/** Invoice amounts are CHF here; another currency (should Stripe ever send one) is shown as such. */
function formatAmount(rappen: number, currency: string): string {
  if (currency.toLowerCase() === 'chf') return formatChf(rappen)
  return new Intl.NumberFormat('de-CH', { style: 'currency', currency: currency.toUpperCase() }).format(
    rappen / 100,
  )
}
