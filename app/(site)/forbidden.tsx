import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { Card, PageTitle } from '@/components/ui/card'
import { getActor, homeFor } from '@/lib/auth'

export default async function Forbidden() {
  const t = await getTranslations('forbidden')
  const actor = await getActor()
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <Card>
        <PageTitle>{t('title')}</PageTitle>
        <p className="mt-2 text-muted">{t('body')}</p>
        <Link href={actor ? homeFor(actor.role) : '/'} className="mt-4 inline-block text-brand-700 underline">
          {t('home')}
        </Link>
      </Card>
    </main>
  )
}
