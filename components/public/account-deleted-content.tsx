import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { Card, PageTitle } from '@/components/ui/card'

export async function accountDeletedMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('data.deleted'))('title') }
}

/** After "Account löschen" (R10.2): the person is signed out; this page says what happened and what follows. */
export async function AccountDeletedContent() {
  const t = await getTranslations('data.deleted')
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <Card className="space-y-4" data-testid="account-deleted">
        <PageTitle>{t('title')}</PageTitle>
        <p>{t('body')}</p>
        <p>{t('mail')}</p>
        <p className="text-sm text-muted">{t('contact')}</p>
        <Link href="/sign-in" className="inline-block text-brand-700 underline">
          {t('home')}
        </Link>
      </Card>
    </main>
  )
}
