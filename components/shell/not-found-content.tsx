import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { Card, PageTitle } from '@/components/ui/card'

/**
 * The words of a 404, without a landmark: inside the app shell (which has its `<main>`) it is rendered as it is,
 * at the top level app/(site)/not-found.tsx and app/global-not-found.tsx wrap it in the page's only `<main>`.
 */
export async function NotFoundContent() {
  const t = await getTranslations('notFound')
  return (
    <Card className="mx-auto max-w-xl">
      <PageTitle>{t('title')}</PageTitle>
      <p className="mt-2 text-muted">{t('body')}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        {t('home')}
      </Link>
    </Card>
  )
}
