import { SignIn } from '@clerk/nextjs'
import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { ClientMessages } from '@/components/i18n/client-messages'
import { LocalSignInForm } from '@/components/auth/local-sign-in-form'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { DEMO_PASSWORD, demoAccounts } from '@/db/demo-accounts'
import { getActor, homeFor } from '@/lib/auth'
import { hasInvalidSessionCookie } from '@/lib/auth/local'
import { authMode } from '@/lib/auth/mode'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signIn'))('title') }
}

type Props = { searchParams: Promise<{ next?: string | string[]; abgemeldet?: string | string[] }> }

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams
  // A repeated parameter arrives as a list; the action checks the target (lib/http/redirect-target.ts).
  const next = typeof params.next === 'string' ? params.next : undefined
  const abgemeldet = params.abgemeldet !== undefined
  const actor = await getActor()
  if (actor) redirect(homeFor(actor.role))
  const t = await getTranslations('signIn')

  if (authMode === 'clerk') {
    return (
      <main id="main" className="mx-auto flex max-w-md justify-center px-4 py-12">
        <SignIn />
      </main>
    )
  }

  const invalidSession = await hasInvalidSessionCookie()
  return (
    <ClientMessages area="signIn">
      <main id="main" className="mx-auto grid max-w-4xl gap-8 px-4 py-12 md:grid-cols-2">
        <Card>
          <PageTitle>{t('title')}</PageTitle>
          <p className="mt-2 text-muted">{t('intro')}</p>
          <div className="mt-4 space-y-3">
            {abgemeldet && <Alert tone="success">{t('signedOut')}</Alert>}
            {invalidSession && <Alert tone="warning">{t('invalidSession')}</Alert>}
          </div>
          <LocalSignInForm next={next ?? ''} />
        </Card>
        <Card aria-labelledby="demo-title">
          <h2 id="demo-title" className="text-lg font-semibold">
            {t('demoTitle')}
          </h2>
          <p className="mt-2 text-sm text-muted">{t('demoIntro', { password: DEMO_PASSWORD })}</p>
          <ul className="mt-4 space-y-3">
            {demoAccounts.map((account) => (
              <li key={account.email} className="rounded-md border border-slate-200 p-3">
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium">{account.name}</span>
                  <Badge className="bg-brand-100 text-brand-800">
                    {account.role === 'coach' ? t('roleCoach') : t('roleClient')}
                  </Badge>
                </div>
                <p className="mt-1 text-sm text-muted">
                  <code>{account.email}</code> · <code>{DEMO_PASSWORD}</code>
                </p>
                <LocalSignInForm
                  next={next ?? ''}
                  demo={{
                    email: account.email,
                    password: DEMO_PASSWORD,
                    label: t('demoUse', { name: account.name }),
                  }}
                />
              </li>
            ))}
          </ul>
        </Card>
      </main>
    </ClientMessages>
  )
}
