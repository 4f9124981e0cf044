import type { ReactNode } from 'react'
import { SiteFooter } from './site-footer'

/**
 * A prerendered public page (app/prerendered): its content and the footer, whose language switch comes back to
 * the page's public address (there is no request to read it from).
 */
export function PrerenderedPage({ path, children }: { path: string; children: ReactNode }) {
  return (
    <>
      <div className="flex-1">{children}</div>
      <SiteFooter back={path} />
    </>
  )
}
