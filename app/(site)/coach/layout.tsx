import type { ReactNode } from 'react'
import { ClientMessages } from '@/components/i18n/client-messages'
import { AppShell } from '@/components/shell/app-shell'
import { requireRole } from '@/lib/auth'

export default async function CoachLayout({ children }: { children: ReactNode }) {
  const actor = await requireRole('coach')
  return (
    <AppShell actor={actor}>
      <ClientMessages area="coach">{children}</ClientMessages>
    </AppShell>
  )
}
