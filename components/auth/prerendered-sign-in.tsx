import { notFound } from 'next/navigation'
import { setRequestLocale } from 'next-intl/server'
import { type SignInNotice, SignInContent, signInMetadata } from '@/components/auth/sign-in-content'
import { PrerenderedPage } from '@/components/shell/prerendered-page'
import { authMode } from '@/lib/auth/mode'
import { parseLocale } from '@/lib/i18n/locale'

type Props = { params: Promise<{ locale: string }> }

/**
 * The sign-in page for a visitor without a session cookie, prerendered per language and notice
 * (app/prerendered/[locale]/sign-in and …/signed-out, served by proxy.ts at /sign-in). Local mode only: Clerk's
 * sign-in is rendered per request (app/(site)/(auth)/sign-in).
 */
export function prerenderedSignIn(notice?: SignInNotice) {
  async function generateMetadata({ params }: Props) {
    setRequestLocale(parseLocale((await params).locale))
    return signInMetadata()
  }
  async function Page({ params }: Props) {
    setRequestLocale(parseLocale((await params).locale))
    if (authMode !== 'local') notFound()
    return (
      <PrerenderedPage>
        <SignInContent notice={notice} />
      </PrerenderedPage>
    )
  }
  return { generateMetadata, Page }
}
