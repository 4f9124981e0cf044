import type { Metadata } from 'next'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { TransmissionsTable } from '@/components/ai/transmissions-table'
import { deviceLabel } from '@/components/audit/device-label'
import { ConsentToggleForm } from '@/components/consent/consent-toggle-form'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import { transmissionsForClient } from '@/lib/ai/service'
import { requireRole } from '@/lib/auth'
import { consentHistory, consentOverview } from '@/lib/consent/service'
import { consentTexts } from '@/lib/consent/texts'
import { aiRecipient } from '@/lib/integrations/ai'
import { RECIPIENT_COUNTRIES } from '@/lib/integrations/ai/recipient'
import { cn } from '@/lib/cn'
import { parseLocale } from '@/lib/i18n/locale'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('privacy'))('title') }
}

/**
 * Settings → Daten & Datenschutz → KI & Datenschutz (R9.1, R9.2, R7.5): three consents, their history and the
 * record of every AI transmission about the client; a banner asks to confirm consents that expire soon.
 */
export default async function PrivacyPage() {
  const actor = await requireRole('client')
  const db = getDb()
  const [overview, history, transmissions] = await Promise.all([
    consentOverview(db, actor),
    consentHistory(db, actor),
    transmissionsForClient(db, actor),
  ])
  // The texts are shown in the interface language; the form posts that language back as proof.
  const locale = parseLocale((await getLocale()).slice(0, 2))
  const t = await getTranslations('privacy')
  const tActivity = await getTranslations('activity')
  const format = await getFormatter()
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' })
  // R9.2: grants expire after 3 years; from 30 days before, the client is asked to confirm again.
  const renewals = overview.filter((o) => o.state === 'expiring' || o.state === 'expired')
  // Who receives the text in this installation (issue 20): said plainly under the C3 text.
  const recipient = aiRecipient()
  const recipientLine = t(`recipient.${recipient.hosting}`, {
    name: recipient.name,
    country: RECIPIENT_COUNTRIES[recipient.country][locale],
  })

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <PageTitle>{t('title')}</PageTitle>
        <p className="max-w-prose text-muted">{t('intro')}</p>
        <p className="max-w-prose text-sm text-muted">{t('proofNote')}</p>
      </div>

      {renewals.length > 0 && (
        <Card
          className="space-y-4 border-amber-300 bg-amber-50"
          data-testid="consent-renewal"
          role="region"
          aria-labelledby="consent-renewal-title"
        >
          <h2 id="consent-renewal-title" className="text-lg font-semibold">
            {t('renewal.title')}
          </h2>
          <p className="max-w-prose text-sm">{t('renewal.intro')}</p>
          <ul className="space-y-4">
            {renewals.map(({ purpose, state, expiresAt }) => (
              <li key={purpose} className="space-y-2">
                <p>
                  {t(state === 'expired' ? 'renewal.expired' : 'renewal.expiring', {
                    purpose: t(`purposes.${purpose}.short`),
                    until: format.dateTime(expiresAt!, { dateStyle: 'long' }),
                  })}
                </p>
                {/* Posts a grant: a new ledger row with fresh proof (lib/consent/service.ts setConsent). */}
                <ConsentToggleForm
                  purpose={purpose}
                  granted={false}
                  textVersion={consentTexts[purpose].version}
                  locale={locale}
                />
              </li>
            ))}
          </ul>
        </Card>
      )}

      <ul className="space-y-4" aria-label={t('cardsLabel')}>
        {overview.map(({ purpose, granted, since, expiresAt, renew }) => {
          const text = consentTexts[purpose][locale]
          const titleId = `consent-${purpose}-title`
          return (
            <li key={purpose}>
              <Card aria-labelledby={titleId} data-testid={`consent-${purpose}`} className="space-y-4">
                <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                  <h2 id={titleId} className="text-lg font-semibold">
                    {text.title}
                  </h2>
                  <p className="shrink-0">
                    <span className="sr-only">{t('state')}: </span>
                    <Badge
                      data-testid="consent-state"
                      className={cn(granted ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-800')}
                    >
                      {granted && since
                        ? t('grantedSince', { since: when(since) })
                        : renew
                          ? t('renew')
                          : t('notGranted')}
                    </Badge>
                    {granted && expiresAt && (
                      <span className="mt-1 block text-xs text-muted" data-testid="consent-valid-until">
                        {t('validUntil', { until: format.dateTime(expiresAt, { dateStyle: 'medium' }) })}
                      </span>
                    )}
                  </p>
                </div>
                {renew ? (
                  <p
                    className="max-w-prose rounded-md bg-amber-50 p-3 text-amber-900"
                    data-testid="consent-renew"
                  >
                    {t('renewNote')}
                  </p>
                ) : null}
                <div>
                  <h3 className="text-sm font-semibold">{t('allowsHeading')}</h3>
                  <p className="mt-1 max-w-prose">{text.allows}</p>
                  {purpose === 'ai_external_provider' ? (
                    <p className="mt-2 max-w-prose text-sm font-medium" data-testid="consent-recipient">
                      {recipientLine}
                    </p>
                  ) : null}
                </div>
                <div>
                  <h3 className="text-sm font-semibold">{t('withoutHeading')}</h3>
                  <p className="mt-1 max-w-prose">{text.without}</p>
                </div>
                <p className="text-xs text-muted">
                  {t('textVersion', { version: consentTexts[purpose].version })}
                </p>
                <ConsentToggleForm
                  purpose={purpose}
                  granted={granted}
                  textVersion={consentTexts[purpose].version}
                  locale={locale}
                />
              </Card>
            </li>
          )
        })}
      </ul>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t('history.title')}</h2>
        {history.length === 0 ? (
          <p className="text-muted" data-testid="consent-history-empty">
            {t('history.empty')}
          </p>
        ) : (
          <>
            <p className="text-sm text-muted">{t('history.intro')}</p>
            <div data-testid="consent-history">
              <DataTable
                label={t('history.title')}
                columns={[
                  t('history.time'),
                  t('history.purpose'),
                  t('history.change'),
                  t('history.version'),
                  t('history.language'),
                  t('history.ip'),
                  t('history.device'),
                ]}
              >
                {history.map((e) => (
                  <Row key={e.id}>
                    <Cell className="whitespace-nowrap">{when(e.createdAt)}</Cell>
                    <Cell>{t(`purposes.${e.purpose}.short`)}</Cell>
                    <Cell>{e.granted ? t('history.granted') : t('history.withdrawn')}</Cell>
                    <Cell className="whitespace-nowrap">{e.textVersion}</Cell>
                    <Cell>{t(`history.languages.${e.locale}`)}</Cell>
                    <Cell className="whitespace-nowrap">{e.ip ?? tActivity('none')}</Cell>
                    <Cell>{deviceLabel(tActivity, e.userAgent)}</Cell>
                  </Row>
                ))}
              </DataTable>
            </div>
          </>
        )}
      </section>

      <TransmissionsTable rows={transmissions} consents={history} />
    </div>
  )
}
