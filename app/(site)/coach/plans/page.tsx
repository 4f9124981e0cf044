import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { ScheduleNav } from '@/components/bookings/schedule-nav'
import { PlanForm, TogglePlan } from '@/components/payments/plan-forms'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { formatChf } from '@/lib/money'
import { listSessionTypes } from '@/lib/bookings/offering'
import { listPlans } from '@/lib/payments/plans'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('plans'))('title') }
}

export default async function PlansPage() {
  const actor = await requireRole('coach')
  const db = getDb()
  const [plans, types] = await Promise.all([listPlans(db, actor.userId), listSessionTypes(db, actor.userId)])
  const t = await getTranslations('plans')
  // New plans default to the first bookable offer.
  const firstType = types.find((s) => s.active) ?? types[0]
  return (
    <div className="space-y-6">
      <ScheduleNav />
      <div>
        <PageTitle>{t('title')}</PageTitle>
        <p className="mt-2 max-w-prose text-muted">{t('intro')}</p>
      </div>
      {plans.length === 0 ? (
        <p className="text-muted">{t('empty')}</p>
      ) : (
        <DataTable
          label={t('title')}
          columns={[
            t('name'),
            t('sessionType'),
            t('sessionsPerMonth'),
            t('price'),
            t('status'),
            t('actions'),
          ]}
        >
          {plans.map((p) => (
            <Row key={p.id}>
              <Cell className="font-medium">
                <Link href={`/coach/plans/${p.id}`} className="text-brand-800 underline">
                  {p.name}
                </Link>
              </Cell>
              <Cell>
                {t('sessionTypeLabel', { name: p.sessionTypeName, minutes: p.durationMinutes })}
                {!p.sessionTypeActive && (
                  <span className="block text-xs text-muted">{t('sessionTypePaused')}</span>
                )}
              </Cell>
              <Cell>{p.sessionsPerMonth}</Cell>
              <Cell>{t('pricePerMonth', { price: formatChf(p.priceRappen) })}</Cell>
              <Cell>
                <Badge className={p.active ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-800'}>
                  {p.active ? t('active') : t('inactive')}
                </Badge>
              </Cell>
              <Cell>
                <TogglePlan id={p.id} active={p.active} name={p.name} />
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Card aria-labelledby="new-plan" className="max-w-3xl">
        <h2 id="new-plan" className="mb-4 text-lg font-semibold">
          {t('new')}
        </h2>
        {firstType ? (
          <PlanForm
            sessionTypes={types}
            initial={{ name: '', sessionTypeId: firstType.id, sessionsPerMonth: '2', price: '' }}
          />
        ) : (
          <p className="text-muted">
            {t('noSessionTypes')}{' '}
            <Link href="/coach/session-types" className="text-brand-800 underline">
              {t('noSessionTypesLink')}
            </Link>
          </p>
        )}
      </Card>
    </div>
  )
}
