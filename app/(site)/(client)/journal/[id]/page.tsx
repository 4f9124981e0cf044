import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { ClientMessages } from '@/components/i18n/client-messages'
import { BackLink } from '@/components/ui/back-link'
import { DeleteEntry, ShareToggle } from '@/components/journal/entry-actions'
import { EntryMeta } from '@/components/journal/entry-meta'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, PageTitle } from '@/components/ui/card'
import { loadOwnEntry } from './load-entry'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('journal'))('title') }
}

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | undefined>>
}

export default async function EntryPage({ params, searchParams }: Props) {
  const { id } = await params
  const flags = await searchParams
  const entry = await loadOwnEntry(id)
  const t = await getTranslations('journal')
  const format = await getFormatter()
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'long', timeStyle: 'short' })

  return (
    <ClientMessages area="journalClient">
      <div className="space-y-6">
        <BackLink href="/journal">{t('entry.backToList')}</BackLink>
        {flags.gespeichert && <Alert tone="success">{t('saved')}</Alert>}
        {flags.geteilt && <Alert tone="success">{t('sharedNotice')}</Alert>}
        {flags.privat && <Alert tone="success">{t('privateNotice')}</Alert>}

        <article className="space-y-4">
          <PageTitle>{entry.title ?? t('untitled')}</PageTitle>
          <p className="text-sm text-muted">
            {t('entry.created', { date: date(entry.createdAt) })}
            {entry.updatedAt.getTime() - entry.createdAt.getTime() > 1000 && (
              <> · {t('entry.updated', { date: date(entry.updatedAt) })}</>
            )}
          </p>
          <EntryMeta kind={entry.kind} shared={entry.sharedAt !== null} mood={entry.mood} tags={entry.tags} />
          {entry.promptText && (
            <blockquote className="rounded-md border-l-4 border-brand-600 bg-brand-50 px-4 py-3">
              <p className="text-sm font-semibold text-brand-800">{t('promptFromCoach')}</p>
              <p className="mt-1 whitespace-pre-wrap">{entry.promptText}</p>
            </blockquote>
          )}
          <Card>
            <div className="whitespace-pre-wrap leading-relaxed">{entry.body}</div>
          </Card>
        </article>

        <Card className="space-y-3">
          <p>
            {entry.sharedAt
              ? t('entry.sharedSince', { date: date(entry.sharedAt) })
              : t('entry.privateState')}
          </p>
          <ShareToggle entryId={entry.id} shared={entry.sharedAt !== null} />
        </Card>

        <div className="flex flex-wrap items-center gap-3">
          <Button asChild variant="secondary">
            <Link href={`/journal/${entry.id}/edit`}>{t('entry.edit')}</Link>
          </Button>
          <DeleteEntry entryId={entry.id} />
        </div>
      </div>
    </ClientMessages>
  )
}
