import { setRequestLocale } from 'next-intl/server'
import { PrerenderedPage } from '@/components/shell/prerendered-page'
import { ImprintContent, imprintMetadata } from '@/components/public/imprint-content'
import { parseLocale } from '@/lib/i18n/locale'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props) {
  setRequestLocale(parseLocale((await params).locale))
  return imprintMetadata()
}

/** /impressum, prerendered per language (served by proxy.ts at /impressum). */
export default async function Page({ params }: Props) {
  setRequestLocale(parseLocale((await params).locale))
  return (
    <PrerenderedPage>
      <ImprintContent />
    </PrerenderedPage>
  )
}
