import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { practice } from '@/lib/config/practice'

export async function imprintMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('imprint'))('metaTitle') }
}

/**
 * The practice behind this instance (public, no sign-in), from configuration (PRACTICE_* in .env.example).
 * Prerendered per language (app/(prerendered)); per request (app/(site)) only where the proxy cannot serve that.
 */
export async function ImprintContent() {
  const t = await getTranslations('imprint')
  const p = practice()
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight text-brand-800">{t('title')}</h1>
      <h2 className="mt-8 text-lg font-semibold">{t('responsible')}</h2>
      <address className="mt-2 not-italic" data-testid="practice-address">
        <span className="block font-medium">{p.name}</span>
        {p.address.map((line) => (
          <span key={line} className="block">
            {line}
          </span>
        ))}
      </address>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted">{t('email')}</dt>
        <dd>
          <a href={`mailto:${p.email}`} className="text-brand-700 underline">
            {p.email}
          </a>
        </dd>
        {p.phone && (
          <>
            <dt className="text-muted">{t('phone')}</dt>
            <dd>
              <a href={`tel:${p.phone.replace(/[^+\d]/g, '')}`} className="text-brand-700 underline">
                {p.phone}
              </a>
            </dd>
          </>
        )}
        {p.uid && (
          <>
            <dt className="text-muted">{t('uid')}</dt>
            <dd>{p.uid}</dd>
          </>
        )}
      </dl>
      <p className="mt-8">{t('privacy')}</p>
      <p className="mt-2">
        <Link href="/datenschutz" className="text-brand-700 underline">
          {t('privacyLink')}
        </Link>
      </p>
    </main>
  )
}
