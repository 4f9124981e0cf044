import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import { listClientsOfCoach } from '@/lib/account/service'
import { requireRole } from '@/lib/auth'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('coach'))('clientsTitle') }
}

export default async function CoachClientsPage() {
  const actor = await requireRole('coach')
  const clients = await listClientsOfCoach(getDb(), actor)
  const t = await getTranslations('coach')
  const td = await getTranslations('data.coach')
  const format = await getFormatter()
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium' })
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <PageTitle>{t('clientsTitle')}</PageTitle>
        <Link href="/coach/deletions" className="text-sm text-brand-800 underline">
          {td('receiptsLink')}
        </Link>
      </div>
      {clients.length === 0 ? (
        <EmptyState title={t('clientsTitle')} body={t('clientsEmpty')} />
      ) : (
        <DataTable columns={[t('clientName'), t('clientEmail'), t('clientSince')]}>
          {clients.map((c) => (
            <Row key={c.id}>
              <Cell className="font-medium">
                <Link href={`/coach/clients/${c.id}`} className="text-brand-800 underline">
                  {c.deletedAt ? td('deleted') : c.name}
                </Link>
              </Cell>
              {/* R10.2: a deleted account has no address left; the list says so, with the date. */}
              <Cell data-testid={c.deletedAt ? 'client-deleted' : undefined}>
                {c.deletedAt ? td('deletedOn', { date: date(c.deletedAt) }) : c.email}
              </Cell>
              <Cell>{date(c.createdAt)}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </div>
  )
}
