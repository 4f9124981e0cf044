import type { Viewport } from 'next'
import type { ReactNode } from 'react'
import { SiteDocument, siteMetadata } from '@/components/shell/site-document'
import '../globals.css'

/**
 * The root layout of the app: every page rendered per request, under the nonce CSP (proxy.ts). The public pages
 * that need no session have their own root layout (app/prerendered) and are built ahead.
 */
export const generateMetadata = siteMetadata
export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default function RootLayout({ children }: { children: ReactNode }) {
  return <SiteDocument>{children}</SiteDocument>
}
