import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { Card, PageTitle } from '@/components/ui/card'

export default async function NotFound() {
  const t = await getTranslations('notFound')
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <Card>
        <PageTitle>{t('title')}</PageTitle>
        <p className="mt-2 text-muted">{t('body')}</p>
        <Link href="/" className="mt-4 inline-block text-brand-700 underline">
          {t('home')}
        </Link>
      </Card>
    </main>
  )
}
