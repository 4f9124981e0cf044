import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { Button } from '@/components/ui/button'
import { getActor, homeFor } from '@/lib/auth'

export default async function LandingPage() {
  const actor = await getActor()
  if (actor) redirect(homeFor(actor.role))
  const t = await getTranslations('landing')
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="text-4xl font-semibold tracking-tight text-brand-800">{t('heading')}</h1>
      <p className="mt-4 text-lg">{t('lead')}</p>
      <p className="mt-4 text-muted">{t('privacy')}</p>
      <Button asChild className="mt-8">
        <Link href="/sign-in">{t('cta')}</Link>
      </Button>
    </main>
  )
}
