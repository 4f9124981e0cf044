import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { DeleteAccountForm } from '@/components/account/delete-account-form'
import { EntryMeta } from '@/components/journal/entry-meta'
import { DeletePrompt, PromptForm } from '@/components/journal/prompt-forms'
import { ClientQuestionnairesSection } from '@/components/questionnaires/client-questionnaires-section'
import { Alert } from '@/components/ui/alert'
import { BackLink } from '@/components/ui/back-link'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { DELETION_PHRASES } from '@/lib/account/schemas'
import { parseLocale } from '@/lib/i18n/locale'
import { listPromptsForCoach, listSharedEntries } from '@/lib/journal/service'
import { loadOwnClient } from './load-client'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('coach'))('clientsTitle') }
}

export default async function CoachClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { actor, client } = await loadOwnClient(id)
  const db = getDb()
  const [shared, prompts] = await Promise.all([
    listSharedEntries(db, actor, client.id),
    listPromptsForCoach(db, actor, client.id),
  ])
  const t = await getTranslations('journal')
  const tc = await getTranslations('data.coachDeletion')
  const locale = parseLocale((await getLocale()).slice(0, 2))
  const format = await getFormatter()
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium' })

  // R10.2: the client deleted the account — their content is unreadable (key shredded), so only the fact shows.
  if (client.deletedAt) {
    const td = await getTranslations('data.coach')
    return (
      <div className="space-y-6">
        <BackLink href="/coach/clients">{t('coach.backToClients')}</BackLink>
        <PageTitle>{td('deleted')}</PageTitle>
        <Alert tone="warning" data-testid="client-deleted">
          <p className="font-semibold">{td('deletedOn', { date: date(client.deletedAt) })}</p>
          <p>{td('deletedNote')}</p>
          <p>
            <Link href="/coach/deletions" className="text-brand-800 underline">
              {td('receiptsLink')}
            </Link>
          </p>
        </Alert>
      </div>
    )
  }

  return (
    <div className="space-y-6">
      <BackLink href="/coach/clients">{t('coach.backToClients')}</BackLink>
      <div>
        <PageTitle>{client.name}</PageTitle>
        <p className="mt-1 text-sm text-muted">
          {client.email}
          {client.phone ? ` · ${client.phone}` : ''} · {t('coach.since', { date: date(client.createdAt) })}
        </p>
      </div>

      <Card aria-labelledby="shared-title">
        <h2 id="shared-title" className="text-lg font-semibold">
          {t('coach.sharedTitle')}
        </h2>
        {shared.length === 0 ? (
          <p className="mt-2 text-muted">{t('coach.sharedEmpty')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {shared.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="space-y-1">
                  <Link
                    href={`/coach/clients/${client.id}/entries/${e.id}`}
                    className="font-medium text-brand-800 underline"
                  >
                    {e.title ?? t('untitled')}
                  </Link>
                  <p className="text-sm text-muted">{t('coach.sharedOn', { date: date(e.sharedAt) })}</p>
                </div>
                <EntryMeta kind={e.kind} mood={e.mood} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card aria-labelledby="prompts-title" className="space-y-4">
        <div>
          <h2 id="prompts-title" className="text-lg font-semibold">
            {t('coach.promptsTitle')}
          </h2>
          <p className="mt-1 text-sm text-muted">{t('coach.promptsIntro')}</p>
        </div>
        <PromptForm clientId={client.id} />
        {prompts.length === 0 ? (
          <p className="text-muted">{t('coach.promptsEmpty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {prompts.map((p) => (
              <li key={p.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div>
                  <p className="whitespace-pre-wrap">{p.text}</p>
                  <p className="mt-1 text-sm text-muted">
                    {date(p.createdAt)} ·{' '}
                    {p.answeredShared ? t('coach.promptAnswered') : t('coach.promptNoSharedAnswer')}
                  </p>
                </div>
                <DeletePrompt promptId={p.id} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <ClientQuestionnairesSection db={db} actor={actor} clientId={client.id} />

      {/* R10.2: the coach can start the same deletion the client can (e.g. on a written request). */}
      <Card aria-labelledby="delete-client-title" className="space-y-3 border-red-200">
        <h2 id="delete-client-title" className="text-lg font-semibold">
          {tc('title')}
        </h2>
        <p className="max-w-prose text-sm">{tc('intro')}</p>
        <DeleteAccountForm clientId={client.id} phrase={DELETION_PHRASES[locale]} />
      </Card>
    </div>
  )
}
