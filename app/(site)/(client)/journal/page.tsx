import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { EntryMeta } from '@/components/journal/entry-meta'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Label, Select } from '@/components/ui/input'
import { getDb } from '@/db/client'
import { coachOfClient } from '@/lib/account/service'
import { requireRole } from '@/lib/auth'
import { entryKinds, listFilterSchema } from '@/lib/journal/schemas'
import { listEntries, listOpenPrompts, listTags } from '@/lib/journal/service'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('journal'))('title') }
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function JournalPage({ searchParams }: Props) {
  const actor = await requireRole('client')
  const params = await searchParams
  const filter = listFilterSchema.parse({ kind: params.art, tag: params.schlagwort, page: params.seite })
  const db = getDb()
  const [coach, prompts, tags, page] = await Promise.all([
    coachOfClient(db, actor),
    listOpenPrompts(db, actor),
    listTags(db, actor),
    listEntries(db, actor, filter),
  ])
  const t = await getTranslations()
  const format = await getFormatter()
  const filtered = Boolean(filter.kind || filter.tag)
  const pageHref = (p: number) => {
    const q = new URLSearchParams()
    if (filter.kind) q.set('art', filter.kind)
    if (filter.tag) q.set('schlagwort', filter.tag)
    if (p > 1) q.set('seite', String(p))
    const s = q.toString()
    return s ? `/journal?${s}` : '/journal'
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <PageTitle>{t('client.welcome', { name: actor.name })}</PageTitle>
          {coach && <p className="mt-1 text-muted">{t('client.yourCoach', { name: coach.name })}</p>}
          <p className="mt-2 max-w-prose text-sm text-muted">{t('journal.intro')}</p>
        </div>
        <Button asChild>
          <Link href="/journal/new">{t('journal.newEntry')}</Link>
        </Button>
      </div>

      {params.geloescht && <Alert tone="success">{t('journal.deleted')}</Alert>}

      {prompts.length > 0 && (
        <Card aria-labelledby="prompts-title">
          <h2 id="prompts-title" className="text-lg font-semibold">
            {t('journal.prompts')}
          </h2>
          <ul className="mt-3 space-y-3">
            {prompts.map((p) => (
              <li
                key={p.id}
                className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-brand-50 p-3"
              >
                <p className="max-w-prose whitespace-pre-wrap">{p.text}</p>
                <Button asChild variant="secondary">
                  <Link href={`/journal/new?impuls=${p.id}`}>{t('journal.answerPrompt')}</Link>
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}

      <form
        method="get"
        action="/journal"
        className="flex flex-wrap items-end gap-3"
        aria-label={t('journal.filterLegend')}
      >
        <div>
          <Label htmlFor="filter-kind">{t('journal.filterKind')}</Label>
          <Select id="filter-kind" name="art" defaultValue={filter.kind ?? ''} className="w-48">
            <option value="">{t('journal.kindPlural.all')}</option>
            {entryKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`journal.kindPlural.${kind}`)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="filter-tag">{t('journal.filterTag')}</Label>
          <Select id="filter-tag" name="schlagwort" defaultValue={filter.tag ?? ''} className="w-48">
            <option value="">{t('journal.allTags')}</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          {t('journal.applyFilter')}
        </Button>
        {filtered && (
          <Link href="/journal" className="min-h-10 content-center text-sm text-brand-700 underline">
            {t('journal.resetFilter')}
          </Link>
        )}
      </form>

      {page.items.length === 0 ? (
        <EmptyState
          title={t('journal.title')}
          body={filtered ? t('journal.emptyFiltered') : t('journal.empty')}
        />
      ) : (
        <>
          <p className="text-sm text-muted">{t('journal.count', { count: page.total })}</p>
          <ul className="space-y-3">
            {page.items.map((entry) => (
              <li key={entry.id}>
                <Card className="p-4">
                  <h2 className="text-lg font-semibold">
                    <Link href={`/journal/${entry.id}`} className="text-brand-800 hover:underline">
                      {entry.title ?? t('journal.untitled')}
                    </Link>
                  </h2>
                  <p className="mt-1 text-sm text-muted">
                    {t('journal.entry.created', {
                      date: format.dateTime(entry.createdAt, { dateStyle: 'long', timeStyle: 'short' }),
                    })}
                  </p>
                  <p className="mt-2 line-clamp-3 whitespace-pre-wrap">{entry.body}</p>
                  <div className="mt-3">
                    <EntryMeta
                      kind={entry.kind}
                      shared={entry.sharedAt !== null}
                      mood={entry.mood}
                      tags={entry.tags}
                    />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
          {page.pageCount > 1 && (
            <nav aria-label={t('journal.pagination')} className="flex items-center justify-between gap-3">
              {page.page > 1 ? (
                <Link href={pageHref(page.page - 1)} className="text-brand-700 underline">
                  {t('journal.previous')}
                </Link>
              ) : (
                <span />
              )}
              <span className="text-sm text-muted">
                {t('journal.page', { page: page.page, pageCount: page.pageCount })}
              </span>
              {page.page < page.pageCount ? (
                <Link href={pageHref(page.page + 1)} className="text-brand-700 underline">
                  {t('journal.next')}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          )}
        </>
      )}
    </div>
  )
}
