import type { Metadata } from 'next'
import { getFormatter, getTranslations } from 'next-intl/server'
import { Card, PageTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
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
  const format = await getFormatter()
  return (
    <div className="space-y-6">
      <PageTitle>{t('clientsTitle')}</PageTitle>
      {clients.length === 0 ? (
        <EmptyState title={t('clientsTitle')} body={t('clientsEmpty')} />
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="px-4 py-3">
                  {t('clientName')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('clientEmail')}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t('clientSince')}
                </th>
              </tr>
            </thead>
            <tbody>
              {clients.map((c) => (
                <tr key={c.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-3 font-medium">{c.name}</td>
                  <td className="px-4 py-3">{c.email}</td>
                  <td className="px-4 py-3">{format.dateTime(c.createdAt, { dateStyle: 'medium' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  )
}
