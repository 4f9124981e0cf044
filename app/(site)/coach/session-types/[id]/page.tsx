import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { SessionTypeForm } from '@/components/bookings/offering-forms'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { rappenToInput } from '@/lib/money'
import { getSessionType } from '@/lib/bookings/offering'
import { orNotFound } from '@/lib/http/or-not-found'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('schedule'))('sessionTypes.edit') }
}

export default async function EditSessionTypePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireRole('coach')
  const { id } = await params
  if (!z.uuid().safeParse(id).success) notFound()
  const type = await orNotFound(getSessionType(getDb(), actor, id))
  const t = await getTranslations('schedule.sessionTypes')
  return (
    <div className="space-y-6">
      <BackLink href="/coach/session-types">{t('back')}</BackLink>
      <PageTitle>{t('edit')}</PageTitle>
      <Card className="max-w-3xl">
        <SessionTypeForm
          id={type.id}
          initial={{
            name: type.name,
            durationMinutes: String(type.durationMinutes),
            price: rappenToInput(type.priceRappen),
            mode: type.mode,
          }}
        />
      </Card>
    </div>
  )
}
