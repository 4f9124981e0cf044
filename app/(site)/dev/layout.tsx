import type { ReactNode } from 'react'
import { ClientMessages } from '@/components/i18n/client-messages'

export default function DevLayout({ children }: { children: ReactNode }) {
  return <ClientMessages area="dev">{children}</ClientMessages>
}
