import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { ActivityLog } from '@/components/audit/activity-log'
import { PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { getDb } from '@/db/client'
import { ownActivityPage } from '@/lib/audit/activity'
import { requireRole } from '@/lib/auth'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('dataPage'))('title') }
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** Data rights (export and deletion follow, R10) and the client's own audit log (R13.2). */
export default async function DataPage({ searchParams }: Props) {
  const actor = await requireRole('client')
  const { seite } = await searchParams
  const requested = Number.parseInt(typeof seite === 'string' ? seite : '1', 10)
  const activity = await ownActivityPage(getDb(), actor, Number.isFinite(requested) ? requested : 1)
  const t = await getTranslations('dataPage')
  return (
    <div className="space-y-8">
      <PageTitle>{t('title')}</PageTitle>
      <EmptyState title={t('rightsTitle')} body={t('rightsBody')} />
      <ActivityLog {...activity} />
    </div>
  )
}
