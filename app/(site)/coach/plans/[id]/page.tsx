import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { PlanForm, TogglePlan } from '@/components/payments/plan-forms'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { rappenToInput } from '@/lib/money'
import { listSessionTypes } from '@/lib/bookings/offering'
import { orNotFound } from '@/lib/http/or-not-found'
import { getPlan } from '@/lib/payments/plans'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('plans'))('edit') }
}

export default async function EditPlanPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireRole('coach')
  const { id } = await params
  if (!z.uuid().safeParse(id).success) notFound()
  const db = getDb()
  const plan = await orNotFound(getPlan(db, actor, id))
  const types = await listSessionTypes(db, actor.userId)
  const t = await getTranslations('plans')
  return (
    <div className="space-y-6">
      <BackLink href="/coach/plans">{t('back')}</BackLink>
      <PageTitle>{t('edit')}</PageTitle>
      <Card className="max-w-3xl">
        <PlanForm
          id={plan.id}
          sessionTypes={types}
          initial={{
            name: plan.name,
            sessionTypeId: plan.sessionTypeId,
            sessionsPerMonth: String(plan.sessionsPerMonth),
            price: rappenToInput(plan.priceRappen),
          }}
        />
      </Card>
      <Card aria-labelledby="plan-status" className="max-w-3xl space-y-3">
        <h2 id="plan-status" className="text-lg font-semibold">
          {t('status')}
        </h2>
        <p>
          <Badge className={plan.active ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-800'}>
            {plan.active ? t('active') : t('inactive')}
          </Badge>
        </p>
        <p className="text-sm text-muted">{t('pauseHint')}</p>
        <TogglePlan id={plan.id} active={plan.active} name={plan.name} />
      </Card>
    </div>
  )
}
