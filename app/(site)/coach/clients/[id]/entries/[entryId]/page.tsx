import type { Metadata } from 'next'
import { BackLink } from '@/components/ui/back-link'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { EntryMeta } from '@/components/journal/entry-meta'
import { Alert } from '@/components/ui/alert'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { isUnreadable } from '@/lib/account/unreadable'
import { requireRole } from '@/lib/auth'
import { NotFoundError } from '@/lib/errors'
import { orNotFound } from '@/lib/http/or-not-found'
import { getRequestMeta } from '@/lib/http/request-meta'
import { viewSharedEntry } from '@/lib/journal/service'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('journal'))('coach.sharedTitle') }
}

type Props = { params: Promise<{ id: string; entryId: string }> }

export default async function CoachEntryPage({ params }: Props) {
  const actor = await requireRole('coach')
  const { id, entryId } = await params
  if (!z.uuid().safeParse(entryId).success || !z.uuid().safeParse(id).success) notFound()
  // R10.2: a deleted client's entry is noise (key shredded): "not found", never a crash.
  const entry = await orNotFound(
    viewSharedEntry(getDb(), actor, { clientId: id, entryId }, await getRequestMeta()).catch(
      (error: unknown) => {
        if (isUnreadable(error)) throw new NotFoundError()
        throw error
      },
    ),
  )
  const t = await getTranslations('journal')
  const format = await getFormatter()
  return (
    <div className="space-y-6">
      <BackLink href={`/coach/clients/${entry.clientId}`}>
        {t('coach.backToClient', { name: entry.clientName })}
      </BackLink>
      <Alert>{t('coach.viewNotice')}</Alert>
      <article className="space-y-4">
        <PageTitle>{entry.title ?? t('untitled')}</PageTitle>
        <p className="text-sm text-muted">
          {t('entry.created', {
            date: format.dateTime(entry.createdAt, { dateStyle: 'long', timeStyle: 'short' }),
          })}
        </p>
        <EntryMeta kind={entry.kind} mood={entry.mood} tags={entry.tags} />
        <Card>
          <div className="whitespace-pre-wrap leading-relaxed">{entry.body}</div>
        </Card>
      </article>
    </div>
  )
}
