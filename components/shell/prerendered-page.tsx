import type { ReactNode } from 'react'
import { SiteFooter } from './site-footer'

/** A prerendered public page (app/prerendered): its content and the footer. */
export function PrerenderedPage({ children }: { children: ReactNode }) {
  return (
    <>
      <div className="flex-1">{children}</div>
      <SiteFooter />
    </>
  )
}
