import type { Metadata, Viewport } from 'next'
import { getTranslations, setRequestLocale } from 'next-intl/server'
import type { ReactNode } from 'react'
import { ClientMessages } from '@/components/i18n/client-messages'
import { LocalAuthBanner } from '@/components/shell/local-auth-banner'
import { authMode } from '@/lib/auth/mode'
import { PUBLIC_CONFIG_META, publicConfigFingerprint } from '@/lib/config/public-config'
import { env } from '@/lib/env'
import { PRERENDERED_LOCALES } from '@/lib/http/prerendered'
import { intlLocale, parseLocale } from '@/lib/i18n/locale'
import '../../globals.css'

/**
 * The root layout of the public pages that need no session, built once per language (issue 18): it reads no
 * cookie, header or session, so `next build` prerenders them. proxy.ts serves them at their usual address
 * (/datenschutz) in the visitor's language, with a CSP that allows their inline scripts by hash (static HTML
 * cannot carry a per-request nonce). A separate root layout: moving between these pages and the app
 * (app/(site)) loads a new document, so each document keeps the CSP it came with. No ClerkProvider: nothing here
 * needs Clerk, so no third-party script loads.
 */
export const dynamicParams = false
export const generateStaticParams = () => PRERENDERED_LOCALES.map((locale) => ({ locale }))

type Props = { children: ReactNode; params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Omit<Props, 'children'>): Promise<Metadata> {
  setRequestLocale(parseLocale((await params).locale))
  const t = await getTranslations('meta')
  return {
    title: { default: t('title'), template: `%s · ${t('title')}` },
    description: t('description'),
    // The configuration this copy was built with; the proxy serves it only to a server configured the same.
    other: { [PUBLIC_CONFIG_META]: publicConfigFingerprint(env) },
  }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default async function PrerenderedLayout({ children, params }: Props) {
  const locale = parseLocale((await params).locale)
  setRequestLocale(locale)
  return (
    <html lang={intlLocale(locale)}>
      <body className="font-sans antialiased">
        <ClientMessages area="root">
          <div className="flex min-h-screen flex-col">
            {authMode === 'local' ? <LocalAuthBanner /> : null}
            {children}
          </div>
        </ClientMessages>
      </body>
    </html>
  )
}
