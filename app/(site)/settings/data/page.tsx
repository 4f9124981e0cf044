import type { Metadata } from 'next'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { DeleteAccountForm } from '@/components/account/delete-account-form'
import { RestrictionForm } from '@/components/account/restriction-form'
import { ActivityLog } from '@/components/audit/activity-log'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { processingRestrictedSince } from '@/lib/consent/restriction'
import { DELETION_PHRASES } from '@/lib/account/schemas'
import { ownActivityPage } from '@/lib/audit/activity'
import { requireRole } from '@/lib/auth'
import { cn } from '@/lib/cn'
import { parseLocale } from '@/lib/i18n/locale'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('dataPage'))('title') }
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const exportLinks = [
  { format: 'json', label: 'json', hint: 'jsonHint' },
  { format: 'zip', label: 'zip', hint: 'zipHint' },
  { format: 'pdf', label: 'pdf', hint: 'pdfHint' },
] as const

/**
 * The client's data rights (R10): export (R10.1), restriction of processing (R10.3), deletion (R10.2) — and their
 * own audit log (R13.2). The restriction lives here with the other rights of the data subject; the AI consents
 * stay on /settings/privacy.
 */
export default async function DataPage({ searchParams }: Props) {
  const actor = await requireRole('client')
  const { seite } = await searchParams
  const requested = Number.parseInt(typeof seite === 'string' ? seite : '1', 10)
  const db = getDb()
  const [activity, restrictedSince] = await Promise.all([
    ownActivityPage(db, actor, Number.isFinite(requested) ? requested : 1),
    processingRestrictedSince(db, actor),
  ])
  const t = await getTranslations('dataPage')
  const td = await getTranslations('data')
  const format = await getFormatter()
  const phrase = DELETION_PHRASES[parseLocale((await getLocale()).slice(0, 2))]
  return (
    <div className="space-y-8">
      <PageTitle>{t('title')}</PageTitle>

      <Card aria-labelledby="export-title" data-testid="data-export" className="space-y-4">
        <h2 id="export-title" className="text-lg font-semibold">
          {td('export.title')}
        </h2>
        <p className="max-w-prose">{td('export.intro')}</p>
        <ul className="space-y-3" aria-label={td('export.formats')}>
          {exportLinks.map((l) => (
            <li key={l.format} className="space-y-1">
              {/* A POST (issue 16.4): only this page starts an export; the answer is a download, the page stays. */}
              <form method="post" action="/settings/data/export">
                <input type="hidden" name="format" value={l.format} />
                <button
                  type="submit"
                  className="inline-flex min-h-10 items-center rounded-md border border-brand-600 bg-white px-4 text-sm font-medium text-brand-700 hover:bg-brand-50"
                >
                  {td(`export.${l.label}`)}
                </button>
              </form>
              <p className="max-w-prose text-sm text-muted">{td(`export.${l.hint}`)}</p>
            </li>
          ))}
        </ul>
        <p className="max-w-prose text-sm text-muted">{td('export.note')}</p>
      </Card>

      <Card aria-labelledby="restriction-title" data-testid="data-restriction" className="space-y-4">
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
          <h2 id="restriction-title" className="text-lg font-semibold">
            {td('restriction.title')}
          </h2>
          <p className="shrink-0">
            <span className="sr-only">{td('restriction.state')}: </span>
            <Badge
              data-testid="restriction-state"
              className={cn(restrictedSince ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-800')}
            >
              {restrictedSince
                ? td('restriction.on', {
                    since: format.dateTime(restrictedSince, { dateStyle: 'medium', timeStyle: 'short' }),
                  })
                : td('restriction.off')}
            </Badge>
          </p>
        </div>
        <p className="max-w-prose">{td('restriction.intro')}</p>
        <ul className="max-w-prose list-disc space-y-1 pl-5">
          <li>{td('restriction.effects.ai')}</li>
          <li>{td('restriction.effects.recording')}</li>
          <li>{td('restriction.effects.rest')}</li>
        </ul>
        <RestrictionForm restricted={restrictedSince !== null} />
      </Card>

      <Card aria-labelledby="deletion-title" data-testid="data-deletion" className="space-y-4 border-red-200">
        <h2 id="deletion-title" className="text-lg font-semibold">
          {td('deletion.title')}
        </h2>
        <p className="max-w-prose">{td('deletion.intro')}</p>
        <ul className="max-w-prose list-disc space-y-1 pl-5">
          <li>{td('deletion.steps.content')}</li>
          <li>{td('deletion.steps.account')}</li>
          <li>{td('deletion.steps.bookings')}</li>
          <li>{td('deletion.steps.mail')}</li>
        </ul>
        <p className="max-w-prose text-sm text-muted">{td('deletion.after')}</p>
        <p className="max-w-prose font-medium">
          {td('deletion.exportFirst')} {td('deletion.irreversible')}
        </p>
        <DeleteAccountForm phrase={phrase} />
      </Card>

      <ActivityLog {...activity} />
    </div>
  )
}
