import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { LocalPortalActions } from '@/components/payments/plan-checkout-forms'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { localPaymentsEnabled, localPortalState } from '@/lib/payments/local-checkout'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('payments.portal'))('title') }
}

/**
 * The local stand-in for the Stripe customer portal (no STRIPE_SECRET_KEY). With Stripe configured this page
 * does not exist: the real portal is the only place to change a plan.
 */
export default async function LocalBillingPortalPage() {
  if (!localPaymentsEnabled()) notFound()
  const actor = await requireRole('client')
  const live = await localPortalState(getDb(), actor)
  const t = await getTranslations('payments')
  const format = await getFormatter()
  const sub = live?.subscription
  const status = (() => {
    if (!sub) return ''
    if (sub.status === 'active' || sub.status === 'trialing') return t('current.statusActive')
    if (sub.status === 'past_due' || sub.status === 'unpaid') return t('current.statusPastDue')
    return t('current.statusIncomplete')
  })()
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <div>
        <PageTitle>{t('portal.title')}</PageTitle>
        <p className="mt-2 max-w-prose text-muted">{t('portal.intro')}</p>
      </div>
      {live && sub ? (
        <Card aria-labelledby="portal-plan" className="space-y-5">
          <h2 id="portal-plan" className="text-lg font-semibold">
            {live.planName ?? t('title')}
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-medium">{t('portal.status')}</dt>
            <dd>
              {sub.cancelAtPeriodEnd && sub.currentPeriodEnd
                ? t('current.endsOn', { date: format.dateTime(sub.currentPeriodEnd, { dateStyle: 'long' }) })
                : status}
            </dd>
            {sub.currentPeriodEnd && (
              <>
                <dt className="font-medium">{t('portal.periodEnd')}</dt>
                <dd>{format.dateTime(sub.currentPeriodEnd, { dateStyle: 'long' })}</dd>
              </>
            )}
          </dl>
          <LocalPortalActions cancelAtPeriodEnd={sub.cancelAtPeriodEnd} />
        </Card>
      ) : (
        <Card>
          <p>{t('portal.none')}</p>
        </Card>
      )}
      <p>
        <BackLink href="/bookings/plan">{t('portal.back')}</BackLink>
      </p>
    </main>
  )
}
