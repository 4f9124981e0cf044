import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { listClientsOfCoach } from '@/lib/account/service'
import { requireRole } from '@/lib/auth'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('coach'))('overviewTitle') }
}

export default async function CoachHome() {
  const actor = await requireRole('coach')
  const clients = await listClientsOfCoach(getDb(), actor)
  const t = await getTranslations('coach')
  return (
    <div className="space-y-6">
      <PageTitle>{t('welcome', { name: actor.name })}</PageTitle>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold">{t('clientsTitle')}</h2>
          <p className="mt-2">
            <Link href="/coach/clients" className="text-brand-700 underline">
              {t('clientCount', { count: clients.length })}
            </Link>
          </p>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">{t('overviewTitle')}</h2>
          <p className="mt-2 text-muted">{t('todayEmpty')}</p>
        </Card>
      </div>
    </div>
  )
}
