import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { TestAccountForm } from '@/components/account/test-account-form'
import { PageTitle } from '@/components/ui/card'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('data.devAccounts'))('title') }
}

export default async function DevAccountsPage() {
  const t = await getTranslations('data.devAccounts')
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <p className="max-w-prose text-muted">{t('intro')}</p>
      <TestAccountForm />
    </div>
  )
}
