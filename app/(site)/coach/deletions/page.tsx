import type { Metadata } from 'next'
import { getFormatter, getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import { listDeletionReceipts } from '@/lib/account/deletion-receipts'
import { requireRole } from '@/lib/auth'
import { cn } from '@/lib/cn'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('data.receipts'))('title') }
}

/**
 * The coach's deletion receipts (R10.2): each deleted client's request with every place the data was removed from
 * and when — no name, no content. Open places show that the daily run is still retrying them.
 */
export default async function DeletionReceiptsPage() {
  const actor = await requireRole('coach')
  const receipts = await listDeletionReceipts(getDb(), actor)
  const t = await getTranslations('data.receipts')
  const format = await getFormatter()
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <PageTitle>{t('title')}</PageTitle>
        <p className="max-w-prose text-muted">{t('intro')}</p>
      </div>
      {receipts.length === 0 ? (
        <EmptyState title={t('title')} body={t('empty')} />
      ) : (
        <ul className="space-y-4">
          {receipts.map((r) => (
            <li key={r.id}>
              <Card className="space-y-3" data-testid="deletion-receipt" aria-labelledby={`receipt-${r.id}`}>
                <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                  <h2 id={`receipt-${r.id}`} className="text-lg font-semibold">
                    {t('requested', { date: when(r.requestedAt), source: t(`source.${r.source}`) })}
                  </h2>
                  <Badge
                    data-testid="deletion-state"
                    className={cn(
                      r.completedAt ? 'bg-green-100 text-green-900' : 'bg-amber-100 text-amber-900',
                    )}
                  >
                    {r.completedAt
                      ? t('completed', { date: when(r.completedAt) })
                      : t('open', { date: when(r.deadlineAt) })}
                  </Badge>
                </div>
                <DataTable label={t('placesLabel')} columns={[t('place'), t('removedAt')]}>
                  {r.places.map((p) => (
                    <Row key={p.place} data-testid={`deletion-place-${p.place}`}>
                      <Cell>{t(`places.${p.place}`)}</Cell>
                      <Cell>
                        {p.at
                          ? p.nothing
                            ? t('nothingThere', { date: when(p.at) })
                            : when(p.at)
                          : t('pending')}
                      </Cell>
                    </Row>
                  ))}
                </DataTable>
                <p className="text-sm text-muted">
                  {r.receiptSentAt ? t('receiptSent', { date: when(r.receiptSentAt) }) : t('receiptPending')}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
