'use client'

import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { Card, PageTitle } from '@/components/ui/card'

/** No stack trace for people: a plain message and a retry. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('error')
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <Card>
        <PageTitle>{t('title')}</PageTitle>
        <p className="mt-2 text-muted">{t('body')}</p>
        <Button className="mt-4" onClick={reset}>
          {t('retry')}
        </Button>
      </Card>
    </main>
  )
}
