import { ClerkProvider } from '@clerk/nextjs'
import type { Metadata, Viewport } from 'next'
import { NextIntlClientProvider } from 'next-intl'
import { getLocale, getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'
import { LocalAuthBanner } from '@/components/shell/local-auth-banner'
import { SiteFooter } from '@/components/shell/site-footer'
import { authMode } from '@/lib/auth/mode'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta')
  return { title: { default: t('title'), template: `%s · ${t('title')}` }, description: t('description') }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale()
  const content = (
    <NextIntlClientProvider>
      {/* A column as tall as the window, so the footer sits at the bottom of short pages. */}
      <div className="flex min-h-screen flex-col">
        {authMode === 'local' ? <LocalAuthBanner /> : null}
        <div className="flex-1">{children}</div>
        <SiteFooter />
      </div>
    </NextIntlClientProvider>
  )
  return (
    <html lang={locale}>
      <body className="font-sans antialiased">
        {authMode === 'clerk' ? <ClerkProvider>{content}</ClerkProvider> : content}
      </body>
    </html>
  )
}
