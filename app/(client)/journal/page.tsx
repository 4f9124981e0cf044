import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { getDb } from '@/db/client'
import { coachOfClient } from '@/lib/account/service'
import { requireRole } from '@/lib/auth'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('empty'))('journalTitle') }
}

export default async function JournalPage() {
  const actor = await requireRole('client')
  const coach = await coachOfClient(getDb(), actor)
  const t = await getTranslations()
  return (
    <div className="space-y-6">
      <div>
        <PageTitle>{t('client.welcome', { name: actor.name })}</PageTitle>
        {coach && <p className="mt-1 text-muted">{t('client.yourCoach', { name: coach.name })}</p>}
      </div>
      <EmptyState title={t('empty.journalTitle')} body={t('empty.journalBody')} />
    </div>
  )
}
