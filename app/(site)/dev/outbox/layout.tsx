import { notFound } from 'next/navigation'
import type { ReactNode } from 'react'
import { isLocalAuth } from '@/lib/auth/mode'

/** The outbox is a development tool: it does not exist outside the local mode. */
export default function OutboxLayout({ children }: { children: ReactNode }) {
  if (!isLocalAuth) notFound()
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      {children}
    </main>
  )
}
