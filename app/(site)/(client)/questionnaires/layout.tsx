import type { ReactNode } from 'react'
import { ClientMessages } from '@/components/i18n/client-messages'

export default function ClientQuestionnairesLayout({ children }: { children: ReactNode }) {
  return <ClientMessages area="questionnairesClient">{children}</ClientMessages>
}
