import { setRequestLocale } from 'next-intl/server'
import { PrerenderedPage } from '@/components/shell/prerendered-page'
import { PrivacyContent, privacyMetadata } from '@/components/public/privacy-content'
import { parseLocale } from '@/lib/i18n/locale'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props) {
  setRequestLocale(parseLocale((await params).locale))
  return privacyMetadata()
}

/** /datenschutz, prerendered per language (served by proxy.ts at /datenschutz). */
export default async function Page({ params }: Props) {
  setRequestLocale(parseLocale((await params).locale))
  return (
    <PrerenderedPage>
      <PrivacyContent />
    </PrerenderedPage>
  )
}
