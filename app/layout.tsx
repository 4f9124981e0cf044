import { ClerkProvider } from '@clerk/nextjs'
import type { Metadata, Viewport } from 'next'
import { NextIntlClientProvider } from 'next-intl'
import { getLocale, getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'
import { LocalAuthBanner } from '@/components/shell/local-auth-banner'
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
      {authMode === 'local' ? <LocalAuthBanner /> : null}
      {children}
    </NextIntlClientProvider>
  )
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans antialiased">
        {authMode === 'clerk' ? <ClerkProvider>{content}</ClerkProvider> : content}
      </body>
    </html>
  )
}
