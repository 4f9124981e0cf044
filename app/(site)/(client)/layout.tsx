import type { ReactNode } from 'react'
import { AppShell } from '@/components/shell/app-shell'
import { requireRole } from '@/lib/auth'

export default async function ClientLayout({ children }: { children: ReactNode }) {
  const actor = await requireRole('client')
  return <AppShell actor={actor}>{children}</AppShell>
}
