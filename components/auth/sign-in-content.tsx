import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { ClientMessages } from '@/components/i18n/client-messages'
import { LocalSignInForm } from '@/components/auth/local-sign-in-form'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { DEMO_PASSWORD, demoAccounts } from '@/db/demo-accounts'

export async function signInMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signIn'))('title') }
}

export type SignInNotice = 'signedOut' | 'invalidSession'

/**
 * The local (keyless) sign-in page's content: the form and the demo accounts. Reads nothing from the request —
 * `?next=` reaches the action from the address the form posts to (lib/auth/current-path.ts) — so the same
 * content is prerendered (app/prerendered: no notice, or "signed out") and rendered per request (a session
 * cookie: signed in, or the "session invalid" notice).
 */
export async function SignInContent({ notice }: { notice?: SignInNotice }) {
  const t = await getTranslations('signIn')
  return (
    <ClientMessages area="signIn">
      <main id="main" className="mx-auto grid max-w-4xl gap-8 px-4 py-12 md:grid-cols-2">
        <Card>
          <PageTitle>{t('title')}</PageTitle>
          <p className="mt-2 text-muted">{t('intro')}</p>
          <div className="mt-4 space-y-3">
            {notice === 'signedOut' && <Alert tone="success">{t('signedOut')}</Alert>}
            {notice === 'invalidSession' && <Alert tone="warning">{t('invalidSession')}</Alert>}
          </div>
          <LocalSignInForm />
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
