import { getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'
import { ClientMessages } from '@/components/i18n/client-messages'
import { AppShell } from '@/components/shell/app-shell'
import { NavLinks } from '@/components/shell/nav-links'
import { requireActor } from '@/lib/auth'

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor()
  const t = await getTranslations('settings')
  const items = [
    { href: '/settings/profile', label: t('profile') },
    // Consents and data rights belong to clients (R9, R10).
    ...(actor.role === 'client'
      ? [
          { href: '/settings/privacy', label: t('privacy') },
          { href: '/settings/data', label: t('data') },
        ]
      : []),
  ]
  return (
    <AppShell actor={actor}>
      <div className="space-y-6">
        <NavLinks items={items} label={t('sectionNav')} />
        <ClientMessages area="settings">{children}</ClientMessages>
      </div>
    </AppShell>
  )
}
