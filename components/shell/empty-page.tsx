import { getTranslations } from 'next-intl/server'
import { PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { requireActor } from '@/lib/auth'

/** An honest empty state for areas later features fill; still authorises the visitor itself. */
export async function EmptyPage({ titleKey, bodyKey }: { titleKey: string; bodyKey: string }) {
  await requireActor()
  const t = await getTranslations('empty')
  return (
    <div className="space-y-6">
      <PageTitle>{t(titleKey)}</PageTitle>
      <EmptyState title={t(titleKey)} body={t(bodyKey)} />
    </div>
  )
}
