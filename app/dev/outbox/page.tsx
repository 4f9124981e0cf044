import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { Card, PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { getDb } from '@/db/client'
import { listOutbox } from '@/lib/integrations/email'

export const metadata: Metadata = { title: 'E-Mail-Ausgang' }

export default async function OutboxPage() {
  const t = await getTranslations('outbox')
  const format = await getFormatter()
  const messages = await listOutbox(getDb())
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <p className="text-muted">{t('intro')}</p>
      {messages.length === 0 ? (
        <EmptyState title={t('title')} body={t('empty')} />
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="px-4 py-3">
                  {t('sentAt')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('to')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('subject')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('template')}
                </th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-3 whitespace-nowrap">
                    {format.dateTime(m.createdAt, { dateStyle: 'short', timeStyle: 'short' })}
                  </td>
                  <td className="px-4 py-3">{m.toAddress}</td>
                  <td className="px-4 py-3">
                    <Link href={`/dev/outbox/${m.id}`} className="text-brand-700 underline">
                      {m.subject}
                    </Link>
                  </td>
                  <td className="px-4 py-3">
                    <code>{m.template}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  )
}
