import { notFound } from 'next/navigation'
import type { ReactNode } from 'react'
import { localPaymentsEnabled } from '@/lib/payments/local-checkout'

/** The local stand-in for Stripe's hosted checkout: it does not exist when Stripe is configured. */
export default function TestPaymentLayout({ children }: { children: ReactNode }) {
  if (!localPaymentsEnabled()) notFound()
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-8">
      {children}
    </main>
  )
}
