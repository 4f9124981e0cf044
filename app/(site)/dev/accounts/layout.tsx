import { notFound } from 'next/navigation'
import type { ReactNode } from 'react'
import { isLocalAuth } from '@/lib/auth/mode'

/** A development tool like the outbox: it does not exist outside the local mode. */
export default function DevAccountsLayout({ children }: { children: ReactNode }) {
  if (!isLocalAuth) notFound()
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-8">
      {children}
    </main>
  )
}
