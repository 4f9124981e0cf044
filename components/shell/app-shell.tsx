import { SignOutButton } from '@clerk/nextjs'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { signOutAction } from '@/lib/auth/actions'
import { authMode } from '@/lib/auth/mode'
import type { Actor } from '@/lib/auth/types'
import { NavLinks, type NavItem } from './nav-links'

export async function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const t = await getTranslations()
  const items: NavItem[] =
    actor.role === 'coach'
      ? [
          { href: '/coach', label: t('nav.overview') },
          { href: '/coach/clients', label: t('nav.clients') },
          { href: '/coach/bookings', label: t('nav.bookings') },
          { href: '/coach/sessions', label: t('sessions.nav') },
          { href: '/coach/questionnaires', label: t('nav.questionnaires') },
        ]
      : [
          { href: '/journal', label: t('nav.journal') },
          { href: '/bookings', label: t('nav.bookings') },
          { href: '/questionnaires', label: t('nav.questionnaires') },
          { href: '/settings/profile', label: t('nav.settings') },
        ]
  const signOut =
    authMode === 'clerk' ? (
      <SignOutButton>
        <Button variant="ghost">{t('common.signOut')}</Button>
      </SignOutButton>
    ) : (
      <form action={signOutAction}>
        <Button variant="ghost" type="submit">
          {t('common.signOut')}
        </Button>
      </form>
    )
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        {t('common.skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link
            href={actor.role === 'coach' ? '/coach' : '/journal'}
            className="text-lg font-semibold text-brand-800"
          >
            Mi Alma
          </Link>
          <NavLinks items={items} label={t('common.mainNav')} />
          <div className="flex items-center gap-2 text-sm">
            <Link
              href="/settings/profile"
              className="text-muted underline-offset-2 hover:underline"
              data-testid="actor-name"
            >
              {actor.name}
            </Link>
            {signOut}
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </>
  )
}
