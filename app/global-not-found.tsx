import type { Viewport } from 'next'
import { SiteDocument, siteMetadata } from '@/components/shell/site-document'
import { NotFoundContent } from '@/components/shell/not-found-content'
import './globals.css'

/**
 * An unknown address. The app has two root layouts (app/(site), app/prerendered), so no layout wraps a URL that
 * matches no route; this page brings the app's document itself (Next's `global-not-found`).
 */
export const generateMetadata = siteMetadata
export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default function GlobalNotFound() {
  return (
    <SiteDocument>
      <main id="main" className="mx-auto max-w-xl px-4 py-16">
        <NotFoundContent />
      </main>
    </SiteDocument>
  )
}
