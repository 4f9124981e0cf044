import { ClerkProvider } from '@clerk/nextjs'
import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'
import { ClientMessages } from '@/components/i18n/client-messages'
import { LocalAuthBanner } from '@/components/shell/local-auth-banner'
import { SiteFooter } from '@/components/shell/site-footer'
import { authMode } from '@/lib/auth/mode'

export async function siteMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta')
  return { title: { default: t('title'), template: `%s · ${t('title')}` }, description: t('description') }
}

/**
 * The document of every page rendered per request (app/(site)/layout.tsx, and app/global-not-found.tsx for
 * unknown addresses): language from the request, the local-mode banner, the footer.
 */
export async function SiteDocument({ children }: { children: ReactNode }) {
  const locale = await getLocale()
  const content = (
    <ClientMessages area="root">
      {/* A column as tall as the window, so the footer sits at the bottom of short pages. */}
      <div className="flex min-h-screen flex-col">
        {authMode === 'local' ? <LocalAuthBanner /> : null}
        <div className="flex-1">{children}</div>
        <SiteFooter />
      </div>
    </ClientMessages>
  )
  return (
    <html lang={locale}>
      <body className="font-sans antialiased">
        {authMode === 'clerk' ? <ClerkProvider>{content}</ClerkProvider> : content}
      </body>
    </html>
  )
}
