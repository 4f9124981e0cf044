import { setRequestLocale } from 'next-intl/server'
import { PrerenderedPage } from '@/components/shell/prerendered-page'
import { AccountDeletedContent, accountDeletedMetadata } from '@/components/public/account-deleted-content'
import { parseLocale } from '@/lib/i18n/locale'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props) {
  setRequestLocale(parseLocale((await params).locale))
  return accountDeletedMetadata()
}

/** /account-deleted, prerendered per language (served by proxy.ts at /account-deleted). */
export default async function Page({ params }: Props) {
  setRequestLocale(parseLocale((await params).locale))
  return (
    <PrerenderedPage>
      <AccountDeletedContent />
    </PrerenderedPage>
  )
}
