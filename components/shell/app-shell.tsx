import { SignOutButton } from '@clerk/nextjs'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { signOutAction } from '@/lib/auth/actions'
import { authMode } from '@/lib/auth/mode'
import type { Actor } from '@/lib/auth/types'
import { NavLinks, type NavItem } from './nav-links'
import { PhoneMenu } from './phone-menu'

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
          { href: '/settings/profile', label: t('nav.settings'), section: '/settings' },
        ]
      : [
          { href: '/journal', label: t('nav.journal') },
          { href: '/bookings', label: t('nav.bookings') },
          { href: '/questionnaires', label: t('nav.questionnaires') },
          { href: '/settings/profile', label: t('nav.settings'), section: '/settings' },
        ]
  const signOut = (className?: string) =>
    authMode === 'clerk' ? (
      <SignOutButton>
        <Button variant="ghost" className={className}>
          {t('common.signOut')}
        </Button>
      </SignOutButton>
    ) : (
      <form action={signOutAction} className={className}>
        <Button variant="ghost" type="submit" className="w-full justify-start">
          {t('common.signOut')}
        </Button>
      </form>
    )
  // One line at every width: the logo and the navigation on the left (from lg; below, in the menu), the name on
  // the right in a box of fixed maximum width (truncated), so nothing moves with the length of a name.
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        {t('common.skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-3 px-4 py-2">
          <Link
            href={actor.role === 'coach' ? '/coach' : '/journal'}
            className="shrink-0 text-lg font-semibold text-brand-800"
          >
            Mi Alma
          </Link>
          <div className="hidden shrink-0 lg:block">
            <NavLinks items={items} label={t('common.mainNav')} />
          </div>
          <div className="ml-auto flex min-w-0 items-center gap-2 text-sm">
            <Link
              href="/settings/profile"
              className="block max-w-[9rem] truncate text-muted underline-offset-2 hover:underline sm:max-w-[14rem]"
              data-testid="actor-name"
              title={actor.name}
            >
              {actor.name}
            </Link>
            {signOut('hidden lg:block')}
            <PhoneMenu label={t('common.menu')}>
              <NavLinks items={items} label={t('common.mainNav')} vertical />
              <div className="mt-2 border-t border-slate-200 pt-2">{signOut()}</div>
            </PhoneMenu>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </>
  )
}
