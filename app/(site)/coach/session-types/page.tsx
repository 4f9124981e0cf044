import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { SessionTypeForm, ToggleSessionType } from '@/components/bookings/offering-forms'
import { ScheduleNav } from '@/components/bookings/schedule-nav'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { listSessionTypes } from '@/lib/bookings/offering'
import { formatChf } from '@/lib/money'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('schedule'))('sessionTypes.title') }
}

export default async function SessionTypesPage() {
  const actor = await requireRole('coach')
  const types = await listSessionTypes(getDb(), actor.userId)
  const t = await getTranslations('schedule.sessionTypes')
  return (
    <div className="space-y-6">
      <ScheduleNav />
      <div>
        <PageTitle>{t('title')}</PageTitle>
        <p className="mt-2 max-w-prose text-muted">{t('intro')}</p>
      </div>
      {types.length === 0 ? (
        <p className="text-muted">{t('empty')}</p>
      ) : (
        <DataTable
          label={t('title')}
          columns={[t('name'), t('duration'), t('price'), t('mode'), t('status'), t('actions')]}
        >
          {types.map((s) => (
            <Row key={s.id}>
              <Cell className="font-medium">
                <Link href={`/coach/session-types/${s.id}`} className="text-brand-800 underline">
                  {s.name}
                </Link>
              </Cell>
              <Cell>{t('minutes', { minutes: s.durationMinutes })}</Cell>
              <Cell>{formatChf(s.priceRappen)}</Cell>
              <Cell>{s.mode === 'video' ? t('modeVideo') : t('modeInPerson')}</Cell>
              <Cell>
                <Badge className={s.active ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-800'}>
                  {s.active ? t('active') : t('inactive')}
                </Badge>
              </Cell>
              <Cell>
                <ToggleSessionType id={s.id} active={s.active} name={s.name} />
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Card aria-labelledby="new-type" className="max-w-3xl">
        <h2 id="new-type" className="mb-4 text-lg font-semibold">
          {t('new')}
        </h2>
        <SessionTypeForm initial={{ name: '', durationMinutes: '60', price: '', mode: 'video' }} />
      </Card>
    </div>
  )
}
