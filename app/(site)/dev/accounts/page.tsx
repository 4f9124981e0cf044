import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { TestAccountForm } from '@/components/account/test-account-form'
import { PageTitle } from '@/components/ui/card'
import { requireActor } from '@/lib/auth'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('data.devAccounts'))('title') }
}

/** Signed in only (issue 16.5): open to the network it would hand anyone an account. */
export default async function DevAccountsPage() {
  await requireActor()
  const t = await getTranslations('data.devAccounts')
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <p className="max-w-prose text-muted">{t('intro')}</p>
      <TestAccountForm />
    </div>
  )
}
