import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import { listOutboxFor } from '@/lib/account/dev-outbox'
import { requireActor } from '@/lib/auth'

export const metadata: Metadata = { title: 'E-Mail-Ausgang' }

/** Signed in only (issue 16.5): the coach sees every mail, a client the mails to themselves. */
export default async function OutboxPage() {
  const actor = await requireActor()
  const t = await getTranslations('outbox')
  const format = await getFormatter()
  const messages = await listOutboxFor(getDb(), actor)
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <p className="text-muted">{t('intro')}</p>
      {messages.length === 0 ? (
        <EmptyState title={t('title')} body={t('empty')} />
      ) : (
        <DataTable columns={[t('sentAt'), t('to'), t('subject'), t('template')]}>
          {messages.map((m) => (
            <Row key={m.id}>
              <Cell className="whitespace-nowrap">
                {format.dateTime(m.createdAt, { dateStyle: 'short', timeStyle: 'short' })}
              </Cell>
              <Cell>{m.toAddress}</Cell>
              <Cell>
                <Link href={`/dev/outbox/${m.id}`} className="text-brand-700 underline">
                  {m.subject}
                </Link>
              </Cell>
              <Cell>
                <code>{m.template}</code>
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </div>
  )
}
