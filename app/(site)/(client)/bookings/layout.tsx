import type { ReactNode } from 'react'
import { ClientMessages } from '@/components/i18n/client-messages'

export default function ClientBookingsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages area="bookingsClient">{children}</ClientMessages>
}
