import type { ReactNode } from 'react'
import { ClientMessages } from '@/components/i18n/client-messages'

export default function VideoSessionLayout({ children }: { children: ReactNode }) {
  return <ClientMessages area="video">{children}</ClientMessages>
}
