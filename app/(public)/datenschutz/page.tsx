import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { LanguageSwitch } from '@/components/shell/language-switch'
import { retentionPolicy } from '@/cron/retention/policy'
import { aiConfigured, aiRecipient } from '@/lib/integrations/ai'
import { RECIPIENT_COUNTRIES } from '@/lib/integrations/ai/recipient'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('retentionPage')
  return { title: t('metaTitle') }
}

/**
 * The public privacy page (no sign-in): the retention table rendered from cron/retention/policy.ts, the same
 * data the retention job enforces (R11.1), so the page can never promise other periods than the job keeps. Where
 * texts for AI analyses go is rendered from the configured provider, like the consent text C3 (issue 20).
 */
export default async function PrivacyPage() {
  const t = await getTranslations('retentionPage')
  const lang = (await getLocale()).startsWith('en') ? 'en' : 'de'
  const recipient = aiRecipient()
  const recipientValues = { name: recipient.name, country: RECIPIENT_COUNTRIES[recipient.country][lang] }
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight text-brand-800">{t('title')}</h1>
      <p className="mt-4">{t('intro')}</p>
      <div
        className="mt-8 overflow-x-auto rounded-lg border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600"
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
                  {rule.label[lang]}
                </th>
                <td className="px-4 py-3">{rule.note[lang]}</td>
                <td className="px-4 py-3">{t(rule.action)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-6 text-sm">{t('anonymisedMeans')}</p>
      <p className="mt-4 text-sm">{t('earlyDeletion')}</p>
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
      <p className="mt-4 text-sm">{t('contact')}</p>
      <p className="mt-8">
        <Link href="/" className="text-brand-700 underline">
          {t('home')}
        </Link>
      </p>
      <LanguageSwitch back="/datenschutz" />
    </main>
  )
}
