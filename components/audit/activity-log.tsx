import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { Cell, DataTable, Row } from '@/components/ui/table'
import type { ActivityEntry } from '@/lib/audit/activity'
import { deviceLabel } from './device-label'

type Props = { entries: ActivityEntry[]; page: number; pageCount: number; total: number }

/** The client's own audit entries (R13.2): what happened, when, from which (truncated) address and device. */
export async function ActivityLog({ entries, page, pageCount }: Props) {
  const t = await getTranslations('activity')
  const tPrivacy = await getTranslations('privacy')
  const format = await getFormatter()
  const pageHref = (p: number) => (p > 1 ? `/settings/data?seite=${p}` : '/settings/data')

  // Known actions get a label; one added later without a label still shows (as its code), never vanishes.
  const label = (entry: ActivityEntry) => {
    const key = `actions.${entry.action}`
    const action = /^[a-z_]+\.[a-z_]+$/.test(entry.action) && t.has(key) ? t(key) : entry.action
    const purpose = entry.details?.purpose
    if (typeof purpose === 'string' && tPrivacy.has(`purposes.${purpose}.short`))
      return t('consentPurpose', { action, purpose: tPrivacy(`purposes.${purpose}.short`) })
    return action
  }
  const by = (entry: ActivityEntry) =>
    entry.byMe ? t('byMe') : entry.actorRole === 'coach' ? t('byCoach') : t('bySystem')

  return (
    <section className="space-y-3">
      <h2 className="text-xl font-semibold">{t('title')}</h2>
      <p className="max-w-prose text-sm text-muted">{t('intro')}</p>
      {entries.length === 0 ? (
        <p className="text-muted">{t('empty')}</p>
      ) : (
        <div data-testid="activity-log">
          <DataTable label={t('title')} columns={[t('time'), t('event'), t('by'), t('ip'), t('device')]}>
            {entries.map((e) => (
              <Row key={e.id}>
                <Cell className="whitespace-nowrap">
                  {format.dateTime(e.createdAt, { dateStyle: 'medium', timeStyle: 'medium' })}
                </Cell>
                <Cell>{label(e)}</Cell>
                <Cell>{by(e)}</Cell>
                <Cell className="whitespace-nowrap">{e.ipTruncated ?? t('none')}</Cell>
                <Cell>{e.byMe ? deviceLabel(t, e.userAgent) : t('none')}</Cell>
              </Row>
            ))}
          </DataTable>
        </div>
      )}
      {pageCount > 1 && (
        <nav aria-label={t('pagination')} className="flex items-center justify-between gap-3">
          {page > 1 ? (
            <Link href={pageHref(page - 1)} className="text-brand-700 underline">
              {t('newer')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-muted">{t('page', { page, pageCount })}</span>
          {page < pageCount ? (
            <Link href={pageHref(page + 1)} className="text-brand-700 underline">
              {t('older')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  )
}
