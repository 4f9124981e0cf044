import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { retentionPolicy } from '@/cron/retention/policy'
import { practice } from '@/lib/config/practice'
import { consentTexts, recordingConsentText } from '@/lib/consent/texts'
import { aiConfigured, aiRecipient } from '@/lib/integrations/ai'
import { RECIPIENT_COUNTRIES } from '@/lib/integrations/ai/recipient'

export async function privacyMetadata(): Promise<Metadata> {
  const t = await getTranslations('retentionPage')
  return { title: t('metaTitle') }
}

/**
 * The public privacy page (no sign-in): the retention table rendered from cron/retention/policy.ts, the same
 * data the retention job enforces (R11.1), so the page can never promise other periods than the job keeps. Where
 * texts for AI analyses go is rendered from the configured provider, like the consent text C3 (issue 20).
 * Prerendered per language (app/(prerendered)); per request (app/(site)) only where the proxy cannot serve that.
 */
export async function PrivacyContent() {
  const t = await getTranslations('retentionPage')
  const lang = (await getLocale()).startsWith('en') ? 'en' : 'de'
  const classes = await getTranslations('retention.classes')
  const p = practice()
  const consents = [...Object.values(consentTexts), recordingConsentText].map((c) => c[lang])
  const sectionTitle = 'scroll-mt-4 text-xl font-semibold text-brand-800'
  const recipient = aiRecipient()
  const recipientValues = { name: recipient.name, country: RECIPIENT_COUNTRIES[recipient.country][lang] }
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight text-brand-800">{t('title')}</h1>
      <p className="mt-4">{t('intro')}</p>
      <nav aria-label={t('tocLabel')} className="mt-6">
        <ul className="flex flex-wrap gap-x-6 text-sm">
          <li>
            <a href="#speicherdauer" className="inline-flex min-h-10 items-center text-brand-700 underline">
              {t('tocRetention')}
            </a>
          </li>
          <li>
            <a href="#einwilligungen" className="inline-flex min-h-10 items-center text-brand-700 underline">
              {t('tocConsents')}
            </a>
          </li>
          <li>
            <a href="#kontakt" className="inline-flex min-h-10 items-center text-brand-700 underline">
              {t('tocContact')}
            </a>
          </li>
        </ul>
      </nav>
      <section id="speicherdauer" aria-labelledby="speicherdauer-title" className="mt-8 scroll-mt-4">
        <h2 id="speicherdauer-title" className={sectionTitle}>
          {t('tocRetention')}
        </h2>
        <div
          className="mt-4 overflow-x-auto rounded-lg border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600"
          tabIndex={0}
          role="region"
          aria-labelledby="retention-caption"
        >
          <table className="w-full text-left text-sm">
            <caption id="retention-caption" className="px-4 py-3 text-left font-medium">
              {t('caption')}
            </caption>
            <thead className="border-y border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="px-4 py-3">
                  {t('colData')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('colPeriod')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('colThen')}
                </th>
              </tr>
            </thead>
            <tbody>
              {retentionPolicy.map((rule) => (
                <tr key={rule.id} className="border-b border-slate-100 last:border-0">
                  <th scope="row" className="px-4 py-3 font-medium">
                    {classes(`${rule.id}.label`)}
                  </th>
                  <td className="px-4 py-3">{classes(`${rule.id}.note`)}</td>
                  <td className="px-4 py-3">{t(rule.action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-6 text-sm">{t('anonymisedMeans')}</p>
        <p className="mt-4 text-sm">{t('earlyDeletion')}</p>
        <p className="mt-4 text-sm" data-testid="backups">
          {t('backups')}
        </p>
        <p className="mt-4 text-sm">{t('consentExpiry')}</p>
      </section>
      <section id="einwilligungen" aria-labelledby="einwilligungen-title" className="mt-10 scroll-mt-4">
        <h2 id="einwilligungen-title" className={sectionTitle}>
          {t('tocConsents')}
        </h2>
        <p className="mt-2 text-sm">{t('consentsIntro')}</p>
        {consents.map((c) => (
          <article key={c.title} className="mt-4 rounded-lg border border-slate-200 p-4">
            <h3 className="font-semibold">{c.title}</h3>
            <p className="mt-2 text-sm">{c.allows}</p>
            <p className="mt-2 text-sm text-muted">{c.without}</p>
          </article>
        ))}
      </section>
      <section id="kontakt" aria-labelledby="kontakt-title" className="mt-10 scroll-mt-4">
        <h2 id="kontakt-title" className={sectionTitle}>
          {t('tocContact')}
        </h2>
        <p className="mt-2 text-sm">{t('contactIntro')}</p>
        <address className="mt-2 text-sm not-italic">
          {p.name}
          {p.address.map((line) => (
            <span key={line} className="block">
              {line}
            </span>
          ))}
          <a href={`mailto:${p.email}`} className="text-brand-700 underline">
            {p.email}
          </a>
        </address>
      </section>
      <section className="mt-8 space-y-3" aria-labelledby="ai-recipient-title" data-testid="ai-recipient">
        <h2 id="ai-recipient-title" className="text-xl font-semibold">
          {t('aiTitle')}
        </h2>
        {aiConfigured() ? (
          <>
            <p>
              {recipient.hosting === 'own' ? t('aiOwn', recipientValues) : t('aiExternal', recipientValues)}
            </p>
            <p className="text-sm">{t('aiRules')}</p>
          </>
        ) : (
          <p>{t('aiNone')}</p>
        )}
      </section>
      <p className="mt-8">
        <Link href="/" className="text-brand-700 underline">
          {t('home')}
        </Link>
      </p>
    </main>
  )
}
